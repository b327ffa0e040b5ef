import Foundation

/// Runs `body` on a thread of its own and waits for it without holding one of the threads of
/// Swift's shared pool. For work that blocks (a build, a server's `poll`, a watcher's sleeps): on
/// the pool, which has one thread per core, it would keep every other task waiting.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}

/// A flag that one thread raises and another looks at: how a task's cancellation reaches work
/// running on a thread of its own.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    var isRaised: Bool { lock.withLock { raised } }

    func raise() { lock.withLock { raised = true } }
}
