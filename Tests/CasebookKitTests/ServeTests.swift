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
        let real = folder.resolvingSymlinksInPath()
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
}

@Suite(.serialized) struct PreviewServerTests {
    /// Events from a running preview, as they come.
    final class Events: @unchecked Sendable {
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

    /// Sends `GET path` as written, unnormalised, and returns the status code and body.
    private func get(_ path: String, port: Int) throws -> (status: Int, body: String) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    /// Waits for `condition`. The limit is generous: other suites running in parallel can keep every
    /// thread busy for seconds. How fast a page reloads is measured in the browser test, not here.
    private func waitFor(_ what: String, seconds: Double = 30, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            #expect(Date() < deadline, "waited \(seconds)s for \(what)")
            if Date() >= deadline { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func servesTheSiteRebuildsOnChangeAndSurvivesABrokenEdit() async throws {
        let root = try Fixture.site("basic")
        let output = root.appendingPathComponent("Preview")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("secret.txt").path,
                                                   withDestinationPath: "/etc/hostname")
        let events = Events()
        let server = PreviewServer(builder: SiteBuilder(root: root, output: output), host: "127.0.0.1", port: 0)
        let running = Task { try await server.run { events.add($0) } }
        defer { running.cancel() }
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
            #expect(!response.body.contains("root:"), "\(path)")
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
    @Test func pagesLearnOfEachBuildAndOfFailures() async throws {
        let reload = LiveReload()
        #expect(await reload.message == "{\"build\":0,\"error\":null}")
        await reload.publish(failure: nil)
        #expect(await reload.message == "{\"build\":1,\"error\":null}")
        #expect(await reload.script().contains("var loaded = 1,"))
        await reload.publish(failure: "Content/cases/a.md:3:7: error: <bad> \"date\"")
        #expect(await reload.message == "{\"build\":1,\"error\":\"Content/cases/a.md:3:7: error: \\u003cbad\\u003e \\\"date\\\"\"}")
        await reload.publish(failure: nil)
        #expect(await reload.generation == 2)
        #expect(await reload.failure == nil)
    }

    @Test func theScriptGoesBeforeTheClosingBodyTag() {
        let page = Data("<html><body><p>x</p></body></html>".utf8)
        #expect(String(decoding: SiteFileHandler.inject("<script></script>", into: page), as: UTF8.self)
            == "<html><body><p>x</p><script></script></body></html>")
        #expect(String(decoding: SiteFileHandler.inject("<s>", into: Data("<p>".utf8)), as: UTF8.self) == "<p><s>")
    }
}
