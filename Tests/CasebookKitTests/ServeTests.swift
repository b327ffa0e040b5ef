import Foundation
import Testing
@testable import CasebookKit

@Suite struct SiteFilesTests {
    /// A site folder with a page, a subfolder, a hidden file, and links leading in and out.
    private func site() throws -> (files: SiteFiles, folder: URL, outside: URL) {
        let scratch = try Fixture.scratchFolder()
        let folder = scratch.appendingPathComponent("Public")
        try Fixture.write("<p>home</p>", to: "index.html", in: folder)
        try Fixture.write("<p>case</p>", to: "cases/a b.html", in: folder)
        try Fixture.write("<p>cases</p>", to: "cases/index.html", in: folder)
        try Fixture.write("cache", to: ".casebook-cache", in: folder)
        try Fixture.write("secret", to: "secret.txt", in: scratch)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out.txt").path,
                                                   withDestinationPath: scratch.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("up").path, withDestinationPath: scratch.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("home.html").path, withDestinationPath: "index.html")
        return (SiteFiles(folder: folder), folder, scratch)
    }

    @Test func pagesAndFoldersAreFound() throws {
        let (files, folder, _) = try site()
        // As the system resolves it (on macOS the temporary folder is below /private).
        let real = URL(fileURLWithPath: try #require(realpath(folder.path, nil).map { String(cString: $0) }))
        #expect(files.file(for: "/")?.path == real.appendingPathComponent("index.html").path)
        #expect(files.file(for: "/cases/")?.path == real.appendingPathComponent("cases/index.html").path)
        #expect(files.file(for: "/cases/a%20b.html")?.path == real.appendingPathComponent("cases/a b.html").path)
        #expect(files.file(for: "//cases//a%20b.html")?.lastPathComponent == "a b.html")
        // A link that stays inside the site is followed.
        #expect(files.file(for: "/home.html")?.lastPathComponent == "index.html")
        #expect(files.file(for: "/missing.html") == nil)
    }

    @Test(arguments: ["/../secret.txt", "/cases/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                      "/cases/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/out.txt", "/up/secret.txt",
                      "/.casebook-cache", "/cases/%00.html", "secret.txt", "/%", "/%zz"])
    func nothingOutsideTheSiteIsFound(_ path: String) throws {
        let (files, _, _) = try site()
        #expect(files.file(for: path) == nil)
    }

    @Test func aLinkToAHiddenFileOfTheSiteFindsNothing() throws {
        let (files, folder, _) = try site()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("visible-cache").path, withDestinationPath: ".casebook-cache")
        #expect(files.file(for: "/visible-cache") == nil)
    }

    @Test func aPathDeeperThanAnySiteIsNotLookedUp() throws {
        let (files, folder, _) = try site()
        let deepest = String(repeating: "a/", count: SiteFiles.maximumDepth)
        try Fixture.write("<p>deep</p>", to: deepest + "index.html", in: folder)
        try Fixture.write("<p>deeper</p>", to: deepest + "a/index.html", in: folder)
        #expect(files.file(for: "/" + deepest)?.lastPathComponent == "index.html")
        #expect(files.file(for: "/" + deepest + "index.html")?.lastPathComponent == "index.html")
        #expect(files.file(for: "/" + deepest + "a/index.html") == nil)
    }

    /// The preview's folder is made by its first build, perhaps below a link (a temporary folder
    /// that is a link, as on macOS): its pages are found once they are there.
    @Test func aFolderMadeAfterTheStartBelowALinkIsServed() throws {
        let scratch = try Fixture.scratchFolder()
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.appendingPathComponent("link").path, withDestinationPath: "real")
        let files = SiteFiles(folder: scratch.appendingPathComponent("link/preview"))
        #expect(files.file(for: "/") == nil)
        try Fixture.write("<p>home</p>", to: "real/preview/index.html", in: scratch)
        #expect(files.file(for: "/")?.lastPathComponent == "index.html")
    }
}

