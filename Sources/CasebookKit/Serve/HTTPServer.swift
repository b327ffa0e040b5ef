import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the site answers to a request.
enum Reply {
    case response(HTTPResponse)
    /// Turn the connection into a WebSocket with this accept key, and send `greeting` first.
    case webSocket(accept: String, greeting: String)
}

/// A small HTTP/1.1 server for the preview: one thread waits on every socket at once with `poll`,
/// so a client that is slow, silent or hostile holds up no one else, and each costs at most what
/// `ServerLimits` allows. It answers GET and HEAD without bodies, keeps connections alive, and
/// turns a request into a WebSocket when the site says so; `broadcast` sends a text to all of them.
///
/// Other threads only leave word for the loop (`stop`, `broadcast`) and wake it; the connections
/// belong to a `ServerLoop` that `serve` makes and that never leaves its thread.
final class HTTPServer: Sendable {
    /// The port listened on: the one asked for, or the one the system chose for port 0.
    let port: UInt16
    private let listener: Int32
    /// A pipe whose write end wakes the loop from `poll`.
    private let wakeUp: (read: Int32, write: Int32)
    private let limits: ServerLimits
    /// The open connections at most: the limit, or half the process's open-file limit when that is
    /// lower, so that builds still find files to open.
    private let capacity: Int
    private let respond: @Sendable (RequestHead) -> Reply
    private let mail = Locked(Mail())

    /// What other threads leave for the loop.
    private struct Mail {
        var stopping = false
        var broadcasts: [String] = []
    }

    /// Listens on `address`; requests are answered once `serve` runs.
    init(address: SocketAddress, limits: ServerLimits, respond: @escaping @Sendable (RequestHead) -> Reply) throws(POSIXError) {
        (listener, port) = try Socket.listening(on: address)
        var ends: [Int32] = [0, 0]
        guard Socket.pipe(&ends) == 0 else {
            close(listener)
            throw Socket.lastError()
        }
        wakeUp = (ends[0], ends[1])
        self.limits = limits
        self.respond = respond
        var files = rlimit()
        capacity = getrlimit(Socket.openFileLimit, &files) == 0 ? max(8, min(limits.maxConnections, Int(files.rlim_cur) / 2)) : limits.maxConnections
    }

    /// The pipe lives as long as the server, since `stop` and `broadcast` may come at any time.
    deinit {
        close(wakeUp.read)
        close(wakeUp.write)
    }

    func stop() {
        mail.withLock { $0.stopping = true }
        wake()
    }

    /// Sends `text` to every open WebSocket; from any thread.
    func broadcast(_ text: String) {
        mail.withLock { $0.broadcasts.append(text) }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeUp.write, &byte, 1)
    }

    /// Serves on the calling thread until `stop`, then closes every connection and the listening
    /// socket. Runs once.
    func serve() {
        let loop = ServerLoop(listener: listener, wakeUp: wakeUp.read, limits: limits, capacity: capacity, respond: respond)
        defer { close(listener) }
        while true {
            let (stop, texts) = mail.withLock { mail in
                defer { mail.broadcasts = [] }
                return (mail.stopping, mail.broadcasts)
            }
            if stop { break }
            loop.turn(sending: texts)
        }
        loop.closeAll()
    }
}

/// The connections of an `HTTPServer` and what is done with them: made by `serve` and used on its
/// thread only (it is not `Sendable`, so the compiler holds it there).
private final class ServerLoop {
    private let listener: Int32
    private let wakeUp: Int32
    private let limits: ServerLimits
    private let capacity: Int
    private let respond: @Sendable (RequestHead) -> Reply
    private var connections: [Connection] = []
    private var acceptPausedUntil: ContinuousClock.Instant?
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    init(listener: Int32, wakeUp: Int32, limits: ServerLimits, capacity: Int, respond: @escaping @Sendable (RequestHead) -> Reply) {
        (self.listener, self.wakeUp, self.limits, self.capacity, self.respond) = (listener, wakeUp, limits, capacity, respond)
    }

    /// Queues `texts` for every WebSocket, waits until a socket is ready or a deadline comes, and
    /// does what can be done.
    func turn(sending texts: [String]) {
        var now = ContinuousClock.now
        for text in texts {
            let frame = WebSocket.frame(.text, Array(text.utf8))
            for connection in connections where connection.mode == .webSocket { connection.queue(frame, now: now) }
        }

        let accepting = acceptPausedUntil.map { now >= $0 } ?? true
        var waits = [pollfd(fd: wakeUp, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: accepting ? listener : -1, events: Int16(POLLIN), revents: 0)]
        waits += connections.map { pollfd(fd: $0.socket, events: $0.events, revents: 0) }
        let nextDeadline = (connections.compactMap(\.deadline) + [acceptPausedUntil].compactMap { $0 }).min()
        _ = poll(&waits, nfds_t(waits.count), Self.milliseconds(until: nextDeadline, from: now))
        now = ContinuousClock.now

        if waits[0].revents != 0 { while read(wakeUp, &scratch, scratch.count) > 0 {} }
        for (connection, wait) in zip(connections, waits.dropFirst(2)) where wait.revents != 0 {
            if !handle(wait.revents, on: connection, now: now) { connection.disconnect() }
        }
        for connection in connections where connection.socket >= 0 && connection.deadline.map({ now >= $0 }) == true {
            if !expire(connection, now: now) { connection.disconnect() }
        }
        connections.removeAll { $0.socket < 0 }
        if waits[1].revents != 0 {
            acceptPausedUntil = acceptConnections(now: now) ? nil : now + .milliseconds(100)
        }
    }

    func closeAll() {
        connections.forEach { $0.disconnect() }
        connections = []
    }

