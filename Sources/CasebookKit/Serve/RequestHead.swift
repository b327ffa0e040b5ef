/// A request's line and headers. The preview answers GET and HEAD, which carry no body.
struct RequestHead: Sendable {
    var method: String
    /// As sent, still percent-encoded, with the query: `/cases/a%20b.html?x=1`.
    var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    var version: String
    /// Names in lower case and values without the spaces around them, in the order sent.
    var headers: [(name: String, value: String)]

    /// The target without its query.
    var path: String { String(target.prefix { $0 != "?" }) }

    /// The value of the header `name` (lower case), or nil when it was not sent.
    func value(of name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// Whether a comma-separated header such as `Connection` lists `token`, in any case.
    func lists(_ token: String, in name: String) -> Bool {
        headers.contains { $0.name == name && $0.value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == token } }
    }

    /// HTTP/1.1 keeps a connection open unless asked not to; HTTP/1.0 clients get one request each.
    var keepsAlive: Bool { version == "HTTP/1.1" && !lists("close", in: "connection") }

    /// A body follows the head. The preview reads none, so the connection cannot carry another request.
    var hasBody: Bool {
        value(of: "transfer-encoding") != nil || value(of: "content-length").map { $0.contains { $0 != "0" } } == true
    }

    /// Reads a head from its lines (without their line ends), or gives the status to refuse it with.
    static func parse(_ lines: [ArraySlice<UInt8>]) -> Result<RequestHead, HTTPStatus> {
        guard let first = lines.first else { return .failure(.badRequest) }
        let parts = first.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte),
              parts[1].first == UInt8(ascii: "/"), parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return .failure(.badRequest) }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(version.hasPrefix("HTTP/") ? .versionNotSupported : .badRequest)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            // A name must start the line (folded lines are obsolete) and meet its colon directly.
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[..<colon].allSatisfy(isTokenByte) else { return .failure(.badRequest) }
            let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            let trimmed = value.prefix(value.count - value.reversed().prefix { $0 == 0x20 || $0 == 0x09 }.count)
            guard trimmed.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else { return .failure(.badRequest) }
            headers.append((String(decoding: line[..<colon], as: UTF8.self).lowercased(), String(decoding: trimmed, as: UTF8.self)))
        }
        // Two Host headers, or two lengths of the body, could be read differently by two programs
        // (one takes a body for the next request): RFC 9112 requires a 400. So does a length that
        // is not digits alone, or one sent with Transfer-Encoding.
        guard headers.count(where: { $0.name == "host" }) <= 1 else { return .failure(.badRequest) }
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        guard lengths.count <= 1, lengths.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
              lengths.isEmpty || !headers.contains(where: { $0.name == "transfer-encoding" }) else { return .failure(.badRequest) }
        return .success(RequestHead(method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
                                    version: version, headers: headers))
    }

    /// The characters of a method or header name (RFC 9110 `tchar`).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: tokenSymbols.contains(byte)
        }
    }

    private static let tokenSymbols = Set("!#$%&'*+-.^_`|~".utf8)
}

/// Collects request heads from the bytes a connection receives, however they are split, within
/// `ServerLimits`. Each byte is looked at once, so a long line costs its length, not its square.
struct RequestHeadReader {
    enum Outcome {
        /// More bytes are needed.
        case incomplete
        case complete(RequestHead)
        /// The request is refused with this status; the connection should be closed after it.
        case refused(HTTPStatus)
    }

    private let limits: ServerLimits
    private var buffered: [UInt8] = []
    /// Where the head being read starts in `buffered`: the bytes before it were answered. They are
    /// dropped only once they are half of what is kept, so that a run of small pipelined requests
    /// is not moved once per request.
    private var headStart = 0
    /// Where the search for the next line end resumes.
    private var scanned = 0
    private var lineStart = 0
    /// The lines of the head so far, without their line ends.
    private var lines: [Range<Int>] = []

    init(limits: ServerLimits) {
        self.limits = limits
    }

    /// How many more bytes may be received before the head is too large to be one.
    var room: Int { max(0, limits.headBytes + 1 - (buffered.count - headStart)) }

    /// Whether part of a request has arrived.
    var hasPartialRequest: Bool { buffered.count > headStart }

    mutating func receive(_ bytes: ArraySlice<UInt8>) {
        if headStart > 0, headStart >= buffered.count / 2 {
            buffered.removeFirst(headStart)
            (scanned, lineStart) = (scanned - headStart, lineStart - headStart)
            lines = lines.map { ($0.lowerBound - headStart)..<($0.upperBound - headStart) }
            headStart = 0
        }
        buffered += bytes
    }

    /// The next head in what was received, if it is whole; the bytes after it stay for the next call.
    mutating func next() -> Outcome {
        while let newline = buffered[scanned...].firstIndex(of: 0x0A) {
            let end = newline > lineStart && buffered[newline - 1] == 0x0D ? newline - 1 : newline
            let line = lineStart..<end
            scanned = newline + 1
            lineStart = scanned
            if lines.isEmpty, line.count > limits.requestLineBytes { return .refused(.uriTooLong) }
            if line.isEmpty {
                // The head is whole, but it may have arrived in one piece larger than allowed.
                if scanned - headStart > limits.headBytes { return .refused(.headersTooLarge) }
                let parsed = RequestHead.parse(lines.map { buffered[$0] })
                (headStart, lines) = (scanned, [])
                switch parsed {
                case .success(let head): return .complete(head)
                case .failure(let status): return .refused(status)
                }
            }
            lines.append(line)
            if lines.count > limits.headerCount + 1 { return .refused(.headersTooLarge) }
        }
        scanned = buffered.count
        if lines.isEmpty, buffered.count - lineStart > limits.requestLineBytes { return .refused(.uriTooLong) }
        if buffered.count - headStart > limits.headBytes { return .refused(.headersTooLarge) }
        return .incomplete
    }

    /// What was received after the last head: after a WebSocket handshake, the first frames.
    mutating func takeRest() -> [UInt8] {
        defer { (buffered, headStart, scanned, lineStart, lines) = ([], 0, 0, 0, []) }
        return Array(buffered[headStart...])
    }
}
