import Foundation

/// Finds terms spelled once in Traditional and once in Simplified characters without an alias
/// joining them, which would otherwise split one mechanism, outcome or place over two pages.
enum ScriptVariants {
    /// The names that the check reads: those with characters beyond ASCII.
    static func chinese(_ names: [String]) -> [String] {
        names.filter { name in name.utf8.contains { $0 >= 0x80 } }
    }

    /// One warning per variant spelling, at the place it is first written.
    /// - Parameters:
    ///   - names: the index's names after alias folding, vocabulary terms first (`chinese`).
    ///   - simplified: the Simplified spelling of each name (`simplify`).
    static func warnings(kind: IndexKind, names: [String], simplified spellings: [String], vocabulary: Vocabulary,
                         firstUse: [String: SourceLocation]) -> [Diagnostic] {
        var groups: [String: [String]] = [:]
        var order: [String] = []
        for (name, simplified) in zip(names, spellings) {
            if groups[simplified] == nil { order.append(simplified) }
            if groups[simplified]?.contains(name) != true { groups[simplified, default: []].append(name) }
        }
        var diagnostics: [Diagnostic] = []
        for simplified in order {
            guard let spellings = groups[simplified], spellings.count > 1 else { continue }
            let main = spellings.first { $0 == simplified } ?? spellings[0]
            for variant in spellings where variant != main {
                let file = Vocabulary.path(of: kind)
                let hint: Message = vocabulary.term(named: main) != nil
                    ? "add `aliases: [\(variant)]` to '\(main)' in \(file)"
                    : "add '\(main)' to \(file) with `aliases: [\(variant)]`"
                let problem: Message = kind == .districts
                    ? "\(kind.singular) '\(variant)' and '\(main)' differ only in Traditional and Simplified characters, but are filed as two places"
                    : "\(kind.singular) '\(variant)' and '\(main)' differ only in Traditional and Simplified characters, but are filed as two terms"
                diagnostics.append(.warning(problem, at: vocabulary.term(named: variant)?.location ?? firstUse[variant], hint: hint))
            }
        }
        return diagnostics
    }

    /// The Simplified-character spelling of each name (ICU's Hant-Hans transform). The names go
    /// through the transform as one text, a line each: ICU sets the transform up anew for every
    /// text it is given, and that took longer than transforming the names.
    static func simplify(_ names: [String]) -> [String] {
        func simplified(_ text: String) -> String { text.applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? text }
        guard !names.isEmpty else { return [] }
        guard !names.contains(where: { $0.utf8.contains(UInt8(ascii: "\n")) }) else { return names.map(simplified) }
        let lines = simplified(names.joined(separator: "\n")).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count == names.count ? lines.map(String.init) : names.map(simplified)
    }
}
