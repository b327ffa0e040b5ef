import Dispatch

/// A value that one thread makes and others wait for: `fulfil` once, then `value` on any thread.
final class Promised<Value>: @unchecked Sendable {
    private let made = DispatchGroup()
    private var result: Value?

    init() { made.enter() }

    func fulfil(_ value: Value) {
        result = value
        made.leave()
    }

    /// The value, once it is made.
    var value: Value {
        made.wait()
        return result!
    }
}
