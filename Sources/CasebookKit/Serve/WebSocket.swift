import Foundation

/// The WebSocket protocol (RFC 6455) as far as live reload needs it: the handshake, text frames
/// from the server, and the few frames a page sends (close, ping, and messages that are dropped).
enum WebSocket {
    enum Opcode: UInt8 {
        case continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA
    }

    /// The key for `Sec-WebSocket-Accept`: proof to the browser that the server read its request.
    static func acceptKey(for key: String) -> String {
        Data(SHA1.digest(Array((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
    }

    /// The accept key for a well-formed handshake request, or the response that refuses it.
    static func handshake(_ request: RequestHead) -> Result<String, HTTPResponse> {
        guard request.lists("websocket", in: "upgrade"), request.lists("upgrade", in: "connection") else {
            return .failure(.text(.upgradeRequired, "this address is for the live-reload WebSocket", headers: [("Upgrade", "websocket")]))
        }
        guard request.value(of: "sec-websocket-version") == "13" else {
            return .failure(.text(.upgradeRequired, "WebSocket version 13 only", headers: [("Sec-WebSocket-Version", "13")]))
        }
        guard let key = request.value(of: "sec-websocket-key"), Data(base64Encoded: key)?.count == 16 else {
            return .failure(.text(.badRequest, "Sec-WebSocket-Key must be 16 bytes in base64"))
        }
        return .success(acceptKey(for: key))
    }

    /// The answer that turns the connection into a WebSocket.
    static func switchingProtocols(accept: String) -> [UInt8] {
        Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: \(accept)\r\n\r\n".utf8)
    }

    /// A whole message from the server in one frame; servers never mask.
    static func frame(_ opcode: Opcode, _ payload: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [0x80 | opcode.rawValue]
        switch payload.count {
        case ..<126: frame.append(UInt8(payload.count))
        case ...0xFFFF: frame += [126] + (0..<2).map { UInt8(truncatingIfNeeded: payload.count >> (8 - 8 * $0)) }
        default: frame += [127] + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(payload.count) >> (56 - 8 * $0)) }
        }
        return frame + payload
    }

    /// A close frame with its status code: 1000 normal, 1002 protocol error, 1009 too big.
    static func close(_ code: UInt16) -> [UInt8] {
        frame(.close, [UInt8(code >> 8), UInt8(code & 0xFF)])
    }
}

/// Reads the frames a page sends, unmasked, from the bytes its connection receives, refusing any
/// larger than `ServerLimits.webSocketMessageBytes` before its payload arrives.
struct WebSocketFrameReader {
    enum Outcome {
        case incomplete
        case frame(WebSocket.Opcode, [UInt8])
        /// The page broke the protocol; the connection is closed with this code.
        case violation(UInt16)
    }

    private let limit: Int
    private var buffered: [UInt8] = []
    /// Where the next frame starts in `buffered`. Frames read are dropped only once they are half
    /// of what is kept, so that a stream of tiny frames is not moved once per frame.
    private var frameStart = 0
    /// The bytes of the message being sent in fragments so far; nil between messages.
    private var messageBytes: Int?

    init(limits: ServerLimits) {
        limit = limits.webSocketMessageBytes
    }

    mutating func receive(_ bytes: some Collection<UInt8>) {
        if frameStart > 0, frameStart >= buffered.count / 2 {
            buffered.removeFirst(frameStart)
            frameStart = 0
        }
        buffered += bytes
    }

    /// The next whole frame received, if there is one.
    mutating func next() -> Outcome {
        let buffered = self.buffered[frameStart...]
        guard buffered.count >= 2 else { return .incomplete }
        let base = buffered.startIndex
        let (first, second) = (buffered[base], buffered[base + 1])
        // Extension bits unset, and masked, as RFC 6455 requires of every client frame.
        guard first & 0x70 == 0, second & 0x80 != 0, let opcode = WebSocket.Opcode(rawValue: first & 0x0F) else { return .violation(1002) }
        var length = Int(second & 0x7F), start = base + 2
        if length >= 126 {
            let bytes = length == 126 ? 2 : 8
            guard buffered.count >= 2 + bytes else { return .incomplete }
            let declared = buffered[(base + 2)..<(base + 2 + bytes)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard declared <= UInt64(limit) else { return .violation(1009) }
            (length, start) = (Int(declared), base + 2 + bytes)
        }
        if opcode.rawValue >= 0x8, length > 125 || first & 0x80 == 0 { return .violation(1002) }
        guard length <= max(limit, 125) else { return .violation(1009) }
        guard buffered.endIndex >= start + 4 + length else { return .incomplete }
        // A message in fragments is held to the limit as a whole, as one frame is. A fragment
        // goes on a message begun, and only a fragment does (control frames may come between).
        if opcode.rawValue < 0x8 {
            guard (opcode == .continuation) == (messageBytes != nil) else { return .violation(1002) }
            let total = (messageBytes ?? 0) + length
            guard total <= limit else { return .violation(1009) }
            messageBytes = first & 0x80 != 0 ? nil : total
        }
        let mask = buffered[start..<start + 4]
        let payload = buffered[(start + 4)..<(start + 4 + length)].enumerated().map { $0.element ^ mask[start + $0.offset % 4] }
        frameStart = start + 4 + length
        return .frame(opcode, payload)
    }
}
