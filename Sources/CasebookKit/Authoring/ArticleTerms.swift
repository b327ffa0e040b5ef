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
    static let provinces = ["北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
        "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
        "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区",
        "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区"]

    /// The district to propose: the places the text names, each placed in the hierarchy that the
    /// site's cases already use, narrowed to the deepest level they all share. With `known` empty
    /// (a new site), a written-out chain such as `湖北省老河口市酂南社区` is used instead.
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
            let chain = writtenChain()
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
        let chain = writtenChain()
        if chain.count > shared.count, Array(chain.prefix(shared.count)) == shared {
            return (chain, chain.map { Mention(name: $0, count: occurrences(of: $0)) })
        }
        return (shared, mentions)
    }

    /// The first run of two or more administrative names written one after another, largest first:
    /// `广东省湛江市赤坎区`.
    private func writtenChain() -> [String] {
        let units = #/(?:[^\s，。、；：,.;:（）()“”]{1,8}?(?:自治区|特别行政区|省|市|区|县|旗|街道|镇|乡|社区|村))/#
        let rank: [String: Int] = ["自治区": 0, "特别行政区": 0, "省": 0, "市": 1, "区": 2, "县": 2, "旗": 2, "街道": 3, "镇": 3, "乡": 3, "社区": 4, "村": 4]
        let notPlaces = ["小区", "园区", "城区", "辖区", "片区", "景区", "校区", "全区", "本区", "该区", "各区", "社区", "全市", "本市", "全省"]
        var best: [String] = []
        var chain: [String] = []
        var lastRank = -1
        var lastEnd = text.startIndex
        for match in text.matches(of: units) {
            let name = String(match.0)
            let suffix = rank.keys.filter { name.hasSuffix($0) }.max { $0.count < $1.count }!
            let level = rank[suffix]!
            let isPlace = !notPlaces.contains(where: { name.hasSuffix($0) && name.count <= $0.count + 1 }) && name.count > suffix.count
            if isPlace, match.range.lowerBound == lastEnd, level > lastRank, !chain.isEmpty {
                chain.append(name)
            } else {
                if chain.count > best.count { best = chain }
                chain = isPlace ? [name] : []
            }
            lastRank = isPlace ? level : -1
            lastEnd = match.range.upperBound
        }
        if chain.count > best.count { best = chain }
        return best.count >= 2 ? best : []
    }
}
