import Foundation

/// Values made once and shared by the threads that ask for them (a card's HTML at one depth,
/// the layout specialized for one template and depth). Two threads may both make a missing value;
/// both make the same one, and either is kept.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    func value(for key: Key, make: () -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = make()
        lock.withLock { values[key] = made }
        return made
    }
}
