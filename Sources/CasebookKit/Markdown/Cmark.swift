import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CommonMark to HTML through cmark: the only place the C library is called.
///
/// Renders exactly as the `cmark` command does (safe mode unless `unsafeHTML`: raw HTML is omitted
/// and `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs are emptied). The caller sees
/// every link and image destination and may point it elsewhere (a link to another case's `.md` file
/// goes to that case's page) or report it as broken.
public struct MarkdownRenderer: Sendable {
    /// Keep raw HTML and dangerous URLs (cmark's `CMARK_OPT_UNSAFE`).
    public var unsafeHTML: Bool

    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }

    /// A link or image destination in the Markdown, and the body line it is on.
    public struct Reference: Sendable, Hashable {
        public var destination: String
        public var isImage: Bool
        public var line: Int
        /// 1-based, in bytes of the line (as cmark counts).
        public var byteColumn: Int = 1
        /// Written as a link or image but read by cmark as text, since its destination has a space
        /// and is not between `<` and `>`: `![照片](../media/IMG 001.png)` shows as those characters.
        public var isText = false
    }

    /// What becomes of a reference: kept as written, pointed elsewhere, or reported as broken.
    public enum Resolution: Sendable, Equatable {
        case keep
        case replace(String)
        case broken(message: Message, hint: Message?)
        /// Kept as written, with a warning.
        case doubtful(message: Message, hint: Message?)
    }

    /// A reference that `resolve` found broken (an error) or doubtful (a warning), with its message.
    public struct BrokenReference: Sendable, Hashable {
        public var reference: Reference
        public var message: Message
        public var hint: Message?
        public var isError = true
    }

    /// What one cmark pass over a body gives: the HTML, the text a reader sees (for the search
    /// index), and the references that `resolve` found broken or doubtful.
    public struct Rendered: Sendable {
        /// UTF-8, as cmark writes it: pages take it as bytes, with no string made of it.
        public var html: [UInt8]
        /// Without markup, as UTF-8: blocks end with a line break, raw HTML is left out (as the
        /// safe renderer leaves it out), and trailing white space is trimmed.
        public var text: [UInt8]
        public var broken: [BrokenReference]
    }

    /// Renders `markdown` in one parse: HTML, plain text and checked links.
    /// - Parameter resolve: called for each link and image destination; may rewrite or reject it.
    public func render(_ markdown: String, resolve: (Reference) -> Resolution) -> Rendered {
        let options = unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let document = Self.parse(markdown, options: options) else { return Rendered(html: [], text: [], broken: []) }
        defer { cmark_node_free(document) }

        var broken: [BrokenReference] = []
        var text: [UInt8] = []
        text.reserveCapacity(markdown.utf8.count)
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            switch (cmark_node_get_type(node), event) {
            case (CMARK_NODE_TEXT, _):
                guard let literal = cmark_node_get_literal(node) else { break }
                let start = text.count
                Self.append(literal, to: &text)
                for reference in Self.referencesReadAsText(text[start...], line: Int(cmark_node_get_start_line(node)),
                                                           byteColumn: Int(cmark_node_get_start_column(node))) {
                    switch resolve(reference) {
                    case .keep, .replace: break
                    case let .broken(message, hint): broken.append(BrokenReference(reference: reference, message: message, hint: hint))
                    case let .doubtful(message, hint):
                        broken.append(BrokenReference(reference: reference, message: message, hint: hint, isError: false))
                    }
                }
            case (CMARK_NODE_CODE, _), (CMARK_NODE_CODE_BLOCK, _):
                if let literal = cmark_node_get_literal(node) { Self.append(literal, to: &text) }
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                text.append(UInt8(ascii: " "))
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT), (CMARK_NODE_HEADING, CMARK_EVENT_EXIT):
                text.append(UInt8(ascii: "\n"))
            case (CMARK_NODE_LINK, CMARK_EVENT_ENTER), (CMARK_NODE_IMAGE, CMARK_EVENT_ENTER):
                guard let rawURL = cmark_node_get_url(node) else { break }
                let reference = Reference(destination: String(cString: rawURL), isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                                          line: Int(cmark_node_get_start_line(node)),
                                          byteColumn: Int(cmark_node_get_start_column(node)))
                switch resolve(reference) {
                case .keep: break
                case .replace(let url): cmark_node_set_url(node, url)
                case let .broken(message, hint): broken.append(BrokenReference(reference: reference, message: message, hint: hint))
                case let .doubtful(message, hint):
                    broken.append(BrokenReference(reference: reference, message: message, hint: hint, isError: false))
                }
            default: break
            }
        }
        let plain = Self.trimmingWhiteSpaceAtEnd(text)
        guard let rendered = cmark_render_html(document, options) else { return Rendered(html: [], text: plain, broken: broken) }
        defer { free(rendered) }
        var html: [UInt8] = []
        Self.append(rendered, to: &html)
        return Rendered(html: html, text: plain, broken: broken)
    }

    /// The links and images in a text node's `literal` that cmark read as text because their
    /// destination has a space: each `[…](…)` whose parentheses hold a space on one line and do not
    /// start with `<`. `line` and `byteColumn` are where the text node starts.
    static func referencesReadAsText(_ bytes: ArraySlice<UInt8>, line: Int, byteColumn: Int) -> [Reference] {
        var found: [Reference] = []
        var searchFrom = bytes.startIndex
        var index = bytes.startIndex
        while let bracket = bytes.firstIndex(of: UInt8(ascii: "]"), from: index), bracket + 1 < bytes.endIndex {
            index = bracket + 1
            guard bytes[bracket + 1] == UInt8(ascii: "("),
                  let open = bytes[searchFrom..<bracket].lastIndex(of: UInt8(ascii: "[")),
                  let close = bytes[(bracket + 2)...].firstIndex(where: { $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: "\n") }),
                  bytes[close] == UInt8(ascii: ")") else { continue }
            let destination = String(decoding: bytes[(bracket + 2)..<close], as: UTF8.self).trimmingWhiteSpace
            // What the parentheses hold is taken whole: a `](` inside them starts nothing.
            (index, searchFrom) = (close + 1, close + 1)
            guard destination.contains(" "), !destination.hasPrefix("<") else { continue }
            let isImage = open > bytes.startIndex && bytes[open - 1] == UInt8(ascii: "!")
            found.append(Reference(destination: destination, isImage: isImage, line: line,
                                   byteColumn: byteColumn + (isImage ? open - 1 : open) - bytes.startIndex, isText: true))
        }
        return found
    }

    /// `text` (UTF-8) without the characters at its end that are white space, as `Character`
    /// tells them, without a string made of the whole text. The white space ASCII has is dropped
    /// as bytes: each such byte is a character of its own unless it follows a prepended mark,
    /// which no common text ends in. When what is left ends in a Han character or in common
    /// punctuation, no character that ends there can be white space, so trimming is done; any
    /// other end is trimmed as characters, on a string of the text.
    static func trimmingWhiteSpaceAtEnd(_ text: [UInt8]) -> [UInt8] {
        var end = text.count
        while end > 0, [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20].contains(text[end - 1]) { end -= 1 }
        guard end > 0 else { return [] }
        var start = end - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        var decoder = UTF8()
        var last = text[start..<end].makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&last), scalar.isASCII || endsNoWhiteSpace(scalar) {
            return Array(text[..<end])
        }
        var string = String(decoding: text, as: UTF8.self)
        while string.last?.isWhitespace == true { string.removeLast() }
        return Array(string.utf8)
    }

    /// Han characters and the common punctuation of Chinese text: none is white space, a mark
    /// that joins the character before, or a prepended one.
    private static func endsNoWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3001...0x3011, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E, 0x2010...0x2027, 0x2030...0x205E: true
        default: false
        }
    }

    /// Appends a C string's bytes.
    private static func append(_ literal: UnsafePointer<CChar>, to bytes: inout [UInt8]) {
        literal.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(literal)))
        }
    }

    /// cmark's document tree of `markdown`; the caller frees it with `cmark_node_free`.
    /// cmark reads the string's own bytes: it takes a length, so no copy with a NUL at the end is made.
    private static func parse(_ markdown: String, options: Int32) -> OpaquePointer? {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                // An empty string may have no buffer at all; cmark is given a real one.
                guard let start = text.baseAddress else { return "".withCString { cmark_parse_document($0, 0, options) } }
                return cmark_parse_document(start, text.count, options)
            }
        }
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
