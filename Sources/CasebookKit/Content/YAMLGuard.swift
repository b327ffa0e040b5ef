/// A single pass over YAML text that refuses what could make parsing it dangerous or confusing,
/// before any YAML library sees it:
///
/// - anchors (`&name`) and aliases (`*name`): a few hundred bytes of them can expand into
///   gigabytes ("billion laughs"), and front matter never needs them;
/// - nesting deeper than `depthLimit`: the YAML composer recurses once per level;
/// - tabs used as indentation, which YAML forbids with a message no editor understands.
///
/// It is a scanner, not a parser: it tracks quotes, comments, block scalars and flow brackets well
/// enough to tell where a node starts, which is the only place `&` and `*` mean anything to YAML.
/// It runs in time linear in the text and without recursion, over UTF-8 bytes: every character it
/// looks for is ASCII, and no byte of another character can be mistaken for one.
enum YAMLGuard {
    static let depthLimit = 20

    struct Problem: Equatable {
        enum Kind: Equatable { case anchor, alias, tooDeep, tabIndent }
        var kind: Kind
        /// 1-based, within the scanned text.
        var line: Int
        var column: Int
    }

    static func scan(_ yaml: String) -> Problem? {
        var blockScalarParent: Int?  // indentation of the line that opened a `|` or `>` scalar
        var quote: UInt8?            // inside a quoted scalar that may span lines
        var flowDepth = 0
        var indents: [Int] = []
        var lineNumber = 0
        var plainScalarOpen = false  // the last line ended inside a plain scalar, which may continue
        let (space, tab, returnByte) = (UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"))

        for line in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let chars = Array(line)
            /// A problem at byte `index` of this line, its column counted in characters.
            func problem(_ kind: Problem.Kind, at index: Int) -> Problem {
                Problem(kind: kind, line: lineNumber, column: String(decoding: chars[..<index], as: UTF8.self).count + 1)
            }
            let indent = chars.prefix { $0 == space }.count
            let isBlank = chars.allSatisfy { $0 == space || $0 == tab || $0 == returnByte }

            if let parent = blockScalarParent {
                if isBlank || indent > parent { continue }
                blockScalarParent = nil
            }
            var index = 0
            var nodeStart = quote == nil
            if quote == nil && flowDepth == 0 {
                if isBlank { continue }
                if let tabAt = chars.prefix(while: { $0 == space || $0 == tab }).firstIndex(of: tab),
                   chars[indent...].first(where: { $0 != space && $0 != tab }) != UInt8(ascii: "#") {
                    return problem(.tabIndent, at: tabAt)
                }
                if chars[indent] == UInt8(ascii: "#") { continue }
                if plainScalarOpen, indent > (indents.last ?? 0) { continue }
                while let top = indents.last, top > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                index = indent
            }

            while index < chars.count {
                let char = chars[index]
                let next: UInt8? = index + 1 < chars.count ? chars[index + 1] : nil
                let at = index
                defer { index += 1 }

                if let open = quote {
                    if open == UInt8(ascii: "\"") && char == UInt8(ascii: "\\") {
                        index += 1
                    } else if char == open {
                        if open == UInt8(ascii: "'") && next == UInt8(ascii: "'") { index += 1 } else { quote = nil }
                    }
                    continue
                }
                if char == space || char == tab || char == returnByte { continue }
                let separated = next == nil || next == space || next == tab || next == returnByte
                if nodeStart {
                    switch char {
                    case UInt8(ascii: "&"): return problem(.anchor, at: at)
                    case UInt8(ascii: "*"): return problem(.alias, at: at)
                    case UInt8(ascii: "!"):
                        while index + 1 < chars.count, chars[index + 1] != space { index += 1 }
                        continue
                    case UInt8(ascii: "-") where separated && flowDepth == 0:
                        indents.append(index + 2)
                        if indents.count > depthLimit { return problem(.tooDeep, at: at) }
                        continue
                    case UInt8(ascii: "?") where separated:
                        continue
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flowDepth += 1
                        if indents.count + flowDepth > depthLimit { return problem(.tooDeep, at: at) }
                        continue
                    case UInt8(ascii: "\""), UInt8(ascii: "'"):
                        quote = char
                        nodeStart = false
                        continue
                    case UInt8(ascii: "|") where flowDepth == 0, UInt8(ascii: ">") where flowDepth == 0:
                        blockScalarParent = indent
                        index = chars.count
                        continue
                    case UInt8(ascii: "#"):
                        index = chars.count
                        continue
                    default:
                        nodeStart = false
                    }
                }
                if char == UInt8(ascii: "#") && index > 0 && (chars[index - 1] == space || chars[index - 1] == tab) {
                    index = chars.count
                } else if char == UInt8(ascii: ":") && (separated || (flowDepth > 0 && next.map { Array(",[]{}".utf8).contains($0) } == true)) {
                    nodeStart = true
                } else if flowDepth > 0 {
                    switch char {
                    case UInt8(ascii: ","): nodeStart = true
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth -= 1
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flowDepth += 1
                        if indents.count + flowDepth > depthLimit { return problem(.tooDeep, at: at) }
                        nodeStart = true
                    default: break
                    }
                }
            }
            plainScalarOpen = !nodeStart && quote == nil && blockScalarParent == nil && flowDepth == 0
        }
        return nil
    }
}
