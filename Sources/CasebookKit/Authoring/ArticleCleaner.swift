import Foundation

/// Repairs the damage that text copied from web pages arrives with: decorative symbols sprinkled
/// through sentences, pinyin left after characters by a broken script conversion (`區(qū)`),
/// Traditional characters, and stray whitespace. What cannot be repaired is kept and reported.
///
/// Cleaning works line by line and never joins or drops a line: removing page chrome is
/// `ArticleLayout`'s job, once the text is clean enough to recognise it.
public struct ArticleCleaner: Sendable {
    /// Convert Traditional characters to Simplified (`--keep-script` turns this off).
    public var simplify = true
    /// Names the site already spells in Simplified characters, such as `藉水北路社区`: the
    /// conversion, which knows characters but not names, must not respell them (`借水北路社区`).
    public var knownNames: [String] = []

    public init(simplify: Bool = true, knownNames: [String] = []) {
        self.simplify = simplify
        self.knownNames = knownNames
    }

    /// A span of text that makes no sense where it stands (`碧焖そ值镭(fù)`), kept as found.
    public struct GarbledSpan: Sendable, Equatable {
        public var line: Int
        /// 1-based, in characters of the line as found.
        public var column: Int
        public var found: String
    }

    public struct Cleaned: Sendable {
        /// The article's lines, cleaned, one for each line of the input.
        public var lines: [String]
        public var garbled: [GarbledSpan]
        public var symbolsRemoved = 0
        public var pinyinRemoved = 0
        public var charactersSimplified = 0
    }

    public func clean(_ text: String) -> Cleaned {
        let rawLines = text.precomposedStringWithCanonicalMapping.split(separator: "\n", omittingEmptySubsequences: false)
        var result = Cleaned(lines: [], garbled: [])
        for (index, rawLine) in rawLines.enumerated() {
            var scalars = Array(String(rawLine).unicodeScalars)
            let protected = Self.garbledRanges(scalars)
            for range in protected {
                result.garbled.append(GarbledSpan(line: index + 1, column: range.lowerBound + 1,
                                                  found: String(String.UnicodeScalarView(scalars[range]))))
            }
            var keep = [Bool](repeating: true, count: scalars.count)
            for range in protected { for i in range { keep[i] = false } }
            result.pinyinRemoved += Self.removePinyinAnnotations(&scalars, free: keep)
            result.symbolsRemoved += Self.removeSymbolRuns(&scalars, free: keep)
            result.lines.append(Self.normalisingSpaces(scalars))
        }
        if simplify, Self.isTraditional(result.lines) {
            let respelled = knownNames.compactMap { name in
                let converted = Self.simplified(name)
                return converted == name ? nil : (converted, name)
            }
            result.lines = result.lines.map { line in
                var simplified = Self.simplified(line)
                for (wrong, name) in respelled where simplified.contains(wrong) {
                    simplified = simplified.replacingOccurrences(of: wrong, with: name)
                }
                result.charactersSimplified += zip(line.unicodeScalars, simplified.unicodeScalars).count(where: { $0 != $1 })
                return simplified
            }
        }
        return result
    }

    // MARK: Garbled text

