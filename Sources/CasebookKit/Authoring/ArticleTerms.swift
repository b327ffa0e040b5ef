/// Finds the site's terms and places in an article's text, to propose `district`, `mechanisms` and
/// `outcomes` for its draft.
struct ArticleTerms: Sendable {
    /// A term found in the text, with how often it appears under any of its spellings.
    struct Mention: Sendable, Equatable {
        var name: String
        var count: Int
        /// Whether the name itself is written, rather than its two halves in one sentence.
        var exact = true
    }

    /// The text without quotation marks, brackets and spaces, which web copy puts inside names
    /// (`“乐邻圈”议事会`).
    let text: String

    init(text: String) {
        self.text = String(text.filter { !"“”‘’「」『』《》\"' 　".contains($0) })
    }

    /// The terms of `vocabulary` found in the text, most mentioned first, then in vocabulary order.
    /// A term whose name is not written is still found, after those that are, when both halves of
    /// its name stand in one sentence: `矛盾纠纷化解` in `化解了多年的矛盾纠纷`.
    func mentions(of vocabulary: Vocabulary) -> [Mention] {
        var exact: [Mention] = [], related: [Mention] = []
        for term in vocabulary.terms {
            let spellings = [term.name] + term.aliases
            let count = spellings.reduce(0) { $0 + occurrences(of: $1) }
            if count > 0 {
                exact.append(Mention(name: term.name, count: count))
            } else {
                let sentences = self.sentences.count { sentence in spellings.contains { Self.halves(of: $0).contains { sentence.contains($0.0) && sentence.contains($0.1) } } }
                if sentences > 0 { related.append(Mention(name: term.name, count: sentences, exact: false)) }
            }
        }
        let ranked = { (mentions: [Mention]) in
            mentions.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
        }
        return ranked(exact) + ranked(related)
    }

    private var sentences: [Substring] {
        text.split(whereSeparator: { "。！？!?；;\n".contains($0) })
    }

    /// The ways to cut a name of four or more characters into two parts of at least two each.
    static func halves(of name: String) -> [(String, String)] {
        let characters = Array(name)
        guard characters.count >= 4 else { return [] }
        return (2...(characters.count - 2)).map { (String(characters[..<$0]), String(characters[$0...])) }
    }

    func occurrences(of name: String) -> Int {
        guard !name.isEmpty else { return 0 }
        return text.ranges(of: name).count
    }

    // MARK: Places

    /// Province-level divisions, so that a province is recognised on a site that lists none yet.
    static let provinces = DivisionTable.official.divisions.filter { $0.level == .province }.map(\.name)

    /// The district to propose: the places the text names, each placed in the hierarchy that the
    /// site's cases already use, narrowed to the deepest level they all share. With `known` empty
    /// (a new site), the places of the division list that the text names are used instead (see
    /// `namedPlaces`).
    /// - Parameters:
    ///   - known: every district path of the site's cases, largest area first.
    ///   - vocabulary: the districts vocabulary, whose aliases fold other spellings.
    func district(known: [[String]], vocabulary: Vocabulary?) -> (path: [String], mentions: [Mention]) {
        var paths: [String: [String]] = [:]
        for path in known {
            for end in path.indices where paths[path[end]] == nil { paths[path[end]] = Array(path[...end]) }
        }
        for province in Self.provinces where paths[province] == nil { paths[province] = [province] }

        var mentions: [Mention] = []
        for name in paths.keys.sorted() {
            let spellings = [name] + (vocabulary?.term(named: name)?.aliases ?? [])
            let count = spellings.reduce(0) { $0 + occurrences(of: $1) }
            if count > 0 { mentions.append(Mention(name: name, count: count)) }
        }
        // A name inside a longer one found (`天水` in `天水市`) is not a mention of its own.
        let names = mentions.map(\.name)
        mentions.removeAll { mention in names.contains { $0 != mention.name && $0.contains(mention.name) } }
        guard !mentions.isEmpty else {
            let chain = namedPlaces()
            return (chain, chain.map { Mention(name: $0, count: occurrences(of: $0)) })
        }
        // Keep the province mentioned most, counting every place within it.
        var weight: [String: Int] = [:]
        for mention in mentions { weight[paths[mention.name]![0], default: 0] += mention.count }
        let province = weight.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
        mentions = mentions.filter { paths[$0.name]![0] == province }
        mentions.sort { ($1.count, $0.name) < ($0.count, $1.name) }

        let found = mentions.map { paths[$0.name]! }
        let deepest = found.filter { path in !found.contains { $0.count > path.count && Array($0.prefix(path.count)) == path } }
        var shared = deepest[0]
        for path in deepest.dropFirst() {
            shared = Array(zip(shared, path).prefix { $0 == $1 }.map(\.0))
        }
        // Places the site does not know yet may still be written out below the ones it does.
        let chain = namedPlaces()
        if chain.count > shared.count, Array(chain.prefix(shared.count)) == shared {
            return (chain, chain.map { Mention(name: $0, count: occurrences(of: $0)) })
        }
        return (shared, mentions)
    }

