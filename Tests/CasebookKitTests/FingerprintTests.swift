import Testing
@testable import CasebookKit

@Suite struct FingerprintTests {
    /// The definition, a byte at a time: whole words of eight bytes, low byte first, then the last
    /// bytes the same way with their number in the top byte.
    static func reference(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ word: UInt64) {
            let product = (value ^ word).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
            value = product.high ^ product.low ^ 0x0000_0100_0000_01b3
        }
        var offset = 0
        while offset + 8 <= bytes.count {
            mix((0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) })
            offset += 8
        }
        mix((offset..<bytes.count).reduce(UInt64(bytes.count - offset) << 56) { $0 | UInt64(bytes[$1]) << (8 * ($1 - offset)) })
        return value
    }

    /// Every length of tail, so that a cache made by one build is read by the next.
    @Test func fingerprintsBytesAsDefinedWhateverTheirLength() {
        var random = SeededRandom(seed: 5)
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(Fingerprint(of: bytes).value == Self.reference(bytes), "\(length) bytes")
        }
    }

    /// Bytes in pieces of any lengths, empty ones too, seal as the same bytes joined.
    @Test func piecesFingerprintAsTheBytesJoined() {
        var random = SeededRandom(seed: 9)
        for _ in 0..<300 {
            let pieces = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                (0..<Int.random(in: 0...20, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            var print = Fingerprint.OfPieces()
            for piece in pieces { print.add(piece) }
            #expect(print.value == Fingerprint(of: pieces.flatMap { $0 }).value, "\(pieces.map(\.count))")
        }
    }
}
