/// The three indexes a case is filed under.
public enum IndexKind: String, Sendable, CaseIterable {
    case districts, mechanisms, outcomes
}

/// An entry of a controlled vocabulary: the name cases use, and how its page presents it.
public struct Term: Sendable, Hashable {
    public var name: String
    /// A stable ASCII slug; when nil, one is made from the name's pinyin.
    public var slug: String?
    /// Other spellings (Traditional characters, old names) folded onto this term.
    public var aliases: [String]
    public var description: String?
    public var location: SourceLocation?

    public init(name: String, slug: String? = nil, aliases: [String] = [], description: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.slug = slug
        self.aliases = aliases
        self.description = description
        self.location = location
    }
}

/// The terms of `Content/vocabularies/<kind>.yml`, in file order.
public struct Vocabulary: Sendable {
    public var kind: IndexKind
    public var terms: [Term]
    private var byName: [String: Int] = [:]

    public init(kind: IndexKind, terms: [Term]) {
        self.kind = kind
        self.terms = terms
        for (index, term) in terms.enumerated() {
            for name in [term.name] + term.aliases where byName[name] == nil { byName[name] = index }
        }
    }

    public static func path(of kind: IndexKind) -> String { "Content/vocabularies/\(kind.rawValue).yml" }

    /// The term a name or alias stands for.
    public func term(named name: String) -> Term? {
        byName[name].map { terms[$0] }
    }

    /// The name a case's spelling is filed under: the term's name for an alias, else the spelling itself.
    public func canonicalName(_ name: String) -> String {
        term(named: name)?.name ?? name
    }

    static let knownKeys = ["name", "slug", "aliases", "description"]

    static func read(_ file: SourceFile, kind: IndexKind) -> (Vocabulary?, [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.compose(file.text) else {
            return (reader.log.hasErrors ? nil : Vocabulary(kind: kind, terms: []), reader.log.diagnostics)
        }
        guard let items = root.sequence else {
            reader.error("a vocabulary is a list of terms, each starting with '- name: …'", at: root)
            return (nil, reader.log.diagnostics)
        }
        var terms: [Term] = []
        var seen: [String: SourceLocation] = [:]
        // Places under different parents may share a slug; terms of the other indexes share one folder.
        var slugOwners: [String: (name: String, line: Int)] = [:]
        for item in items {
            let pairs = reader.pairs(of: item, what: "a term")
            guard item.mapping != nil else { continue }
            reader.checkKeys(pairs, known: knownKeys)
            var term = Term(name: "", location: reader.sourceLocation(of: item))
            for (key, _, value) in pairs {
                switch key {
                case "name":
                    term.name = reader.text(value, key: key) ?? ""
                    reader.checkName(term.name, at: value)
                case "slug":
                    term.slug = reader.slug(value)
                case "aliases":
                    term.aliases = reader.textList(value, key: key) ?? []
                    for (alias, node) in zip(term.aliases, value.sequence ?? [value]) { reader.checkName(alias, at: node) }
                case "description": term.description = reader.text(value, key: key)
                default: break
                }
            }
            if term.name.isEmpty {
                if !pairs.contains(where: { $0.key == "name" }) { reader.error("a term needs a 'name'", at: item) }
                continue
            }
            for spelling in [term.name] + term.aliases {
                if let first = seen[spelling] {
                    reader.error("'\(spelling)' is already a term or alias at line \(first.line)", at: item,
                                 hint: "each spelling may stand for one term only; remove one of them")
                } else {
                    seen[spelling] = term.location
                }
            }
            if let slug = term.slug, kind != .districts {
                if let first = slugOwners[slug] {
                    reader.error("the slug '\(slug)' is already the slug of '\(first.name)' at line \(first.line)", at: item,
                                 hint: "each \(kind.singular) needs its own slug, as each has its own page")
                } else {
                    slugOwners[slug] = (term.name, term.location?.line ?? 0)
                }
            }
            terms.append(term)
        }
        return (reader.log.hasErrors ? nil : Vocabulary(kind: kind, terms: terms), reader.log.diagnostics)
    }
}
