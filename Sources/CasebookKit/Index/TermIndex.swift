/// A mechanism or outcome with its page slug and the cases filed under it, newest first.
public struct IndexedTerm: Sendable, Hashable {
    public var kind: IndexKind
    public var name: String
    public var slug: String
    public var description: String?
    /// Positions in `SiteIndex.cases`, ascending (which is newest first).
    public var caseIDs: [Int]

    public var count: Int { caseIDs.count }
}

/// A flat index (mechanisms or outcomes): every term used by a case or listed in the vocabulary.
public struct TermIndex: Sendable {
    public var kind: IndexKind
    /// Most cases first; ties by vocabulary order, then name.
    public var terms: [IndexedTerm]
    private var positions: [String: Int]

    public func term(named name: String) -> IndexedTerm? {
        positions[name].map { terms[$0] }
    }

    /// Files each case under its (already canonical) terms and gives every term a unique slug.
    /// Terms no case uses are kept, with a count of zero, so the vocabulary shows in full.
    /// - Parameter unknownTerms: how a term missing from the vocabulary is reported; nil when the
    ///   vocabulary has errors, and then nothing is said against it (missing terms, slugs taken twice).
    /// - Returns: the index, the names the cases use, and the problems found.
    static func build(kind: IndexKind, vocabulary: Vocabulary, cases: [CaseStudy], unknownTerms: Diagnostic.Severity?,
                      terms termsOf: (CaseStudy) -> [String])
        -> (TermIndex, NameUses, [Diagnostic])
    {
        var caseIDs: [String: [Int]] = [:]
        var uses = NameUses()
        for (id, study) in cases.enumerated() {
            for name in termsOf(study) {
                if caseIDs.withValue(name, orAdding: { [] }, { $0.append(id) }).added { uses.note(name, in: study) }
            }
        }
        let firstUse = uses.firstUse
        let listed = vocabulary.terms.map(\.name)
        let unlisted = uses.order.filter { vocabulary.term(named: $0) == nil }.sorted()
        var diagnostics: [Diagnostic] = []

        // Vocabulary slugs are claimed first so that a transliterated slug never takes one away.
        var allocator = SlugAllocator()
        var slugs: [String: String] = [:]
        for term in vocabulary.terms where term.slug != nil { slugs[term.name] = allocator.claim(term.slug!, for: term.name) }
        for name in listed + unlisted where slugs[name] == nil { slugs[name] = allocator.claim(Slug.make(from: name), for: name) }
        for collision in allocator.collisions {
            diagnostics.append(.warning("\(kind.singular) '\(collision.name)' would have the slug '\(collision.wanted)' of '\(collision.owner)'; it uses '\(collision.got)'",
                                        at: vocabulary.term(named: collision.name)?.location ?? firstUse[collision.name],
                                        hint: "give it a 'slug' in \(Vocabulary.path(of: kind)) to choose one"))
        }

        var terms = (listed + unlisted).map { name in
            IndexedTerm(kind: kind, name: name, slug: slugs[name]!, description: vocabulary.term(named: name)?.description,
                        caseIDs: caseIDs[name] ?? [])
        }
        let order = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.name, $0) })
        terms.sort { ($1.count, order[$0.name]!) < ($0.count, order[$1.name]!) }
        let positions = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.name, $0) })
        let index = TermIndex(kind: kind, terms: terms, positions: positions)
        guard let unknownTerms else { return (index, uses, []) }
        for name in unlisted {
            diagnostics.append(Diagnostic(unknownTerms, "\(kind.singular) '\(name)' is not in \(Vocabulary.path(of: kind)) (used by \(caseIDs[name]!.count) case(s)); its page gets the slug '\(slugs[name]!)'",
                                          at: firstUse[name], hint: unknownTermHint(name, kind: kind, vocabulary: vocabulary)))
        }
        return (index, uses, diagnostics)
    }
}

extension IndexKind {
    /// The word for one entry, used in messages.
    var singular: Message {
        switch self {
        case .districts: return "district"
        case .mechanisms: return "mechanism"
        case .outcomes: return "outcome"
        }
    }
}

/// For a name missing from a vocabulary: the listed term it is probably a typo of, or how to add it.
func unknownTermHint(_ name: String, kind: IndexKind, vocabulary: Vocabulary) -> Message {
    let spellings = vocabulary.terms.flatMap { [$0.name] + $0.aliases }
    if let nearest = nearestWord(to: name, in: spellings), editDistance(name, nearest) <= max(1, name.count / 3) {
        return "did you mean '\(nearest)'?"
    }
    return "add it to \(Vocabulary.path(of: kind)), or correct the spelling"
}

extension IndexKind {
    /// The flat indexes, whose terms each have a page.
    static let terms: [IndexKind] = [.mechanisms, .outcomes]
}
