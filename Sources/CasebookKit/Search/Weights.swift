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
            let expected = document.fields.reduce(document.body.count) { $0 + $1.text.utf8.count } / 8
            var counter = Counter(keyed: TallyTable.lent(expected: expected))
            for (field, (text, weight)) in document.fields.enumerated() {
                (counter.field, counter.weight) = (field, weight)
                SearchIndex.forEachToken(in: text, into: &counter)
            }
            // The body counts as one more field, of weight 1.
            (counter.field, counter.weight) = (document.fields.count, 1)
            document.body.withUnsafeBufferPointer { SearchIndex.forEachToken(in: $0, into: &counter) }
            self.keyed = counter.keyed.weights
            self.words = counter.words.map { ($0.key, $0.value.weight) }
            counter.keyed.giveBack()
        }
    }

    /// Tallies the tokens of one field after another.
    private struct Counter: TokenSink {
        let keyed: TallyTable
        var words: [String: Tally] = [:]
        /// The field being read, and its weight.
        var field = 0, weight = 1

        mutating func key(_ key: UInt64) { keyed.count(key, in: field, weight: weight) }

        mutating func word(_ word: String) { words[word, default: Tally()].count(in: field, weight: weight) }
    }

    /// The tallies of one case's keys: open addressing as in `TokenTable`, but in memory of its
    /// own rather than an array, which would check on every change (one per token of every case)
    /// that no copy shares it; and the taken slots in the order their keys came, so that reading
    /// the weights out does not test every slot. A class, so that it is never copied. Tables are
    /// taken from the ones the cases before gave back, emptied slot by slot: a fresh one for each
    /// case was a hundred kilobytes to fill, and cold in the cache. Unchecked: a table is used by
    /// one thread at a time, the one it is lent to.
    private final class TallyTable: @unchecked Sendable {
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

        private static let spares = Spares<TallyTable>()
        /// A table grown larger than this by an exceptional case is let go rather than kept.
        private static let largestKept = 1 << 16

        /// An empty table, of room for at least `expected` keys without growing.
        static func lent(expected: Int) -> TallyTable {
            let table = spares.take { TallyTable(expected: expected) }
            if table.taken.count < expected { table.grow(toHold: expected) }
            return table
        }

        /// Empties the table and keeps it for the next case; the caller must not use it again.
        func giveBack() {
            guard slots.count <= Self.largestKept else { return }
            for slot in taken.prefix(takenCount) { slots[Int(slot)] = Slot(key: 0, tally: Tally()) }
            takenCount = 0
            Self.spares.giveBack(self)
        }

        private init(expected: Int) {
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
            // Found first: finding may grow the table, so the slots are read after it.
            let slot = slot(of: key)
            slots[slot].tally.count(in: field, weight: weight)
        }

        /// The slot of `key`, taken for it when it is new.
        @inline(__always)
        private func slot(of key: UInt64) -> Int {
            let mask = slots.count - 1
            var slot = TokenHash.home(of: key, shift: shift)
            while true {
                let found = slots[slot].key
                if found == key { return slot }
                if found == 0 { break }
                slot = (slot + 1) & mask
            }
            guard takenCount < taken.count else { return slotAfterGrowing(for: key) }
            slots[slot].key = key
            taken[takenCount] = Int32(slot)
            takenCount += 1
            return slot
        }

        /// Apart from `slot(of:)`, so that the loop it leaves is inlined where each token is counted.
        @inline(never)
        private func slotAfterGrowing(for key: UInt64) -> Int {
            grow(toHold: taken.count + 1)
            return slot(of: key)
        }

        /// Each key with its weight, in the order the keys came.
        var weights: [(key: UInt64, weight: UInt8)] {
            taken.prefix(takenCount).map { (slots[Int($0)].key, slots[Int($0)].tally.weight) }
        }

        /// Slots for `count` keys, each key moved to its place among them, in the order they came.
        private func grow(toHold count: Int) {
            let (oldSlots, oldTaken) = (slots, taken)
            (slots, taken, shift) = Self.allocate(TokenHash.capacity(for: count))
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
