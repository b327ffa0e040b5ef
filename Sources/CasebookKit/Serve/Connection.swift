import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client's connection as the server's loop holds it: the socket, what was received and not
/// yet understood, what is still to be sent, and when the connection runs out of time.
/// Only the loop's thread touches it.
final class Connection {
    enum Mode {
        /// Waiting for a request head or reading one; answers go out one at a time.
        case http
        /// A live-reload WebSocket: the page's frames are read, build states are sent.
        case webSocket
        /// Refused or done: what is left is sent, then what the client still sends is dropped until
        /// it closes, so that it reads the answer instead of a reset.
        case finishing
    }

    /// -1 once closed.
    private(set) var socket: Int32
    var mode = Mode.http
    var head: RequestHeadReader
    var frames: WebSocketFrameReader
    /// When the connection is closed unless something happens first; nil while a WebSocket is idle.
    var deadline: ContinuousClock.Instant?
    /// When it began waiting for its current request: the longest waiting is closed first when
    /// the server needs room.
    private(set) var waitingSince: ContinuousClock.Instant
    /// Bytes dropped while finishing.
    var dropped = 0
    /// What is still to be sent, and how much of the first piece is sent. A file's body stays a
    /// piece of its own (its mapping); small pieces (heads, frames) are joined onto the one before,
    /// so that thousands of pongs are a few pieces, not thousands.
    private var output: [Data] = []
    private var sent = 0
    /// The bytes queued and not yet sent.
    private var backlog = 0
    /// Pieces up to this size are joined onto a small piece before them.
    private static let joinedSize = 64 * 1024
    private let limits: ServerLimits

    init(socket: Int32, limits: ServerLimits, now: ContinuousClock.Instant) {
        self.socket = socket
        self.limits = limits
        head = RequestHeadReader(limits: limits)
        frames = WebSocketFrameReader(limits: limits)
        waitingSince = now
        deadline = now + limits.requestTimeout
    }

    var isSending: Bool { !output.isEmpty }

    /// Whether little is waiting to be sent to a WebSocket's page: only then is what it sends read,
    /// so that a page that sends pings and reads no pongs is sent no more of them.
    var takesFrames: Bool { backlog <= limits.webSocketBacklogBytes }

    /// Waiting for the next request with nothing to send: a connection that may be closed for room.
    var isIdle: Bool { mode == .finishing || (mode == .http && !isSending) }

    /// The `poll` events this connection waits for.
    var events: Int16 {
        switch mode {
        case .webSocket: (takesFrames ? Int16(POLLIN) : 0) | (isSending ? Int16(POLLOUT) : 0)
        case .http, .finishing: isSending ? Int16(POLLOUT) : Int16(POLLIN)
        }
    }

    /// Adds bytes to send; from now the client has `writeTimeout` to read them.
    func queue(_ pieces: [Data], now: ContinuousClock.Instant) {
        if !isSending { deadline = now + limits.writeTimeout }
        for piece in pieces where !piece.isEmpty {
            backlog += piece.count
            if piece.count < Self.joinedSize, let last = output.indices.last, output[last].count < Self.joinedSize {
                output[last].append(piece)
            } else {
                output.append(piece)
            }
        }
    }

    func queue(_ bytes: [UInt8], now: ContinuousClock.Instant) { queue([Data(bytes)], now: now) }

    /// Sends what the socket takes now. Returns false when the connection is broken.
    func flush(now: ContinuousClock.Instant) -> Bool {
        while let piece = output.first {
            let count = piece.withUnsafeBytes { send(socket, $0.baseAddress! + sent, piece.count - sent, Socket.sendFlags) }
            guard count >= 0 else { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR }
            sent += count
            backlog -= count
            deadline = now + limits.writeTimeout
            guard sent == piece.count else { return true }
            output.removeFirst()
            sent = 0
        }
        finishedSending(now: now)
        return true
    }

    private func finishedSending(now: ContinuousClock.Instant) {
        (output, sent, backlog) = ([], 0, 0)
        switch mode {
        case .http:
            waitingSince = now
            deadline = now + limits.requestTimeout
        case .webSocket:
            deadline = nil
        case .finishing:
            shutdown(socket, Int32(SHUT_WR))
            deadline = now + limits.lingerTime
        }
    }

    /// Receives what has arrived into `scratch`, at most `limit` bytes. Returns the bytes, or nil
    /// when the client closed the connection or it broke.
    func receive(into scratch: inout [UInt8], limit: Int) -> ArraySlice<UInt8>? {
        let count = scratch.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, min(limit, $0.count), 0) }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return [] }
        return count > 0 ? scratch[..<count] : nil
    }

    func disconnect() {
        guard socket >= 0 else { return }
        close(socket)
        socket = -1
    }
}
