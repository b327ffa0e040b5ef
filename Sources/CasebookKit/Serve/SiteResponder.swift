import Foundation

/// What the preview answers: only requests addressed to this computer (see `AllowedHosts`); the
/// live-reload WebSocket to the preview's own pages; and GET and HEAD of the site's files, with
/// the live-reload script added to HTML.
struct SiteResponder: Sendable {
    let files: SiteFiles
    let reload: LiveReload
    let hosts: AllowedHosts

    func reply(to request: RequestHead) -> Reply {
        guard let host = request.value(of: "host") else {
            return .response(.text(.badRequest, "a Host header is required"))
        }
        guard hosts.allows(host: host) else {
            return .response(.text(.misdirectedRequest, "casebook serve answers only requests for \(hosts.shown)"))
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return .response(.text(.methodNotAllowed, "the preview answers GET and HEAD", headers: [("Allow", "GET, HEAD")]))
        }
        if request.path == LiveReload.path {
            return liveReload(request, host: host)
        }
        return .response(page(at: request.path))
    }

    private func liveReload(_ request: RequestHead, host: String) -> Reply {
        guard hosts.allows(origin: request.value(of: "origin"), host: host) else {
            return .response(.text(.forbidden, "only the preview's own pages may connect for live reload"))
        }
        switch WebSocket.handshake(request) {
        case .success(let accept): return .webSocket(accept: accept, greeting: reload.message)
        case .failure(let refusal): return .response(refusal)
        }
    }

    /// The file a path names, or the site's 404 page; HTML with the live-reload script.
    private func page(at path: String) -> HTTPResponse {
        // The build a page shows is the one published before its file is read: a build that
        // finishes meanwhile then tells the page to reload, instead of it claiming the new one.
        let generation = reload.generation
        func read(_ path: String) -> (URL, Data)? {
            files.file(for: path).flatMap { file in (try? Data(contentsOf: file, options: .alwaysMapped)).map { (file, $0) } }
        }
        // A file that cannot be read (or was replaced by a rebuild just now) is answered as missing.
        let found = read(path)
        let (status, answer) = found.map { (HTTPStatus.ok, $0) } ?? (.notFound, read("/404.html"))
        let page = answer?.1 ?? Data("<!doctype html><html><meta charset=\"utf-8\"><title>404</title><body><p>404</p></body></html>".utf8)
        let type = answer.map { SiteFiles.contentType(of: $0.0) } ?? "text/html; charset=utf-8"
        let body = type.hasPrefix("text/html") ? Self.inject(reload.script(generation: generation), into: page) : [page]
        return HTTPResponse(status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store")], body: body)
    }

    /// `page` with `script` before its last `</body>`, or at the end when there is none: the
    /// page's own bytes are parts of it, not copies.
    static func inject(_ script: String, into page: Data) -> [Data] {
        let closing = Array("</body>".utf8)
        let start = page.count < closing.count ? nil : (0...(page.count - closing.count)).reversed().first {
            page[(page.startIndex + $0)..<(page.startIndex + $0 + closing.count)].elementsEqual(closing)
        }
        guard let start else { return [page, Data(script.utf8)] }
        let split = page.startIndex + start
        return [page[..<split], Data(script.utf8), page[split...]]
    }
}
