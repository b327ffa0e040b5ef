import Foundation

/// Finds terms spelled once in Traditional and once in Simplified characters without an alias
/// joining them, which would otherwise split one mechanism, outcome or place over two pages.
enum ScriptVariants {
    /// One warning per variant spelling, at the place it is first written.
    /// - Parameter names: the index's names after alias folding, vocabulary terms first.
    static func warnings(kind: IndexKind, names: [String], vocabulary: Vocabulary,
                         firstUse: [String: SourceLocation]) -> [Diagnostic] {
        var groups: [String: [String]] = [:]
        var order: [String] = []
        for name in names where !name.allSatisfy(\.isASCII) {
            let simplified = simplify(name)
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

    /// The Simplified-character spelling of `name` (ICU's Hant-Hans transform).
    static func simplify(_ name: String) -> String {
        name.applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? name
    }
}
