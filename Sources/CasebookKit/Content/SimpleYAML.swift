/// Composes the small part of YAML that front matter is written in straight from its UTF-8 bytes,
/// into the nodes `Yams.compose` builds with the basic resolver (strings, styles, marks), several
/// times faster; for anything else it returns nil and the caller asks Yams.
///
/// The part it reads: a block mapping of `key: value` lines at the left margin, whose values are
/// single-line plain or quoted scalars, flow sequences `[a, 'b']` of such scalars, or (after an
/// empty value) a block sequence of such scalars or of block mappings of `key: value` lines; blank
/// lines and comments anywhere. It refuses rather than guesses: a scalar that goes on to another
/// line, block scalars, escapes other than `\"` and `\\`, anchors, aliases, tags, explicit keys,
/// quoted keys, nested or trailing-comma flow sequences, flow mappings, document markers, tabs,
/// control and line-break characters, duplicate keys, and any indentation but the expected one.
/// What it accepts therefore has nothing for `YAMLGuard` to refuse and no syntax error to report.
enum SimpleYAML {
    /// The nodes Yams would compose from `yaml`, or nil when `yaml` is not in the subset.
    static func compose(_ yaml: String) -> YAMLNode? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            guard hasOnlyPlainCharacters(bytes) else { return nil }
            var parser = Parser(bytes: bytes)
            return parser.document()
        }
    }

    /// Whether `bytes` (valid UTF-8) are free of tabs, carriage returns and other control characters,
    /// and of the characters libyaml counts as line breaks (NEL, U+2028, U+2029) or treats apart
    /// (a byte order mark, U+FFFE, U+FFFF).
    static func hasOnlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // A Swift string is valid UTF-8, so the continuation bytes read here are there.
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x00..<0x20 where bytes[index] != .newline, 0x7F: return false
            case 0xC2 where bytes[index + 1] < 0xA0: return false
            case 0xE2 where bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): return false
            case 0xEF where (bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF) || (bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE):
                return false
            default: break
            }
            index += 1
        }
        return true
    }

    /// A line of the text: where it starts, where its first non-space byte is, where it ends (its
    /// line break or the end of the text), and its 1-based number.
    private struct Line {
        let start: Int
        let content: Int
        let end: Int
        let number: Int

        var indent: Int { content - start }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The start of the first line not yet taken, and its number.
        var next = 0
        var nextNumber = 1
        /// The line `contentLine()` found last, until it is taken: the parser looks at a line
        /// before it decides who takes it.
        var found: Line?

        /// The root mapping, which must account for every line of the text.
        mutating func document() -> YAMLNode? {
            guard let first = contentLine(), first.indent == 0,
                  let root = blockMapping(first, keyStart: first.content, isRoot: true), contentLine() == nil else { return nil }
            return root
        }

        /// The next line with content (not blank, not only a comment), not yet taken; the blank and
        /// comment lines before it are passed over, as they carry nothing.
        mutating func contentLine() -> Line? {
            if let found { return found }
            while next < bytes.count {
                let content = skipSpaces(from: next, to: bytes.count)
                var end = content
                while end < bytes.count, bytes[end] != .newline { end += 1 }
                if content < end, bytes[content] != .hash {
                    found = Line(start: next, content: content, end: end, number: nextNumber)
                    return found
                }
                next = end + 1
                nextNumber += 1
            }
            return nil
        }

        /// Moves past `line`, which its reader has used.
        mutating func take(_ line: Line) {
            next = line.end + 1
            nextNumber = line.number + 1
            found = nil
        }

        /// A block mapping whose first key starts at `keyStart` on `first`, and its other keys at
        /// the same column on the lines that follow. Only the root's keys may hold a block sequence.
        mutating func blockMapping(_ first: Line, keyStart: Int, isRoot: Bool) -> YAMLNode? {
            let start = mark(first, keyStart)
            // Only spaces and a '-' stand before a key, so its column in bytes is its column in characters.
            let column = keyStart - first.start
            var pairs: [YAMLNode.Pair] = []
            var keys: [String] = []  // kept apart, to look for duplicates without reading each key back from its node
            var line = first, keyStart = keyStart
            while true {
                guard let (text, key, colon) = key(on: line, at: keyStart), !keys.contains(text) else { return nil }
                keys.append(text)
                take(line)
                let valueStart = skipSpaces(from: colon + 1, to: line.end)
                let value: YAMLNode
                if valueStart < line.end && bytes[valueStart] != .hash {
                    guard let inline = inlineValue(on: line, at: valueStart) else { return nil }
                    value = inline
                } else if isRoot, let following = contentLine(), isSequenceEntry(following) {
                    guard let sequence = blockSequence(following) else { return nil }
                    value = sequence
                } else if let following = contentLine(), following.indent > column {
                    return nil
                } else {
                    // Yams places an empty value just after its ':'.
                    value = scalar("", .plain, mark(line, colon + 1))
                }
                pairs.append(YAMLNode.Pair(key: key, value: value))
                guard let following = contentLine(), following.indent == column else { break }
                line = following
                keyStart = following.content
            }
            return .mapping(pairs, start)
        }

        /// The key of a `key: value` line starting at `start`, and where its ':' is.
        func key(on line: Line, at start: Int) -> (text: String, node: YAMLNode, colon: Int)? {
            guard startsPlainScalar(at: start, on: line),
                  case let (end, .colon(colon)) = plainScalarEnd(from: start, on: line, inFlow: false),
                  colon - start <= 1000 else { return nil }  // libyaml takes keys of at most 1024 characters
            let key = text(start, end)
            return (key, scalar(key, .plain, mark(line, start)), colon)
        }

        /// The value that starts at `start` and ends the line: a plain or quoted scalar, or a flow sequence.
        func inlineValue(on line: Line, at start: Int) -> YAMLNode? {
            let node: YAMLNode, end: Int
            switch bytes[start] {
            case .openBracket:
                guard let (sequence, after) = flowSequence(on: line, at: start) else { return nil }
                (node, end) = (sequence, after)
            case .singleQuote, .doubleQuote:
                guard let (quoted, after) = quotedScalar(on: line, at: start) else { return nil }
                (node, end) = (quoted, after)
            default:
                guard startsPlainScalar(at: start, on: line) else { return nil }
                switch plainScalarEnd(from: start, on: line, inFlow: false) {
                case let (last, .lineEnd), let (last, .comment): return scalar(text(start, last), .plain, mark(line, start))
                default: return nil
                }
            }
            let rest = skipSpaces(from: end, to: line.end)
            guard rest == line.end || (rest > end && bytes[rest] == .hash) else { return nil }
            return node
        }

        /// `[a, 'b', "c"]` on one line; the node and the index just after its ']'.
        func flowSequence(on line: Line, at start: Int) -> (YAMLNode, Int)? {
            var items: [YAMLNode] = []
            var index = skipSpaces(from: start + 1, to: line.end)
            if index < line.end, bytes[index] == .closeBracket {
                return (.sequence(items, mark(line, start)), index + 1)
            }
            while index < line.end {
                let after: Int
                if bytes[index] == .singleQuote || bytes[index] == .doubleQuote {
                    guard let (quoted, end) = quotedScalar(on: line, at: index) else { return nil }
                    items.append(quoted)
                    after = skipSpaces(from: end, to: line.end)
                } else {
                    guard startsPlainScalar(at: index, on: line),
                          case let (last, .flowIndicator(indicator)) = plainScalarEnd(from: index, on: line, inFlow: true) else { return nil }
                    items.append(scalar(text(index, last), .plain, mark(line, index)))
                    after = indicator
                }
                guard after < line.end else { return nil }
                if bytes[after] == .closeBracket { return (.sequence(items, mark(line, start)), after + 1) }
                guard bytes[after] == .comma else { return nil }
                index = skipSpaces(from: after + 1, to: line.end)
            }
            return nil
        }

        /// A single- or double-quoted scalar closed on its own line; the node and the index just
        /// after its closing quote.
        func quotedScalar(on line: Line, at start: Int) -> (YAMLNode, Int)? {
            let quote = bytes[start]
            var unescaped: [UInt8] = []  // the text before `runStart`, filled only once an escape turns up
            var index = start + 1, runStart = index
            while index < line.end {
                let byte = bytes[index]
                let following = index + 1 < line.end ? bytes[index + 1] : .newline
                if (byte == .singleQuote && quote == .singleQuote && following == .singleQuote)
                    || (byte == .backslash && quote == .doubleQuote && (following == .doubleQuote || following == .backslash)) {
                    unescaped += bytes[runStart..<index]
                    unescaped.append(following)
                    index += 2
                    runStart = index
                } else if byte == .backslash && quote == .doubleQuote {
                    return nil
                } else if byte == quote {
                    let string = runStart == start + 1 ? text(runStart, index) : String(decoding: unescaped + bytes[runStart..<index], as: UTF8.self)
                    return (scalar(string, quote == .singleQuote ? .singleQuoted : .doubleQuoted, mark(line, start)), index + 1)
                } else {
                    index += 1
                }
            }
            return nil
        }

        /// A block sequence of `- item` lines at the indentation of `first`; each item a scalar, a
        /// flow sequence, or a block mapping whose first key stands on the item's line.
        mutating func blockSequence(_ first: Line) -> YAMLNode? {
            var items: [YAMLNode] = []
            var line = first
            while true {
                take(line)
                let start = skipSpaces(from: line.content + 1, to: line.end)
                guard start < line.end, bytes[start] != .hash else { return nil }
                let item: YAMLNode?
                if startsPlainScalar(at: start, on: line), case .colon = plainScalarEnd(from: start, on: line, inFlow: false).stop {
                    item = blockMapping(line, keyStart: start, isRoot: false)
                } else {
                    item = inlineValue(on: line, at: start)
                }
                guard let item else { return nil }
                items.append(item)
                guard let following = contentLine(), following.indent == first.indent, isSequenceEntry(following) else { break }
                line = following
            }
            return .sequence(items, mark(first, first.content))
        }

        /// Whether `line` is a `- item` line (or a bare '-', which `blockSequence` refuses).
        func isSequenceEntry(_ line: Line) -> Bool {
            bytes[line.content] == .dash && (line.content + 1 == line.end || bytes[line.content + 1] == .space)
        }

        /// Whether a plain scalar may start at `index`: not at an indicator, except a '-' before a
        /// letter or digit (a negative number), and not at a document end marker.
        func startsPlainScalar(at index: Int, on line: Line) -> Bool {
            let byte = bytes[index]
            if byte == .dash {
                guard index + 1 < line.end else { return false }
                let next = bytes[index + 1]
                return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20)
            }
            if byte == UInt8(ascii: "."), index == line.start, index + 2 < line.end, bytes[index + 1] == byte, bytes[index + 2] == byte {
                return false
            }
            return !byte.isIndicator
        }

        enum Stop {
            case lineEnd, comment
            /// A ':' followed by a space or the line's end, at this index.
            case colon(Int)
            /// A ',' or ']' inside a flow sequence, at this index.
            case flowIndicator(Int)
            /// What this subset does not read: in a flow sequence a ':', '[', '{', '}', a comment or the line's end.
            case refused
        }

        /// Where a plain scalar starting at `start` ends: the index after its last non-space byte, and what stops it.
        func plainScalarEnd(from start: Int, on line: Line, inFlow: Bool) -> (end: Int, stop: Stop) {
            var index = start, last = start
            while index < line.end {
                let byte = bytes[index]
                if byte == .colon {
                    if inFlow { return (last, .refused) }
                    if index + 1 == line.end || bytes[index + 1] == .space { return (last, .colon(index)) }
                } else if byte == .hash && bytes[index - 1] == .space {
                    return (last, inFlow ? .refused : .comment)
                } else if inFlow {
                    switch byte {
                    case .comma, .closeBracket: return (last, .flowIndicator(index))
                    case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"): return (last, .refused)
                    default: break
                    }
                }
                index += 1
                if byte != .space { last = index }
            }
            return (last, inFlow ? .refused : .lineEnd)
        }

        func skipSpaces(from start: Int, to end: Int) -> Int {
            var index = start
            while index < end, bytes[index] == .space { index += 1 }
            return index
        }

        /// The bytes from `start` to `end` as a string.
        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// Where `mark` last counted a column to.
        private final class ColumnCount {
            var lineStart = -1
            var index = 0
            var column = 1
        }

        /// Marks are asked for left to right along a line, so each count goes on from the last one:
        /// a flow list of many thousand items on one line would otherwise cost their square.
        private let counted = ColumnCount()

        /// Where `index` stands as Yams reports it: the line, and the column counted in characters from 1.
        func mark(_ line: Line, _ index: Int) -> YAMLNode.Mark {
            var (from, column) = (line.start, 1)
            if counted.lineStart == line.start, counted.index <= index { (from, column) = (counted.index, counted.column) }
            for byte in bytes[from..<index] where byte & 0xC0 != 0x80 { column += 1 }
            (counted.lineStart, counted.index, counted.column) = (line.start, index, column)
            return YAMLNode.Mark(line: line.number, column: column)
        }

        func scalar(_ string: String, _ style: YAMLNode.Style, _ mark: YAMLNode.Mark) -> YAMLNode {
            .scalar(YAMLNode.Scalar(string: string, style: style, mark: mark))
        }
    }
}

/// The bytes the parser looks for, as names.
private extension UInt8 {
    static var space: UInt8 { UInt8(ascii: " ") }
    static var newline: UInt8 { UInt8(ascii: "\n") }
    static var hash: UInt8 { UInt8(ascii: "#") }
    static var colon: UInt8 { UInt8(ascii: ":") }
    static var comma: UInt8 { UInt8(ascii: ",") }
    static var dash: UInt8 { UInt8(ascii: "-") }
    static var openBracket: UInt8 { UInt8(ascii: "[") }
    static var closeBracket: UInt8 { UInt8(ascii: "]") }
    static var singleQuote: UInt8 { UInt8(ascii: "'") }
    static var doubleQuote: UInt8 { UInt8(ascii: "\"") }
    static var backslash: UInt8 { UInt8(ascii: "\\") }

    /// Whether a plain scalar may not start with this byte.
    var isIndicator: Bool {
        switch self {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
             UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }
}
