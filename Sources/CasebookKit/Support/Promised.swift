import Dispatch

/// A value that one thread makes and others wait for: `fulfil` once, then `value` on any thread.
final class Promised<Value>: @unchecked Sendable {
    private let made = DispatchGroup()
    private var result: Value?

    init() { made.enter() }

    /// The value `work` makes on another thread, started now.
    static func making(_ work: @escaping @Sendable () -> Value) -> Promised<Value> where Value: Sendable {
        let promise = Promised()
        DispatchQueue.global().async { promise.fulfil(work()) }
        return promise
    }

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