    /// Characters that have no place in Chinese prose: kana and Hangul in a Chinese article, the
    /// replacement character, private-use code points, an `@` between characters, and pinyin that
    /// closes a parenthesis it never opened (`?quán)`).
    private static func isGarbledCore(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        let value = scalars[index].value
        switch value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF65...0xFF9F, 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F,
             0xFFFD, 0xE000...0xF8FF:
            return 1
        case 0x40 where index > 0 && index + 1 < scalars.count && isHan(scalars[index - 1]) && isHan(scalars[index + 1]):
            return 1
        default:
            break
        }
        // A syllable followed by `)` whose `(` is missing.
        guard isPinyinLetter(scalars[index]), index == 0 || scalars[index - 1] != "(" && !isPinyinLetter(scalars[index - 1]) else { return nil }
        var end = index
        while end < scalars.count, isPinyinLetter(scalars[end]) { end += 1 }
        guard end < scalars.count, scalars[end] == ")", isPinyinSyllable(scalars[index..<end]) else { return nil }
        return end + 1 - index
    }

    /// Each garbled core, widened by up to two neighbouring characters on either side (garbling
    /// rarely stops exactly at the impossible character) and by a pinyin annotation right after it;
    /// spans that touch are merged.
    static func garbledRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            guard let length = isGarbledCore(scalars, at: index) else { index += 1; continue }
            var start = index, end = index + length
            while start > 0, "?？@#".unicodeScalars.contains(scalars[start - 1]) { start -= 1 }
            for _ in 0..<2 where start > 0 && isHan(scalars[start - 1]) { start -= 1 }
            for _ in 0..<2 where end < scalars.count && isHan(scalars[end]) { end += 1 }
            if let annotation = pinyinAnnotationLength(scalars, at: end) { end += annotation }
            if let last = ranges.last, last.upperBound >= start {
                ranges[ranges.count - 1] = last.lowerBound..<max(end, last.upperBound)
            } else {
                ranges.append(start..<end)
            }
            index = end
        }
        return ranges
    }

    // MARK: Pinyin annotations

    /// `區(qū)` → `區`: a parenthesised pinyin syllable right after a Han character.
    private static func removePinyinAnnotations(_ scalars: inout [Unicode.Scalar], free: [Bool]) -> Int {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var removed = 0
        var index = 0
        while index < scalars.count {
            if free[index], index > 0, isHan(scalars[index - 1]), let length = pinyinAnnotationLength(scalars, at: index),
               free[index..<(index + length)].allSatisfy({ $0 }) {
                index += length
                removed += 1
                continue
            }
            result.append(scalars[index])
            index += 1
        }
        scalars = result
        return removed
    }

    /// The length of `(syllable)` or `（syllable）` at `index`, if a pinyin syllable stands there.
    private static func pinyinAnnotationLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard index < scalars.count, scalars[index] == "(" || scalars[index] == "（" else { return nil }
        let close: Unicode.Scalar = scalars[index] == "(" ? ")" : "）"
        var end = index + 1
        while end < scalars.count, isPinyinLetter(scalars[end]) { end += 1 }
        guard end < scalars.count, scalars[end] == close, end > index + 1, isPinyinSyllable(scalars[(index + 1)..<end]) else { return nil }
        return end + 1 - index
    }

    private static let toneless: [Unicode.Scalar: Character] = {
        var map: [Unicode.Scalar: Character] = [:]
        for (plain, marked) in [("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"), ("v", "ǖǘǚǜü")] {
            for scalar in marked.unicodeScalars { map[scalar] = Character(plain) }
        }
        return map
    }()

    private static func isPinyinLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || toneless[scalar] != nil
    }

    private static let finals: Set<String> = ["a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "er", "i", "ia", "ian",
        "iang", "iao", "ie", "in", "ing", "iong", "iu", "o", "ong", "ou", "u", "ua", "uai", "uan", "uang", "ue", "ui",
        "un", "uo", "v", "ve", "van", "vn"]
    private static let neutralSyllables: Set<String> = ["de", "le", "men", "me", "zi", "ma", "ne", "ba", "zhe", "ge", "li", "shang"]

    /// One syllable of Hanyu Pinyin: an initial and a final, with a tone mark unless it is one of the
    /// common neutral-tone syllables. Latin words such as `(a)` or `(PDF)` do not pass.
    static func isPinyinSyllable(_ letters: ArraySlice<Unicode.Scalar>) -> Bool {
        guard (1...6).contains(letters.count) else { return false }
        let hasTone = letters.contains { toneless[$0] != nil && $0 != "ü" }
        let plain = String(letters.map { toneless[$0] ?? Character($0) })
        var rest = Substring(plain)
        for initial in ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"]
        where rest.hasPrefix(initial) {
            rest = rest.dropFirst(initial.count)
            break
        }
        guard finals.contains(String(rest)) || (rest.isEmpty && plain == "ng") else { return false }
        return hasTone || neutralSyllables.contains(plain)
    }

    // MARK: Decorative symbols

    /// Symbols web pages scatter through text as decoration: geometric shapes, stars, bullets.
    private static func isDecorative(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x25A0...0x25FF, 0x2605, 0x2606, 0x2022, 0x2023, 0x2043, 0x2219, 0x22C6, 0x2726...0x273F, 0x2740...0x274B,
             0x2B1B...0x2B1C, 0x2B50, 0x25CF:
            return true
        default:
            return false
        }
    }

    /// Punctuation that is real on its own but joins a run of decoration when it stands in one.
    private static func joinsDecoration(_ scalar: Unicode.Scalar) -> Bool {
        "-=…~_".unicodeScalars.contains(scalar)
    }

    /// Removes every run of decoration (a run of symbols and `-=…~_` holding at least one symbol),
    /// except a list marker opening the line and a `○` that is a zero between Chinese numerals.
    /// A hyphen inside a run between two digits (`10-◆15户`) stays.
    private static func removeSymbolRuns(_ scalars: inout [Unicode.Scalar], free: [Bool]) -> Int {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var removed = 0
        var index = 0
        while index < scalars.count {
            guard free[index], isDecorative(scalars[index]) || joinsDecoration(scalars[index]) else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, free[end], isDecorative(scalars[end]) || joinsDecoration(scalars[end]) { end += 1 }
            let run = scalars[index..<end]
            let before = result.last, after = end < scalars.count ? scalars[end] : nil
            let opensLine = result.allSatisfy { $0.properties.isWhitespace }
            if !run.contains(where: isDecorative) {
                result.append(contentsOf: run)
            } else if opensLine, run.count == 1, after.map({ $0.properties.isWhitespace }) == true {
                result.append(contentsOf: run)
            } else if run.count == 1, run.first == "○", let before, let after, isChineseNumeral(before), isChineseNumeral(after) {
                result.append(contentsOf: run)
            } else {
                removed += run.count(where: isDecorative)
                if run.contains("-"), let before, let after, isASCIIDigit(before), isASCIIDigit(after) { result.append("-") }
            }
            index = end
        }
        scalars = result
        return removed
    }

    private static func isChineseNumeral(_ scalar: Unicode.Scalar) -> Bool {
        "〇○零一二三四五六七八九十".unicodeScalars.contains(scalar)
    }

    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isIdeographic }

    // MARK: Whitespace

    /// Trims the line and turns every run of spaces (ideographic and no-break ones too) into one.
    private static func normalisingSpaces(_ scalars: [Unicode.Scalar]) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in scalars {
            if scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: Script

    /// Whether the text is written in Traditional characters: enough of its Han characters change
    /// when simplified that the few that would change in Simplified text by accident do not count.
    static func isTraditional(_ lines: [String]) -> Bool {
        var han = 0, changing = 0
        for line in lines {
            let simplifiedLine = simplified(line)
            for (scalar, simple) in zip(line.unicodeScalars, simplifiedLine.unicodeScalars) where isHan(scalar) {
                han += 1
                if scalar != simple { changing += 1 }
            }
        }
        return changing >= 5 && changing * 20 >= han
    }

    /// ICU's `Hant-Hans` transform, character for character.
    static func simplified(_ text: String) -> String {
        text.applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? text
    }
}
