extension SearchIndex {
    /// Which cases hold each token, with its weight: each entry is `case << 8 | weight`, by case.
    struct Postings: Sendable {
        /// The lists of Han characters, pairs and short words, by key (`Token`).
        private var keyed = TokenTable(empty: [UInt32]())
        /// The lists of the words without a key.
        private(set) var words: [String: [UInt32]] = [:]

        /// Postings as the build cache kept them.
        init(keyed: [(key: UInt64, list: [UInt32])] = [], words: [String: [UInt32]] = [:]) {
            for (key, list) in keyed { self.keyed.update(key) { $0 = list } }
            self.words = words
        }

        /// Files the cases' tokens in case order, each list growing at its end.
        init(_ weighed: [Weights]) {
            for (id, weights) in weighed.enumerated() { add(weights, as: id) }
        }

        /// Weighs the documents on all cores and files them in order, a batch at a time: the weights
        /// of every case at once would take several times the memory of the postings.
        init(weighing documents: [Document]) {
            for first in stride(from: 0, to: documents.count, by: 256) {
                let weighed = Array(documents[first..<min(first + 256, documents.count)]).parallelMap(Weights.init)
                for (offset, weights) in weighed.enumerated() { add(weights, as: first + offset) }
            }
        }

        /// Each key's list, for the build cache.
        var keyedLists: [(key: UInt64, list: [UInt32])] {
            keyed.map { ($0, $1) }
        }

        /// Adds a case's tokens; ids added out of order are put in their place.
        mutating func add(_ weights: Weights, as id: Int) {
            for (key, weight) in weights.keyed { keyed.update(key) { Self.insert(UInt32(id) << 8 | UInt32(weight), into: &$0) } }
            for (word, weight) in weights.words { Self.insert(UInt32(id) << 8 | UInt32(weight), into: &words[word, default: []]) }
        }

        private static func insert(_ entry: UInt32, into list: inout [UInt32]) {
            if let last = list.last, last >= entry {
                var low = 0, high = list.count
                while low < high {
                    let middle = (low + high) / 2
                    if list[middle] < entry { low = middle + 1 } else { high = middle }
                }
                list.insert(entry, at: low)
            } else {
                list.append(entry)
            }
        }

        /// Drops every entry of the cases in `ids`, and tokens left with none.
        mutating func remove(_ ids: Set<Int>) {
            guard !ids.isEmpty else { return }
            let keep = { (entry: UInt32) in !ids.contains(Int(entry >> 8)) }
            self = Postings(keyed: keyedLists.compactMap { key, list in Self.filtered(list, keep).map { (key, $0) } },
                            words: words.compactMapValues { list in Self.filtered(list, keep) })
        }

        private static func filtered(_ list: [UInt32], _ keep: (UInt32) -> Bool) -> [UInt32]? {
            guard !list.allSatisfy(keep) else { return list }
            let kept = list.filter(keep)
            return kept.isEmpty ? nil : kept
        }

        /// The shard files and their number, which follows from the size of the postings.
        func shardFiles() -> ([RenderedFile], Int) {
            var entries: [(token: String, list: [UInt32])] = keyed.map { (Token.text(of: $0), $1) }
            entries += words.map { ($0.key, $0.value) }
            let totalBytes = entries.reduce(0) { $0 + $1.token.utf8.count + 6 + $1.list.count * 2 }
            let shardCount = max(1, min(SearchIndex.maximumShards, totalBytes / SearchIndex.shardTarget))
            var shards = Array(repeating: [(token: String, list: [UInt32])](), count: shardCount)
            for entry in entries { shards[SearchIndex.shard(of: entry.token, count: shardCount)].append(entry) }
            let files = Array(shards.enumerated()).parallelMap { number, entries in
                RenderedFile(path: "\(SearchIndex.shardFolder)/shard-\(number).js", text: SearchIndex.shardScript(number, entries))
            }
            return (files, shardCount)
        }
    }
}
