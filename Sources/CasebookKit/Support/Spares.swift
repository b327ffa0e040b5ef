/// Objects that are costly to make, kept for reuse once a thread is done with them: each is used
/// by one thread at a time, between `take` and `giveBack`.
final class Spares<Object: AnyObject & Sendable>: Sendable {
    private let idle = Locked<[Object]>([])

    /// One kept for reuse, or `make()` when none is.
    func take(or make: () -> Object) -> Object {
        idle.withLock { $0.popLast() } ?? make()
    }

    /// Keeps `object` for the next `take`; the caller must not use it again.
    func giveBack(_ object: Object) {
        idle.withLock { $0.append(object) }
    }
}
