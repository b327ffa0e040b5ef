/// A compact byte format for the build cache: unsigned LEB128 numbers and length-prefixed UTF-8.
/// Far cheaper to read back than JSON, which matters when the cache holds ten thousand cases.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func number(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func int(_ value: Int) { number(UInt64(bitPattern: Int64(value))) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func numbers(_ values: [UInt64]) {
        int(values.count)
        for value in values { number(value) }
    }

    /// A run of bytes and its length, copied in one go.
    mutating func byteArray(_ value: [UInt8]) {
        int(value.count)
        bytes += value
    }

    /// The fingerprint of everything written so far, as eight bytes: `ByteReader.sealed` checks it.
    mutating func seal() {
        bytes += Self.seal(Fingerprint(of: bytes).value)
    }

    /// The eight bytes that seal bytes of fingerprint `value`.
    static func seal(_ value: UInt64) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

/// Reads what `ByteWriter` wrote; any inconsistency throws, and the cache is then ignored.
/// The bytes are borrowed: the reader must not outlive them. It only reads them, so two threads
/// may each read their own part.
struct ByteReader: @unchecked Sendable {
    struct Malformed: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    /// A reader of the next `count` bytes, which this one then skips.
    mutating func take(_ count: Int) throws(Malformed) -> ByteReader {
        guard count <= bytes.count - position else { throw Malformed() }
        defer { position += count }
        return ByteReader(UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]))
    }

    mutating func number() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(Malformed) -> Int { Int(Int64(bitPattern: try number())) }

    mutating func count() throws(Malformed) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else { throw Malformed() }
        return value
    }

    mutating func bool() throws(Malformed) -> Bool {
        guard position < bytes.count else { throw Malformed() }
        position += 1
        return bytes[position - 1] != 0
    }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
    }

    mutating func optional() throws(Malformed) -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws(Malformed) -> [String] {
        try (0..<count()).map { _ throws(Malformed) in try string() }
    }

    mutating func numbers() throws(Malformed) -> [UInt64] {
        try (0..<count()).map { _ throws(Malformed) in try number() }
    }

    mutating func byteArray() throws(Malformed) -> [UInt8] {
        let length = try count()
        defer { position += length }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]))
    }

    /// A reader of the bytes not read yet but the fingerprint that `ByteWriter.seal` put at
    /// their end, if it matches them.
    func sealed() throws(Malformed) -> ByteReader {
        let rest = UnsafeRawBufferPointer(rebasing: bytes[position...])
        guard rest.count >= 8 else { throw Malformed() }
        let content = UnsafeRawBufferPointer(rebasing: rest.dropLast(8))
        try Self.check(content, against: UnsafeRawBufferPointer(rebasing: rest.suffix(8)))
        return ByteReader(content)
    }

    /// Reads the fingerprint that `ByteWriter.seal` wrote of every byte before it, and throws
    /// unless they still match it.
    mutating func checkSeal() throws(Malformed) {
        guard bytes.count - position >= 8 else { throw Malformed() }
        try Self.check(UnsafeRawBufferPointer(rebasing: bytes[..<position]),
                       against: UnsafeRawBufferPointer(rebasing: bytes[position..<position + 8]))
        position += 8
    }

    private static func check(_ content: UnsafeRawBufferPointer, against seal: UnsafeRawBufferPointer) throws(Malformed) {
        let written = seal.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard Fingerprint(of: content).value == written else { throw Malformed() }
    }
}

/// A 64-bit fingerprint of the fields added, each prefixed by its length so that ("ab", "c") and
/// ("a", "bc") differ. Stable across runs and machines, unlike Swift's seeded `Hasher`.
struct Fingerprint {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    init(of bytes: [UInt8]) { add(bytes) }

    init(of bytes: UnsafeRawBufferPointer) { add(words: bytes) }

    /// Adds bytes eight at a time: a build fingerprints every case's text, a hundred megabytes at
    /// ten thousand cases, and one multiplication a byte was a percent of its time.
    mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ add(words: UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { add(words: $0) }
        }
    }

    private mutating func add(words bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        // The last bytes, the first lowest, with their number in the top byte, so that no two
        // lengths share a fingerprint; copied in one go, as most strings end in a few of them.
        var tail: UInt64 = 0
        withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
        mix(UInt64(littleEndian: tail) | UInt64(bytes.count - offset) << 56)
    }

    /// One word into the value: the two halves of a full multiplication folded, as wyhash mixes.
    private mutating func mix(_ word: UInt64) {
        let product = (value ^ word).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        value = product.high ^ product.low ^ 0x0000_0100_0000_01b3
    }

    mutating func add(_ number: UInt64) { mix(number) }

    mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }

    mutating func add(_ text: String) {
        add(text.utf8.count)
        // The bytes of a native string are read in place rather than through its iterator.
        if text.utf8.withContiguousStorageIfAvailable({ add($0) }) == nil { add(text.utf8) }
    }

    mutating func add(_ text: String?) {
        if let text { add(text) } else { add(UInt64.max) }
    }

    /// The fingerprint of bytes handed in pieces: the same as `Fingerprint(of:)` of the pieces
    /// joined, so that megabytes are sealed without being copied together first.
    struct OfPieces {
        private var print = Fingerprint()
        /// The bytes of the word not yet mixed in, the first lowest, and how many there are.
        private var pending: UInt64 = 0
        private var pendingCount = 0

        init() {}

        mutating func add(_ piece: [UInt8]) {
            piece.withUnsafeBytes { bytes in
                var offset = 0
                if pendingCount > 0 {
                    while pendingCount < 8, offset < bytes.count {
                        pending |= UInt64(bytes[offset]) << (8 * pendingCount)
                        (pendingCount, offset) = (pendingCount + 1, offset + 1)
                    }
                    guard pendingCount == 8 else { return }
                    print.add(pending)
                    (pending, pendingCount) = (0, 0)
                }
                while offset + 8 <= bytes.count {
                    print.add(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                    offset += 8
                }
                for byte in bytes[offset...] {
                    pending |= UInt64(byte) << (8 * pendingCount)
                    pendingCount += 1
                }
            }
        }

        /// The last bytes with their number in the top byte, as `Fingerprint` ends.
        var value: UInt64 {
            var ended = print
            ended.add(pending | UInt64(pendingCount) << 56)
            return ended.value
        }
    }
}
