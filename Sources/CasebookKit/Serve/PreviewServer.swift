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
    /// What one client may cost the server.
    public var limits = ServerLimits()
    /// The language build errors are shown in on the open pages.
    public var language = Language.chinese

    public init(builder: SiteBuilder, host: String = "127.0.0.1", port: UInt16 = 8000) {
        self.builder = builder
        self.host = host
        self.port = port
    }

    /// The socket address for `host`, an IPv4 or IPv6 address or `localhost`.
    static func address(host: String, port: UInt16) throws(Diagnostic) -> SocketAddress {
        try SocketAddress(host: host, port: port)
    }

    /// Runs until the task is cancelled.
    /// - Throws: a `Diagnostic` when the output folder may not be built into, or the address is not
    ///   usable or cannot be listened on.
    public func run(report: @escaping @Sendable (Event) -> Void) async throws {
        let session = try start(report: report)
        await withTaskCancellationHandler {
            await onOwnThread { session.wait() }
        } onCancel: {
            session.stop()
        }
    }

    /// Listens, then builds, serves and watches on threads of its own, so that nothing else the
    /// process runs can hold up a page or a rebuild; returns at once. `.listening` is reported once
    /// the first build is done and pages are answered.
    /// - Throws: a `Diagnostic` when the output folder may not be built into, or the address is not
    ///   usable or cannot be listened on.
    public func start(report: @escaping @Sendable (Event) -> Void) throws(Diagnostic) -> PreviewSession {
        let address = try Self.address(host: host, port: port)
        try SiteWriter(output: builder.output, root: builder.root).checkOutput()
        let reload = LiveReload()
        let responder = SiteResponder(files: SiteFiles(folder: builder.output), reload: reload, hosts: AllowedHosts(listeningOn: host))
        let server: HTTPServer
        do {
            server = try HTTPServer(address: address, limits: limits) { responder.reply(to: $0) }
        } catch {
            throw .error("cannot listen on \(host) port \(port): \(Message.systemError(error.code.rawValue))",
                         hint: "another program may be using the port; choose another with --port, or --port 0 for a free one")
        }
        let session = PreviewSession(server: server)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        Thread.detachNewThread {
            // Taken before the first build, so that an edit made during it is built next.
            let stamps = FileStamp.scan(root: builder.root)
            build(reload: reload, server: server, report: report)
            let serving = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                server.serve()
                serving.signal()
            }
            report(.listening(URL(string: "http://\(shownHost):\(server.port)/")!))
            watch(from: stamps, until: session.stopping, reload: reload, server: server, report: report)
            server.stop()
            serving.wait()
            session.finished()
        }
        return session
    }

    /// Rebuilds whenever a file under `Content/` or `Templates/` is added, removed or saved,
    /// until `stop` is raised.
    private func watch(from stamps: [String: FileStamp], until stop: StopSignal, reload: LiveReload, server: HTTPServer,
                       report: @escaping @Sendable (Event) -> Void) {
        var stamps = stamps
        while !stop.isRaised {
            Thread.sleep(forTimeInterval: Self.seconds(pollInterval))
            var now = FileStamp.scan(root: builder.root)
            guard now != stamps else { continue }
            // Editors save in several steps; wait until the files hold still.
            repeat {
                stamps = now
                Thread.sleep(forTimeInterval: 0.06)
                now = FileStamp.scan(root: builder.root)
            } while now != stamps && !stop.isRaised
            if stop.isRaised { return }
            build(reload: reload, server: server, report: report)
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Builds (on every core; the call blocks), then tells open pages.
    private func build(reload: LiveReload, server: HTTPServer, report: @escaping @Sendable (Event) -> Void) {
        let start = DispatchTime.now()
        let result = Result { () throws(BuildFailure) -> BuildReport in try builder.build() }
        switch result {
        case .success(let built):
            report(.built(built, seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9))
            server.broadcast(reload.publish(failure: nil))
        case .failure(let failure):
            report(.failed(failure))
            let shown = failure.errors.isEmpty ? failure.diagnostics : failure.errors
            let heading: Message = "casebook: the last build failed; the pages are those of the last build that succeeded."
            let text = ([heading.text(in: language)] + shown.map { $0.rendered(colour: false, in: language) }).joined(separator: "\n\n")
            server.broadcast(reload.publish(failure: text))
        }
    }
}

/// A running preview: the port it listens on, and how to stop it and wait for it.
public final class PreviewSession: Sendable {
    private let server: HTTPServer
    let stopping = StopSignal()
    private let done = DispatchSemaphore(value: 0)

    init(server: HTTPServer) {
        self.server = server
    }

    /// The port listened on: the one asked for, or the one the system chose for port 0.
    public var port: UInt16 { server.port }

    /// Stops watching and serving and closes every connection; a build under way finishes first.
    public func stop() {
        stopping.raise()
        server.stop()
    }

    /// Blocks until the preview has stopped.
    public func wait() {
        done.wait()
        done.signal()
    }

    fileprivate func finished() { done.signal() }
}
