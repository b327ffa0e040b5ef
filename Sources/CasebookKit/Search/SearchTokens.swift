import Foundation

extension SearchIndex {
    /// Tokens as numbers, so that counting and filing them makes no string: a Han character is its
    /// scalar value; a pair is both, with bit 42 set; a word of at most eight ASCII bytes is those
    /// bytes, the first in the highest byte, so its key is at least `"0" << 56` and above every Han
    /// key. Longer and non-ASCII words have no key and stay strings: in Chinese text they are rare.
    enum Token {
        static func key(_ scalar: UInt32) -> UInt64 { UInt64(scalar) }

        static func key(_ first: UInt32, _ second: UInt32) -> UInt64 {
            1 << 42 | UInt64(first) << 21 | UInt64(second)
        }

        /// The key of a word given as UTF-8, if it has one.
        static func key(word: [UInt8]) -> UInt64? {
            guard word.count <= 8 else { return nil }
            var key: UInt64 = 0
            for (index, byte) in word.enumerated() {
                guard byte < 0x80 else { return nil }
                key |= UInt64(byte) << (56 - 8 * index)
            }
            return key
        }

        /// Hands `body` the UTF-8 bytes of the key's text (`text(of:)`) one after another, without
        /// making the text: the shards of half a million tokens are worked out from their keys.
        @inline(__always)
        static func forEachByte(of key: UInt64, _ body: (UInt8) -> Void) {
            if key >= 1 << 56 {
                // A word's bytes stand from the highest down; the unused low bytes are 0.
                var rest = key
                while rest != 0 {
                    body(UInt8(truncatingIfNeeded: rest >> 56))
                    rest <<= 8
                }
                return
            }
            let mask: UInt64 = (1 << 21) - 1
            if key & (1 << 42) != 0 { forEachByte(of: UInt32(key >> 21 & mask), body) }
            forEachByte(of: UInt32(key & mask), body)
        }

        /// A key holds only scalars the text was read as, so each is valid.
        @inline(__always)
        private static func forEachByte(of scalar: UInt32, _ body: (UInt8) -> Void) {
            for byte in Unicode.Scalar(scalar)!.utf8 { body(byte) }
        }

        /// The length in UTF-8 of the key's text.
        static func byteCount(of key: UInt64) -> Int {
            var count = 0
            forEachByte(of: key) { _ in count += 1 }
            return count
        }

        /// The shard of the key's text (`SearchIndex.shard(of:count:)`).
        static func shard(of key: UInt64, count: Int) -> Int {
            var hash = ShardHash()
            forEachByte(of: key) { hash.add($0) }
            return hash.shard(count: count)
        }

        static func text(of key: UInt64) -> String {
            if key >= 1 << 56 {
                let bytes = (0..<8).map { UInt8(truncatingIfNeeded: key >> (56 - 8 * $0)) }
                return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            let mask: UInt64 = (1 << 21) - 1
            var scalars = String.UnicodeScalarView()
            if key & (1 << 42) != 0 { scalars.append(Unicode.Scalar(UInt32(key >> 21 & mask))!) }
            scalars.append(Unicode.Scalar(UInt32(key & mask))!)
            return String(scalars)
        }
    }

    /// The tokens of `text` for the index: each Han character, each pair of neighbouring Han
    /// characters, and each run of other letters and digits, after NFKC folding and lowercasing.
    static func tokens(in text: String) -> [String] {
        struct Listed: TokenSink {
            var tokens: [String] = []
            mutating func key(_ key: UInt64) { tokens.append(Token.text(of: key)) }
            mutating func word(_ word: String) { tokens.append(word) }
        }
        var listed = Listed()
        forEachToken(in: text, into: &listed)
        return listed.tokens
    }

    /// What takes the tokens of a text, in order (`forEachToken`): a type rather than two closures,
    /// so that the loop is compiled for each taker and calls it directly, once per token of every case.
    protocol TokenSink {
        /// A Han character, pair or short word, by its key (`Token`).
        mutating func key(_ key: UInt64)
        /// A word that has no key.
        mutating func word(_ word: String)
    }

