import Foundation

/// The interface text of one language, from the theme's `strings/<language>.yml`.
public struct UIStrings: Sendable {
    public var language: String
    public var values: [String: String]

    /// Where a language's file lies in the theme.
    static func path(of language: String) -> String { "strings/\(language).yml" }
    public static let referenceLanguage = "zh-Hans"

    public subscript(key: String) -> String { values[key] ?? key }

    /// The languages that have a strings file, built in or the site's own, sorted.
    static func available(theme: SiteTheme) -> [String] {
        theme.paths(under: "strings").filter { $0.hasSuffix(".yml") && !$0.contains("/") }.map { String($0.dropLast(4)) }
    }

    /// Reads a language's strings; every key of the reference language must be present. A site's
    /// strings file changes the built-in one key by key: it needs only the strings it changes.
    static func load(theme: SiteTheme, language: String) -> (UIStrings?, [Diagnostic]) {
        let (reference, referenceProblems) = read(theme: theme, language: referenceLanguage)
        guard language != referenceLanguage else { return (reference, referenceProblems) }
        let (strings, problems) = read(theme: theme, language: language)
        guard let reference, var strings else { return (nil, referenceProblems + problems) }
        let missing = reference.values.keys.filter { strings.values[$0] == nil }.sorted()
        if !missing.isEmpty {
            return (nil, problems + [.error("missing strings that \(referenceLanguage).yml has: \(missing.joined(separator: ", "))",
                                             at: SourceLocation(path: theme.shownPath(path(of: language)), line: 1))])
        }
        strings.language = language
        return (strings, problems)
    }

    /// The built-in strings of `language`, with the site's file's strings over them.
    private static func read(theme: SiteTheme, language: String) -> (UIStrings?, [Diagnostic]) {
        let path = path(of: language)
        var values: [String: String] = [:]
        if let builtin = theme.builtin(path) { values = parse(builtin).values ?? [:] }
        guard theme.isOverridden(path) || values.isEmpty else { return (UIStrings(language: language, values: values), []) }
        switch theme.read(path) {
        case .failure(let problem):
            return (nil, [problem])
        case .success(let file):
            let (own, problems) = parse(file)
            guard let own else { return (nil, problems) }
            values.merge(own) { _, site in site }
            return (UIStrings(language: language, values: values), problems)
        }
    }

    private static func parse(_ file: SourceFile) -> (values: [String: String]?, problems: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let node = reader.compose(file.text) else {
            if !reader.log.hasErrors { reader.log.add(file.error("the strings file is empty", line: 1)) }
            return (nil, reader.log.diagnostics)
        }
        var values: [String: String] = [:]
        for (key, _, value) in reader.pairs(of: node, what: "a strings file") {
            if let text = value.scalar?.string {
                values[key] = text
            } else {
                reader.error("'\(key)' must be text", at: value)
            }
        }
        return (reader.log.hasErrors ? nil : values, reader.log.diagnostics)
    }
}