@Suite(.serialized) struct PreviewServerTests {
    /// Sends `GET path` as written, unnormalised, and returns the status code and body.
    private func get(_ path: String, port: Int) throws -> (status: Int, body: String) {
        let client = try LoopbackClient(port: port)
        client.get(path)
        let response = try #require(client.response())
        return (response.status, response.text)
    }

    @Test func servesTheSiteRebuildsOnChangeAndSurvivesABrokenEdit() async throws {
        let root = try Fixture.site("basic")
        let output = root.appendingPathComponent("Preview")
        // A file outside the site that a link inside it leads to: no path may reach its text.
        let secret = "secret-\(UUID().uuidString)"
        let outside = root.deletingLastPathComponent().appendingPathComponent("\(secret).txt")
        try secret.write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("secret.txt").path,
                                                   withDestinationPath: outside.path)
        let events = PreviewEvents()
        let server = PreviewServer(builder: SiteBuilder(root: root, output: output), host: "127.0.0.1", port: 0)
        let running = try server.start { events.add($0) }
        defer { running.stop() }
        try await waitFor("the server to listen") { events.address != nil }
        let port = try #require(events.address?.port)

        let home = try get("/index.html", port: port)
        #expect(home.status == 200)
        #expect(home.body.contains("casebook serve: live reload"))
        #expect(home.body.contains("/_casebook/live"))
        // The reload script is only added on the way out, never written into the site.
        #expect(try !Fixture.read("index.html", in: output).contains("live reload"))
        #expect(try get("/", port: port).status == 200)
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/cases/%2E%2E/%2E%2E/secret.txt", "/../../../../etc/passwd",
                     "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/.casebook-cache"] {
            let response = try get(path, port: port)
            #expect(response.status == 404, "\(path)")
            #expect(!response.body.contains(secret) && !response.body.contains("root:x:"), "\(path)")
        }
        let missing = try get("/nothing.html", port: port)
        #expect(missing.status == 404)
        #expect(missing.body.contains("live reload"))

        // A saved edit is rebuilt and served.
        let casePath = "Content/cases/time-bank.md"
        let original = try Fixture.read(casePath, in: root)
        let title = try #require(original.firstMatch(of: #/title: (.*)/#)?.1)
        try Fixture.write(original.replacingOccurrences(of: "title: \(title)", with: "title: 改过的标题"), to: casePath, in: root)
        try await waitFor("the edit to be served") { try get("/cases/time-bank.html", port: port).body.contains("改过的标题") }
        try await waitFor("the build to be reported") { events.builds == 2 }

        // A broken edit fails the build; the last good site stays served.
        try Fixture.write(original.replacingOccurrences(of: "title: \(title)", with: "title: [未闭合"), to: casePath, in: root)
        try await waitFor("the failure to be reported") { !events.failures.isEmpty }
        #expect(events.failures.first?.errors.first?.location?.path == casePath)
        #expect(try get("/cases/time-bank.html", port: port).body.contains("改过的标题"))

        // Fixing it brings the site back up to date.
        try Fixture.write(original, to: casePath, in: root)
        try await waitFor("the fix to be served") { try !get("/cases/time-bank.html", port: port).body.contains("改过的标题") }
        try await waitFor("the build to be reported") { events.builds == 3 }
        #expect(events.failures.count == 1)
    }
    @Test func oneConnectionServesRequestInTurnAndHEADSendsNoBody() async throws {
        let preview = try await RunningPreview.start()
        defer { preview.stop() }
        let client = try LoopbackClient(port: preview.port)
        // Three requests sent at once are answered in order on the one connection.
        client.send("GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\nHEAD /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
            + "GET /nothing.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let page = try #require(client.response())
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["connection"] == "keep-alive")
        // The HEAD answer gives the page's length, but no body follows.
        let head = try #require(client.response(bodyless: true))
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String(page.body.count))
        #expect(try #require(client.response()).status == 404)

        client.send("POST /index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc")
        let post = try #require(client.response())
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
        // A body is never read, so the connection cannot carry another request.
        #expect(post.headers["connection"] == "close")
        #expect(client.isClosedByServer(within: 10))
    }

    @Test func openPagesAreToldOfEachBuildOverTheWebSocket() async throws {
        let preview = try await RunningPreview.start()
        defer { preview.stop() }
        let page = try LoopbackClient(port: preview.port)
        page.send("GET /_casebook/live HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\nOrigin: http://127.0.0.1:\(preview.port)\r\n"
            + "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        #expect(page.response()?.status == 101)
        #expect(page.frame().map { String(decoding: $0.payload, as: UTF8.self) } == "{\"build\":1,\"error\":null}")

        let casePath = "Content/cases/time-bank.md"
        try Fixture.write(try Fixture.read(casePath, in: preview.root) + "\n再写一句。\n", to: casePath, in: preview.root)
        #expect(page.frame().map { String(decoding: $0.payload, as: UTF8.self) } == "{\"build\":2,\"error\":null}")

        page.sendFrame(opcode: 0x9, Array("ping".utf8))
        #expect(page.frame().map { [$0.opcode] + $0.payload } == [0xA] + Array("ping".utf8))
        page.sendFrame(opcode: 0x1, Array("pages need not talk, but may".utf8))
        page.sendFrame(opcode: 0x8, [0x03, 0xE8])
        #expect(page.frame()?.opcode == 0x8)
        #expect(page.isClosedByServer(within: 10))
    }
}

