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
        let status: HTTPStatus
        let file: URL?
        if let found = files.file(for: path) {
            (status, file) = (.ok, found)
        } else {
            (status, file) = (.notFound, files.file(for: "/404.html"))
        }
        var body = file.flatMap { FileManager.default.contents(atPath: $0.path) }.map { [UInt8]($0) }
            ?? Array("<!doctype html><html lang=\"zh-Hans\"><meta charset=\"utf-8\"><title>404</title><body><p>404</p></body></html>".utf8)
        let type = file.map(SiteFiles.contentType(of:)) ?? "text/html; charset=utf-8"
        if type.hasPrefix("text/html") {
            body = Self.inject(reload.script(), into: body)
        }
        return HTTPResponse(status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store")], body: body)
    }

    /// `script` before the last `</body>`, or at the end when there is none.
    static func inject(_ script: String, into page: [UInt8]) -> [UInt8] {
        let closing = Array("</body>".utf8)
        let start = page.count < closing.count ? nil : (0...(page.count - closing.count)).reversed().first {
            page[$0..<$0 + closing.count].elementsEqual(closing)
        }
        guard let start else { return page + Array(script.utf8) }
        return Array(page[..<start]) + Array(script.utf8) + Array(page[start...])
    }
}
