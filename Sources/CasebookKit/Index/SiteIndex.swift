/// The cases in reading order and the three indexes over them.
public struct SiteIndex: Sendable {
    /// Newest first (by date, then slug), with aliases folded onto their terms.
    public var cases: [CaseStudy]
    public var districts: DistrictTree
    public var mechanisms: TermIndex
    public var outcomes: TermIndex
    /// For each case, up to `relatedLimit` other cases that share the most mechanisms and outcomes.
    public var related: [[Int]]
    /// What the next build may take as it is.
    var reusable: Reusable

    /// What making the indexes works out that a later build can take as it is when what it follows
    /// from is unchanged, as when only the body of a case was edited: each with a fingerprint of that.
    public struct Reusable: Sendable {
        /// Each case's related cases, from a fingerprint of each term's cases.
        var related: (print: UInt64, lists: [[Int]])
        /// The Simplified spelling of each Chinese name that the script check reads (`ScriptVariants`),
        /// from a fingerprint of the names: the transform takes longer than the rest of an edit's indexing.
        var spellings: (print: UInt64, simplified: [String])
    }

    public static let relatedLimit = 4

    public func terms(_ kind: IndexKind) -> TermIndex {
        kind == .mechanisms ? mechanisms : outcomes
    }

    /// Builds the indexes. Terms missing from a vocabulary are warnings, or errors with `strict: true`;
    /// not reported at all when the vocabulary has errors of its own.
    /// - Parameter known: what an earlier build worked out, each part used as it is when it
    ///   follows from the same as then.
    public static func build(_ content: SiteContent, known: Reusable? = nil) -> (SiteIndex, [Diagnostic]) {
        let severity: Diagnostic.Severity = content.config.strict ? .error : .warning
        let unknown = { @Sendable (kind: IndexKind) in content.unread.contains(Vocabulary.path(of: kind)) ? nil : severity }
        let vocabularies = (districts: content.vocabulary(.districts), mechanisms: content.vocabulary(.mechanisms),
                            outcomes: content.vocabulary(.outcomes))
        let folded = content.cases.parallelMap {
            fold($0, districts: vocabularies.districts, mechanisms: vocabularies.mechanisms, outcomes: vocabularies.outcomes)
        }
        // Positions are sorted rather than the cases, by keys taken out once rather than read
        // from two cases at each of a hundred thousand comparisons.
        let keys = folded.map { ($0.date, $0.slug) }
        let cases = keys.indices.sorted { (keys[$1].0, keys[$0].1) < (keys[$0].0, keys[$1].1) }.map { folded[$0] }
        // The district tree is made beside the term indexes. The script check comes after both,
        // on the names they gathered, rather than reading every case again.
        let ((districts, districtUses, districtProblems), (mechanisms, outcomes, termUses, termProblems)) = concurrently({
            DistrictTree.build(vocabulary: vocabularies.districts, cases: cases, unknownTerms: unknown(.districts))
        }, {
            let (mechanisms, mechanismUses, mechanismProblems) = TermIndex.build(kind: .mechanisms, vocabulary: vocabularies.mechanisms,
                                                                                 cases: cases, unknownTerms: unknown(.mechanisms), terms: \.mechanisms)
            let (outcomes, outcomeUses, outcomeProblems) = TermIndex.build(kind: .outcomes, vocabulary: vocabularies.outcomes,
                                                                           cases: cases, unknownTerms: unknown(.outcomes), terms: \.outcomes)
            return (mechanisms, outcomes, (mechanisms: mechanismUses, outcomes: outcomeUses), mechanismProblems + outcomeProblems)
        })
        // After the pair rather than in it, so that it has every core.
        let relatedPrint = fingerprint(mechanisms.terms + outcomes.terms, caseCount: cases.count)
        let related = known.flatMap { $0.related.print == relatedPrint ? $0.related.lists : nil }
            ?? relatedCases(caseCount: cases.count, mechanisms: mechanisms, outcomes: outcomes)
        let (variantProblems, spellings) = scriptVariantWarnings(content, known: known?.spellings) { kind in
            switch kind {
            case .districts: districtUses
            case .mechanisms: termUses.mechanisms
            case .outcomes: termUses.outcomes
            }
        }
        let index = SiteIndex(cases: cases, districts: districts, mechanisms: mechanisms, outcomes: outcomes, related: related,
                              reusable: Reusable(related: (relatedPrint, related), spellings: spellings))
        return (index, districtProblems + termProblems + variantProblems)
    }

