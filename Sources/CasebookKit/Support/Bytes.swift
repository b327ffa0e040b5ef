import Foundation

extension ArraySlice<UInt8> {
    /// The first index at or after `start` where the bytes hold `byte`, found by `memchr`: every
    /// text of every case is searched for a `]`, and every card for the stand-in of its root prefix.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < endIndex else { return nil }
        return withUnsafeBufferPointer { buffer in
            let from = buffer.baseAddress! + (start - startIndex)
            guard let found = memchr(from, Int32(byte), endIndex - start) else { return nil }
            return start + (UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - from)
        }
    }
}

extension [UInt8] {
    /// These bytes with `replacement` in place of each `byte`.
    func replacing(_ byte: UInt8, with replacement: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count + 4 * replacement.count)
        var from = 0
        while let found = self[...].firstIndex(of: byte, from: from) {
            result += self[from..<found]
            result += replacement
            from = found + 1
        }
        result += self[from...]
        return result
    }
}
