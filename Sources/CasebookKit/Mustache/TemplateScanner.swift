/// A template's source cut into text, line ends and tags, with delimiter changes applied as they come.
struct TemplateScanner {
    /// A piece of source.
    struct Token {
        enum Kind: Equatable {
            case text
            /// `\n` or `\r\n`.
            case newline
            /// A tag and its sigil (`#`, `^`, `/`, `!`, `=`, `{`, `&`, `>`, `<`, `$`), or 0 for a plain `{{name}}`.
            case tag(UInt8)
        }

        let kind: Kind
        /// The bytes of text or a line end; for a tag, the whole tag with its delimiters.
        let range: Range<Int>
        /// A tag's content after its sigil, without the whitespace around it.
        let content: Range<Int>
    }

    private static let sigils: Set<UInt8> = Set("#^/!={&><$".utf8)

    private let source: [UInt8]
    private let lines: SourceLines
    private var opening: [UInt8] = Array("{{".utf8)
    private var closing: [UInt8] = Array("}}".utf8)

    init(source: [UInt8], lines: SourceLines) {
        self.source = source
        self.lines = lines
    }

    /// Every token of the source, in order.
    mutating func tokens() throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        var textStart = 0
        func endText(at end: Int) {
            if end > textStart { tokens.append(Token(kind: .text, range: textStart..<end, content: textStart..<end)) }
        }
        while position < source.count {
            let byte = source[position]
            if byte == UInt8(ascii: "\n") {
                let lineEnd = position > textStart && source[position - 1] == UInt8(ascii: "\r") ? position - 1 : position
                endText(at: lineEnd)
                tokens.append(Token(kind: .newline, range: lineEnd..<position + 1, content: lineEnd..<position + 1))
                position += 1
                textStart = position
            } else if byte == opening[0] && matches(opening, at: position) {
                endText(at: position)
                let tag = try tag(at: position)
                tokens.append(tag)
                position = tag.range.upperBound
                textStart = position
            } else {
                position += 1
            }
        }
        endText(at: source.count)
        return tokens
    }

    /// The tag whose opening delimiter stands at `start`.
    private mutating func tag(at start: Int) throws(TemplateSyntaxError) -> Token {
        var cursor = start + opening.count
        let sigil = cursor < source.count && Self.sigils.contains(source[cursor]) ? source[cursor] : 0
        if sigil != 0 { cursor += 1 }
        // A comment may run over several lines; any other tag ends on its own line.
        let terminator: [UInt8] = switch sigil {
        case UInt8(ascii: "="): [UInt8(ascii: "=")] + closing
        case UInt8(ascii: "{"): [UInt8(ascii: "}")] + closing
        default: closing
        }
        guard let end = find(terminator, from: cursor, crossingLines: sigil == UInt8(ascii: "!")) else {
            throw unclosed(at: start, sigil: sigil, terminator: terminator)
        }
        let token = Token(kind: .tag(sigil), range: start..<end + terminator.count, content: trimmed(cursor..<end))
        if sigil == UInt8(ascii: "=") { try changeDelimiters(token) }
        return token
    }

    /// `{{=<% %>=}}`: two new delimiters, separated by whitespace, neither holding whitespace or `=`.
    private mutating func changeDelimiters(_ token: Token) throws(TemplateSyntaxError) {
        let parts = source[token.content].split(whereSeparator: Self.isBlank)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            let (line, column) = lines.location(of: token.range.lowerBound)
            throw TemplateSyntaxError(message: "the delimiter change \(text(token.range)) needs two delimiters without spaces or `=` in them, such as {{=<% %>=}}",
                                      line: line, column: column)
        }
        opening = Array(parts[0])
        closing = Array(parts[1])
    }

    private func unclosed(at start: Int, sigil: UInt8, terminator: [UInt8]) -> TemplateSyntaxError {
        let lineEnd = source[start...].firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? source.count
        let shown = text(start..<min(lineEnd, start + 40))
        let end = String(decoding: terminator, as: UTF8.self)
        let (line, column) = lines.location(of: start)
        let message: Message = switch sigil {
        case UInt8(ascii: "!"): "the comment \(shown) is never closed with \(end)"
        case UInt8(ascii: "="): "the delimiter change \(shown) is not closed with \(end) on its line"
        default: "the tag \(shown) is not closed with \(end) on its line"
        }
        return TemplateSyntaxError(message: message, line: line, column: column)
    }

    private func find(_ needle: [UInt8], from start: Int, crossingLines: Bool) -> Int? {
        var position = start
        while position + needle.count <= source.count {
            if !crossingLines && source[position] == UInt8(ascii: "\n") { return nil }
            if matches(needle, at: position) { return position }
            position += 1
        }
        return nil
    }

    private func matches(_ needle: [UInt8], at position: Int) -> Bool {
        guard position + needle.count <= source.count else { return false }
        for offset in needle.indices where source[position + offset] != needle[offset] { return false }
        return true
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && Self.isBlank(source[lower]) { lower += 1 }
        while upper > lower && Self.isBlank(source[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: source[range], as: UTF8.self) }

    /// Whitespace inside a tag.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}

/// Where each line of a source starts, to turn byte offsets into the lines and columns errors report.
struct SourceLines {
    private let source: [UInt8]
    private let starts: [Int]

    init(_ source: [UInt8]) {
        self.source = source
        starts = [0] + source.indices.filter { source[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, String(decoding: source[starts[low]..<offset], as: UTF8.self).count + 1)
    }
}
