import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CommonMark to HTML through cmark: the only place the C library is called.
///
/// Renders exactly as the `cmark` command does (safe mode unless `unsafeHTML`), with one documented
/// change: a link to another Markdown file (`[…](other-case.md)`) is pointed at that file's page.
public struct MarkdownRenderer: Sendable {
    /// Keep raw HTML and dangerous URLs (cmark's `CMARK_OPT_UNSAFE`).
    public var unsafeHTML: Bool

    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }

    /// A link to a Markdown file that `rewriteLink` could not place, and the body line it is on.
    public struct UnresolvedLink: Sendable, Hashable {
        public var destination: String
        public var line: Int
    }

    /// Renders `markdown` to HTML.
    /// - Parameter rewriteLink: given the path of a linked `.md` file (without `#fragment`), returns
    ///   the URL of its page, or nil when no such file is known; the link is then left as written.
    public func render(_ markdown: String, rewriteLink: (String) -> String?) -> (html: String, unresolved: [UnresolvedLink]) {
        let options = unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        var utf8 = markdown.utf8CString
        utf8.removeLast()
        guard let document = utf8.withUnsafeBufferPointer({ cmark_parse_document($0.baseAddress, $0.count, options) }) else {
            return ("", [])
        }
        defer { cmark_node_free(document) }

        var unresolved: [UnresolvedLink] = []
        if markdown.utf8.count > 3, markdown.contains(".md") {
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                      cmark_node_get_type(node) == CMARK_NODE_LINK,
                      let rawURL = cmark_node_get_url(node) else { continue }
                let url = String(cString: rawURL)
                guard let (path, fragment) = Self.markdownFileLink(url) else { continue }
                if let target = rewriteLink(path) {
                    cmark_node_set_url(node, target + fragment)
                } else {
                    unresolved.append(UnresolvedLink(destination: url, line: Int(cmark_node_get_start_line(node))))
                }
            }
        }

        guard let rendered = cmark_render_html(document, options) else { return ("", unresolved) }
        defer { free(rendered) }
        return (String(cString: rendered), unresolved)
    }

    /// Splits a relative link to a `.md` file into its path and `#fragment`; nil for any other link.
    static func markdownFileLink(_ url: String) -> (path: String, fragment: String)? {
        guard !url.hasPrefix("/"), !url.hasPrefix("#") else { return nil }
        let cut = url.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? url.endIndex
        let path = url[..<cut]
        if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return nil }
        guard path.hasSuffix(".md"), path.count > 3 else { return nil }
        return (String(path), String(url[cut...]))
    }
}