@Suite struct ServeAddressTests {
    @Test func hostsMustBeAddresses() throws {
        _ = try PreviewServer.address(host: "127.0.0.1", port: 0)
        _ = try PreviewServer.address(host: "localhost", port: 0)
        _ = try PreviewServer.address(host: "::1", port: 0)
        #expect(throws: Diagnostic.error("--host example.org is not an IP address",
                                         hint: "use 127.0.0.1 (this computer only) or the address of one of its network cards")) {
            try PreviewServer.address(host: "example.org", port: 8000)
        }
    }
}

@Suite struct LiveReloadTests {
    @Test func pagesLearnOfEachBuildAndOfFailures() {
        let reload = LiveReload()
        #expect(reload.message == "{\"build\":0,\"error\":null}")
        #expect(reload.publish(failure: nil) == "{\"build\":1,\"error\":null}")
        #expect(reload.script(generation: reload.generation).contains("var loaded = 1,"))
        reload.publish(failure: "Content/cases/a.md:3:7: error: <bad> \"date\"")
        #expect(reload.message == "{\"build\":1,\"error\":\"Content/cases/a.md:3:7: error: \\u003cbad\\u003e \\\"date\\\"\"}")
        reload.publish(failure: nil)
        #expect(reload.generation == 2)
        #expect(reload.failure == nil)
    }

    @Test func theScriptGoesBeforeTheClosingBodyTag() {
        let page = Array("<html><body><p>x</p></body></html>".utf8)
        #expect(String(decoding: SiteResponder.inject("<script></script>", into: Data(page)).reduce(Data(), +), as: UTF8.self)
            == "<html><body><p>x</p><script></script></body></html>")
        #expect(String(decoding: SiteResponder.inject("<s>", into: Data("<p>".utf8)).reduce(Data(), +), as: UTF8.self) == "<p><s>")
        #expect(String(decoding: SiteResponder.inject("<s>", into: Data()).reduce(Data(), +), as: UTF8.self) == "<s>")
    }

    /// Clients fetching one large page share its bytes: the pieces are the page's own, not copies.
    @Test func theScriptIsAddedWithoutCopyingThePage() {
        let page = Data(("<html><body>" + String(repeating: "<p>x</p>", count: 100_000) + "</body></html>").utf8)
        let pieces = SiteResponder.inject("<s>", into: page)
        let start = page.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        #expect(pieces[0].withUnsafeBytes { UInt(bitPattern: $0.baseAddress) } == start)
        #expect(pieces[2].withUnsafeBytes { UInt(bitPattern: $0.baseAddress) } == start + UInt(pieces[0].count))
    }
}
