/// Compiles one template: decides which tags stand alone on their lines (their lines then vanish), where
/// indented partials put their indentation, and how blocks reindent; interns every name to keys.
struct TemplateParser {
    private typealias Token = TemplateScanner.Token

    private let source: [UInt8]
    private let lines: SourceLines
    private let tokens: [Token]
    private var index = 0

    /// No token of the current line has been read: its leading whitespace is still to be stripped.
    private var lineBegins = true
    /// The current line holds only whitespace so far, so a tag here may stand alone.
    private var whitespaceOnly = true
    /// Whitespace at the start of the line, held back until the next tag shows whether it stands alone.
    private var heldWhitespace: Range<Int>?
    /// The current line has shown no content yet: the next content takes an indented partial's indentation.
    private var lineStartPending = true
    /// Whitespace bytes taken off the start of each line inside blocks, which are reindented where they render.
    private var strip = 0
    /// How many sections and blocks enclose the current tag: what they include may never render.
    private var conditionalDepth = 0

    private var names: [(name: String, line: Int, column: Int)] = []
    private var inclusions: [TemplateInclusionSite] = []

    /// Compiles `text`, or says which tag is wrong and where.
    static func compile(_ text: String) throws(TemplateSyntaxError) -> CompiledTemplate {
        let source = Array(text.utf8)
        let lines = SourceLines(source)
        var scanner = TemplateScanner(source: source, lines: lines)
        var parser = TemplateParser(source: source, lines: lines, tokens: try scanner.tokens())
        var nodes = NodeList()
        _ = try parser.parseNodes(into: &nodes, closing: nil)
        return CompiledTemplate(body: nodes.body(), names: parser.names, inclusions: parser.inclusions)
    }

    private init(source: [UInt8], lines: SourceLines, tokens: [Token]) {
        self.source = source
        self.lines = lines
        self.tokens = tokens
    }

    // MARK: Templates, sections and blocks

