/// A place in the district hierarchy (省 → 市 → 区 → 街道 → 社区) with every case at or below it.
public struct DistrictNode: Sendable, Hashable {
    public var name: String
    public var slug: String
    /// Names from the top of the tree down to this node.
    public var path: [String]
    /// Slugs from the top down; the node's page is `districts/<slugPath joined by />.html`.
    public var slugPath: [String]
    public var description: String?
    /// Most cases first, then by name.
    public var children: [DistrictNode]
    /// Positions in `SiteIndex.cases` of the cases at or below this node, each once, ascending.
    public var caseIDs: [Int]

    public var count: Int { caseIDs.count }

    /// This node and every node below it, parents before children.
    public var allNodes: [DistrictNode] {
        [self] + children.flatMap(\.allNodes)
    }
}

/// The district hierarchy: every prefix of a case's `district` list is a node.
public struct DistrictTree: Sendable {
    public var roots: [DistrictNode]

    /// The node at `path` (a list of names from the top), if any case reaches it.
    public func node(at path: [String]) -> DistrictNode? {
        var level = roots
        var found: DistrictNode?
        for name in path {
            guard let next = level.first(where: { $0.name == name }) else { return nil }
            found = next
            level = next.children
        }
        return found
    }

    public var allNodes: [DistrictNode] { roots.flatMap(\.allNodes) }

    /// - Parameter unknownTerms: how a place missing from the vocabulary is reported; nil when the
    ///   vocabulary has errors, and then nothing is said against it (missing places, slugs taken twice).
    /// - Returns: the tree, the names the cases use at any level, and the problems found.
    static func build(vocabulary: Vocabulary, cases: [CaseStudy], unknownTerms: Diagnostic.Severity?)
        -> (DistrictTree, NameUses, [Diagnostic])
    {
        let builder = Builder(vocabulary: vocabulary)
        for id in cases.indices { builder.insert(cases[id], caseID: id) }
        var diagnostics: [Diagnostic] = []
        let roots = builder.root.nodes(parentPath: [], parentSlugs: [], vocabulary: vocabulary, diagnostics: &diagnostics)
        guard let unknownTerms else { return (DistrictTree(roots: roots), builder.uses, []) }

        var reported = Set<String>()
        let table = DivisionTable.official
        let check = DistrictCheck(table: table, isSitePlace: { vocabulary.term(named: $0) != nil })
        var checked = Set<[String]>(), findings = Set<Message>()
        for id in cases.indices {
            // A district written before has been checked: each of its names was found wanting, or
            // not, when it was first written.
            let path = cases[id].district
            guard checked.insert(path).inserted else { continue }
            if let finding = check.check(path), findings.insert(finding.message).inserted {
                let name = path[finding.index]
                // The name is reported here, not again as missing from the vocabulary.
                reported.insert(name)
                diagnostics.append(Diagnostic(unknownTerms, finding.message,
                                              at: cases[id].mentions[name] ?? SourceLocation(path: cases[id].sourcePath, line: 1),
                                              hint: finding.hint))
            }
            // Places of the division list are real: they need no entry in the site's vocabulary.
            for name in path where vocabulary.term(named: name) == nil && table.named(name).isEmpty && reported.insert(name).inserted {
                diagnostics.append(Diagnostic(unknownTerms, "district '\(name)' is not in \(Vocabulary.path(of: .districts)); its page gets a slug from its pinyin",
                                            at: cases[id].mentions[name] ?? SourceLocation(path: cases[id].sourcePath, line: 1),
                                            hint: unknownTermHint(name, kind: .districts, vocabulary: vocabulary)))
            }
        }
        return (DistrictTree(roots: roots), builder.uses, diagnostics)
    }

    /// A mutable tree used only while filing cases.
    fileprivate final class Builder {
        final class Entry {
            var children: [String: Entry] = [:]
            var caseIDs: [Int] = []
        }

        let root = Entry()
        let vocabulary: Vocabulary
        /// The names at any level; a name is first used where it makes a new place.
        private(set) var uses = NameUses()

        init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

        func insert(_ study: CaseStudy, caseID: Int) {
            var entry = root
            for name in study.district {
                let (next, added) = entry.children.withValue(name, orAdding: Entry.init) { $0 }
                if added { uses.note(name, in: study) }
                if next.caseIDs.last != caseID { next.caseIDs.append(caseID) }
                entry = next
            }
        }
    }
}

fileprivate extension DistrictTree.Builder.Entry {
    func nodes(parentPath: [String], parentSlugs: [String], vocabulary: Vocabulary, diagnostics: inout [Diagnostic]) -> [DistrictNode] {
        var allocator = SlugAllocator()
        let names = children.keys.sorted()
        var slugs: [String: String] = [:]
        for name in names where vocabulary.term(named: name)?.slug != nil { slugs[name] = allocator.claim(vocabulary.term(named: name)!.slug!, for: name) }
        for name in names where slugs[name] == nil { slugs[name] = allocator.claim(Slug.make(from: name), for: name) }
        for collision in allocator.collisions {
            diagnostics.append(.warning("district '\((parentPath + [collision.name]).joined(separator: " › "))' would have the slug '\(collision.wanted)' of '\(collision.owner)'; it uses '\(collision.got)'",
                                        at: vocabulary.term(named: collision.name)?.location,
                                        hint: "give it a 'slug' in \(Vocabulary.path(of: .districts)) to choose one"))
        }
        let nodes = names.map { name -> DistrictNode in
            let entry = children[name]!
            let path = parentPath + [name], slugPath = parentSlugs + [slugs[name]!]
            return DistrictNode(name: name, slug: slugs[name]!, path: path, slugPath: slugPath,
                                description: vocabulary.term(named: name)?.description,
                                children: entry.nodes(parentPath: path, parentSlugs: slugPath, vocabulary: vocabulary, diagnostics: &diagnostics),
                                caseIDs: entry.caseIDs)
        }
        return nodes.sorted { ($1.count, $0.name) < ($0.count, $1.name) }
    }
}
