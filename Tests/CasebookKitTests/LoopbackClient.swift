import Foundation
import Testing
@testable import CasebookKit

/// A client that speaks HTTP by hand over a socket to 127.0.0.1, so that tests can send what no
/// browser would (unnormalised paths, endless lines, half requests) and see exactly what comes back.
/// Every read and write gives up after `timeout`, so a stalled server fails a test instead of hanging it.
final class LoopbackClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let socket: Int32
    private var received: [UInt8] = []

    init(port: Int, timeout: Double = 10) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int(timeout.truncatingRemainder(dividingBy: 1) * 1_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    deinit { close(socket) }

    /// Sends every byte; false when the server closed the connection or stopped reading first.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Whether the server has sent something (or closed) that is not read yet; does not wait.
    func hasDataWaiting() -> Bool {
        var wait = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return !received.isEmpty || poll(&wait, 1, 0) > 0
    }

    /// `GET path` with the given Host (and any further header lines, each ending in CRLF).
    @discardableResult
    func get(_ path: String, host: String = "127.0.0.1", headers: String = "", close: Bool = true) -> Bool {
        send("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\(headers)\(close ? "Connection: close\r\n" : "")\r\n")
    }

    /// Reads one response: the head, then a body of its Content-Length, or up to the close when it
    /// has none. Nil when the connection closed or the time ran out before a whole head arrived.
    /// - Parameter bodyless: read the head only, as for an answer to HEAD.
    func response(bodyless: Bool = false) -> Response? {
        guard let end = readUntil(Array("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: received[..<end], as: UTF8.self)
        received.removeFirst(end + 4)
        var lines = head.components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if status == 101 || bodyless { return Response(status: status, headers: headers, body: []) }
        if let length = headers["content-length"].flatMap(Int.init) {
            while received.count < length, fill() {}
            let body = Array(received.prefix(length))
            received.removeFirst(body.count)
            return Response(status: status, headers: headers, body: body)
        }
        while fill() {}
        defer { received.removeAll() }
        return Response(status: status, headers: headers, body: received)
    }

    /// One WebSocket frame from the server: its opcode and payload (servers never mask).
    func frame() -> (opcode: UInt8, payload: [UInt8])? {
        while received.count < 2, fill() {}
        guard received.count >= 2 else { return nil }
        var length = Int(received[1] & 0x7F), start = 2
        if length == 126 {
            while received.count < 4, fill() {}
            guard received.count >= 4 else { return nil }
            length = Int(received[2]) << 8 | Int(received[3])
            start = 4
        }
        while received.count < start + length, fill() {}
        guard received.count >= start + length else { return nil }
        let frame = (received[0] & 0x0F, Array(received[start..<start + length]))
        received.removeFirst(start + length)
        return frame
    }

    /// Sends a masked client frame, as browsers must.
    @discardableResult
    func sendFrame(opcode: UInt8, _ payload: [UInt8]) -> Bool {
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        var frame: [UInt8] = [0x80 | opcode]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return send(frame)
    }

    /// True when the server closes the connection (an end of stream or a reset) within `seconds`;
    /// whatever it sends before is read and dropped.
    func isClosedByServer(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var wait = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000).rounded(.up))
            guard poll(&wait, 1, left) > 0 else { return false }
            let count = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count == 0 { return true }
            if count < 0, errno != EAGAIN, errno != EWOULDBLOCK { return true }
        }
    }

    private func readUntil(_ marker: [UInt8]) -> Int? {
        var from = 0
        while true {
            if received.count >= marker.count {
                for start in from...(received.count - marker.count) where received[start..<start + marker.count].elementsEqual(marker) {
                    return start
                }
                from = received.count - marker.count + 1
            }
            guard fill() else { return nil }
        }
    }

    /// Receives more bytes; false at the end of the stream, on an error or when the time runs out.
    private func fill() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        received += buffer[..<count]
        return true
    }
}

/// Events from a running preview, as they come.
final class PreviewEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [PreviewServer.Event] = []
    func add(_ event: PreviewServer.Event) { lock.withLock { events.append(event) } }
    var all: [PreviewServer.Event] { lock.withLock { events } }

    var address: URL? {
        all.lazy.compactMap { if case .listening(let url) = $0 { url } else { nil } }.first
    }
    var builds: Int { all.count { if case .built = $0 { true } else { false } } }
    var failures: [BuildFailure] { all.compactMap { if case .failed(let failure) = $0 { failure } else { nil } } }
}

/// A preview of a fixture site running on a free port of 127.0.0.1 until the test's end.
struct RunningPreview {
    let root: URL
    let output: URL
    let port: Int
    let events: PreviewEvents
    let session: PreviewSession

    static func start(_ fixture: String = "basic", limits: ServerLimits = ServerLimits()) async throws -> RunningPreview {
        let root = try Fixture.site(fixture)
        let output = root.appendingPathComponent("Preview")
        let events = PreviewEvents()
        var server = PreviewServer(builder: SiteBuilder(root: root, output: output), host: "127.0.0.1", port: 0)
        server.limits = limits
        let session = try server.start { events.add($0) }
        try await waitFor("the server to listen") { events.address != nil }
        let port = try #require(events.address?.port)
        return RunningPreview(root: root, output: output, port: port, events: events, session: session)
    }

    func stop() { session.stop() }
}

/// Waits for `condition`. The limit is generous: other suites running in parallel can keep every
/// core busy for seconds. How fast a page reloads is measured in the browser test, not here.
/// It sleeps on its thread rather than in the task: tests elsewhere in the run block the threads
/// of Swift's shared pool for many seconds, and a sleeping task would only be woken after them.
func waitFor(_ what: String, seconds: Double = 30, _ condition: () throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while try !condition() {
        #expect(Date() < deadline, "waited \(seconds)s for \(what)")
        if Date() >= deadline { return }
        usleep(20_000)
    }
}
