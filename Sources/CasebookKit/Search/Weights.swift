extension SearchIndex {
    /// One case's tokens with their weights: each field's count of a token (at most 3) times the
    /// field's weight, summed over the fields and capped at `maximumWeight`.
    struct Weights: Sendable {
        /// Han characters, pairs and short words, by key (`Token`).
        var keyed: [(key: UInt64, weight: UInt8)]
        /// The words without a key.
        var words: [(word: String, weight: UInt8)]

        init(_ document: Document) {
            // About one new token in eight bytes: a Chinese character is three, and most recur.
            var counter = Counter(expected: document.fields.reduce(document.body.count) { $0 + $1.text.utf8.count } / 8)
            for (field, (text, weight)) in document.fields.enumerated() {
                (counter.field, counter.weight) = (field, weight)
                SearchIndex.forEachToken(in: text, into: &counter)
            }
            // The body counts as one more field, of weight 1.
            (counter.field, counter.weight) = (document.fields.count, 1)
            document.body.withUnsafeBufferPointer { SearchIndex.forEachToken(in: $0, into: &counter) }
            self.keyed = counter.keyed.weights
            self.words = counter.words.map { ($0.key, $0.value.weight) }
        }
    }

    /// Tallies the tokens of one field after another.
    private struct Counter: TokenSink {
        let keyed: TallyTable
        var words: [String: Tally] = [:]
        /// The field being read, and its weight.
        var field = 0, weight = 1

        init(expected: Int) { keyed = TallyTable(expected: expected) }

        mutating func key(_ key: UInt64) { keyed.count(key, in: field, weight: weight) }

        mutating func word(_ word: String) { words[word, default: Tally()].count(in: field, weight: weight) }
    }

    /// The tallies of one case's keys: open addressing as in `TokenTable`, but in memory of its
    /// own rather than an array, which would check on every change (one per token of every case)
    /// that no copy shares it; and the taken slots in the order their keys came, so that reading
    /// the weights out does not test every slot. A class, so that it is never copied.
    private final class TallyTable {
        private struct Slot {
            /// 0 when the slot is empty.
            var key: UInt64
            var tally: Tally
        }

        private var slots: UnsafeMutableBufferPointer<Slot>
        private var shift: UInt64
        /// The first `takenCount` hold the taken slots; room for half the slots, beyond which the table grows.
        private var taken: UnsafeMutableBufferPointer<Int32>
        private var takenCount = 0

        init(expected: Int) {
            let capacity = TokenHash.capacity(for: expected)
            (slots, taken, shift) = Self.allocate(capacity)
        }

        deinit {
            slots.deallocate()
            taken.deallocate()
        }

        private static func allocate(_ capacity: Int) -> (UnsafeMutableBufferPointer<Slot>, UnsafeMutableBufferPointer<Int32>, UInt64) {
            let slots = UnsafeMutableBufferPointer<Slot>.allocate(capacity: capacity)
            slots.initialize(repeating: Slot(key: 0, tally: Tally()))
            return (slots, .allocate(capacity: capacity / 2), TokenHash.shift(for: capacity))
        }

        /// Counts `key` once more in `field`.
        @inline(__always)
        func count(_ key: UInt64, in field: Int, weight: Int) {
            let mask = slots.count - 1
            var slot = TokenHash.home(of: key, shift: shift)
            while slots[slot].key != key {
                if slots[slot].key == 0 {
                    guard takenCount < taken.count else {
                        grow()
                        return self.count(key, in: field, weight: weight)
                    }
                    slots[slot].key = key
                    taken[takenCount] = Int32(slot)
                    takenCount += 1
                    break
                }
                slot = (slot + 1) & mask
            }
            slots[slot].tally.count(in: field, weight: weight)
        }

        /// Each key with its weight, in the order the keys came.
        var weights: [(key: UInt64, weight: UInt8)] {
            taken.prefix(takenCount).map { (slots[Int($0)].key, slots[Int($0)].tally.weight) }
        }

        /// Twice the slots, each key moved to its place among them, in the order they came.
        private func grow() {
            let (oldSlots, oldTaken) = (slots, taken)
            (slots, taken, shift) = Self.allocate(2 * oldSlots.count)
            let mask = slots.count - 1
            for (index, old) in oldTaken.prefix(takenCount).enumerated() {
                let entry = oldSlots[Int(old)]
                var slot = TokenHash.home(of: entry.key, shift: shift)
                while slots[slot].key != 0 { slot = (slot + 1) & mask }
                slots[slot] = entry
                taken[index] = Int32(slot)
            }
            oldSlots.deallocate()
            oldTaken.deallocate()
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
