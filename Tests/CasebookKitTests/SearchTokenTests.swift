import Foundation
import Testing
@testable import CasebookKit

/// The search cuts text on its UTF-8 bytes and leaves only the rare scalars to Foundation's
/// folding. These tests hold it to the algorithm it replaced, kept here as the reference: fold the
/// whole text, then walk its scalars. Any difference would split a word or a pair differently from
/// `assets/search.js`, and a query would miss.
@Suite struct SearchTokenFoldingTests {
    /// Strings where folding does something other than keep each scalar as it is.
    static let tricky = [
        "", " ", "ＡＢＣ１２３", "Ｔｉｍｅ－Ｂａｎｋ！", "１２３abc", "a１b", "ｶﾞｷﾞ ｱｲｳ", "ﾟ", "ｰ",
        "\u{F900}\u{F901}\u{FA0E}\u{FA10}", "充\u{F900}电", "\u{2F800}\u{2FA1D}", "𠀀𠀁𪚲",
        "Ⅻ ⅻ Ⅷ", "第Ⅻ章", "ﬁle ﬂow ﬃ", "㍿ ㍻ ㋿", "㈱ ㈲", "① ② ⑳ ⑴ ⒈ ⓐ Ⓐ", "第①条",
        "cafe\u{301} Cafe\u{301}s", "e\u{301}\u{302}\u{316}", "Ａ\u{301}", "ｅ\u{301}", "a\u{301}b\u{302}c",
        "<\u{338} =\u{338} >\u{338}", "a<\u{338}b", "＜\u{338}", "中\u{301}文", "\u{301}开头", "。\u{301}",
        "a" + String(repeating: "\u{301}\u{316}", count: 40), String(repeating: "\u{308}", count: 70) + "x",
        "ΟΔΟΣ ὈΔΥΣΣΕΎΣ σς", "İstanbul ISTANBUL ı", "Straße STRASSE ẞ", "Ǆ ǅ ǆ", "ŉ ǰ ΐ \u{345}",
        "한국어 서울", "\u{1100}\u{1161}\u{11A8}", "가\u{11A8}각", "ㄱㅏ", "ひらがな カタカナ", "か\u{3099}は\u{309A}",
        "ゟ ヿ ゝゞ", "\u{309B}\u{309C}", "😀👍🏽 👨‍👩‍👧", "a😀b", "\u{FE0F}\u{200D}",
        "a\r\nb\rc\nd\te", "\r\n\r\n", "〇 二〇二三年", "\u{3038}\u{3039}\u{303A}", "〡〢〩", "々 〆 〻",
        "\u{FEFF}a\u{200B}b\u{00A0}c\u{3000}d\u{2028}e\u{2029}", "\u{2017}\u{203E}", "‥…‼⁇", "x² H₂O ½ µ",
        "\u{212B}\u{212A}\u{2126}", "ℌℍ™℃℉", "㎡ ㎏ ㏄", "𝐀𝐁𝐂 𝟏𝟐", "阿卜杜拉·买买提", "“引号”《书名》【注】",
        "مرحبا بالعالم", "שָׁלוֹם", "क्षि हिन्दी", "\u{9C7}\u{9BE} \u{B47}\u{B3E}", "ภาษาไทย", "ᄀᄀᄀ",
        "拨打12345热线，Time-Bank！", "ABCDEFGH abcdefghi 12345678 123456789", "Ǆa ﬁx ﬁxed",
    ]

