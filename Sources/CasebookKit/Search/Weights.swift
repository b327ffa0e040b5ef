extension SearchIndex {
    /// One case's tokens with their weights: each field's count of a token (at most 3) times the
    /// field's weight, summed over the fields and capped at `maximumWeight`.
    struct Weights: Sendable {
        /// Han characters, pairs and short words, by key (`Token`).
        var keyed: [(key: UInt64, weight: UInt8)]
        /// The words without a key.
        var words: [(word: String, weight: UInt8)]

        init(_ document: Document) {
            let fields = document.fields + [(document.body, 1)]
            // About one new token in eight bytes: a Chinese character is three, and most recur.
            var counter = Counter(expected: fields.reduce(0) { $0 + $1.text.utf8.count } / 8)
            for (field, (text, weight)) in fields.enumerated() {
                (counter.field, counter.weight) = (field, weight)
                SearchIndex.forEachToken(in: text, into: &counter)
            }
            self.keyed = counter.keyed.map { ($0, $1.weight) }
            self.words = counter.words.map { ($0.key, $0.value.weight) }
        }
    }

    /// Tallies the tokens of one field after another.
    private struct Counter: TokenSink {
        var keyed: TokenTable<Tally>
        var words: [String: Tally] = [:]
        /// The field being read, and its weight.
        var field = 0, weight = 1

        init(expected: Int) { keyed = TokenTable(empty: Tally(), expected: expected) }

        mutating func key(_ key: UInt64) { keyed[adding: key].count(in: field, weight: weight) }

        mutating func word(_ word: String) { words[word, default: Tally()].count(in: field, weight: weight) }
    }

    /// A token's weight in one case so far, and how often the field being read has counted it.
    private struct Tally {
        private var field: Int32 = -1
        private(set) var weight: UInt8 = 0
        private var countInField: UInt8 = 0

        @inline(__always)
        mutating func count(in field: Int, weight fieldWeight: Int) {
            if Int32(field) != self.field {
                self.field = Int32(field)
                countInField = 0
            }
            guard countInField < 3 else { return }
            countInField += 1
            // Weights only grow, so capping each sum caps the total.
            weight = UInt8(min(Int(weight) + fieldWeight, SearchIndex.maximumWeight))
        }
    }
}
