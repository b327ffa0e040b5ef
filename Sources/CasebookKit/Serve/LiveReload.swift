import FlyingFox
import Foundation

/// The state of the previewed site that open pages follow over a WebSocket: which build they
/// show, and the errors of the last build when it failed (the pages then keep the last good site).
public actor LiveReload {
    /// Counts finished builds; a page that loaded an older one reloads.
    public private(set) var generation = 0
    /// The failed build's diagnostics as text, or nil when the last build succeeded.
    public private(set) var failure: String?
    private var listeners: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    public init() {}

    /// Records a build's result and tells every open page.
    public func publish(failure: String?) {
        if failure == nil { generation += 1 }
        self.failure = failure
        for listener in listeners.values { listener.yield(.text(message)) }
    }

    /// `{"build":3,"error":null}`
    var message: String {
        "{\"build\":\(generation),\"error\":\(failure.map { Escape.json($0) } ?? "null")}"
    }

    func listen() -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: WSMessage.self)
        continuation.yield(.text(message))
        continuation.onTermination = { _ in Task { await self.forget(id) } }
        listeners[id] = continuation
        return stream
    }

    private func forget(_ id: UUID) { listeners[id] = nil }

    /// The script `serve` adds before `</body>` of every page it sends; never part of a build.
    func script() -> String {
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
            box.textContent = "casebook: the last build failed; this is the last good site.\\n\\n" + text;
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

/// Hands each WebSocket client the stream of build states.
struct LiveReloadSocket: WSMessageHandler {
    let reload: LiveReload

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        await reload.listen()
    }
}
