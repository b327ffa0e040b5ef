/// The names that the cases of one index use, in the order they are first used (cases in
/// `SiteIndex.cases` order, each case's names as written), and where each is first written. The
/// indexes gather it while they file the cases, so that checks over the names (`ScriptVariants`)
/// need not read every case again.
struct NameUses: Sendable {
    private(set) var order: [String] = []
    private(set) var firstUse: [String: SourceLocation] = [:]

    /// Notes `name` as used by `study`, unless a case before it used it.
    mutating func note(_ name: String, in study: CaseStudy) {
        let added = firstUse.withValue(name, orAdding: { study.mentions[name] ?? SourceLocation(path: study.sourcePath, line: 1) }) { _ in }.added
        if added { order.append(name) }
    }
}
