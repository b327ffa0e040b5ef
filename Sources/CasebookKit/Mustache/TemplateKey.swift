import Foundation

/// A name a template looks up, interned to a small dense integer so that contexts answer by comparing integers.
struct TemplateKey: Hashable, Sendable {
    /// The key's place in the table of every name interned so far, from 0.
    let id: Int32

    /// The key for `name`; the same name gives the same key on every thread.
    init(_ name: String) {
        id = KeyTable.shared.intern(name)
    }

    /// The name the key was interned from.
    var name: String { KeyTable.shared.name(of: id) }
}

/// The process-wide table behind `TemplateKey`: written when templates compile and contexts declare their keys,
/// never while a page renders, so a lock costs nothing that matters.
private final class KeyTable: @unchecked Sendable {
    static let shared = KeyTable()

    private let lock = NSLock()
    private var ids: [String: Int32] = [:]
    private var names: [String] = []

    func intern(_ name: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    func name(of id: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[Int(id)]
    }
}
