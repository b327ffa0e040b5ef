import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps on all cores, keeping the order of the input.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let input = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(transform(input[index]), at: index)
        }
        return results.take()
    }
}

/// `first` and `second` on two cores at once.
func concurrently<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let firstResult = ResultSlots<A>(count: 1), secondResult = ResultSlots<B>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { firstResult.store(first(), at: 0) } else { secondResult.store(second(), at: 0) }
    }
    return (firstResult.take()[0], secondResult.take()[0])
}

/// Write-once slots that concurrent workers fill at distinct indices. Each slot is written by one
/// worker and read only after all have finished, so they take no lock: over ten thousand small
/// items, a lock per store cost more than the items themselves.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    private var taken = false

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        if !taken { slots.baseAddress?.deinitialize(count: slots.count) }
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    /// The values, once, moved out of the slots rather than copied: copying a case costs a
    /// retain of each of its fields, and freeing the slots a release.
    func take() -> [T] {
        precondition(!taken, "the values of the slots are taken once")
        taken = true
        guard let base = slots.baseAddress else { return [] }
        return (0..<slots.count).map { (base + $0).move()! }
    }
}
