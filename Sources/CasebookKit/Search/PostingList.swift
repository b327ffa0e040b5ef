extension SearchIndex {
    /// The cases that hold one token, packed as its shard carries them: for each case in order,
    /// the gap from the case before (from 0 for the first) times 16 plus the code of the token's
    /// weight in it (`weightSteps`), as base64 VLQ digits: five bits a digit, low bits first, the
    /// sixth bit saying more follow. A case next to the one before takes one byte, against four
    /// for a 32-bit entry, and a shard is its tokens' lists written side by side.
    struct PostingList: Sendable, Equatable {
        /// The digits, as `search/shard-N.js` has them between quotes.
        private(set) var packed: [UInt8] = []
        /// How many cases the list holds.
        private(set) var count = 0
        /// The last case in the list; 0 when it is empty.
        private(set) var last: UInt32 = 0
        /// Where reading can start, for a case far into a long list: each time the digits pass
        /// another `markSpacing` bytes, the case reached and the byte where the next entry begins,
        /// as `case << 32 | byte`. A short list has none.
        private(set) var marks: [UInt64] = []

        static let markSpacing = 256

        init() {}

        /// A list as the build cache kept it; nil when its marks do not fit its digits.
        init?(packed: [UInt8], count: Int, last: UInt32, marks: [UInt64]) {
            var (previousCase, previousByte) = (UInt32(0), 0)
            for mark in marks {
                let (id, byte) = (UInt32(mark >> 32), Int(mark & 0xFFFF_FFFF))
                guard id >= previousCase, byte > previousByte, byte < packed.count, id < last else { return nil }
                (previousCase, previousByte) = (id, byte)
            }
            self.packed = packed
            self.count = count
            self.last = last
            self.marks = marks
        }

        /// The list of `entries` (`case << 8 | weight code`), sorted by case.
        init(entries: [UInt32]) {
            append(entries: entries[...])
        }

        /// Adds `entries` (`case << 8 | weight code`), sorted by case and after every case in the list.
        /// Their digits are worked out on the stack and added to `packed` in one step: added one by
        /// one, each digit of every token of every case checked that no copy shares the list.
        mutating func append(entries: ArraySlice<UInt32>) {
            let digitsOf = SearchIndex.vlqDigits
            // A gap below 2^24 times 16, plus a code, is at most six digits of five bits.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6 * entries.count) { digits in
                var written = 0
                for entry in entries {
                    let id = entry >> 8
                    precondition(count == 0 || id > last, "cases are added in order")
                    if packed.count + written >= (marks.count + 1) * Self.markSpacing {
                        marks.append(UInt64(last) << 32 | UInt64(packed.count + written))
                    }
                    var value = (id - last) << 4 | entry & 0xFF
                    repeat {
                        let digit = value & 31
                        value >>= 5
                        digits[written] = digitsOf[Int(value > 0 ? digit | 32 : digit)]
                        written += 1
                    } while value > 0
                    last = id
                    count += 1
                }
                packed.append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<written]))
            }
        }

        /// The entries (`case << 8 | code`) of those of `ids`, sorted, that the list holds. The
        /// digits are read from the last mark before the first of them only as far as the last of
        /// them, and nothing is allocated when the list holds none: the few cases an edit changes
        /// are looked up in every list of the site.
        func entries(of ids: [Int]) -> [UInt32] {
            guard let first = ids.first, let wanted = ids.last, count > 0, first <= Int(last) else { return [] }
            var found: [UInt32] = []
            var next = 0
            // The marks go up by case; the last one before `first` is found by halving.
            var (low, high) = (0, marks.count)
            while low < high {
                let middle = (low + high) / 2
                if Int(marks[middle] >> 32) < first { low = middle + 1 } else { high = middle }
            }
            let start = low == 0 ? 0 : marks[low - 1]
            forEachEntry(from: start) { id, code in
                while ids[next] < Int(id) {
                    next += 1
                    if next == ids.count { return false }
                }
                if ids[next] == Int(id) { found.append(id << 8 | code) }
                return Int(id) < wanted
            }
            return found
        }

        /// Each case with the code of its weight, as `case << 8 | code`, in order.
        var entries: [UInt32] {
            var entries: [UInt32] = []
            entries.reserveCapacity(count)
            forEachEntry { id, code in
                entries.append(id << 8 | code)
                return true
            }
            return entries
        }

        /// Calls `body` with each case and the code of its weight, in order, until it returns false;
        /// from a mark (`case << 32 | byte`) on, when given one. The numbers wrap rather than trap,
        /// whatever the digits.
        private func forEachEntry(from mark: UInt64 = 0, _ body: (_ id: UInt32, _ code: UInt32) -> Bool) {
            var value: UInt32 = 0, shift: UInt32 = 0, id = UInt32(mark >> 32)
            SearchIndex.vlqValues.withUnsafeBufferPointer { values in
                for digit in packed[Int(mark & 0xFFFF_FFFF)...] {
                    let bits = UInt32(values[Int(digit)])
                    value |= (bits & 31) << shift
                    shift += 5
                    guard bits & 32 == 0 else { continue }
                    id &+= value >> 4
                    guard body(id, value & 15) else { return }
                    value = 0
                    shift = 0
                }
            }
        }
    }

    static let vlqDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The value of each base64 digit, by its byte; 0xFF for any other byte, which no list holds:
    /// the lists a build makes are its digits only, and the cache's are sealed (`ByteWriter.seal`).
    static let vlqValues: [UInt8] = {
        var values = [UInt8](repeating: 0xFF, count: 256)
        for (value, digit) in vlqDigits.enumerated() { values[Int(digit)] = UInt8(value) }
        return values
    }()

    /// The weights a posting can carry, by code; a weight is stored as the largest step not above it.
    static let weightSteps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 28, 40, 60]

    /// The code of each weight up to `maximumWeight`.
    private static let weightCodes: [UInt8] = (0...maximumWeight).map { weight in
        UInt8(weightSteps.lastIndex { $0 <= weight } ?? 0)
    }

    static func weightCode(_ weight: Int) -> UInt8 {
        weightCodes[min(max(weight, 0), maximumWeight)]
    }
}
