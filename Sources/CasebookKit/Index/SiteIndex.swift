/// The cases in reading order and the three indexes over them.
public struct SiteIndex: Sendable {
    /// Newest first (by date, then slug), with aliases folded onto their terms.
    public var cases: [CaseStudy]
    public var districts: DistrictTree
    public var mechanisms: TermIndex
    public var outcomes: TermIndex
    /// For each case, up to `relatedLimit` other cases that share the most mechanisms and outcomes.
    public var related: [[Int]]

    public static let relatedLimit = 4

    public func terms(_ kind: IndexKind) -> TermIndex {
        kind == .mechanisms ? mechanisms : outcomes
    }

    /// Builds the indexes. Terms missing from a vocabulary are warnings, or errors with `strict: true`.
    public static func build(_ content: SiteContent) -> (SiteIndex, [Diagnostic]) {
        let unknown: Diagnostic.Severity = content.config.strict ? .error : .warning
        let cases = content.cases
            .map { fold($0, districts: content.vocabulary(.districts), mechanisms: content.vocabulary(.mechanisms),
                         outcomes: content.vocabulary(.outcomes)) }
            .sorted { ($1.date, $0.slug) < ($0.date, $1.slug) }
        let (districts, districtProblems) = DistrictTree.build(vocabulary: content.vocabulary(.districts), cases: cases, unknownTerms: unknown)
        let (mechanisms, mechanismProblems) = TermIndex.build(kind: .mechanisms, vocabulary: content.vocabulary(.mechanisms),
                                                              cases: cases, unknownTerms: unknown, terms: \.mechanisms)
        let (outcomes, outcomeProblems) = TermIndex.build(kind: .outcomes, vocabulary: content.vocabulary(.outcomes),
                                                          cases: cases, unknownTerms: unknown, terms: \.outcomes)
        let index = SiteIndex(cases: cases, districts: districts, mechanisms: mechanisms, outcomes: outcomes,
                              related: relatedCases(cases, mechanisms: mechanisms, outcomes: outcomes))
        return (index, districtProblems + mechanismProblems + outcomeProblems + scriptVariantWarnings(cases, content))
    }

    static func scriptVariantWarnings(_ cases: [CaseStudy], _ content: SiteContent) -> [Diagnostic] {
        IndexKind.allCases.flatMap { kind -> [Diagnostic] in
            let vocabulary = content.vocabulary(kind)
            var names = vocabulary.terms.map(\.name)
            var firstUse: [String: SourceLocation] = [:]
            for study in cases {
                let used = kind == .districts ? study.district : kind == .mechanisms ? study.mechanisms : study.outcomes
                for name in used where firstUse[name] == nil {
                    firstUse[name] = study.mentions[name] ?? SourceLocation(path: study.sourcePath, line: 1)
                    names.append(name)
                }
            }
            return ScriptVariants.warnings(kind: kind, names: names, vocabulary: vocabulary, firstUse: firstUse)
        }
    }

    /// Replaces aliases by their terms' names, dropping repeats, and keeps where each was written.
    static func fold(_ study: CaseStudy, districts: Vocabulary, mechanisms: Vocabulary, outcomes: Vocabulary) -> CaseStudy {
        var folded = study
        func canonical(_ names: [String], _ vocabulary: Vocabulary) -> [String] {
            var result: [String] = []
            for name in names {
                let term = vocabulary.canonicalName(name)
                if term != name, folded.mentions[term] == nil { folded.mentions[term] = study.mentions[name] }
                if !result.contains(term) { result.append(term) }
            }
            return result
        }
        folded.district = canonical(study.district, districts)
        folded.mechanisms = canonical(study.mechanisms, mechanisms)
        folded.outcomes = canonical(study.outcomes, outcomes)
        return folded
    }

    /// Scores each pair of cases by shared terms through the term lists, not all pairs, so it stays
    /// near-linear for large libraries; ties go to the newer case. Counts go into an array per
    /// worker, and only the best `relatedLimit` are kept, instead of sorting every candidate.
    static func relatedCases(_ cases: [CaseStudy], mechanisms: TermIndex, outcomes: TermIndex) -> [[Int]] {
        let lists = cases.map { study in
            study.mechanisms.compactMap { mechanisms.term(named: $0)?.caseIDs } + study.outcomes.compactMap { outcomes.term(named: $0)?.caseIDs }
        }
        let workers = 8
        let stride = (cases.count + workers - 1) / workers
        let parts = Array(0..<workers).parallelMap { worker -> [[Int]] in
            var shared = [Int32](repeating: 0, count: cases.count)
            var touched: [Int] = []
            return (min(cases.count, worker * stride)..<min(cases.count, (worker + 1) * stride)).map { id in
                for list in lists[id] {
                    for other in list where other != id {
                        if shared[other] == 0 { touched.append(other) }
                        shared[other] += 1
                    }
                }
                var best: [(id: Int, count: Int32)] = []
                for other in touched {
                    let count = shared[other]
                    shared[other] = 0
                    guard best.count < relatedLimit || count > best.last!.count || (count == best.last!.count && other < best.last!.id) else { continue }
                    let place = best.firstIndex { count > $0.count || (count == $0.count && other < $0.id) } ?? best.count
                    best.insert((other, count), at: place)
                    if best.count > relatedLimit { best.removeLast() }
                }
                touched.removeAll(keepingCapacity: true)
                return best.map(\.id)
            }
        }
        return parts.flatMap { $0 }
    }
}
