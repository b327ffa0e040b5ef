import Foundation

/// The interface text of one language, from `Templates/strings/<language>.yml`.
public struct UIStrings: Sendable {
    public var language: String
    public var values: [String: String]

    public static let folder = "Templates/strings"
    public static let referenceLanguage = "zh-Hans"

    public subscript(key: String) -> String { values[key] ?? key }

    /// The languages that have a strings file, sorted.
    public static func available(root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Reads a language's strings; every key of the reference language must be present.
    public static func load(root: URL, language: String) -> (UIStrings?, [Diagnostic]) {
        let (reference, referenceProblems) = read(root: root, language: referenceLanguage)
        guard language != referenceLanguage else { return (reference, referenceProblems) }
        let (strings, problems) = read(root: root, language: language)
        guard let reference, var strings else { return (nil, referenceProblems + problems) }
        let missing = reference.values.keys.filter { strings.values[$0] == nil }.sorted()
        if !missing.isEmpty {
            let path = "\(folder)/\(language).yml"
            return (nil, problems + [.error("missing strings that \(referenceLanguage).yml has: \(missing.joined(separator: ", "))",
                                             at: SourceLocation(path: path, line: 1))])
        }
        strings.language = language
        return (strings, problems)
    }

    private static func read(root: URL, language: String) -> (UIStrings?, [Diagnostic]) {
        let path = "\(folder)/\(language).yml"
        let file: SourceFile
        switch SourceReader.read(root: root, path: path) {
        case .success(let source): file = source
        case .failure(let problem): return (nil, [problem])
        }
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
        return (reader.log.hasErrors ? nil : UIStrings(language: language, values: values), reader.log.diagnostics)
    }
}
