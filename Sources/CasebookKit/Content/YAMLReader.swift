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
    mutating func compose(_ yaml: String) -> YAMLNode? {
        // Nearly all front matter is in the subset SimpleYAML reads, which has nothing for YAMLGuard
        // to refuse; only the rest pays for the guard and for Yams.
        if let node = SimpleYAML.compose(yaml) { return node }
        if let problem = YAMLGuard.scan(yaml) {
            log.add(diagnostic(for: problem))
            return nil
        }
        do {
            // The encoding named, since Yams would otherwise read the environment on every parse.
            return try Yams.compose(yaml: yaml, .basic, .default, .utf8).map(YAMLNode.init)
        } catch let error as YamlError {
            log.add(diagnostic(for: error))
        } catch {
            log.add(file.error("could not read the YAML: \(error)", line: lineOffset + 1))
        }
        return nil
    }

    private func diagnostic(for problem: YAMLGuard.Problem) -> Diagnostic {
        let line = problem.line + lineOffset, column = problem.column
        switch problem.kind {
        case .anchor, .alias:
            let hint: Message = "write the value out in full; if the text really starts with '\(problem.kind == .anchor ? "&" : "*")', put it in quotes"
            return problem.kind == .anchor
                ? file.error("YAML anchors (&name) are not accepted here", line: line, column: column, hint: hint)
                : file.error("YAML aliases (*name) are not accepted here", line: line, column: column, hint: hint)
        case .tooDeep:
            return file.error("values are nested more than \(YAMLGuard.depthLimit) levels deep", line: line, column: column,
                              hint: "front matter needs at most a few levels: keys, lists, and the fields of a figure")
        case .tabIndent:
            return file.error("a tab is used to indent this line; YAML indents with spaces only", line: line, column: column,
                              hint: "replace the tab with spaces")
        }
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            // libyaml's own words; the catalogue says the common ones in Chinese.
            let said = Message(catalogued: problem)
            let message: Message = if let context {
                "YAML syntax: \(said), \(Message(catalogued: context.text)) that began on line \(context.mark.line + lineOffset), column \(context.mark.column)"
            } else {
                "YAML syntax: \(said)"
            }
            return file.error(message, line: mark.line + lineOffset, column: mark.column, hint: Self.hint(forYAMLProblem: problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            return file.error("the key '\(duplicates.joined(separator: "', '"))' is given twice",
                              line: context.mark.line + lineOffset, column: context.mark.column)
        case let .reader(problem, _, _, _):
            return file.error("YAML: \(problem)", line: lineOffset + 1)
        default:
            return file.error("YAML: \(error)", line: lineOffset + 1)
        }
    }

    /// Advice for the YAML mistakes editors make most.
    static func hint(forYAMLProblem problem: String) -> Message? {
        if problem.contains("mapping values are not allowed") {
            return "a value that contains ': ' must be put in quotes"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return "line up keys and list items at the same indentation as their neighbours"
        }
        if problem.contains("cannot start any token") {
            return "a value that starts with a special character (@ ` | > % & *) must be put in quotes"
        }
        if problem.contains("end of stream") || problem.contains("unexpected end") {
            return "a quote or bracket is opened and never closed"
        }
        return nil
    }

    func location(of node: YAMLNode) -> (line: Int, column: Int) {
        (node.mark.line + lineOffset, node.mark.column)
    }

    func sourceLocation(of node: YAMLNode) -> SourceLocation {
        let (line, column) = location(of: node)
        return file.location(line: line, column: column)
    }

    mutating func error(_ message: Message, at node: YAMLNode, hint: Message? = nil) {
        let (line, column) = location(of: node)
        log.add(file.error(message, line: line, column: column, hint: hint))
    }

    mutating func warning(_ message: Message, at node: YAMLNode, hint: Message? = nil) {
        let (line, column) = location(of: node)
        log.add(file.warning(message, line: line, column: column, hint: hint))
    }

    /// The key–value pairs of a mapping node, in file order; anything else is an error.
    mutating func pairs(of node: YAMLNode, what: Message) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let mapping = node.mapping else {
            error("\(what) must be a mapping of `key: value` lines", at: node)
            return []
        }
        return mapping.map { pair in (pair.key.string ?? "", pair.key, pair.value) }
    }

    /// Warns about keys that are not among `known`, naming the nearest known key.
    mutating func checkKeys(_ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)], known: [String]) {
        for pair in pairs where !known.contains(pair.key) {
            let hint: Message = nearestWord(to: pair.key, in: known).map { "did you mean '\($0)'?" }
                ?? "the keys Casebook reads here are: \(known.joined(separator: ", "))"
            warning("unknown key '\(pair.key)'", at: pair.keyNode, hint: hint)
        }
    }

    /// A non-empty single-line-or-block text value.
    /// - Parameter allowNumber: accept an unquoted number; otherwise it is an error, as a title of
    ///   `2019` is far more often a slip than intended.
    mutating func text(_ node: YAMLNode, key: String, allowNumber: Bool = false) -> String? {
        guard let scalar = node.scalar else {
            if node.mapping != nil {
                error("'\(key)' must be text, found a mapping (key: value lines)", at: node,
                      hint: "a ': ' inside the value makes it a mapping; put the value in quotes")
            } else {
                error("'\(key)' must be text, found a list", at: node)
            }
            return nil
        }
        var value = scalar.string.trimmingWhiteSpace
        if scalar.style == .plain, ["~", "null", "Null", "NULL"].contains(value) { value = "" }
        if !allowNumber, scalar.style == .plain, !value.isEmpty, Double(value) != nil {
            error("'\(key)' must be text, found the number \(value)", at: node,
                  hint: "put it in quotes (\"\(value)\") if the number is meant as text")
            return nil
        }
        if value.isEmpty {
            error("'\(key)' is empty", at: node)
            return nil
        }
        return value
    }

    /// Names to show in the hint for an empty list when the site's vocabulary gives none.
    static let defaultExamples = ["district": ["甘肃省", "天水市", "秦州区"], "mechanisms": ["居民议事会"], "outcomes": ["矛盾化解"]]

    /// The hint for an empty `key` list, with `examples` written as the list they would make.
    static func emptyListHint(_ key: String, examples: [String]) -> Message {
        "it needs at least one entry, such as [\(examples.joined(separator: ", "))]"
    }

    /// A list of texts; a single scalar counts as a one-item list.
    mutating func textList(_ node: YAMLNode, key: String) -> [String]? {
        let items: [YAMLNode]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence, _): items = sequence
        case .mapping:
            error("'\(key)' must be a list, found a mapping (key: value lines)", at: node,
                  hint: "write a list as [a, b] or as lines starting with '- '")
            return nil
        }
        var values: [String] = []
        for item in items {
            guard let value = text(item, key: key) else { return nil }
            values.append(value)
        }
        if values.isEmpty {
            error("'\(key)' is empty", at: node, hint: Self.emptyListHint(key, examples: Self.defaultExamples[key] ?? []))
            return nil
        }
        return values
    }

    /// A `slug` value: lowercase ASCII letters, digits and hyphens, which is safe in any path.
    mutating func slug(_ node: YAMLNode) -> String? {
        guard let slug = text(node, key: "slug", allowNumber: true) else { return nil }
        guard Slug.isValid(slug) else {
            let suggestion = Slug.make(from: slug)
            error("'slug' must be lowercase ASCII letters, digits and hyphens, found \"\(slug)\"", at: node,
                  hint: suggestion.isEmpty ? "choose a name like 'tianshui-charging'" : "such as '\(suggestion)'")
            return nil
        }
        if slug == Slug.reserved {
            error("'slug' cannot be '\(slug)': every folder keeps that name for its overview page", at: node,
                  hint: "choose another name for the page")
            return nil
        }
        guard within(Slug.maximumLength, slug.utf8.count, at: node,
                     "'slug' has \(slug.utf8.count) characters, more than the \(Slug.maximumLength) allowed",
                     hint: "such as '\(Slug.make(from: slug))'") else { return nil }
        return slug
    }

    /// An error at the first line when a file name gives a page name that no page may have, for a
    /// file whose front matter sets no `slug`. `what` is the kind of file, such as "case".
    mutating func checkSlug(fromFileName slug: String, of what: Message) {
        if slug == Slug.reserved {
            log.add(file.error("the file name gives this \(what) the page name '\(slug)', which every folder keeps for its overview page",
                               line: 1, hint: "rename the file, or give the \(what) another 'slug'"))
        } else if slug.utf8.count > Slug.maximumLength {
            log.add(file.error("the file name gives this \(what) a page name of \(slug.utf8.count) characters, more than the \(Slug.maximumLength) allowed",
                               line: 1, hint: "rename the file, or give the \(what) a shorter 'slug'"))
        }
    }

    /// Whether `count` is at most `limit`; if not, the error `message` at `node`, such as
    /// `'title' has 150 characters, more than the 100 allowed` (made only then).
    @discardableResult
    mutating func within(_ limit: Int, _ count: Int, at node: YAMLNode, _ message: @autoclosure () -> Message,
                         hint: @autoclosure () -> Message) -> Bool {
        guard count > limit else { return true }
        error(message(), at: node, hint: hint())
        return false
    }

    /// Whether `text` has at most `limit` characters; if not, the error `message(count)` at
    /// `node`. Characters are counted only for a text of more than `limit` bytes, which is slow
    /// for Chinese text and needless below: no text has more characters than bytes.
    @discardableResult
    mutating func within(_ limit: Int, charactersOf text: String, at node: YAMLNode, _ message: (Int) -> Message,
                         hint: @autoclosure () -> Message) -> Bool {
        guard text.utf8.count > limit else { return true }
        let count = text.count
        return within(limit, count, at: node, message(count), hint: hint())
    }

    /// An error when the district, mechanism or outcome name (or alias) `name`, written at `node`,
    /// is longer than a name may be.
    mutating func checkName(_ name: String, at node: YAMLNode) {
        within(ContentLimits.nameLength, charactersOf: name, at: node, { count in
            let shown = count > 12 ? name.prefix(12) + "…" : Substring(name)
            return "the name '\(shown)' has \(count) characters, more than the \(ContentLimits.nameLength) allowed"
        }, hint: "use a shorter name; a longer description can go in Content/vocabularies/")
    }

    mutating func bool(_ node: YAMLNode, key: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            if let scalar = node.scalar {
                error("'\(key)' must be true or false, found \"\(scalar.string)\"", at: node)
            } else {
                error("'\(key)' must be true or false, found a list or mapping", at: node)
            }
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