    /// Takes every waiting connection. Returns false when the system refused (out of files):
    /// accepting then pauses briefly instead of spinning.
    private func acceptConnections(now: ContinuousClock.Instant) -> Bool {
        while true {
            let socket = Socket.accept(listener)
            guard socket >= 0 else { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED }
            if connections.count >= capacity {
                // Room is made by closing the connection that has waited longest for a request;
                // when every connection is busy, the new one is closed instead.
                guard let oldest = connections.filter(\.isIdle).min(by: { $0.waitingSince < $1.waitingSince }) else {
                    close(socket)
                    continue
                }
                oldest.disconnect()
                connections.removeAll { $0 === oldest }
            }
            connections.append(Connection(socket: socket, limits: limits, now: now))
        }
    }

    /// Writes and reads as `poll` says the socket is ready to. Returns false to close the connection.
    private func handle(_ events: Int16, on connection: Connection, now: ContinuousClock.Instant) -> Bool {
        if connection.isSending {
            guard connection.flush(now: now) else { return false }
            if connection.mode == .http, !connection.isSending { answerRequests(on: connection, now: now) }
            // Frames held back while the page had too much to read.
            if connection.mode == .webSocket { readFrames(on: connection, now: now) }
            // Only a WebSocket reads while it has something to send.
            guard connection.mode == .webSocket, events & Int16(POLLIN) != 0 else { return true }
        }
        switch connection.mode {
        case .http:
            guard let bytes = connection.receive(into: &scratch, limit: max(1, connection.head.room)) else { return false }
            connection.head.receive(bytes)
            answerRequests(on: connection, now: now)
        case .webSocket:
            guard let bytes = connection.receive(into: &scratch, limit: scratch.count) else { return false }
            connection.frames.receive(bytes)
            readFrames(on: connection, now: now)
        case .finishing:
            guard let bytes = connection.receive(into: &scratch, limit: scratch.count) else { return false }
            connection.dropped += bytes.count
            return connection.dropped <= limits.lingerBytes
        }
        return true
    }

    /// Answers the requests received whole, one at a time: the next only once this answer is sent.
    private func answerRequests(on connection: Connection, now: ContinuousClock.Instant) {
        while connection.mode == .http, !connection.isSending {
            switch connection.head.next() {
            case .incomplete:
                return
            case .refused(let status):
                refuse(connection, status, now: now)
            case .complete(let request):
                answer(request, on: connection, now: now)
            }
        }
    }

    private func answer(_ request: RequestHead, on connection: Connection, now: ContinuousClock.Instant) {
        switch respond(request) {
        case .response(let response):
            // A body is never read, so what follows the head is no request: the connection ends.
            let keepAlive = request.keepsAlive && !request.hasBody && !response.status.closesConnection
            connection.queue(response.encoded(withBody: request.method != "HEAD", keepAlive: keepAlive), now: now)
            if !keepAlive { connection.mode = .finishing }
        case .webSocket(let accept, let greeting):
            guard !request.hasBody else { return refuse(connection, .badRequest, now: now) }
            guard connections.count(where: { $0.mode == .webSocket }) < limits.maxWebSockets else {
                return refuse(connection, .serviceUnavailable, now: now)
            }
            connection.mode = .webSocket
            connection.frames.receive(connection.head.takeRest())
            connection.queue(WebSocket.switchingProtocols(accept: accept) + WebSocket.frame(.text, Array(greeting.utf8)), now: now)
            readFrames(on: connection, now: now)
        }
    }

    /// Answers with `status` and a line saying why, then closes the connection.
    private func refuse(_ connection: Connection, _ status: HTTPStatus, now: ContinuousClock.Instant) {
        let reason = switch status {
        case .uriTooLong: "the request line is longer than \(limits.requestLineBytes) bytes"
        case .headersTooLarge: "the request's headers are longer than \(limits.headBytes) bytes or \(limits.headerCount) lines"
        case .requestTimeout: "the request did not arrive whole within \(limits.requestTimeout)"
        case .serviceUnavailable: "too many pages are connected for live reload"
        case .versionNotSupported: "the preview speaks HTTP/1.1 and HTTP/1.0"
        default: "the request is malformed"
        }
        connection.queue(HTTPResponse.text(status, reason).encoded(withBody: true, keepAlive: false), now: now)
        connection.mode = .finishing
    }

    /// Acts on the frames a page sent: answers pings and closes, drops messages, and closes the
    /// connection on a broken or oversized frame.
    private func readFrames(on connection: Connection, now: ContinuousClock.Instant) {
        while connection.mode == .webSocket, connection.takesFrames {
            switch connection.frames.next() {
            case .incomplete:
                return
            case .frame(.ping, let payload):
                connection.queue(WebSocket.frame(.pong, payload), now: now)
            case .frame(.close, _):
                connection.queue(WebSocket.close(1000), now: now)
                connection.mode = .finishing
            case .frame:
                continue
            case .violation(let code):
                connection.queue(WebSocket.close(code), now: now)
                connection.mode = .finishing
            }
        }
    }

    /// When a connection's time is up: an unfinished request is answered 408; anything else is
    /// closed. Returns false to close it.
    private func expire(_ connection: Connection, now: ContinuousClock.Instant) -> Bool {
        guard connection.mode == .http, !connection.isSending, connection.head.hasPartialRequest else { return false }
        refuse(connection, .requestTimeout, now: now)
        return true
    }

    /// What `poll` waits at most: until the next deadline, and at least a millisecond so that a
    /// deadline just missed is not polled for in a busy loop.
    private static func milliseconds(until deadline: ContinuousClock.Instant?, from now: ContinuousClock.Instant) -> Int32 {
        guard let deadline else { return 1000 }
        let (seconds, attoseconds) = (deadline - now).components
        return Int32(clamping: max(1, min(1000, seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)))
    }
}
