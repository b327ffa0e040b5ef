import Foundation
import Testing
@testable import CasebookKit

/// `casebook serve` on a shared or hostile machine: every test runs a real preview on a free port of
/// 127.0.0.1 and plays a client that misbehaves, while a normal client must still be served.
@Suite(.serialized) struct ServeUnderAttackTests {
    /// Runs `body` on `count` threads of their own until `stop` is raised; returns that signal.
    private func hostileThreads(_ count: Int, _ body: @escaping @Sendable (StopSignal) -> Void) -> StopSignal {
        let stop = StopSignal()
        for _ in 0..<count { Thread.detachNewThread { while !stop.isRaised { body(stop) } } }
        return stop
    }

    /// The status of a normal page request, or nil when no whole answer came within 10 s. The
    /// attacks below held such a request up for 20 s or more, or until the server was stopped;
    /// the 10 s leave room for other tests keeping the cores busy.
    private func statusOfGet(_ path: String = "/index.html", port: Int) throws -> Int? {
        let client = try LoopbackClient(port: port, timeout: 10)
        client.get(path)
        return client.response()?.status
    }

    @Test func aRequestLineTooLongIs414AndHeadersTooLargeAre431() async throws {
        let preview = try await RunningPreview.start()
        defer { preview.stop() }

        let long = try LoopbackClient(port: preview.port)
        long.send("GET /" + String(repeating: "a", count: 200_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(long.response()?.status == 414)

        let large = try LoopbackClient(port: preview.port)
        large.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + String(repeating: "b", count: 100_000) + "\r\n\r\n")
        #expect(large.response()?.status == 431)

        let many = try LoopbackClient(port: preview.port)
        many.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + String(repeating: "X-A: 1\r\n", count: 1000) + "\r\n")
        #expect(many.response()?.status == 431)

        // A line that never ends is cut off as soon as it is too long, not read to its end.
        let endless = try LoopbackClient(port: preview.port)
        endless.send("GET /" + String(repeating: "c", count: 64 * 1024))
        #expect(endless.response()?.status == 414)

        #expect(try statusOfGet(port: preview.port) == 200)
    }

    @Test func clientsSendingEndlessJunkDoNotStallOthers() async throws {
        let preview = try await RunningPreview.start()
        defer { preview.stop() }
        let port = preview.port
        let junk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        let sending = Locked(0)
        // Two send 10 MB request lines, two 200 KB ones, over and over.
        let stop = hostileThreads(4) { stop in
            guard let client = try? LoopbackClient(port: port, timeout: 5) else { return }
            let megabytes = Int.random(in: 0..<2) == 0 ? 10 : 0
            _ = client.send("GET /")
            sending.withLock { $0 += 1 }
            if megabytes == 0 {
                _ = client.send(Array(junk.prefix(200_000)))
            } else {
                for _ in 0..<megabytes where !stop.isRaised { if !client.send(junk) { break } }
            }
            _ = client.response()
        }
        defer { stop.raise() }
        // The normal requests go only once junk is flowing on several connections.
        try await waitFor("the junk senders to connect") { sending.withLock { $0 } >= 8 }
        for _ in 0..<10 {
            #expect(try statusOfGet(port: port) == 200, "a normal request while others sent junk")
        }
    }

