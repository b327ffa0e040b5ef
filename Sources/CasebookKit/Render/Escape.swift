/// Escaping for the text Casebook writes outside Mustache: SVG charts, feeds, sitemaps, JSON data.
enum Escape {
    /// Text or an attribute value in HTML, SVG or XML.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A JSON string literal, quotes included, that is also safe inside a `<script>` element, an
    /// HTML attribute and JavaScript source: `<`, `>`, `&`, `'`, U+2028 and U+2029 are `\u` escapes.
    ///
    /// With `markup: false`, `< > & '` stay as they are: the literal is then also a YAML
    /// double-quoted scalar that reads back unchanged.
    static func json(_ text: String) -> String {
        json(text, markup: true)
    }

    static func json(_ text: String, markup: Bool) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
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
