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
/// It runs in time linear in the text and without recursion.
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
        var quote: Character?        // inside a quoted scalar that may span lines
        var flowDepth = 0
        var indents: [Int] = []
        var lineNumber = 0
        var plainScalarOpen = false  // the last line ended inside a plain scalar, which may continue

        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let chars = Array(line)
            let indent = chars.prefix { $0 == " " }.count
            let isBlank = chars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }

            if let parent = blockScalarParent {
                if isBlank || indent > parent { continue }
                blockScalarParent = nil
            }
            var index = 0
            var nodeStart = quote == nil
            if quote == nil && flowDepth == 0 {
                if isBlank { continue }
                if let tab = chars.prefix(while: { $0 == " " || $0 == "\t" }).firstIndex(of: "\t"),
                   chars[indent...].first(where: { $0 != " " && $0 != "\t" }) != "#" {
                    return Problem(kind: .tabIndent, line: lineNumber, column: tab + 1)
                }
                if chars[indent] == "#" { continue }
                if plainScalarOpen, indent > (indents.last ?? 0) { continue }
                while let top = indents.last, top > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                index = indent
            }

            while index < chars.count {
                let char = chars[index]
                let next: Character? = index + 1 < chars.count ? chars[index + 1] : nil
                let column = index + 1
                defer { index += 1 }

                if let open = quote {
                    if open == "\"" && char == "\\" {
                        index += 1
                    } else if char == open {
                        if open == "'" && next == "'" { index += 1 } else { quote = nil }
                    }
                    continue
                }
                if char == " " || char == "\t" || char == "\r" { continue }
                let separated = next == nil || next == " " || next == "\t" || next == "\r"
                if nodeStart {
                    switch char {
                    case "&": return Problem(kind: .anchor, line: lineNumber, column: column)
                    case "*": return Problem(kind: .alias, line: lineNumber, column: column)
                    case "!":
                        while index + 1 < chars.count, chars[index + 1] != " " { index += 1 }
                        continue
                    case "-" where separated && flowDepth == 0:
                        indents.append(index + 2)
                        if indents.count > depthLimit {
                            return Problem(kind: .tooDeep, line: lineNumber, column: column)
                        }
                        continue
                    case "?" where separated:
                        continue
                    case "[", "{":
                        flowDepth += 1
                        if indents.count + flowDepth > depthLimit {
                            return Problem(kind: .tooDeep, line: lineNumber, column: column)
                        }
                        continue
                    case "\"", "'":
                        quote = char
                        nodeStart = false
                        continue
                    case "|" where flowDepth == 0, ">" where flowDepth == 0:
                        blockScalarParent = indent
                        index = chars.count
                        continue
                    case "#":
                        index = chars.count
                        continue
                    default:
                        nodeStart = false
                    }
                }
                if char == "#" && index > 0 && (chars[index - 1] == " " || chars[index - 1] == "\t") {
                    index = chars.count
                } else if char == ":" && (separated || (flowDepth > 0 && next.map { ",[]{}".contains($0) } == true)) {
                    nodeStart = true
                } else if flowDepth > 0 {
                    switch char {
                    case ",": nodeStart = true
                    case "]", "}": flowDepth -= 1
                    case "[", "{":
                        flowDepth += 1
                        if indents.count + flowDepth > depthLimit {
                            return Problem(kind: .tooDeep, line: lineNumber, column: column)
                        }
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