    /// Not for a vocabulary with errors: without its aliases, spellings it joins would seem apart.
    /// The names of all three indexes go through the transform together, unless `known` has them.
    /// - Parameter uses: each index's names as its cases use them, after alias folding.
    static func scriptVariantWarnings(_ content: SiteContent, known: (print: UInt64, simplified: [String])?, uses: (IndexKind) -> NameUses)
        -> ([Diagnostic], spellings: (print: UInt64, simplified: [String]))
    {
        let checked = IndexKind.allCases.filter { !content.unread.contains(Vocabulary.path(of: $0)) }.map { kind in
            let vocabulary = content.vocabulary(kind), used = uses(kind)
            return (kind, vocabulary, used, names: ScriptVariants.chinese(vocabulary.terms.map(\.name) + used.order))
        }
        var print = Fingerprint()
        for (_, _, _, names) in checked {
            print.add(names.count)
            for name in names { print.add(name) }
        }
        let all = checked.flatMap(\.names)
        let simplified = known.flatMap { $0.print == print.value && $0.simplified.count == all.count ? $0.simplified : nil }
            ?? ScriptVariants.simplify(all)
        var problems: [Diagnostic] = [], start = 0
        for (kind, vocabulary, used, names) in checked {
            problems += ScriptVariants.warnings(kind: kind, names: names, simplified: Array(simplified[start..<start + names.count]),
                                                vocabulary: vocabulary, firstUse: used.firstUse)
            start += names.count
        }
        return (problems, (print.value, simplified))
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
        // Set only where folding changed something: a change gives the case fields of its own, a
        // copy of every one, and most cases name their terms as the vocabularies do.
        let (district, mechanismNames, outcomeNames) = (canonical(study.district, districts), canonical(study.mechanisms, mechanisms),
                                                        canonical(study.outcomes, outcomes))
        // By bytes: a vocabulary's spelling of a name that Swift takes as equal (a decomposed `é`)
        // is still the one written out.
        let same = { (folded: [String], read: [String]) in folded.elementsEqual(read) { $0.utf8.elementsEqual($1.utf8) } }
        if !same(district, study.district) { folded.district = district }
        if !same(mechanismNames, study.mechanisms) { folded.mechanisms = mechanismNames }
        if !same(outcomeNames, study.outcomes) { folded.outcomes = outcomeNames }
        return folded
    }

    /// The number of cases and each term's cases, in order.
    private static func fingerprint(_ terms: [IndexedTerm], caseCount: Int) -> UInt64 {
        var print = Fingerprint()
        print.add(caseCount)
        for term in terms {
            print.add(term.caseIDs.count)
            for id in term.caseIDs { print.add(id) }
        }
        return print.value
    }

    /// For each case, the `relatedLimit` others that share the most of its mechanisms and outcomes,
    /// ties going to the newer case. Each term's cases are a bitset; a case's shared-term count
    /// with every other case is summed 64 cases at a time in bit-sliced counters, so the work
    /// grows with the number of cases times the words of a bitset, with no list of candidates.
    static func relatedCases(caseCount: Int, mechanisms: TermIndex, outcomes: TermIndex) -> [[Int]] {
        let words = (caseCount + 63) / 64
        let terms = mechanisms.terms + outcomes.terms
        // A term no case uses gets no bits: no case looks it up.
        let bitsets = terms.parallelMap { term in
            guard !term.caseIDs.isEmpty else { return [UInt64]() }
            var bits = [UInt64](repeating: 0, count: words)
            for id in term.caseIDs { bits[id / 64] |= 1 << UInt64(id % 64) }
            return bits
        }
        // Each case's terms, from the terms' cases rather than by looking up its names.
        var termsOfCase = Array(repeating: [Int](), count: caseCount)
        for (position, term) in terms.enumerated() {
            for id in term.caseIDs { termsOfCase[id].append(position) }
        }
        let caseTerms = termsOfCase
        return Array(0..<caseCount).parallelMap { id in
            related(to: id, terms: caseTerms[id].map { bitsets[$0] }, words: words)
        }
    }

    /// The best others for the case `id` whose terms' bitsets are `terms`: first those that
    /// share every term, found with one AND a word; then, when there are too few of them, those
    /// that share fewer, counted in bit-sliced counters only as far into the cases as it takes to
    /// fill the list.
    private static func related(to id: Int, terms: [[UInt64]], words: Int) -> [Int] {
        guard !terms.isEmpty else { return [] }
        var sharingAll: [Int] = []
        for word in 0..<words where sharingAll.count < relatedLimit {
            var mask = UInt64.max
            for bits in terms { mask &= bits[word] }
            if word == id / 64 { mask &= ~(1 << UInt64(id % 64)) }
            while mask != 0, sharingAll.count < relatedLimit {
                sharingAll.append(word * 64 + mask.trailingZeroBitCount)
                mask &= mask - 1
            }
        }
        let wanted = relatedLimit - sharingAll.count
        guard wanted > 0, terms.count > 1 else { return sharingAll }
        return sharingAll + sharingFewer(than: terms.count, id: id, terms: terms, words: words, wanted: wanted)
    }

    /// The first `wanted` others that share fewer than `levels` (but at least one) of the terms,
    /// the most shared first, and by case within a count.
    private static func sharingFewer(than levels: Int, id: Int, terms: [[UInt64]], words: Int, wanted: Int) -> [Int] {
        let top = levels - 1
        let slices = UInt64.bitWidth - UInt64(levels).leadingZeroBitCount
        // Found ids by shared-term count, each list ascending (newer first) and at most `wanted` long.
        var found = Array(repeating: [Int](), count: levels)
        var counters = [UInt64](repeating: 0, count: slices)
        for word in 0..<words {
            for slice in 0..<slices { counters[slice] = 0 }
            for bits in terms {
                var carry = bits[word]
                for slice in 0..<slices where carry != 0 {
                    let next = counters[slice] & carry
                    counters[slice] ^= carry
                    carry = next
                }
            }
            if word == id / 64 { for slice in 0..<slices { counters[slice] &= ~(1 << UInt64(id % 64)) } }
            for level in stride(from: top, through: 1, by: -1) where found[level].count < wanted {
                var mask = UInt64.max
                for slice in 0..<slices { mask &= (level >> slice) & 1 == 1 ? counters[slice] : ~counters[slice] }
                while mask != 0, found[level].count < wanted {
                    found[level].append(word * 64 + mask.trailingZeroBitCount)
                    mask &= mask - 1
                }
            }
            // Later cases could only displace those of lower counts.
            if found[top].count == wanted { break }
        }
        return Array(found.reversed().joined().prefix(wanted))
    }
}