    /// Reads nodes up to the tag that closes `opener` (or the end, without one); returns whether that tag stood alone.
    private mutating func parseNodes(into list: inout NodeList, closing opener: Token?) throws(TemplateSyntaxError) -> Bool {
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .newline:
                flushHeldWhitespace(into: &list)
                list.appendText(source[token.range], lineStart: false)
                index += 1
                startLine()
            case .text:
                readText(token, into: &list)
            case .tag(let sigil):
                lineBegins = false
                switch sigil {
                case UInt8(ascii: "/"):
                    try checkClose(token, of: opener)
                    return standAloneOrFlush(into: &list)
                case UInt8(ascii: "!"), UInt8(ascii: "="):
                    _ = standAloneOrFlush(into: &list)
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    let path = try path(of: token)
                    if !standAloneOrFlush(into: &list), takeLineStart() { list.markLineStart() }
                    var body = NodeList()
                    conditionalDepth += 1
                    _ = try parseNodes(into: &body, closing: token)
                    conditionalDepth -= 1
                    list.append(.section(TemplateSection(path: path, inverted: sigil == UInt8(ascii: "^"), nodes: body.finished())))
                case UInt8(ascii: ">"):
                    let name = try includedName(token)
                    let indentation = heldWhitespace.map { Array(source[$0]) } ?? []
                    if standAloneOrFlush(into: &list) {
                        list.append(.partial(TemplateInclusion(name: name, indentation: indentation)))
                    } else {
                        list.append(.partial(TemplateInclusion(name: name, indentation: nil)), lineStart: takeLineStart())
                    }
                case UInt8(ascii: "<"):
                    try parseParent(token, into: &list)
                case UInt8(ascii: "$"):
                    let indentation = lineIndentation
                    let standalone = standAloneOrFlush(into: &list)
                    if !standalone, takeLineStart() { list.markLineStart() }
                    list.append(.block(try parseBlock(token, standalone: standalone, lineIndentation: indentation)))
                default:
                    let path = try path(of: token)
                    flushHeldWhitespace(into: &list)
                    whitespaceOnly = false
                    index += 1
                    list.append(.value(path, escaped: sigil == 0), lineStart: takeLineStart())
                }
            }
        }
        if let opener { throw error("\(text(opener.range)) is never closed", at: opener.range.lowerBound) }
        flushHeldWhitespace(into: &list)
        return false
    }

    /// `{{$name}}…{{/name}}`, read from just after its tag (and its line, when the tag stands alone). Where the tag
    /// stands alone, the content starts on the next line and the block's indentation is that of the content's first
    /// line; otherwise it is the whitespace before the tag, if the tag starts its line.
    private mutating func parseBlock(_ token: Token, standalone: Bool,
                                     lineIndentation: [UInt8]?) throws(TemplateSyntaxError) -> TemplateBlock {
        let name = try includedName(token)
        let outerStrip = strip
        let outerLineStartPending = lineStartPending
        let indentation: [UInt8]
        if standalone {
            indentation = firstContentIndentation(or: lineIndentation ?? [])
        } else {
            whitespaceOnly = false
            heldWhitespace = nil
            indentation = lineIndentation ?? []
        }
        strip += indentation.count
        // Whether the content's first line has content is recorded, not marked: that depends on where it renders.
        lineStartPending = true
        var content = NodeList()
        conditionalDepth += 1
        let closedAlone = try parseNodes(into: &content, closing: token)
        conditionalDepth -= 1
        strip = outerStrip
        if content.isEmpty && !closedAlone { lineStartPending = outerLineStartPending }
        return TemplateBlock(key: TemplateKey(name), body: content.body(), indentation: indentation, standalone: standalone)
    }

    /// The whitespace that starts the first line of a block's content, after what enclosing blocks strip;
    /// `tagIndentation` when the content has no line.
    private func firstContentIndentation(or tagIndentation: [UInt8]) -> [UInt8] {
        var position = index
        var leading: Range<Int>?
        while position < tokens.count {
            let token = tokens[position]
            switch token.kind {
            case .newline:
                leading = nil
            case .text where leading == nil && isBlank(token.range):
                leading = token.range
            case .text:
                return indentation(of: leading ?? token.range)
            case .tag(let sigil):
                if sigil == UInt8(ascii: "/") { return tagIndentation }
                return indentation(of: leading ?? token.range.lowerBound..<token.range.lowerBound)
            }
            position += 1
        }
        return tagIndentation
    }

    private func indentation(of range: Range<Int>) -> [UInt8] {
        Array(source[range].prefix(while: Self.isSpace).dropFirst(strip))
    }

    // MARK: Parents

    /// `{{<name}}…{{/name}}`, its tag at `index`: only blocks count inside, text is ignored. It stands alone when it
    /// starts its line and its closing tag ends one, even if both share a line.
    private mutating func parseParent(_ token: Token, into list: inout NodeList) throws(TemplateSyntaxError) {
        let name = try includedName(token)
        let startsLine = whitespaceOnly
        let held = heldWhitespace
        let pending = lineStartPending
        index += 1
        heldWhitespace = nil
        var overrides: [TemplateBlock] = []
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .newline:
                index += 1
                startLine()
            case .text:
                let range = stripped(token)
                index += 1
                if whitespaceOnly && isBlank(range) {
                    heldWhitespace = range
                } else {
                    whitespaceOnly = false
                    heldWhitespace = nil
                }
            case .tag(let sigil):
                lineBegins = false
                switch sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "="):
                    index += 1
                    whitespaceOnly = false
                    heldWhitespace = nil
                case UInt8(ascii: "$"):
                    let indentation = lineIndentation
                    let standalone = restOfLineIsBlank(after: index)
                    if standalone { consumeLine() } else { index += 1 }
                    overrides.append(try parseBlock(token, standalone: standalone, lineIndentation: indentation))
                case UInt8(ascii: "/"):
                    try checkClose(tokens[index], of: token)
                    if startsLine && restOfLineIsBlank(after: index) {
                        consumeLine()
                        let indentation = held.map { Array(source[$0]) } ?? []
                        list.append(.parent(TemplateInclusion(name: name, indentation: indentation), overrides: overrides))
                    } else {
                        index += 1
                        var lineStart = pending
                        if let held {
                            list.appendText(source[held], lineStart: lineStart)
                            lineStart = false
                        }
                        list.append(.parent(TemplateInclusion(name: name, indentation: nil), overrides: overrides), lineStart: lineStart)
                        whitespaceOnly = false
                        heldWhitespace = nil
                        lineStartPending = false
                    }
                    return
                default:
                    let inside = text(tokens[index].range)
                    throw error("\(inside) cannot stand inside \(text(token.range))…: only {{$name}}…{{/name}} blocks override a parent",
                                at: tokens[index].range.lowerBound)
                }
            }
        }
        throw error("\(text(token.range)) is never closed", at: token.range.lowerBound)
    }

    // MARK: Lines

    private mutating func startLine() {
        lineBegins = true
        whitespaceOnly = true
        heldWhitespace = nil
        lineStartPending = true
    }

    /// Takes the pending line start for the content about to be appended.
    private mutating func takeLineStart() -> Bool {
        defer { lineStartPending = false }
        return lineStartPending
    }

    /// The whitespace before the tag at `index` when only whitespace precedes it on its line.
    private var lineIndentation: [UInt8]? {
        whitespaceOnly ? heldWhitespace.map { Array(source[$0]) } ?? [] : nil
    }

    private mutating func readText(_ token: Token, into list: inout NodeList) {
        let range = stripped(token)
        index += 1
        if range.isEmpty { return }
        if whitespaceOnly && isBlank(range) {
            heldWhitespace = range
            return
        }
        flushHeldWhitespace(into: &list)
        whitespaceOnly = false
        list.appendText(source[range], lineStart: takeLineStart())
    }

    /// A text token, less the whitespace that enclosing blocks take off the start of its line.
    private mutating func stripped(_ token: Token) -> Range<Int> {
        var range = token.range
        if lineBegins {
            var dropped = 0
            while dropped < strip, !range.isEmpty, Self.isSpace(source[range.lowerBound]) {
                range = range.lowerBound + 1..<range.upperBound
                dropped += 1
            }
        }
        lineBegins = false
        return range
    }

    private mutating func flushHeldWhitespace(into list: inout NodeList) {
        guard let held = heldWhitespace else { return }
        heldWhitespace = nil
        list.appendText(source[held], lineStart: takeLineStart())
    }

    /// For the tag at `index`: when only whitespace surrounds it on its line, drops that line; otherwise keeps the
    /// whitespace before it as text. Either way moves past the tag; returns whether it stood alone.
    private mutating func standAloneOrFlush(into list: inout NodeList) -> Bool {
        if whitespaceOnly && restOfLineIsBlank(after: index) {
            consumeLine()
            return true
        }
        flushHeldWhitespace(into: &list)
        whitespaceOnly = false
        index += 1
        return false
    }

    private func restOfLineIsBlank(after position: Int) -> Bool {
        for token in tokens[(position + 1)...] {
            switch token.kind {
            case .newline: return true
            case .text where isBlank(token.range): continue
            default: return false
            }
        }
        return true
    }

    /// Moves past the tag at `index`, the whitespace after it and its line end.
    private mutating func consumeLine() {
        index += 1
        while index < tokens.count, tokens[index].kind == .text, isBlank(tokens[index].range) { index += 1 }
        if index < tokens.count, tokens[index].kind == .newline { index += 1 }
        startLine()
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        source[range].allSatisfy(Self.isSpace)
    }

    /// Whitespace within a line.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    // MARK: Names

    /// A tag's dotted name and transforms, as in `{{^empty(figures)}}` or `{{t.title}}`; recorded for `names(in:)`.
    private mutating func path(of token: Token) throws(TemplateSyntaxError) -> TemplatePath {
        try checkName(token)
        let tag = text(token.range)
        var rest = token.content
        var transforms: [TemplateTransform] = []
        while let open = source[rest].firstIndex(of: UInt8(ascii: "(")) {
            let name = text(rest.lowerBound..<open)
            guard let transform = TemplateTransform(rawValue: name) else {
                let known = TemplateTransform.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(name.isEmpty ? "\(tag) has parentheses without a transform before them"
                                         : "\(tag) applies the unknown transform '\(name)'; the transforms are \(known)",
                            at: rest.lowerBound)
            }
            transforms.append(transform)
            rest = open + 1..<rest.upperBound
        }
        var closings = 0
        while !rest.isEmpty, source[rest.upperBound - 1] == UInt8(ascii: ")") {
            rest = rest.lowerBound..<rest.upperBound - 1
            closings += 1
        }
        guard closings == transforms.count, !source[rest].contains(UInt8(ascii: ")")) else {
            throw error("the parentheses in \(tag) do not match", at: token.range.lowerBound)
        }
        guard !rest.isEmpty else { throw error("\(tag) applies a transform to nothing", at: token.range.lowerBound) }
        let name = text(rest)
        let anchored = name.hasPrefix(".")
        let parts = name == "." ? [] : name.dropFirst(anchored ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.contains(where: \.isEmpty) else {
            throw error("the dotted name in \(tag) has an empty part", at: token.range.lowerBound)
        }
        if name != "." {
            let (line, column) = lines.location(of: token.range.lowerBound)
            names.append((name, line, column))
        }
        let keys = parts.map { TemplateKey(String($0)) }
        return TemplatePath(head: anchored ? nil : keys.first, tail: Array(keys.dropFirst(anchored ? 0 : 1)),
                            transforms: transforms.reversed())
    }

    /// The name of a partial, parent or block; an inclusion outside sections and blocks is recorded for the library's loop check.
    private mutating func includedName(_ token: Token) throws(TemplateSyntaxError) -> String {
        try checkName(token)
        let name = text(token.content)
        if token.kind != .tag(UInt8(ascii: "$")) && conditionalDepth == 0 {
            let (line, column) = lines.location(of: token.range.lowerBound)
            inclusions.append(TemplateInclusionSite(name: name, tag: text(token.range), line: line, column: column))
        }
        return name
    }

    /// A tag names something, without spaces.
    private func checkName(_ token: Token) throws(TemplateSyntaxError) {
        guard !token.content.isEmpty else { throw error("the tag \(text(token.range)) names nothing", at: token.range.lowerBound) }
        if let blank = source[token.content].firstIndex(where: TemplateScanner.isBlank) {
            throw error("the name in \(text(token.range)) has a space in it", at: blank)
        }
    }

    private func checkClose(_ close: Token, of opener: Token?) throws(TemplateSyntaxError) {
        guard let opener else { throw error("\(text(close.range)) closes a section that was never opened", at: close.range.lowerBound) }
        guard source[close.content] == source[opener.content] else {
            let (line, _) = lines.location(of: opener.range.lowerBound)
            throw error("\(text(close.range)) does not close \(text(opener.range)), which is open since line \(line)",
                        at: close.range.lowerBound)
        }
    }

    // MARK: Text

    private func text(_ range: Range<Int>) -> String { String(decoding: source[range], as: UTF8.self) }

    private func error(_ message: Message, at offset: Int) -> TemplateSyntaxError {
        let (line, column) = lines.location(of: offset)
        return TemplateSyntaxError(message: message, line: line, column: column)
    }
}

