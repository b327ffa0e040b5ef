/// A map from token keys (`SearchIndex.Token`) to values, for the loops that meet every token of
/// every case: open addressing with a multiplicative hash and a linear probe, where `Dictionary`
/// would run a seeded `Hasher` per token.
struct TokenTable<Value> {
    /// A key and its value side by side, so that finding a key and changing its value read one
    /// cache line: every token of a case is looked up, and its table is new to the processor's caches.
    fileprivate struct Slot {
        /// 0 when the slot is empty: no token has the key 0.
        var key: UInt64
        /// `empty` in an empty slot.
        var value: Value
    }

    private var slots: [Slot]
    private let empty: Value
    /// How many slots hold a key; kept at most half of them, so probes stay short.
    private(set) var count = 0
    /// 64 less the bits of a slot number: the hash's top bits pick the slot.
    private let shift: UInt64

    /// An empty table with room for about `expected` keys before it grows.
    init(empty: Value, expected: Int = 0) {
        let capacity = TokenHash.capacity(for: expected)
        slots = Array(repeating: Slot(key: 0, value: empty), count: capacity)
        self.empty = empty
        shift = TokenHash.shift(for: capacity)
    }

    /// The slot of `key`, which is added with the empty value if it is new.
    private mutating func slot(of key: UInt64) -> Int {
        precondition(key != 0, "0 marks an empty slot")
        let mask = slots.count - 1
        var slot = TokenHash.home(of: key, shift: shift)
        while slots[slot].key != key {
            if slots[slot].key == 0 {
                if 2 * (count + 1) > slots.count {
                    grow()
                    return self.slot(of: key)
                }
                slots[slot].key = key
                count += 1
                return slot
            }
            slot = (slot + 1) & mask
        }
        return slot
    }

    /// The value of `key`, to be changed in place; a new key is added with the empty value first.
    /// Changed through `_modify`, so that a change made for every token of every case is compiled
    /// into the loop that makes it rather than called as a closure. Read, it adds nothing: a key
    /// without a value reads as the empty one.
    subscript(adding key: UInt64) -> Value {
        get { self[key] ?? empty }
        _modify {
            let slot = slot(of: key)
            yield &slots[slot].value
        }
    }

    /// The value of `key`, nil if it has none.
    subscript(key: UInt64) -> Value? {
        let mask = slots.count - 1
        var slot = TokenHash.home(of: key, shift: shift)
        while slots[slot].key != 0 {
            if slots[slot].key == key { return slots[slot].value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Changes the value of every key, in slot order.
    mutating func updateEach(_ change: (UInt64, inout Value) -> Void) {
        for slot in slots.indices where slots[slot].key != 0 { change(slots[slot].key, &slots[slot].value) }
    }

    /// Hands `body` each key and its value, in slot order: the same on every run.
    func forEach(_ body: (UInt64, Value) -> Void) {
        for slot in slots where slot.key != 0 { body(slot.key, slot.value) }
    }

    /// `transform` of each key and its value, in slot order.
    func map<T>(_ transform: (UInt64, Value) -> T) -> [T] {
        var mapped: [T] = []
        mapped.reserveCapacity(count)
        forEach { mapped.append(transform($0, $1)) }
        return mapped
    }

    /// Twice the slots, each key moved to its place among them.
    private mutating func grow() {
        let old = slots
        self = TokenTable(empty: empty, expected: slots.count)
        for slot in old where slot.key != 0 { self[adding: slot.key] = slot.value }
    }
}

extension TokenTable: Sendable where Value: Sendable {}
extension TokenTable.Slot: Sendable where Value: Sendable {}

/// How the tables of token keys (`TokenTable`, `SearchIndex.TallyTable`) size themselves and
/// place a key.
enum TokenHash {
    /// Slots for about `expected` keys, at most half of them taken: a power of two.
    static func capacity(for expected: Int) -> Int { max(16, (2 * expected).nextPowerOf2) }

    /// 64 less the bits of a slot number of a table of `capacity` slots.
    static func shift(for capacity: Int) -> UInt64 { UInt64(64 - capacity.trailingZeroBitCount) }

    /// The slot where looking for `key` starts. The golden-ratio multiplier spreads neighbouring
    /// keys (a run of characters, a pair and its mirror) over the table; folding the high half in
    /// first lets word keys, whose letters sit in the high bytes, reach every slot.
    @inline(__always)
    static func home(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ key &>> 32) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }
}

private extension Int {
    /// The least power of two not below this number.
    var nextPowerOf2: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