    /// The place the text names, as a chain from its province: the deepest city or county of the
    /// division list that it writes out (the one whose province and city it names most, then the
    /// most mentioned), and then the streets, towns, communities and villages written right after
    /// that county: `记者走进武汉市江岸区长青街道幸福里社区` gives [湖北省, 武汉市, 江岸区, 长青街道,
    /// 幸福里社区]. Names are matched whole and longest first, so the words before a name are never
    /// taken as part of it. Empty when the text names no city or county.
    func namedPlaces(table: DivisionTable = .official) -> [String] {
        let found = placeNames(table: table)
        let written = Set(found.map(\.division.name))
        let best = found.filter { place in
            // 老城区 or 新区 is as often a word as a county's name: only with its city or province.
            place.division.level != .province
                && (!Self.wordsThatNamePlaces.contains(place.division.name) || score(place.division, written: written, table: table).0 > 0)
        }.max { first, second in
            score(first.division, written: written, table: table) < score(second.division, written: written, table: table)
        }
        guard let best else { return [] }
        var chain = table.chain(to: best.division).map(\.name)
        guard best.division.level == .county else { return chain }
        // Below the county, one name after another as written: 长青街道幸福里社区.
        let below = #/^[^\s，。、；：,.;:（）()“”]{1,10}?(?:街道|镇|乡|社区|村)/#
        var rest = text[best.range.upperBound...]
        while let match = rest.prefixMatch(of: below), !Self.notPlaces.contains(String(match.0)) {
            chain.append(String(match.0))
            rest = rest[match.range.upperBound...]
        }
        return chain
    }

    /// How well a place fits the text: how many of its province and city the text names, how deep
    /// it lies, how often it is named.
    private func score(_ division: DivisionTable.Division, written: Set<String>, table: DivisionTable) -> (Int, Int, Int) {
        let above = table.chain(to: division).dropLast().count { written.contains($0.name) }
        return (above, division.level.rawValue, occurrences(of: division.name))
    }

    /// Names of counties that are also everyday words (`老城区` is the old town of many a city).
    static let wordsThatNamePlaces: Set<String> = ["老城区", "城区", "郊区", "新区", "矿区", "市中区", "新城区", "古城区", "开发区",
                                                   "高新区", "城中区", "城东区", "城西区", "城南区", "城北区", "东区", "西区", "中区"]

    /// Words with a place's ending that name no place of their own.
    static let notPlaces: Set<String> = ["小区", "园区", "城区", "辖区", "片区", "景区", "校区", "全区", "本区", "该区", "各区",
                                         "社区", "全市", "本市", "全省", "农村", "乡村", "城乡", "全镇", "本村", "全村"]

    /// Every name of the division list in the text, where it first stands: at each position the
    /// longest name that starts there, and the search goes on after it.
    private func placeNames(table: DivisionTable) -> [(division: DivisionTable.Division, range: Range<String.Index>)] {
        var found: [(division: DivisionTable.Division, range: Range<String.Index>)] = []
        var seen = Set<String>()
        var position = text.startIndex
        while position < text.endIndex {
            let candidates = table.names(startingWith: text[position])
            if let name = candidates.first(where: { text[position...].hasPrefix($0) }) {
                let end = text.index(position, offsetBy: name.count)
                if seen.insert(name).inserted {
                    for division in table.named(name) { found.append((division, position..<end)) }
                }
                position = end
            } else {
                position = text.index(after: position)
            }
        }
        return found
    }
}