/// Nodes as they are parsed: adjacent text gathers into one run, and line starts become offsets in it.
private struct NodeList {
    private var nodes: [TemplateNode] = []
    private var bytes: [UInt8] = []
    private var lineStarts: [Int] = []
    /// Whether the list ends with text still gathering in `bytes`, which may be empty: a line start before any text.
    private var gathering = false

    var isEmpty: Bool { nodes.isEmpty && !gathering }

    /// An indented partial's indentation goes at the current end.
    mutating func markLineStart() {
        lineStarts.append(bytes.count)
        gathering = true
    }

    mutating func appendText(_ text: ArraySlice<UInt8>, lineStart: Bool) {
        if lineStart { markLineStart() }
        bytes.append(contentsOf: text)
        gathering = true
    }

    mutating func append(_ node: TemplateNode, lineStart: Bool = false) {
        if lineStart { markLineStart() }
        endText()
        nodes.append(node)
    }

    /// The nodes, the text at the end included.
    consuming func finished() -> [TemplateNode] {
        endText()
        return nodes
    }

    /// The nodes of a template or block, with a line start at the very beginning turned into `indentsFirstLine`.
    consuming func body() -> TemplateBody {
        var nodes = finished()
        switch nodes.first {
        case .indent?:
            nodes.removeFirst()
        case .text(let text)? where text.lineStarts.first == 0:
            nodes[0] = .text(TemplateText(bytes: text.bytes, lineStarts: Array(text.lineStarts.dropFirst())))
        default:
            return TemplateBody(nodes: nodes, indentsFirstLine: false)
        }
        return TemplateBody(nodes: nodes, indentsFirstLine: true)
    }

    /// Ends the text gathering, as one text node, or as `.indent` for a line start without text.
    private mutating func endText() {
        guard gathering else { return }
        nodes.append(bytes.isEmpty ? .indent : .text(TemplateText(bytes: bytes, lineStarts: lineStarts)))
        bytes = []
        lineStarts = []
        gathering = false
    }
}
