extension Dictionary {
    /// Runs `body` on the value of `key`, which is added as `make()` first when there is none, and
    /// says whether it was added: one look-up either way, where reading and then storing take two.
    /// Hashing a Chinese name checks its normalization on every look-up, and the indexes look up
    /// every name of every case. Neither `make` nor `body` may use the dictionary.
    @inline(__always)
    @discardableResult
    mutating func withValue<Result>(_ key: Key, orAdding make: () -> Value, _ body: (inout Value) -> Result)
        -> (result: Result, added: Bool)
    {
        var added = false
        let result = body(&self[key, default: {
            added = true
            return make()
        }()])
        return (result, added)
    }
}