    /// Hands `sink` the key of each Han character, pair and short word, and each other word, in
    /// order: the tokens of `normalized(text)`.
    ///
    /// The text is read as UTF-8 bytes, and the common scalars, whose folding is known (`Cut`), are
    /// cut where they stand. NFKC only combines or reorders a scalar with a neighbour that is a mark
    /// or ends a composition; no common scalar is either, so folding can stop before each of them,
    /// and, but for ASCII letters and `<`, `=`, `>`, after each of them too. So a run of other
    /// scalars is folded by `normalized` on its own, taking along the scalar before it when that one
    /// could start a composition (`e` and U+0301 make `é`): the pieces fold as the whole text would.
    /// Lowercasing maps each scalar on its own.
    static func forEachToken<Sink: TokenSink>(in text: String, into sink: inout Sink) {
        var text = text
        text.withUTF8 { forEachToken(in: $0, into: &sink) }
    }

    /// `forEachToken` of valid UTF-8.
    static func forEachToken<Sink: TokenSink>(in bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        var word: [UInt8] = []
        var previousHan: UInt32 = 0
        func endWord() {
            guard !word.isEmpty else { return }
            if let key = Token.key(word: word) { sink.key(key) } else { sink.word(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        func han(_ scalar: UInt32) {
            endWord()
            sink.key(Token.key(scalar))
            if previousHan != 0 { sink.key(Token.key(previousHan, scalar)) }
            previousHan = scalar
        }
        func separator() {
            endWord()
            previousHan = 0
        }

        var position = 0
        // Where the scalar before starts when a following mark could combine with it, and
        // whether it added a byte to the word.
        var joinable: (start: Int, isWord: Bool)?
        while position < bytes.count {
            let (scalar, length) = decode(bytes, at: position)
            switch cut(scalar) {
            case .han:
                han(scalar)
                joinable = nil
            case .word(let byte, let joins):
                previousHan = 0
                word.append(byte)
                joinable = joins ? (position, true) : nil
            case .separator(let joins):
                separator()
                joinable = joins ? (position, false) : nil
            case .other:
                // A separator folded again changes nothing; a letter's byte is taken back.
                var start = position
                if let joinable {
                    start = joinable.start
                    if joinable.isWord { word.removeLast() }
                }
                var end = position + length
                while end < bytes.count {
                    let (next, nextLength) = decode(bytes, at: end)
                    guard case .other = cut(next) else { break }
                    end += nextLength
                }
                let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                for scalar in normalized(run).unicodeScalars {
                    if isHan(scalar) {
                        han(scalar.value)
                    } else if isWordCharacter(scalar) {
                        previousHan = 0
                        word.append(contentsOf: scalar.utf8)
                    } else {
                        separator()
                    }
                }
                joinable = nil
                position = end
                continue
            }
            position += length
        }
        endWord()
    }

    /// What folding makes of a common scalar.
    private enum Cut {
        /// A Han character, which folding leaves as it is.
        case han
        /// An ASCII letter or digit, lowercased; `joins` when a following mark could combine with it.
        case word(UInt8, joins: Bool)
        /// Punctuation or space, which folding leaves punctuation or space; `joins` for `<`, `=` and
        /// `>`, which U+0338 turns into other symbols.
        case separator(joins: Bool)
        /// Any other scalar: `normalized` folds it.
        case other
    }

    @inline(__always)
    private static func cut(_ scalar: UInt32) -> Cut {
        // Full-width ASCII folds to ASCII.
        let scalar = (0xFF01...0xFF5E).contains(scalar) ? scalar - 0xFEE0 : scalar
        return switch scalar {
        case 0x41...0x5A: .word(UInt8(scalar) | 0x20, joins: true)
        case 0x61...0x7A: .word(UInt8(scalar), joins: true)
        case 0x30...0x39: .word(UInt8(scalar), joins: false)
        case 0x3C...0x3E: .separator(joins: true)
        case 0...0x7F: .separator(joins: false)
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF: .han
        // Middle dot, dashes, quotes, ellipsis, ideographic space, full stop, comma and brackets.
        case 0xB7, 0x2010...0x2016, 0x2018...0x2027, 0x2030...0x203B, 0x3000...0x3004, 0x3008...0x3020, 0x3030:
            .separator(joins: false)
        default: .other
        }
    }

    /// The scalar that starts at `position` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(bytes[position])
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[position + offset] & 0x3F) }
        switch lead {
        case ..<0x80: return (lead, 1)
        case ..<0xE0: return ((lead & 0x1F) << 6 | continuation(1), 2)
        case ..<0xF0: return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        default: return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
    }

    /// Full-width forms to ASCII, compatibility characters to their plain forms, lowercase.
    static func normalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// Chinese, Japanese and Korean characters: each is a token on its own.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }

    /// Letters, digits and marks outside the Han ranges: they make up words.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
