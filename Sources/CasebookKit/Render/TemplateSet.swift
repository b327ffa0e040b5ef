import Foundation
import Mustache

/// The Mustache templates of `Templates/`, parsed once per build and shared by every render.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary

    public static let folder = "Templates"
    /// Templates every build renders; a missing one is an error before any page is made.
    static let required = ["home", "case", "cases", "overview", "term", "district", "districts", "page", "404"]

    /// Reads every `*.mustache` below `Templates/` (except `assets/`); names are paths without the extension.
    public static func load(root: URL) -> (TemplateSet?, [Diagnostic]) {
        let folder = root.appendingPathComponent(Self.folder)
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        let paths = ContentLoader.filesBelow(folder).filter { $0.hasSuffix(".mustache") && !$0.hasPrefix("assets/") }
        for path in paths {
            let sourcePath = "\(Self.folder)/\(path)"
            switch ContentLoader.readSource(root: root, path: sourcePath) {
            case .failure(let problem):
                problems.append(problem)
            case .success(let file):
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
        return (problems.isEmpty ? TemplateSet(library: library) : nil, problems)
    }

    func render(_ context: Any, with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
