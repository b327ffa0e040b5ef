extension SearchIndex {
    /// Which cases hold each token, with its weight's code: a `PostingList` per token.
    ///
    /// Postings loaded from the build cache remember which tokens' lists changed since, so that
    /// only the shards holding those tokens are made again; a token whose list became empty is
    /// left out of the shards and the cache.
    struct Postings: Sendable {
        /// The lists of Han characters, pairs and short words, by key (`Token`).
        private var keyed = TokenTable(empty: PostingList())
        /// The lists of the words without a key.
        private var words: [String: PostingList] = [:]
        /// What changed since the postings were loaded; nil for postings made from scratch.
        private var sinceLoaded: Changes?

        /// The shard count of the postings as loaded, and the tokens whose lists changed since.
        private struct Changes {
            var shardCount: Int
            var keys: Set<UInt64> = []
            var words: Set<String> = []
        }

        /// Empty postings, to be filled by `add`.
        init() {}

        /// Postings as the build cache kept them.
        init(keyed: [(key: UInt64, list: PostingList)], words: [String: PostingList]) {
            self.keyed = TokenTable(empty: PostingList(), expected: keyed.count)
            for (key, list) in keyed { self.keyed[adding: key] = list }
            self.words = words
            sinceLoaded = Changes(shardCount: shardCount)
        }

        /// Each key's list, for the build cache.
        var keyedLists: [(key: UInt64, list: PostingList)] {
            var lists: [(key: UInt64, list: PostingList)] = []
            lists.reserveCapacity(keyed.count)
            keyed.forEach { key, list in if list.count > 0 { lists.append((key, list)) } }
            return lists
        }

        /// Each word's list, for the build cache.
        var wordLists: [(word: String, list: PostingList)] {
            words.map { ($0.key, $0.value) }.filter { $0.list.count > 0 }
        }

        /// Adds the tokens of `weighed`, cases that come after every case already added. They are
        /// grouped by token first, so that each token's list is reached once for all of them: the
        /// lists of a large site far outgrow the processor's caches, and reaching one is a miss.
        mutating func add(_ weighed: [(id: Int, weights: Weights)]) {
            let fresh = Fresh(weighed)
            for group in fresh.keys.indices { keyed[adding: fresh.keys[group]].append(entries: fresh.entries(of: group)) }
            for (word, entries) in fresh.words { words[word, default: PostingList()].append(entries: entries[...]) }
        }

        /// The entries of some cases by token, each token's in the order of the cases. Those of
        /// the keys stand side by side in one array, each key's as a group found through the key,
        /// rather than in an array for each key, grown as its cases come: a batch of cases has a
        /// hundred thousand keys.
        private struct Fresh {
            /// The keys, by group.
            private(set) var keys: [UInt64] = []
            /// The entries of the words without a key.
            private(set) var words: [String: [UInt32]] = [:]
            private var groupOfKey = TokenTable(empty: Int32(-1))
            /// Group `g`'s entries are `entries[starts[g]..<starts[g + 1]]`.
            private var starts: [Int] = [0]
            private var entries: [UInt32] = []

            init(_ weighed: [(id: Int, weights: Weights)]) {
                let weighed = weighed.sorted { $0.id < $1.id }
                // Each entry's group, in the order of the entries; then each group's count.
                var groups: [Int32] = []
                groups.reserveCapacity(weighed.reduce(0) { $0 + $1.weights.keyed.count })
                var counts: [Int] = []
                for (id, weights) in weighed {
                    for (key, _) in weights.keyed {
                        let next = Int32(keys.count)
                        let group = Self.claim(&groupOfKey[adding: key], for: next)
                        if group == next {
                            keys.append(key)
                            counts.append(0)
                        }
                        groups.append(group)
                        counts[Int(group)] += 1
                    }
                    for (word, weight) in weights.words { words[word, default: []].append(entry(id, weight)) }
                }
                starts.reserveCapacity(counts.count + 1)
                for count in counts { starts.append(starts[starts.count - 1] + count) }
                var filled = starts
                entries = Array(repeating: 0, count: groups.count)
                var index = 0
                for (id, weights) in weighed {
                    for (_, weight) in weights.keyed {
                        let group = Int(groups[index])
                        entries[filled[group]] = entry(id, weight)
                        filled[group] += 1
                        index += 1
                    }
                }
            }

            /// The group in `slot`, which becomes `next` when the key has none yet.
            private static func claim(_ slot: inout Int32, for next: Int32) -> Int32 {
                if slot < 0 { slot = next }
                return slot
            }

            func entries(of group: Int) -> ArraySlice<UInt32> { entries[starts[group]..<starts[group + 1]] }

            /// The entries of `key`, nil when these cases do not hold it.
            subscript(key: UInt64) -> ArraySlice<UInt32>? {
                guard let group = groupOfKey[key] else { return nil }
                return entries(of: Int(group))
            }
        }

        /// Case `id` with the code of `weight`, as a list holds it.
        private static func entry(_ id: Int, _ weight: UInt8) -> UInt32 { UInt32(id) << 8 | UInt32(SearchIndex.weightCode(Int(weight))) }

        private static func insert(_ entry: UInt32, into list: inout [UInt32]) {
            if let last = list.last, last >= entry {
                list.insert(entry, at: firstIndex(notBelow: entry, in: list))
            } else {
                list.append(entry)
            }
        }

        /// Where `entry` belongs in a sorted list.
        private static func firstIndex(notBelow entry: UInt32, in list: [UInt32]) -> Int {
            var low = 0, high = list.count
            while low < high {
                let middle = (low + high) / 2
                if list[middle] < entry { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Puts the new weights of the cases in `weighed` in place of their entries, and notes the
        /// tokens whose lists came out different: an edit that leaves a token's weight as it was
        /// leaves that token's shard as it was.
        mutating func replace(_ weighed: [(id: Int, weights: Weights)]) {
            guard !weighed.isEmpty else { return }
            let cases = CaseSet(weighed.map(\.id))
            let fresh = Fresh(weighed)
            var changedKeys: [UInt64] = []
            keyed.updateEach { key, list in
                if Self.replace(cases, in: &list, with: Array(fresh[key] ?? [])) { changedKeys.append(key) }
            }
            for (group, key) in fresh.keys.enumerated() where keyed[key] == nil {
                keyed[adding: key] = PostingList(entries: Array(fresh.entries(of: group)))
                changedKeys.append(key)
            }
            let freshWords = fresh.words
            var changedWords: [String] = []
            // Walked by index, not over `words.indices`, whose copy of the storage would make the
            // first change copy the whole dictionary.
            var index = words.startIndex
            while index != words.endIndex {
                let word = words.keys[index]
                if Self.replace(cases, in: &words.values[index], with: freshWords[word] ?? []) { changedWords.append(word) }
                index = words.index(after: index)
            }
            for (word, fresh) in freshWords where words[word] == nil {
                words[word] = PostingList(entries: fresh)
                changedWords.append(word)
            }
            sinceLoaded?.keys.formUnion(changedKeys)
            sinceLoaded?.words.formUnion(changedWords)
        }

        /// Takes the entries of `cases` out of `list` and merges `fresh`, their new entries, in.
        /// Returns whether the list changed. A list whose entries come out the same is left as it
        /// was: for a few cases that is known from the packed digits, read as far as the last of
        /// them. A list that changes is unpacked; for a few cases each is then found by binary
        /// search, for more the list is merged once, each entry tested against a bitset of the cases.
        private static func replace(_ cases: CaseSet, in list: inout PostingList, with fresh: [UInt32]) -> Bool {
            if cases.isFew, list.entries(of: cases.ids) == fresh { return false }
            var entries = list.entries
            guard replace(cases, in: &entries, with: fresh) else { return false }
            list = PostingList(entries: entries)
            return true
        }

        private static func replace(_ cases: CaseSet, in list: inout [UInt32], with fresh: [UInt32]) -> Bool {
            guard !cases.isFew else {
                var old: [(index: Int, entry: UInt32)] = []
                for id in cases.ids {
                    let index = firstIndex(notBelow: UInt32(id) << 8, in: list)
                    if index < list.count, list[index] >> 8 == id { old.append((index, list[index])) }
                }
                guard !old.map(\.entry).elementsEqual(fresh) else { return false }
                for (index, _) in old.reversed() { list.remove(at: index) }
                for entry in fresh { insert(entry, into: &list) }
                return true
            }
            var merged: [UInt32] = []
            merged.reserveCapacity(list.count + fresh.count)
            var next = 0
            for entry in list where !cases.contains(Int(entry >> 8)) {
                while next < fresh.count, fresh[next] < entry {
                    merged.append(fresh[next])
                    next += 1
                }
                merged.append(entry)
            }
            merged += fresh[next...]
            guard merged != list else { return false }
            list = merged
            return true
        }

        /// Case numbers, sorted, with a bit per case for testing many at once.
        private struct CaseSet {
            let ids: [Int]
            private var bits: [UInt64]

            init(_ ids: [Int]) {
                self.ids = Set(ids).sorted()
                bits = Array(repeating: 0, count: (self.ids.last ?? 0) / 64 + 1)
                for id in ids { bits[id / 64] |= 1 << (id % 64) }
            }

            /// Few enough to look up one by one, rather than to merge each list against.
            var isFew: Bool { ids.count <= 8 }

            func contains(_ id: Int) -> Bool {
                id / 64 < bits.count && bits[id / 64] & 1 << (id % 64) != 0
            }
        }

        /// The number of shards, which follows from the size of the postings: about the bytes of
        /// every token that holds a case, and of its list.
        private var shardCount: Int {
            var totalBytes = 0
            keyed.forEach { key, list in if list.count > 0 { totalBytes += Token.byteCount(of: key) + 6 + list.count * 2 } }
            for (word, list) in words where list.count > 0 { totalBytes += word.utf8.count + 6 + list.count * 2 }
            return max(1, min(SearchIndex.maximumShards, totalBytes / SearchIndex.shardTarget))
        }

        /// The shard files that may differ from those of the postings as loaded (every one, for
        /// postings made from scratch or when the number of shards changed), and the number of shards.
        /// Tokens are spelled out only for the shards made: an edit makes a few dozen of a thousand.
        func shardFiles() -> (files: [RenderedFile], count: Int) {
            let shardCount = self.shardCount
            var stale = Array(0..<shardCount)
            if let sinceLoaded, sinceLoaded.shardCount == shardCount {
                let shards = sinceLoaded.keys.map { Token.shard(of: $0, count: shardCount) }
                    + sinceLoaded.words.map { SearchIndex.shard(of: $0, count: shardCount) }
                stale = Set(shards).sorted()
            }
            var isStale = Array(repeating: false, count: shardCount)
            for number in stale { isStale[number] = true }
            var grouped = Array(repeating: [(token: String, list: PostingList)](), count: shardCount)
            keyed.forEach { key, list in
                guard list.count > 0 else { return }
                let number = Token.shard(of: key, count: shardCount)
                if isStale[number] { grouped[number].append((Token.text(of: key), list)) }
            }
            for (word, list) in words where list.count > 0 {
                let number = SearchIndex.shard(of: word, count: shardCount)
                if isStale[number] { grouped[number].append((word, list)) }
            }
            let shards = grouped
            let files = stale.parallelMap { number in SearchIndex.shardFile(number, shards[number]) }
            return (files, shardCount)
        }
    }
}