    /// A page that sends pings and reads no pongs: the server stops reading from it once its
    /// pongs wait unsent, so the page's writes block instead of the server's memory growing.
    @Test func aPageThatSendsPingsAndReadsNoPongsIsNoLongerRead() async throws {
        let preview = try await RunningPreview.start()
        defer { preview.stop() }
        let client = try LoopbackClient(port: preview.port, timeout: 2)
        client.send("GET /_casebook/live HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        #expect(client.response()?.status == 101)
        // Each send blocks for at most 2 s once the server no longer reads; before, it read on
        // and queued a pong for every ping, without end.
        let ping = [UInt8](repeating: 1, count: 125)
        var sent = 0
        while sent < 256 << 20, client.sendFrame(opcode: 0x9, ping) { sent += 131 }
        #expect(sent < 64 << 20, "the server read \(sent >> 20) MB of pings")
        #expect(try statusOfGet(port: preview.port) == 200)
    }

    @Test func aRequestNotFinishedInTimeIsAnswered408AndClosed() async throws {
        var limits = ServerLimits()
        limits.requestTimeout = .seconds(1)
        let preview = try await RunningPreview.start(limits: limits)
        defer { preview.stop() }

        // A byte every 200 ms keeps the connection busy, but the time for the whole request runs
        // out: the answer comes while the request is still unfinished, which only a limit on the
        // whole request (not one renewed by each byte) can give.
        let slow = try LoopbackClient(port: preview.port, timeout: 10)
        let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1234567890\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count - 1, !slow.hasDataWaiting(), slow.send([request[sent]]) {
            sent += 1
            usleep(200_000)
        }
        #expect(sent < request.count - 1, "the server waited for the whole trickled request")
        #expect(slow.response()?.status == 408)
        #expect(slow.isClosedByServer(within: 10))
    }

    @Test func idleAndHalfOpenConnectionsAreClosedAndDoNotKeepOthersOut() async throws {
        var limits = ServerLimits()
        limits.requestTimeout = .seconds(2)
        let preview = try await RunningPreview.start(limits: limits)
        defer { preview.stop() }

        var halfOpen: [LoopbackClient] = []
        for _ in 0..<200 {
            let client = try LoopbackClient(port: preview.port)
            client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            halfOpen.append(client)
        }
        let silent = try (0..<20).map { _ in try LoopbackClient(port: preview.port) }
        var keptAlive: [LoopbackClient] = []
        for _ in 0..<5 {
            let client = try LoopbackClient(port: preview.port)
            client.get("/index.html", close: false)
            #expect(client.response()?.status == 200)
            keptAlive.append(client)
        }
        #expect(try statusOfGet(port: preview.port) == 200, "a normal request beside 225 idle connections")

        for (index, client) in (halfOpen + silent + keptAlive).enumerated() {
            #expect(client.isClosedByServer(within: 15), "connection \(index) is still open")
        }
    }

    @Test func moreIdleConnectionsThanTheServerKeepsDoNotKeepOthersOut() async throws {
        var limits = ServerLimits()
        limits.maxConnections = 20
        // Far longer than a request may wait: only closing idle connections makes room in time.
        limits.requestTimeout = .seconds(60)
        let preview = try await RunningPreview.start(limits: limits)
        defer { preview.stop() }
        let halfOpen = try (0..<60).map { _ in
            let client = try LoopbackClient(port: preview.port)
            client.send("GET / HTTP/1.1\r\n")
            return client
        }
        #expect(try statusOfGet(port: preview.port) == 200)
        // The normal request was taken after all 60: to keep 20 at most, 41 or more were closed.
        let closed = halfOpen.count { $0.hasDataWaiting() }
        #expect(closed >= 41, "only \(closed) of the 60 idle connections were closed")
    }

    @Test func onlyRequestsForThisComputerAreAnswered() async throws {
        let preview = try await RunningPreview.start()
        defer { preview.stop() }
        let port = preview.port

        for host in ["127.0.0.1", "127.0.0.1:\(port)", "localhost", "localhost:\(port)", "LocalHost:80", "[::1]", "[::1]:\(port)"] {
            let client = try LoopbackClient(port: port)
            client.get("/index.html", host: host)
            #expect(client.response()?.status == 200, "Host: \(host)")
        }
        // What a page on another site gets after pointing its own name at 127.0.0.1 (DNS rebinding).
        for host in ["attacker.example", "attacker.example:\(port)", "127.0.0.1.attacker.example", "localhost.attacker.example:\(port)",
                     "127.0.0.2:\(port)", "[::2]:\(port)", "127.0.0.1:\(port)x", "127.0.0.1@attacker.example", ""] {
            let client = try LoopbackClient(port: port)
            client.get("/index.html", host: host)
            let response = client.response()
            #expect(response?.status == 421 || response?.status == 400, "Host: \(host)")
            #expect(response?.text.contains("live reload") == false, "Host: \(host)")
        }
        let noHost = try LoopbackClient(port: port)
        noHost.send("GET /index.html HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(noHost.response()?.status == 400)
    }

    /// Opens the live-reload WebSocket with the given Origin header (none when nil).
    private func openLiveReload(port: Int, origin: String?, host: String? = nil) throws -> (LoopbackClient, LoopbackClient.Response?) {
        let client = try LoopbackClient(port: port)
        client.send("GET /_casebook/live HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + (origin.map { "Origin: \($0)\r\n" } ?? "") + "\r\n")
        return (client, client.response())
    }

    @Test func onlyThePreviewsOwnPagesMayOpenTheLiveReloadSocket() async throws {
        let preview = try await RunningPreview.start()
        defer { preview.stop() }
        let port = preview.port
        // A failed build puts file paths and source lines into the socket's messages.
        let casePath = "Content/cases/time-bank.md"
        let original = try Fixture.read(casePath, in: preview.root)
        try Fixture.write(original.replacingOccurrences(of: "title: ", with: "title: [未闭合 "), to: casePath, in: preview.root)
        try await waitFor("the failure to be reported") { !preview.events.failures.isEmpty }

        for origin in ["http://attacker.example", "http://127.0.0.1:\(port + 1)", "http://localhost:\(port)", "https://127.0.0.1:\(port)",
                       "null", "http://127.0.0.1:\(port).attacker.example"] {
            let (client, response) = try openLiveReload(port: port, origin: origin)
            #expect(response?.status == 403, "Origin: \(origin)")
            #expect(client.isClosedByServer(within: 10), "Origin: \(origin)")
        }

        for origin in ["http://127.0.0.1:\(port)", nil] {
            let (client, response) = try openLiveReload(port: port, origin: origin)
            #expect(response?.status == 101, "Origin: \(origin ?? "none")")
            #expect(response?.headers["sec-websocket-accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
            let greeting = try #require(client.frame())
            #expect(greeting.opcode == 1)
            #expect(String(decoding: greeting.payload, as: UTF8.self).contains(casePath))
        }
        let (_, fromLocalhost) = try openLiveReload(port: port, origin: "http://localhost:\(port)", host: "localhost:\(port)")
        #expect(fromLocalhost?.status == 101)
    }
}

/// The preview's folder and the build's output belong to the user who runs casebook.
@Suite struct OutputOwnershipTests {
    @Test func thePreviewFolderIsTheUsersOwn() throws {
        let temporary = try Fixture.scratchFolder()
        let root = try Fixture.site("basic")
        let output = try PreviewServer.defaultOutput(for: root, in: temporary)
        let own = output.deletingLastPathComponent()
        #expect(own.lastPathComponent.contains(String(getuid())))
        #expect(own.deletingLastPathComponent().standardizedFileURL.path == temporary.standardizedFileURL.path)
        var status = stat()
        #expect(lstat(own.path, &status) == 0)
        #expect(status.st_uid == geteuid())
        #expect(status.st_mode & 0o7777 == 0o700)
        #expect(try PreviewServer.defaultOutput(for: root, in: temporary) == output, "the same folder each time")
    }

    @Test func aPlantedPreviewFolderIsRefused() throws {
        let root = try Fixture.site("basic")
        let name = "casebook-\(getuid())"

        let linked = try Fixture.scratchFolder()
        try FileManager.default.createSymbolicLink(atPath: linked.appendingPathComponent(name).path, withDestinationPath: linked.path)
        #expect(throws: Diagnostic.self) { try PreviewServer.defaultOutput(for: root, in: linked) }
        do {
            _ = try PreviewServer.defaultOutput(for: root, in: linked)
        } catch {
            #expect(error.message.contains(linked.appendingPathComponent(name).path))
            #expect(error.hint?.contains("--output") == true)
        }

        let open = try Fixture.scratchFolder()
        try FileManager.default.createDirectory(at: open.appendingPathComponent(name), withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o777])
        chmod(open.appendingPathComponent(name).path, 0o777)
        #expect(throws: Diagnostic.self) { try PreviewServer.defaultOutput(for: root, in: open) }
    }

    /// Someone else's folder needs a second user to make it: only root can hand a folder to another.
    @Test(.enabled(if: geteuid() == 0)) func foldersOfAnotherUserAreRefusedByServeAndBuild() async throws {
        let nobody: uid_t = 65534
        let root = try Fixture.site("basic")
        let temporary = try Fixture.scratchFolder()
        let planted = temporary.appendingPathComponent("casebook-\(getuid())")
        try FileManager.default.createDirectory(at: planted, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        #expect(chown(planted.path, nobody, gid_t(nobody)) == 0)
        do {
            _ = try PreviewServer.defaultOutput(for: root, in: temporary)
            Issue.record("a preview folder of another user was used")
        } catch {
            #expect(error.message.contains(planted.path))
            #expect(error.message.contains("another user"))
        }

        // An output folder that another user made, with a page of theirs in it.
        let output = root.appendingPathComponent("Public")
        try Fixture.write(SiteWriter.markerText, to: SiteWriter.markerName, in: output)
        try Fixture.write("<script>planted()</script>", to: "index.html", in: output)
        #expect(chown(output.path, nobody, gid_t(nobody)) == 0)
        #expect(throws: BuildFailure.self) { try SiteBuilder(root: root, output: output).build() }
        #expect(try Fixture.read("index.html", in: output).contains("planted"), "nothing was built into it")

        let events = PreviewEvents()
        let server = PreviewServer(builder: SiteBuilder(root: root, output: output), host: "127.0.0.1", port: 0)
        await #expect(throws: Diagnostic.self) { try await server.run { events.add($0) } }
        #expect(events.address == nil, "the preview did not start")
    }
}

/// `casebook serve` as a process of its own, stopped by a signal.
@Suite struct ServeSignalTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func serveStopsAtOnceOnASignal(signal: Int32) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixture.tool.path), "build the casebook tool first")
        let root = try Fixture.site("basic")
        let process = Process()
        let pipe = Pipe()
        process.executableURL = Fixture.tool
        process.environment = Fixture.environment(.english)
        process.arguments = ["serve", "--root", root.path, "--port", "0", "--output", root.appendingPathComponent("Preview").path]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Read without blocking, so that a preview that never says it listens fails the test.
        var printed = ""
        let output = pipe.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(60)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !printed.contains("(Ctrl-C to stop)"), Date() < deadline {
            var wait = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&wait, 1, 100) >= 0 else { break }
            guard wait.revents != 0 else { continue }
            let count = read(output, &buffer, buffer.count)
            guard count > 0 else { break }
            printed += String(decoding: buffer[..<count], as: UTF8.self)
        }
        let port = try #require(printed.firstMatch(of: #/127\.0\.0\.1:(\d+)/#).flatMap { Int($0.1) })
        // A page open with its live-reload socket, a half-sent request and a client sending junk.
        let page = try LoopbackClient(port: port)
        page.send("GET /_casebook/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        #expect(page.response()?.status == 101)
        let half = try LoopbackClient(port: port)
        half.send("GET / HTTP/1.1\r\n")
        let junk = try LoopbackClient(port: port)
        junk.send("GET /" + String(repeating: "x", count: 100_000))

        let start = Date()
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        // The clients could hold it for the 10 s of the request timeout; it does not wait for them.
        #expect(seconds < 5, "stopping took \(seconds)s")
        #expect(process.terminationStatus == 128 + signal)
    }
}
