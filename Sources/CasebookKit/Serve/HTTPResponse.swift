import Foundation

/// An HTTP status code with its reason phrase.
/// An error status is also the failure a parser or handshake returns, hence `Error`.
struct HTTPStatus: Error, Equatable {
    var code: Int
    var reason: String

    /// A refusal ends the connection, so that a client that is not welcome cannot keep it open by
    /// asking again; a missing page does not, as browsers ask for several (an icon, say) in a row.
    var closesConnection: Bool { code >= 400 && code != 404 }

    static let ok = HTTPStatus(code: 200, reason: "OK")
    static let badRequest = HTTPStatus(code: 400, reason: "Bad Request")
    static let forbidden = HTTPStatus(code: 403, reason: "Forbidden")
    static let notFound = HTTPStatus(code: 404, reason: "Not Found")
    static let methodNotAllowed = HTTPStatus(code: 405, reason: "Method Not Allowed")
    static let requestTimeout = HTTPStatus(code: 408, reason: "Request Timeout")
    static let uriTooLong = HTTPStatus(code: 414, reason: "URI Too Long")
    static let misdirectedRequest = HTTPStatus(code: 421, reason: "Misdirected Request")
    static let upgradeRequired = HTTPStatus(code: 426, reason: "Upgrade Required")
    static let headersTooLarge = HTTPStatus(code: 431, reason: "Request Header Fields Too Large")
    static let serviceUnavailable = HTTPStatus(code: 503, reason: "Service Unavailable")
    static let versionNotSupported = HTTPStatus(code: 505, reason: "HTTP Version Not Supported")
}

/// A response the preview sends: status, headers and the whole body.
/// A refusal is also the failure the WebSocket handshake returns, hence `Error`.
struct HTTPResponse: Error {
    var status: HTTPStatus
    var headers: [(name: String, value: String)]
    /// The body in pieces: a file's are parts of its mapping, so that clients fetching one large
    /// file at once share it rather than each holding a copy.
    var body: [Data]

    /// A short plain-text answer, for errors and refusals.
    static func text(_ status: HTTPStatus, _ message: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: [Data((message + "\n").utf8)])
    }

    /// The response as sent, in two pieces: the head with the body's length and whether the
    /// connection stays open, then the body unless the request was HEAD.
    func encoded(withBody: Bool, keepAlive: Bool) -> [Data] {
        var head = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.reduce(0) { $0 + $1.count })\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        return [Data(head.utf8)] + (withBody ? body : [])
    }
}
