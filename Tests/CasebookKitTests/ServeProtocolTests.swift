import Foundation
import Testing
@testable import CasebookKit

@Suite struct SHA1Tests {
    private func hex(_ text: String) -> String {
        SHA1.digest(Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The vectors of FIPS 180-2 and RFC 3174, and lengths around the 64-byte block.
    @Test func digestsMatchThePublishedVectors() {
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(String(repeating: "a", count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        #expect(hex("The quick brown fox jumps over the lazy dog") == "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")
        #expect(hex(String(repeating: "a", count: 55)) == "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        #expect(hex(String(repeating: "a", count: 64)) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
    }

    @Test func theAcceptKeyIsTheOneOfRFC6455() {
        #expect(WebSocket.acceptKey(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}

@Suite struct RequestHeadTests {
    private func read(_ chunks: [String], limits: ServerLimits = ServerLimits()) -> [RequestHeadReader.Outcome] {
        var reader = RequestHeadReader(limits: limits)
        var outcomes: [RequestHeadReader.Outcome] = []
        for chunk in chunks {
            reader.receive(Array(chunk.utf8)[...])
            outcomes.append(reader.next())
        }
        return outcomes
    }

    private func status(_ outcome: RequestHeadReader.Outcome?) -> Int? {
        if case .refused(let status) = outcome { status.code } else { nil }
    }

    @Test func aHeadSplitAnywhereIsReadWhole() throws {
        let text = "GET /cases/a%20b.html?x=1 HTTP/1.1\r\nHost: localhost:8000\r\nConnection: keep-alive, Upgrade\r\n\r\n"
        let outcomes = read(text.map(String.init))
        #expect(outcomes.dropLast().allSatisfy { if case .incomplete = $0 { true } else { false } })
        guard case .complete(let head) = outcomes.last else { Issue.record("no head"); return }
        #expect(head.method == "GET")
        #expect(head.target == "/cases/a%20b.html?x=1")
        #expect(head.path == "/cases/a%20b.html")
        #expect(head.value(of: "host") == "localhost:8000")
        #expect(head.lists("upgrade", in: "connection"))
        #expect(head.keepsAlive)
    }

    @Test func pipelinedRequestsAreReadOneAfterTheOther() {
        var reader = RequestHeadReader(limits: ServerLimits())
        reader.receive(Array("GET /a HTTP/1.1\nHost: x\n\nGET /b HTTP/1.0\r\nHost: x\r\n\r\nGET /c".utf8)[...])
        guard case .complete(let first) = reader.next(), case .complete(let second) = reader.next() else { Issue.record("two heads"); return }
        #expect(first.target == "/a")
        #expect(second.target == "/b")
        #expect(!second.keepsAlive)
        guard case .incomplete = reader.next() else { Issue.record("the third is incomplete"); return }
        #expect(reader.takeRest() == Array("GET /c".utf8))
    }

    @Test func aHeadArrivingWholeButTooLargeIs431() {
        var limits = ServerLimits()
        limits.headBytes = 400
        let head = { (size: Int) in "GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: size - 23) + "\r\n\r\n" }
        #expect(head(401).utf8.count == 401)
        #expect(status(read([head(401)], limits: limits).last) == 431)
        if case .complete = read([head(400)], limits: limits).last {} else { Issue.record("a head of the limit's size is read") }
    }

    @Test(arguments: ["Content-Length: 0\r\nContent-Length: 44", "Content-Length: +0", "Content-Length: 0x10", "Content-Length: ",
                      "Content-Length: 4\r\nTransfer-Encoding: chunked"])
    func aBodyWhoseLengthIsNotPlainIsRefused(_ headers: String) {
        #expect(status(read(["GET / HTTP/1.1\r\nHost: a\r\n\(headers)\r\n\r\n"]).last) == 400)
    }

    @Test func aLengthOfZeroIsNoBody() {
        for length in ["0", "00"] {
            guard case .complete(let head) = read(["GET / HTTP/1.1\r\nContent-Length: \(length)\r\n\r\n"]).last else { Issue.record("length \(length)"); continue }
            #expect(!head.hasBody)
        }
    }

    @Test func aHeadHalfReadWhenOldRequestsAreDroppedIsReadWhole() {
        var reader = RequestHeadReader(limits: ServerLimits())
        reader.receive(Array(("GET /a HTTP/1.1\r\nHost: a\r\nX-Long: " + String(repeating: "x", count: 200) + "\r\n\r\nGET /b HTTP/1.1\r\nHo").utf8)[...])
        guard case .complete(let first) = reader.next() else { Issue.record("the first is whole"); return }
        #expect(first.target == "/a")
        guard case .incomplete = reader.next() else { Issue.record("the second is not whole yet"); return }
        // The answered request is now more than half of what is held: it is dropped here.
        reader.receive(Array("st: b\r\n\r\n".utf8)[...])
        guard case .complete(let second) = reader.next() else { Issue.record("the second is whole"); return }
        #expect(second.target == "/b" && second.value(of: "host") == "b")
        #expect(!reader.hasPartialRequest)
    }

    @Test func manyPipelinedRequestsInOnePieceAreEachRead() {
        var reader = RequestHeadReader(limits: ServerLimits())
        reader.receive(Array(String(repeating: "GET /a HTTP/1.1\r\nHost: a\r\n\r\n", count: 2000).utf8)[...])
        var count = 0
        while case .complete(let head) = reader.next() {
            #expect(head.target == "/a")
            count += 1
        }
        #expect(count == 2000)
        #expect(!reader.hasPartialRequest)
    }

    @Test func limitsAreAnsweredWithTheirStatus() {
        var limits = ServerLimits()
        limits.requestLineBytes = 100
        limits.headBytes = 400
        limits.headerCount = 5
        #expect(status(read(["GET /" + String(repeating: "a", count: 101)], limits: limits).last) == 414)
        #expect(status(read(["GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\n"], limits: limits).last) == 414)
        #expect(status(read(["GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 400)], limits: limits).last) == 431)
        #expect(status(read(["GET / HTTP/1.1\r\n" + String(repeating: "X: 1\r\n", count: 6)], limits: limits).last) == 431)
        if case .complete = read(["GET / HTTP/1.1\r\n" + String(repeating: "X: 1\r\n", count: 5) + "\r\n"], limits: limits).last {} else {
            Issue.record("five headers are allowed")
        }
    }

    @Test(arguments: ["GET / HTTP/1.1 \r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET http://x/ HTTP/1.1\r\n\r\n", "GET /\u{1} HTTP/1.1\r\n\r\n",
                      "GET / HTTP/1.1\r\n folded: x\r\n\r\n", "GET / HTTP/1.1\r\nName : x\r\n\r\n", "GET / HTTP/1.1\r\n: x\r\n\r\n",
                      "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n", "\r\n\r\n", "GET / FTP/1.0\r\n\r\n"])
    func malformedHeadsAre400(_ text: String) {
        #expect(status(read([text]).last) == 400)
    }

    @Test func otherVersionsAre505() {
        #expect(status(read(["GET / HTTP/2.0\r\n\r\n"]).last) == 505)
    }

    /// A long line that arrives a kilobyte at a time is read whole: the reader resumes where it
    /// stopped looking for the line's end (the loopback tests show others are not held up meanwhile).
    @Test func aLongLineArrivingInPiecesIsReadWhole() throws {
        var limits = ServerLimits()
        limits.requestLineBytes = 2 << 20
        limits.headBytes = 2 << 20
        var reader = RequestHeadReader(limits: limits)
        reader.receive(Array("GET /".utf8)[...])
        for _ in 0..<(1 << 20) / 1024 {
            reader.receive([UInt8](repeating: UInt8(ascii: "a"), count: 1024)[...])
            guard case .incomplete = reader.next() else { Issue.record("not yet complete"); return }
        }
        reader.receive(Array(" HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)[...])
        guard case .complete(let head) = reader.next() else { Issue.record("the head was not read"); return }
        #expect(head.target.utf8.count == 1 + (1 << 20))
        #expect(head.value(of: "host") == "localhost")
    }
}

@Suite struct AllowedHostsTests {
    @Test func thisComputersNamesWithAnyPortAreAllowed() {
        let hosts = AllowedHosts(listeningOn: "127.0.0.1")
        for host in ["localhost", "LOCALHOST:8000", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:65535", "localhost:"] {
            #expect(hosts.allows(host: host), "\(host)")
        }
        for host in ["", "example.org", "localhost.example.org", "127.0.0.1.nip.io", "127.0.0.2", "::1", "[::1]x", "localhost:80:80",
                     "localhost:8o", "localhost:1234567", "127.0.0.1 ", "192.168.1.5:8000"] {
            #expect(!hosts.allows(host: host), "\(host)")
        }
    }

    @Test func theAddressGivenWithHostIsAllowed() {
        #expect(AllowedHosts(listeningOn: "192.168.1.5").allows(host: "192.168.1.5:8000"))
        #expect(AllowedHosts(listeningOn: "fe80::1").allows(host: "[FE80::1]:8000"))
        #expect(!AllowedHosts(listeningOn: "192.168.1.5").allows(host: "192.168.1.6:8000"))
    }

    /// Listening on every address, the preview answers what other computers call it, and still
    /// no name that some web site could point at it.
    @Test(arguments: ["0.0.0.0", "::"])
    func everyAddressOfThisComputerIsAllowedWhenListeningOnAll(wildcard: String) {
        let hosts = AllowedHosts(listeningOn: wildcard)
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, 255)
        let hostName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for host in ["127.0.0.1:8000", "localhost", hostName + ":8000", hostName + ".local"] {
            #expect(hosts.allows(host: host), "\(host)")
        }
        for host in ["attacker.example:8000", "127.0.0.1.nip.io", "192.0.2.1"] {
            #expect(!hosts.allows(host: host), "\(host)")
        }
        #expect(hosts.names.count > 4, "the network cards' addresses: \(hosts.names)")
    }

    @Test func onlyThePagesOwnOriginOrNoneMayOpenTheSocket() {
        let hosts = AllowedHosts(listeningOn: "127.0.0.1")
        #expect(hosts.allows(origin: nil, host: "127.0.0.1:8000"))
        #expect(hosts.allows(origin: "http://127.0.0.1:8000", host: "127.0.0.1:8000"))
        #expect(hosts.allows(origin: "http://LocalHost:8000", host: "localhost:8000"))
        #expect(!hosts.allows(origin: "http://localhost:8000", host: "127.0.0.1:8000"))
        #expect(!hosts.allows(origin: "http://127.0.0.1:8001", host: "127.0.0.1:8000"))
        #expect(!hosts.allows(origin: "https://127.0.0.1:8000", host: "127.0.0.1:8000"))
        #expect(!hosts.allows(origin: "null", host: "127.0.0.1:8000"))
    }
}

@Suite struct WebSocketFrameTests {
    /// A client frame: masked, as RFC 6455 requires.
    private func clientFrame(_ first: UInt8, _ payload: [UInt8], masked: Bool = true) -> [UInt8] {
        let mask: [UInt8] = [1, 2, 3, 4]
        var frame = [first]
        switch payload.count {
        case ..<126: frame.append((masked ? 0x80 : 0) | UInt8(payload.count))
        default: frame += [(masked ? 0x80 : 0) | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        return frame + (masked ? mask + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] } : payload)
    }

    private func read(_ bytes: [UInt8]) -> WebSocketFrameReader.Outcome {
        var reader = WebSocketFrameReader(limits: ServerLimits())
        reader.receive(bytes)
        return reader.next()
    }

    @Test func framesArriveUnmaskedAndWhole() {
        var reader = WebSocketFrameReader(limits: ServerLimits())
        let bytes = clientFrame(0x89, Array("hi".utf8)) + clientFrame(0x88, [0x03, 0xE8])
        for byte in bytes.prefix(5) {
            reader.receive([byte])
            guard case .incomplete = reader.next() else { Issue.record("not whole yet"); return }
        }
        reader.receive(bytes.dropFirst(5))
        guard case .frame(.ping, let ping) = reader.next(), case .frame(.close, let close) = reader.next() else { Issue.record("ping, close"); return }
        #expect(ping == Array("hi".utf8))
        #expect(close == [0x03, 0xE8])
    }

    @Test func brokenOrOversizedFramesCloseTheConnection() {
        let tooBig = [0x81, 0x80 | 127] + [UInt8](repeating: 0xFF, count: 8)
        for (bytes, code) in [(clientFrame(0x81, [1], masked: false), 1002), (clientFrame(0xC1, [1]), 1002), (clientFrame(0x83, [1]), 1002),
                              (clientFrame(0x09, []), 1002), (clientFrame(0x89, [UInt8](repeating: 0, count: 126)), 1002),
                              (clientFrame(0x81, [UInt8](repeating: 0, count: 5000)), 1009), (tooBig, 1009)] as [([UInt8], UInt16)] {
            guard case .violation(let found) = read(bytes) else { Issue.record("no violation for \(bytes.prefix(4))"); continue }
            #expect(found == code)
        }
    }

    @Test func aStreamOfTinyFramesInPiecesIsReadFrameByFrame() {
        var reader = WebSocketFrameReader(limits: ServerLimits())
        let stream = Array((0..<50_000).map { clientFrame(0x81, [UInt8($0 % 251)]) }.joined())
        var payloads: [UInt8] = []
        for start in stride(from: 0, to: stream.count, by: 65_536) {
            reader.receive(stream[start..<min(start + 65_536, stream.count)])
            while case .frame(.text, let payload) = reader.next() { payloads += payload }
        }
        #expect(payloads == (0..<50_000).map { UInt8($0 % 251) })
    }

    @Test func fragmentsGoOnAMessageBegunWithControlFramesBetween() {
        var reader = WebSocketFrameReader(limits: ServerLimits())
        reader.receive(clientFrame(0x01, [1]) + clientFrame(0x89, []) + clientFrame(0x80, [2]) + clientFrame(0x81, [3]))
        var opcodes: [WebSocket.Opcode] = []
        while case .frame(let opcode, _) = reader.next() { opcodes.append(opcode) }
        #expect(opcodes == [.text, .ping, .continuation, .text])
        // A fragment with no message begun, and a new message before the last one ended, break the protocol.
        guard case .violation(1002) = read(clientFrame(0x80, [1])) else { Issue.record("a stray fragment"); return }
        var interrupted = WebSocketFrameReader(limits: ServerLimits())
        interrupted.receive(clientFrame(0x01, [1]) + clientFrame(0x81, [2]))
        guard case .frame = interrupted.next(), case .violation(1002) = interrupted.next() else { Issue.record("a message cut short"); return }
    }

    @Test func aMessageInFragmentsIsHeldToTheLimitAsAWhole() {
        var reader = WebSocketFrameReader(limits: ServerLimits())
        let piece = [UInt8](repeating: 7, count: 3000)
        reader.receive(clientFrame(0x01, piece) + clientFrame(0x00, piece))
        guard case .frame(.text, _) = reader.next() else { Issue.record("the first fragment is within the limit"); return }
        guard case .violation(1009) = reader.next() else { Issue.record("the message is over the limit"); return }
    }

    @Test func serverFramesCarryTheirLength() {
        #expect(WebSocket.frame(.text, Array("hi".utf8)) == [0x81, 2, 0x68, 0x69])
        #expect(WebSocket.frame(.text, [UInt8](repeating: 0, count: 300)).prefix(4) == [0x81, 126, 1, 44])
        #expect(WebSocket.frame(.text, [UInt8](repeating: 0, count: 70000)).prefix(10) == [0x81, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70])
    }
}

@Suite struct ConnectionTests {
    /// Thousands of small frames queued at once (pongs to a flood of pings) go out whole and in
    /// order, and a large body after them too.
    @Test func manySmallPiecesAndALargeOneAreSentInOrder() throws {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer { close(ends[1]) }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        let now = ContinuousClock.now
        let connection = Connection(socket: ends[0], limits: ServerLimits(), now: now)
        defer { connection.disconnect() }
        var expected: [UInt8] = []
        for number in 0..<30_000 {
            let frame = WebSocket.frame(.pong, [UInt8(number % 256)])
            connection.queue(frame, now: now)
            expected += frame
        }
        let large = Data((0..<300_000).map { UInt8($0 % 251) })
        connection.queue([large], now: now)
        expected += large
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while connection.isSending {
            #expect(connection.flush(now: now))
            while true {
                let count = recv(ends[1], &buffer, buffer.count, Int32(MSG_DONTWAIT))
                guard count > 0 else { break }
                received += buffer[..<count]
            }
        }
        #expect(received == expected)
    }
}
