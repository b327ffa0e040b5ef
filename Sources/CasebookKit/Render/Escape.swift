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
        var out: [UInt8] = []
        json(text, markup: markup, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `json(_:markup:)` appended to `out` as UTF-8, for data built as bytes.
    static func json(_ text: String, markup: Bool = true, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + text.utf8.count + 2)
        out.append(UInt8(ascii: "\""))
        jsonCharacters(text, markup: markup, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// What stands between the quotes of `json(_:markup:)`: texts written one after another make
    /// the literal of the texts joined.
    static func jsonCharacters(_ text: String, markup: Bool = true, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { jsonCharacters($0, markup: markup, into: &out) }
    }

    /// `jsonCharacters` of valid UTF-8. What needs escaping is ASCII or one of four other
    /// scalars, so the loop reads bytes and copies the runs between.
    static func jsonCharacters(_ bytes: UnsafeBufferPointer<UInt8>, markup: Bool = true, into out: inout [UInt8]) {
        var copied = 0, position = 0
        jsonStarts.withUnsafeBufferPointer { starts in
            while position < bytes.count {
                // Bytes that cannot start an escaped scalar are passed over a byte at a time:
                // no continuation byte can, so a Chinese character is three quick steps.
                guard starts[Int(bytes[position])] else {
                    position += 1
                    continue
                }
                guard let (scalar, length) = escaped(bytes, at: position, markup: markup) else {
                    position += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<position]))
                out.append(UInt8(ascii: "\\"))
                switch scalar {
                case "\"", "\\": out.append(UInt8(scalar.value))
                case "\n": out.append(UInt8(ascii: "n"))
                case "\r": out.append(UInt8(ascii: "r"))
                case "\t": out.append(UInt8(ascii: "t"))
                default:
                    out.append(UInt8(ascii: "u"))
                    for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigits[Int(scalar.value >> UInt32(shift) & 0xF)]) }
                }
                position += length
                copied = position
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
    }

    /// The scalar starting at `position` of valid UTF-8, with its length, if the literal escapes it.
    private static func escaped(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, markup: Bool) -> (Unicode.Scalar, Int)? {
        let byte = bytes[position]
        switch byte {
        case 0...0x1F, UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x7F:
            return (Unicode.Scalar(byte), 1)
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "'"):
            return markup ? (Unicode.Scalar(byte), 1) : nil
        case 0xC2 where bytes[position + 1] == 0x85:
            return ("\u{85}", 2)
        case 0xE2 where bytes[position + 1] == 0x80 && bytes[position + 2] == 0xA8:
            return ("\u{2028}", 3)
        case 0xE2 where bytes[position + 1] == 0x80 && bytes[position + 2] == 0xA9:
            return ("\u{2029}", 3)
        case 0xEF where bytes[position + 1] == 0xBB && bytes[position + 2] == 0xBF:
            return ("\u{FEFF}", 3)
        default:
            return nil
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The bytes that can start a scalar `escaped` looks at: every other byte is copied as it is.
    private static let jsonStarts: [Bool] = (0...255).map { (byte: UInt8) in
        byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xEF || "\"\\<>&'".utf8.contains(byte)
    }
}
