import Foundation

extension ArraySlice<UInt8> {
    /// The first index at or after `start` where the bytes hold `byte`, found by `memchr`, which
    /// passes over many bytes a step rather than one.
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
        // Room for a few replacements, as a card has for its links, before the array grows.
        result.reserveCapacity(count + 8 * replacement.count)
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