    @Test func cuttingOnBytesGivesTheTokensOfFoldingTheWholeText() {
        for text in Self.tricky {
            #expect(Self.bytes(SearchIndex.tokens(in: text)) == Self.bytes(Self.referenceTokens(in: text)), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Each scalar the cutter handles itself, alone and beside marks that could combine with it.
    @Test func everyScalarCutOnTheSpotFoldsAsFoundationFoldsIt() {
        let ranges: [ClosedRange<UInt32>] = [0x0...0x7F, 0xB7...0xB7, 0x2010...0x203B, 0x3000...0x3030, 0xFF01...0xFF5E]
        let scalars = ranges.flatMap { $0 } + Array(stride(from: 0x3400, through: 0x9FFF, by: 97))
        for value in scalars {
            let scalar = String(Unicode.Scalar(value)!)
            for text in [scalar, scalar + "\u{301}", scalar + "\u{338}", scalar + "\u{3099}", "a" + scalar + "b",
                         "e" + scalar + "\u{301}", "\u{1100}" + scalar + "\u{1161}", "中" + scalar + "文", scalar + "①"] {
                #expect(Self.bytes(SearchIndex.tokens(in: text)) == Self.bytes(Self.referenceTokens(in: text)), "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func randomTextsFromAMixedAlphabetCutAsFoldingTheWholeText() {
        var random = SeededRandom(seed: 20_240_601)
        for _ in 0..<5000 {
            let text = Self.randomText(using: &random)
            #expect(Self.bytes(SearchIndex.tokens(in: text)) == Self.bytes(Self.referenceTokens(in: text)), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func weightsCountEachFieldAtMostThreeTimesAndCapTheSum() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<300 {
            let fields = (0..<5).map { _ in (text: Self.randomText(using: &random), weight: [8, 4, 2, 1].randomElement(using: &random)!) }
            let document = SearchIndex.Document(title: "", path: "", place: "", date: "", fields: fields,
                                                body: Array((0..<4).map { _ in Self.randomText(using: &random) }.joined(separator: "充电").utf8))
            let weights = SearchIndex.Weights(document)
            var weighed: [[UInt8]: UInt8] = [:]
            for (key, weight) in weights.keyed { weighed[Array(SearchIndex.Token.text(of: key).utf8)] = weight }
            for (word, weight) in weights.words { weighed[Array(word.utf8)] = weight }
            #expect(weighed.count == weights.keyed.count + weights.words.count)
            #expect(weighed == Self.referenceWeights(document))
        }
    }

    @Test func shortASCIIWordsAreKeysAndOthersStayStrings() {
        #expect(SearchIndex.Token.key(word: Array("abcdefgh".utf8)).map(SearchIndex.Token.text(of:)) == "abcdefgh")
        #expect(SearchIndex.Token.key(word: Array("0".utf8))! > SearchIndex.Token.key(0x10FFFF, 0x10FFFF))
        #expect(SearchIndex.Token.key(word: Array("abcdefghi".utf8)) == nil)
        #expect(SearchIndex.Token.key(word: Array("café".utf8)) == nil)
    }

    /// A key's shard and length come from its bytes without its text, and must be those of its text:
    /// characters of one to four bytes, pairs of them, and words of one to eight letters.
    @Test func keysGiveTheShardAndLengthOfTheirText() {
        let scalars: [UInt32] = [0x7F, 0x80, 0x7FF, 0x800, 0x3007, 0x4E00, 0x9FFF, 0xFFFF, 0x10000, 0x20000, 0x323AF, 0x10FFFF]
        var keys = scalars.map(SearchIndex.Token.key) + scalars.flatMap { first in scalars.map { SearchIndex.Token.key(first, $0) } }
        keys += ["a", "0", "ab", "zz9", "abcdefgh"].compactMap { SearchIndex.Token.key(word: Array($0.utf8)) }
        for key in keys {
            let text = SearchIndex.Token.text(of: key)
            #expect(SearchIndex.Token.byteCount(of: key) == text.utf8.count, "\(text)")
            for count in [1, 7, 1000, 4096] {
                #expect(SearchIndex.Token.shard(of: key, count: count) == SearchIndex.shard(of: text, count: count), "\(text)")
            }
        }
    }

    /// Tokens as bytes: `String`'s `==` would take `e` and U+0301 for `é`.
    static func bytes(_ tokens: [String]) -> [[UInt8]] { tokens.map { Array($0.utf8) } }

    /// Scalars the cutter handles itself, and many it leaves to Foundation.
    static let alphabet: [[Unicode.Scalar]] = [
        scalars(0x20...0x7E), scalars(0x9...0xD), scalars(0x4E00...0x4E40), scalars(0x3400...0x3410), scalars(0xFF01...0xFF5E),
        scalars(0xFF61...0xFF9F), scalars(0x3000...0x303F), scalars(0x2010...0x2030), scalars(0x300...0x36F),
        scalars(0x3099...0x309C), scalars(0x3040...0x30FF), scalars(0x1100...0x1175), scalars(0x11A8...0x11C2),
        scalars(0xAC00...0xAC20), scalars(0xF900...0xF910), scalars(0xFA0E...0xFA12), scalars(0x2160...0x2188),
        scalars(0x2460...0x24FF), scalars(0x3280...0x33FF), scalars(0xFB00...0xFB06), scalars(0x391...0x3C9),
        scalars(0xC0...0x17F), scalars(0x1F600...0x1F60F), scalars(0x1F3FB...0x1F3FF), scalars(0x20000...0x20010),
        scalars(0x980...0x9FF), scalars(0xB00...0xB7F), scalars(0x1D400...0x1D420), scalars(0x2070...0x209F),
        ["\u{B7}", "\u{338}", "\u{200D}", "\u{FE0F}", "\u{FEFF}", "\u{130}", "\u{131}", "\u{3C2}", "\u{1E9E}", "\u{2126}",
         "\u{212A}", "\u{212B}", "\u{3007}", "\u{3038}", "\u{3039}", "\u{303A}", "\u{2028}", "\u{A0}", "\u{345}", "\u{2F800}"],
    ]

    static func scalars(_ range: ClosedRange<UInt32>) -> [Unicode.Scalar] { range.compactMap(Unicode.Scalar.init) }

    static func randomText(using random: inout SeededRandom) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...40, using: &random) {
            scalars.append(alphabet.randomElement(using: &random)!.randomElement(using: &random)!)
        }
        return String(scalars)
    }

    /// The tokenizer as it was: fold the whole text with Foundation, then walk its scalars.
    static func referenceTokens(in text: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        var previousHan: Unicode.Scalar?
        func endWord() {
            guard !word.isEmpty else { return }
            tokens.append(String(word))
            word.removeAll()
        }
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            if isHan(scalar) {
                endWord()
                tokens.append(String(scalar))
                if let previous = previousHan { tokens.append(String(previous) + String(scalar)) }
                previousHan = scalar
            } else {
                previousHan = nil
                if isWordCharacter(scalar) { word.append(scalar) } else { endWord() }
            }
        }
        endWord()
        return tokens
    }

    /// The weighing as it was: count per field, at most three times the field's weight, cap the sum.
    static func referenceWeights(_ document: SearchIndex.Document) -> [[UInt8]: UInt8] {
        var totals: [[UInt8]: Int] = [:]
        for (text, weight) in document.fields + [(document.bodyText, 1)] {
            var counts: [[UInt8]: Int] = [:]
            for token in bytes(referenceTokens(in: text)) { counts[token, default: 0] += 1 }
            for (token, count) in counts { totals[token, default: 0] += weight * min(count, 3) }
        }
        return totals.mapValues { UInt8(min($0, 60)) }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
