import Foundation

/// URL-safe names: lowercase ASCII words joined by hyphens, Chinese transliterated to pinyin.
public enum Slug {
    /// The page name every folder keeps for its own overview (`cases/index.html`,
    /// `mechanisms/index.html`, `districts/index.html`), which no case, term, district or page may take.
    public static let reserved = "index"

    /// The longest slug, in bytes: well under the 255 a file name may have, leaving room for
    /// `.html`, for the `-2` of a slug taken twice, and for the temporary name a build writes first.
    public static let maximumLength = 100

    /// `四方议事会` → `si-fang-yi-shi-hui`; `Time Bank!` → `time-bank`. Never empty, and cut at a
    /// hyphen to at most `maximumLength`, so that however long a name is, its page can be written.
    public static func make(from text: String) -> String {
        let latin = separatingHan(text).applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? text
        var words: [String] = []
        var word = ""
        for scalar in latin.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let slug = words.joined(separator: "-").lowercased()
        return shortened(slug.isEmpty ? "x" + text.unicodeScalars.map { String($0.value, radix: 16) }.joined() : slug)
    }

    /// `slug` (ASCII) cut to `maximumLength` bytes, at its last hyphen within them when it has one.
    private static func shortened(_ slug: String) -> String {
        let bytes = Array(slug.utf8)
        guard bytes.count > maximumLength else { return slug }
        let hyphen = UInt8(ascii: "-")
        let end = bytes[maximumLength] == hyphen ? maximumLength : bytes[..<maximumLength].lastIndex(of: hyphen) ?? maximumLength
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// Puts a space where Han characters meet other text, so `12345热线` becomes `12345-re-xian`.
    /// (The transform already separates the syllables of neighbouring Han characters.)
    private static func separatingHan(_ text: String) -> String {
        var result = ""
        var previousIsHan: Bool?
        for scalar in text.unicodeScalars {
            let isHan = scalar.properties.isIdeographic
            if let previousIsHan, previousIsHan != isHan { result.unicodeScalars.append(" ") }
            result.unicodeScalars.append(scalar)
            previousIsHan = isHan
        }
        return result
    }

    /// Whether `text` is already a slug: lowercase ASCII letters and digits in hyphen-joined words.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
