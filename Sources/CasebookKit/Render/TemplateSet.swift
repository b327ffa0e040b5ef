import Foundation

/// The Mustache templates of the site's theme, parsed and compiled once per build and shared by every render.
struct TemplateSet: Sendable {
    let library: TemplateLibrary
    /// Each interface string a template names as `{{t.key}}`, and where it is first named.
    let stringUses: [String: SourceLocation]

    /// Templates every build renders; the built-in theme has each, and a site's file replaces it.
    static let required = ["home", "case", "cases", "overview", "term", "district", "districts", "page", "404", "search", "stats",
                           "partials/case-card"]

    /// Reads every `*.mustache` of the theme (except `assets/`); names are paths without the extension.
    static func load(theme: SiteTheme) -> (TemplateSet?, [Diagnostic]) {
        var library = TemplateLibrary()
        var problems = theme.problems
        var stringUses: [String: SourceLocation] = [:]
        let paths = theme.paths(under: "").filter { $0.hasSuffix(".mustache") && !$0.hasPrefix("assets/") }
        for path in paths {
            switch theme.read(path) {
            case .failure(let problem):
                problems.append(problem)
            case .success(let file):
                let name = String(path.dropLast(".mustache".count))
                do {
                    try library.add(name, source: file.text)
                } catch {
                    problems.append(file.error("template syntax: \(error.message)", line: error.line, column: error.column))
                    continue
                }
                for use in library.names(in: name) where use.name.hasPrefix("t.") {
                    let key = String(use.name.dropFirst(2))
                    if stringUses[key] == nil { stringUses[key] = file.location(line: use.line, column: use.column) }
                }
            }
        }
        return (problems.isEmpty ? TemplateSet(library: library, stringUses: stringUses) : nil, problems)
    }

    /// An error for each `{{t.key}}` that the interface strings do not define, which would render as nothing.
    func missingStrings(in strings: UIStrings) -> [Diagnostic] {
        stringUses.filter { strings.values[$0.key] == nil }.sorted { $0.key < $1.key }.map { key, location in
            .error("the template uses the interface string '\(key)', which strings/\(strings.language).yml does not define",
                   at: location, hint: "add `\(key): …` to Templates/strings/\(strings.language).yml")
        }
    }
}
