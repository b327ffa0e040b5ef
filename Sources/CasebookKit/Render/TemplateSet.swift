import Foundation
import Mustache

/// The Mustache templates of `Templates/`, parsed once per build and shared by every render.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    /// Each interface string a template names as `{{t.key}}`, and where it is first named.
    public let stringUses: [String: SourceLocation]

    public static let folder = "Templates"
    /// Templates every build renders; a missing one is an error before any page is made.
    static let required = ["home", "case", "cases", "overview", "term", "district", "districts", "page", "404", "search", "stats",
                           "partials/case-card"]

    /// Reads every `*.mustache` below `Templates/` (except `assets/`); names are paths without the extension.
    public static func load(root: URL) -> (TemplateSet?, [Diagnostic]) {
        let folder = root.appendingPathComponent(Self.folder)
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        var stringUses: [String: SourceLocation] = [:]
        let paths = ContentLoader.filesBelow(folder).filter { $0.hasSuffix(".mustache") && !$0.hasPrefix("assets/") }
        for path in paths {
            let sourcePath = "\(Self.folder)/\(path)"
            switch SourceReader.read(root: root, path: sourcePath) {
            case .failure(let problem):
                problems.append(problem)
            case .success(let file):
                for (key, location) in Self.stringKeys(in: file) where stringUses[key] == nil { stringUses[key] = location }
                do {
                    library.register(try MustacheTemplate(string: file.text), named: String(path.dropLast(".mustache".count)))
                } catch let error as MustacheTemplate.ParserError {
                    problems.append(file.error("template syntax: \(error.error)", line: error.context.lineNumber, column: error.context.columnNumber))
                } catch {
                    problems.append(file.error("template syntax: \(error)", line: 1))
                }
            }
        }
        for name in required where library.getTemplate(named: name) == nil && !paths.contains("\(name).mustache") {
            problems.append(.error("the template \(Self.folder)/\(name).mustache is missing", at: SourceLocation(path: Self.folder, line: 1)))
        }
        return (problems.isEmpty ? TemplateSet(library: library, stringUses: stringUses) : nil, problems)
    }

    /// The keys of `{{t.key}}` tags (and sections) in a template, with where each stands.
    static func stringKeys(in file: SourceFile) -> [(String, SourceLocation)] {
        var found: [(String, SourceLocation)] = []
        for (offset, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                var tag = rest[open.upperBound...].drop { "#^/&{ ".contains($0) }
                if tag.hasPrefix("t.") {
                    tag = tag.dropFirst(2)
                    let key = tag.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                    if !key.isEmpty { found.append((String(key), file.location(line: offset + 1, column: column))) }
                }
                rest = rest[open.upperBound...]
            }
        }
        return found
    }

    /// An error for each `{{t.key}}` that the interface strings do not define, which would render as nothing.
    func missingStrings(in strings: UIStrings) -> [Diagnostic] {
        stringUses.filter { strings.values[$0.key] == nil }.sorted { $0.key < $1.key }.map { key, location in
            .error("the template uses the interface string '\(key)', which \(UIStrings.folder)/\(strings.language).yml does not define",
                   at: location, hint: "add `\(key): …` to every file in \(UIStrings.folder)/")
        }
    }

    func render(_ context: Any, with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
