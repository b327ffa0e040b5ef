import Testing
@testable import CasebookKit

/// `Escape.json` reads bytes; it must write what the scalar-by-scalar version it replaced wrote,
/// kept here as the reference, since every data file and the case texts of the search go through it.
@Suite struct JSONEscapeTests {
    @Test func escapingBytesWritesWhatEscapingScalarsWrote() {
        var random = SeededRandom(seed: 2028)
        let special: [Unicode.Scalar] = ["\"", "\\", "\n", "\r", "\t", "<", ">", "&", "'", "\u{0}", "\u{1B}", "\u{1F}", "\u{7F}",
                                         "\u{80}", "\u{85}", "\u{A0}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{FEFF}",
                                         "\u{FEFE}", "\u{FFFF}", "a", "中", "é", "😀"]
        var texts = special.map { String($0) } + ["", "\u{C2}\u{85}", "</script>", "正文</script>3\n"]
        for _ in 0..<3000 {
            texts.append(String(String.UnicodeScalarView((0..<Int.random(in: 0...30, using: &random)).map { _ in special.randomElement(using: &random)! })))
        }
        for text in texts {
            // As bytes: `String`'s `==` would take `e` and U+0301 for `é`.
            #expect(Array(Escape.json(text).utf8) == Array(Self.reference(text, markup: true).utf8))
            #expect(Array(Escape.json(text, markup: false).utf8) == Array(Self.reference(text, markup: false).utf8))
            var bytes = Array("[".utf8)
            Escape.json(text, into: &bytes)
            #expect(bytes == Array(("[" + Self.reference(text, markup: true)).utf8))
        }
    }

    /// The escaping as it was, one scalar at a time.
    static func reference(_ text: String, markup: Bool) -> String {
        var out = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "'", "\u{2028}", "\u{2029}", "\u{0}"..."\u{1F}", "\u{7F}", "\u{85}", "\u{FEFF}":
                if !markup, "<>&'".unicodeScalars.contains(character) {
                    out.unicodeScalars.append(character)
                } else {
                    let hex = String(character.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "\""
    }
}
