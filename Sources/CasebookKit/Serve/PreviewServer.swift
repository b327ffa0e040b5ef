import FlyingFox
import FlyingSocks
import Foundation

/// `casebook serve`: builds the site, serves it over HTTP on one address, rebuilds when
/// `Content/` or `Templates/` change, and tells open pages to reload. A failed build leaves the
/// last good site in place and shows its errors on the open pages.
public struct PreviewServer: Sendable {
    /// What a build came to, for the terminal.
    public enum Event: Sendable {
        case built(BuildReport, seconds: Double)
        case failed(BuildFailure)
        case listening(URL)
    }

    public var builder: SiteBuilder
    public var host: String
    public var port: UInt16
    /// How often the sources are looked at for changes.
    public var pollInterval: Duration = .milliseconds(150)

    public init(builder: SiteBuilder, host: String = "127.0.0.1", port: UInt16 = 8000) {
        self.builder = builder
        self.host = host
        self.port = port
    }

    /// The preview's own folder for a site, in the system's temporary folder: the same one each
    /// time, so that a restarted preview can use its build cache.
    public static func defaultOutput(for root: URL) -> URL {
        let key = String(Fingerprint(of: Array(root.standardizedFileURL.path.utf8)).value, radix: 16)
        return FileManager.default.temporaryDirectory.appendingPathComponent("casebook-serve-\(key)", isDirectory: true)
    }

    /// The socket address for `host`, an IPv4 or IPv6 address or `localhost`.
    static func address(host: String, port: UInt16) throws(Diagnostic) -> any SocketAddress {
        do {
            if host == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
            return host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw .error("--host \(host) is not an IP address", hint: "use 127.0.0.1 (this computer only) or the address of one of its network cards")
        }
    }

    /// Runs until the task is cancelled or the server fails.
    /// - Throws: a `Diagnostic` when the address is not usable or cannot be listened on.
    public func run(report: @escaping @Sendable (Event) -> Void) async throws {
        let address = try Self.address(host: host, port: port)
        let reload = LiveReload()
        let stamps = FileStamp.scan(root: builder.root)
        await build(reload: reload, report: report)

        let server = HTTPServer(address: address, logger: .disabled)
        await server.appendRoute(HTTPRoute(methods: [.GET], path: LiveReload.path),
                                 to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: LiveReloadSocket(reload: reload))))
        await server.appendRoute("*", to: SiteFileHandler(files: SiteFiles(folder: builder.output), reload: reload))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await server.run()
                } catch is CancellationError {
                } catch {
                    throw Diagnostic.error("cannot listen on \(host) port \(port): \(error)",
                                           hint: "another program may be using the port; choose another with --port, or --port 0 for a free one")
                }
            }
            group.addTask {
                try await server.waitUntilListening()
                let port = await server.listeningAddress.flatMap { address -> UInt16? in
                    if case .ip4(_, let port) = address { return port }
                    if case .ip6(_, let port) = address { return port }
                    return nil
                } ?? port
                let shownHost = host.contains(":") ? "[\(host)]" : host
                report(.listening(URL(string: "http://\(shownHost):\(port)/")!))
                try await watch(from: stamps, reload: reload, report: report)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
        await server.stop()
    }

    /// Rebuilds whenever a file under `Content/` or `Templates/` is added, removed or saved.
    private func watch(from stamps: [String: FileStamp], reload: LiveReload, report: @escaping @Sendable (Event) -> Void) async throws {
        var stamps = stamps
        while !Task.isCancelled {
            try await Task.sleep(for: pollInterval)
            var now = FileStamp.scan(root: builder.root)
            guard now != stamps else { continue }
            // Editors save in several steps; wait until the files hold still.
            repeat {
                stamps = now
                try await Task.sleep(for: .milliseconds(60))
                now = FileStamp.scan(root: builder.root)
            } while now != stamps
            await build(reload: reload, report: report)
        }
    }

    /// Builds on a thread of its own (the build uses every core and blocks), then publishes the result.
    private func build(reload: LiveReload, report: @escaping @Sendable (Event) -> Void) async {
        let builder = builder
        let result: Result<(BuildReport, Double), BuildFailure> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let start = DispatchTime.now()
                let result = Result { () throws(BuildFailure) -> BuildReport in try builder.build() }
                continuation.resume(returning: result.map { ($0, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9) })
            }
        }
        switch result {
        case .success(let (built, seconds)):
            report(.built(built, seconds: seconds))
            await reload.publish(failure: nil)
        case .failure(let failure):
            report(.failed(failure))
            await reload.publish(failure: failure.errors.isEmpty ? failure.description : failure.errors.map(\.description).joined(separator: "\n\n"))
        }
    }
}

/// Answers GET and HEAD with the site's files, adding the live-reload script to HTML.
struct SiteFileHandler: HTTPHandler {
    let files: SiteFiles
    let reload: LiveReload

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        let status: HTTPStatusCode
        let file: URL?
        if let found = files.file(for: request.target.path()) {
            (status, file) = (.ok, found)
        } else {
            (status, file) = (.notFound, files.file(for: "/404.html"))
        }
        var body = file.flatMap { FileManager.default.contents(atPath: $0.path) }
            ?? Data("<!doctype html><html lang=\"zh-Hans\"><meta charset=\"utf-8\"><title>404</title><body><p>404</p></body></html>".utf8)
        let type = file.map(SiteFiles.contentType(of:)) ?? "text/html; charset=utf-8"
        if type.hasPrefix("text/html") {
            body = Self.inject(await reload.script(), into: body)
        }
        var headers: HTTPHeaders = [.contentType: type, HTTPHeader("Cache-Control"): "no-store"]
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            body = Data()
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    /// `script` before the last `</body>`, or at the end when there is none.
    static func inject(_ script: String, into page: Data) -> Data {
        let closing = Data("</body>".utf8)
        guard let range = page.range(of: closing, options: .backwards) else { return page + Data(script.utf8) }
        var result = page
        result.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(script.utf8))
        return result
    }
}
