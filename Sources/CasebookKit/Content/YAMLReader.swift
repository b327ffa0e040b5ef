import Foundation
import Yams

/// Reads a YAML document into typed values, turning every problem into a diagnostic at its line.
///
/// Uses `Yams.compose` with the basic resolver: every scalar stays a string and the loaders type
/// it themselves, which is both stricter (no `yes` turning into a Boolean behind the editor's back)
/// and several times faster than `Yams.load`.
struct YAMLReader {
    let file: SourceFile
    /// Lines of the file before the YAML text starts (1 when it follows a `---` line).
    let lineOffset: Int
    var log = DiagnosticLog()

    init(file: SourceFile, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Parses `yaml`; a syntax error becomes a diagnostic and the result is nil.
    mutating func compose(_ yaml: String) -> Node? {
        do {
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            log.add(diagnostic(for: error))
        } catch {
            log.add(file.error("could not read the YAML: \(error)", line: lineOffset + 1))
        }
        return nil
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return file.error("YAML syntax: \(problem)", line: mark.line + lineOffset, column: mark.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            return file.error("the key '\(duplicates.joined(separator: "', '"))' is given twice",
                              line: context.mark.line + lineOffset, column: context.mark.column)
        case let .reader(problem, _, _, _):
            return file.error("YAML: \(problem)", line: lineOffset + 1)
        default:
            return file.error("YAML: \(error)", line: lineOffset + 1)
        }
    }

    func location(of node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (lineOffset + 1, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    func sourceLocation(of node: Node) -> SourceLocation {
        let (line, column) = location(of: node)
        return file.location(line: line, column: column)
    }

    mutating func error(_ message: String, at node: Node) {
        let (line, column) = location(of: node)
        log.add(file.error(message, line: line, column: column))
    }

    mutating func warning(_ message: String, at node: Node) {
        let (line, column) = location(of: node)
        log.add(file.warning(message, line: line, column: column))
    }

    /// The key–value pairs of a mapping node, in file order; anything else is an error.
    mutating func pairs(of node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else {
            error("\(what) must be a mapping of `key: value` lines", at: node)
            return []
        }
        return mapping.map { pair in (pair.key.string ?? "", pair.key, pair.value) }
    }

    /// Warns about keys that are not among `known`, naming the nearest known key.
    mutating func checkKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], known: [String]) {
        for pair in pairs where !known.contains(pair.key) {
            var message = "unknown key '\(pair.key)'"
            if let nearest = nearestWord(to: pair.key, in: known) { message += "; did you mean '\(nearest)'?" }
            warning(message, at: pair.keyNode)
        }
    }

    /// A non-empty single-line-or-block text value.
    mutating func text(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error("'\(key)' must be text, not a list or mapping", at: node)
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            error("'\(key)' is empty", at: node)
            return nil
        }
        return value
    }

    /// A list of texts; a single scalar counts as a one-item list.
    mutating func textList(_ node: Node, key: String) -> [String]? {
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default:
            error("'\(key)' must be a list like [a, b] or a single value", at: node)
            return nil
        }
        var values: [String] = []
        for item in items {
            guard let value = text(item, key: key) else { return nil }
            values.append(value)
        }
        if values.isEmpty {
            error("'\(key)' needs at least one entry", at: node)
            return nil
        }
        return values
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("'\(key)' must be true or false", at: node)
            return nil
        }
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
func nearestWord(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
    return best.0
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
