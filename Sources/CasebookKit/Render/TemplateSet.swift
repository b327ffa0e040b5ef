import Foundation

/// The Mustache templates of `Templates/`, parsed and compiled once per build and shared by every render.
struct TemplateSet: Sendable {
    let library: TemplateLibrary
    /// Each interface string a template names as `{{t.key}}`, and where it is first named.
    let stringUses: [String: SourceLocation]

    static let folder = "Templates"
    /// Templates every build renders; a missing one is an error before any page is made.
    static let required = ["home", "case", "cases", "overview", "term", "district", "districts", "page", "404", "search", "stats",
                           "partials/case-card"]

    /// Reads every `*.mustache` below `Templates/` (except `assets/`); names are paths without the extension.
    static func load(root: URL) -> (TemplateSet?, [Diagnostic]) {
        // A linked Templates/ that leads out of the site is not followed: that one error, not one per template.
        if let link = SourceReader.linkOutOfRoot(root: root, path: Self.folder) { return (nil, [link]) }
        var library = TemplateLibrary()
        // The assets are listed, and their problems reported, as they are copied.
        var (paths, problems) = SourceFolder.files(root: root, folder: Self.folder, except: ["assets"])
        var stringUses: [String: SourceLocation] = [:]
        paths = paths.filter { $0.hasSuffix(".mustache") }
        for path in paths {
            let sourcePath = "\(Self.folder)/\(path)"
            switch SourceReader.read(root: root, path: sourcePath) {
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
        for name in required where !library.contains(name) && !paths.contains("\(name).mustache") {
            problems.append(.error("the template \(Self.folder)/\(name).mustache is missing", at: SourceLocation(path: Self.folder, line: 1)))
        }
        return (problems.isEmpty ? TemplateSet(library: library, stringUses: stringUses) : nil, problems)
    }

    /// An error for each `{{t.key}}` that the interface strings do not define, which would render as nothing.
    func missingStrings(in strings: UIStrings) -> [Diagnostic] {
        stringUses.filter { strings.values[$0.key] == nil }.sorted { $0.key < $1.key }.map { key, location in
            .error("the template uses the interface string '\(key)', which \(UIStrings.folder)/\(strings.language).yml does not define",
                   at: location, hint: "add `\(key): …` to every file in \(UIStrings.folder)/")
        }
    }
}
