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
            var keyed = TokenTable(empty: Tally(), expected: fields.reduce(0) { $0 + $1.text.utf8.count } / 8)
            var words: [String: Tally] = [:]
            for (field, (text, weight)) in fields.enumerated() {
                SearchIndex.forEachToken(in: text, key: { key in keyed.update(key) { $0.count(in: field, weight: weight) } },
                                         word: { word in words[word, default: Tally()].count(in: field, weight: weight) })
            }
            self.keyed = keyed.map { ($0, $1.weight) }
            self.words = words.map { ($0.key, $0.value.weight) }
        }
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
