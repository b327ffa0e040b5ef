/// What one client may cost the preview server. Any process on the computer can connect to it,
/// and a page on any web site can make the browser connect, so each bound keeps a client that
/// sends too much, too slowly or nothing at all from holding up the others.
public struct ServerLimits: Sendable {
    /// The request line (`GET /path HTTP/1.1`) in bytes; a longer one is answered 414.
    public var requestLineBytes = 8 * 1024
    /// The request line and headers together, in bytes; more is answered 431.
    public var headBytes = 32 * 1024
    /// The number of header lines; more is answered 431.
    public var headerCount = 100
    /// How long a connection may take to send a whole request, counted from when it opened or its
    /// last response was sent: an unfinished request is then answered 408, an idle connection closed.
    /// The time is not extended by each byte, so a client trickling its headers gains nothing.
    public var requestTimeout: Duration = .seconds(10)
    /// How long a response may wait for the client to read on; then the connection is closed.
    public var writeTimeout: Duration = .seconds(10)
    /// After a request is refused, how long the rest of what the client sends is read and dropped
    /// before closing (so that the client sees the answer rather than a reset), and how much of it.
    public var lingerTime: Duration = .seconds(2)
    public var lingerBytes = 1 << 20
    /// Open connections. When a new one would exceed this, the one that has waited longest for a
    /// request is closed to make room, so idle connections cannot keep anyone out.
    public var maxConnections = 256
    /// Open live-reload WebSockets, which stay open as long as their page; more are answered 503.
    public var maxWebSockets = 64
    /// The largest message a page may send on the live-reload WebSocket (it needs to send none).
    public var webSocketMessageBytes = 4 * 1024
    /// What may wait to be sent to a page (pongs, build states) before what it sends is no longer
    /// read: a page that sends and never reads costs no more than this.
    public var webSocketBacklogBytes = 64 * 1024

    public init() {}
}
