import Foundation

/// The state of the previewed site that open pages follow over a WebSocket: which build they
/// show, and the errors of the last build when it failed (the pages then keep the last good site).
/// Builds publish from their thread while the server reads from its own, hence the lock.
public final class LiveReload: @unchecked Sendable {
    private let lock = NSLock()
    private var state: (generation: Int, failure: String?) = (0, nil)

    public init() {}

    /// Counts finished builds; a page that loaded an older one reloads.
    public var generation: Int { lock.withLock { state.generation } }
    /// The failed build's diagnostics as text, or nil when the last build succeeded.
    public var failure: String? { lock.withLock { state.failure } }

    /// Records a build's result; returns the message that tells open pages.
    @discardableResult
    public func publish(failure: String?) -> String {
        lock.withLock {
            if failure == nil { state.generation += 1 }
            state.failure = failure
            return Self.message(state)
        }
    }

    /// `{"build":3,"error":null}`
    var message: String { lock.withLock { Self.message(state) } }

    private static func message(_ state: (generation: Int, failure: String?)) -> String {
        "{\"build\":\(state.generation),\"error\":\(state.failure.map { Escape.json($0) } ?? "null")}"
    }

    /// The script `serve` adds before `</body>` of every page it sends; never part of a build.
    /// - Parameter generation: the build the page comes from.
    func script(generation: Int) -> String {
        """
        <script>/* casebook serve: live reload */(function () {
          var loaded = \(generation), box = null;
          function show(text) {
            if (!box) {
              box = document.createElement("pre");
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;z-index:99999;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;" +
                "padding:1em;background:#fff3f3;color:#5a0000;border-top:4px solid #b00020;font:14px/1.4 monospace;white-space:pre-wrap";
              document.body.appendChild(box);
            }
            box.textContent = text;
          }
          function connect() {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(Self.path)");
            socket.onmessage = function (event) {
              var state = JSON.parse(event.data);
              if (state.error) { show(state.error); }
              else if (state.build !== loaded) { location.reload(); }
              else if (box) { box.remove(); box = null; }
            };
            socket.onclose = function () { setTimeout(connect, 500); };
          }
          connect();
        })();</script>
        """
    }

    /// Where pages connect.
    public static let path = "/_casebook/live"
}
