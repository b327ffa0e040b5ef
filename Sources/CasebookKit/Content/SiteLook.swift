import Foundation

/// How the bulletin looks, set in `site.yml` without touching templates: a logo, an accent colour,
/// and a footer naming the issuing office, which the printed notice carries too.
public struct SiteLook: Sendable, Equatable {
    /// A file under `Content/media/`, and where `site.yml` names it: that it exists is checked once
    /// the media are listed.
    public struct Logo: Sendable, Equatable {
        /// Relative to `Content/media/`, such as `logo.png`.
        public var path: String
        public var location: SourceLocation
    }

    /// Who issues the bulletin and how to reach them; each line is optional.
    public struct Footer: Sendable, Equatable {
        public var organisation: String?
        public var address: String?
        public var telephone: String?
    }

    public var logo: Logo?
    /// `#rrggbb` in lower case: the header, links and headings of the printed notice.
    public var accent: String?
    public var footer: Footer?

    /// The image files a browser shows as a logo.
    static let logoTypes: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp"]
    /// The header's text is white on the accent colour; below this contrast (WCAG AA for normal
    /// text) it is hard to read.
    static let minimumContrast = 4.5

    static func logo(_ node: YAMLNode, reader: inout YAMLReader) -> Logo? {
        guard var path = reader.text(node, key: "logo") else { return nil }
        for prefix in ["Content/media/", "media/"] where path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        guard logoTypes.contains((path as NSString).pathExtension.lowercased()) else {
            reader.error("'logo' must be an image (\(logoTypes.sorted().joined(separator: ", "))), found \"\(path)\"", at: node,
                         hint: "put the image in Content/media/ and give its name, such as logo: logo.png")
            return nil
        }
        return Logo(path: path, location: reader.sourceLocation(of: node))
    }

    /// Reads `#1d5f8a`, `#18a` or `1d5f8a` as `#1d5f8a`, and warns when white text on it is hard to read.
    static func accent(_ node: YAMLNode, reader: inout YAMLReader) -> String? {
        let example = "accent_color: \"#1d5f8a\""
        // Unquoted, `#1d5f8a` is a YAML comment and the value is empty.
        if let scalar = node.scalar, scalar.style == .plain, ["", "~", "null"].contains(scalar.string.trimmingWhiteSpace) {
            reader.error("'accent_color' is empty", at: node,
                         hint: "YAML reads everything after # as a comment: put the colour in quotes, such as \(example)")
            return nil
        }
        guard let text = reader.text(node, key: "accent_color", allowNumber: true) else { return nil }
        var digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else {
            reader.error("'accent_color' must be a colour as #rrggbb, found \"\(text)\"", at: node, hint: "such as \(example)")
            return nil
        }
        let contrast = 1.05 / (luminance(of: value) + 0.05)
        if contrast < minimumContrast {
            let (shown, needed) = (String(format: "%.1f", contrast), String(format: "%.1f", minimumContrast))
            reader.warning("white text on accent_color \"\(text)\" is hard to read: contrast \(shown):1, where \(needed):1 is needed", at: node,
                           hint: "choose a darker colour, such as the default \"#b3261e\" or \"#1d5f8a\"")
        }
        return "#" + digits.lowercased()
    }

    /// The colour at an eighth of its strength on white: the background of chips and notices.
    static func soft(_ accent: String) -> String {
        let value = UInt32(accent.dropFirst(), radix: 16) ?? 0
        let channels = [16, 8, 0].map { shift in 255 - (255 - Int(value >> UInt32(shift) & 0xFF)) / 8 }
        return "#" + channels.map { String(format: "%02x", $0) }.joined()
    }

    /// Relative luminance (WCAG 2) of a `0xrrggbb` colour.
    private static func luminance(of value: UInt32) -> Double {
        let linear = [16, 8, 0].map { shift -> Double in
            let channel = Double(value >> UInt32(shift) & 0xFF) / 255
            return channel <= 0.03928 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func footer(_ node: YAMLNode, reader: inout YAMLReader) -> Footer? {
        guard node.mapping != nil else {
            reader.error("'footer' must list organisation, address and telephone, one per line", at: node,
                         hint: "such as\n      footer:\n        organisation: 某某街道办事处\n        telephone: 0571-12345678")
            return nil
        }
        let pairs = reader.pairs(of: node, what: "footer")
        reader.checkKeys(pairs, known: ["organisation", "address", "telephone"])
        var footer = Footer()
        for (key, _, value) in pairs {
            guard let text = reader.text(value, key: key, allowNumber: true) else { continue }
            guard text.count <= ContentLimits.nameLength else {
                reader.error("'\(key)' has \(text.count) characters; a footer line may have \(ContentLimits.nameLength)", at: value)
                continue
            }
            switch key {
            case "organisation": footer.organisation = text
            case "address": footer.address = text
            case "telephone": footer.telephone = text
            default: break
            }
        }
        return footer
    }
}
