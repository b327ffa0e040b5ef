/// A map from token keys (`SearchIndex.Token`) to values, for the loops that meet every token of
/// every case: open addressing with a multiplicative hash and a linear probe, where `Dictionary`
/// would run a seeded `Hasher` per token.
struct TokenTable<Value> {
    /// Each slot's key, 0 when the slot is empty: no token has the key 0.
    private var keys: [UInt64]
    /// Each slot's value; an empty slot holds `empty`.
    private var values: [Value]
    private let empty: Value
    /// How many slots hold a key; kept at most half of them, so probes stay short.
    private(set) var count = 0
    /// 64 less the bits of a slot number: the hash's top bits pick the slot.
    private let shift: UInt64

    /// An empty table with room for about `expected` keys before it grows.
    init(empty: Value, expected: Int = 0) {
        let capacity = max(16, (2 * expected).nextPowerOf2)
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: empty, count: capacity)
        self.empty = empty
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// The slot of `key`, which is added with the empty value if it is new.
    private mutating func slot(of key: UInt64) -> Int {
        precondition(key != 0, "0 marks an empty slot")
        let mask = keys.count - 1
        var slot = home(of: key)
        while keys[slot] != key {
            if keys[slot] == 0 {
                if 2 * (count + 1) > keys.count {
                    grow()
                    return self.slot(of: key)
                }
                keys[slot] = key
                count += 1
                return slot
            }
            slot = (slot + 1) & mask
        }
        return slot
    }

    /// Changes the value of `key`, added with the empty value if it is new.
    mutating func update(_ key: UInt64, _ change: (inout Value) -> Void) {
        let slot = slot(of: key)
        change(&values[slot])
    }

    /// The value of `key`, nil if it has none.
    subscript(key: UInt64) -> Value? {
        let mask = keys.count - 1
        var slot = home(of: key)
        while keys[slot] != 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Changes the value of every key, in slot order.
    mutating func updateEach(_ change: (UInt64, inout Value) -> Void) {
        for slot in keys.indices where keys[slot] != 0 { change(keys[slot], &values[slot]) }
    }

    /// Hands `body` each key and its value, in slot order: the same on every run.
    func forEach(_ body: (UInt64, Value) -> Void) {
        for slot in keys.indices where keys[slot] != 0 { body(keys[slot], values[slot]) }
    }

    /// `transform` of each key and its value, in slot order.
    func map<T>(_ transform: (UInt64, Value) -> T) -> [T] {
        var mapped: [T] = []
        mapped.reserveCapacity(count)
        forEach { mapped.append(transform($0, $1)) }
        return mapped
    }

    /// The golden-ratio multiplier spreads neighbouring keys (a run of characters, a pair and its
    /// mirror) over the table; folding the high half in first lets word keys, whose letters sit
    /// in the high bytes, reach every slot.
    private func home(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ key &>> 32) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    private mutating func grow() {
        let old = map { ($0, $1) }
        self = TokenTable(empty: empty, expected: keys.count)
        for (key, value) in old { update(key) { $0 = value } }
    }
}

extension TokenTable: Sendable where Value: Sendable {}

private extension Int {
    /// The least power of two not below this number.
    var nextPowerOf2: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
