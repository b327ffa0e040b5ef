import Foundation

/// The settings in `Content/site.yml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var description: String
    /// The interface language: `zh-Hans` (default) or `en`.
    public var language: String
    /// The public address of the site, only needed for feeds and sitemaps.
    public var baseURL: String?
    /// Keep raw HTML in Markdown (cmark's unsafe mode). Off by default.
    public var unsafeHTML: Bool
    /// Terms missing from a vocabulary are errors rather than warnings.
    public var strict: Bool
    /// The bulletin's look, set without touching templates.
    public var look = SiteLook()

    public static let path = "Content/site.yml"
    /// What a site.yml that sets only a title gives; it also stands in for one that cannot be
    /// read, so that everything else can still be checked.
    static let defaults = SiteConfig(title: "", description: "", language: "zh-Hans", baseURL: nil, unsafeHTML: false, strict: false)
    static let knownKeys = ["title", "description", "language", "base_url", "unsafe_html", "strict", "logo", "accent_color", "footer"]

    /// The `language` that `Content/site.yml` below `root` sets, whatever else in it is wrong:
    /// what the messages of a run are said in, those about the file itself included, unless the
    /// locale or `--lang` says otherwise.
    public static func declaredLanguage(root: URL) -> String? {
        guard case .success(let file) = SourceReader.read(root: root, path: path) else { return nil }
        var reader = YAMLReader(file: file)
        return reader.compose(file.text)?.mapping?.first { $0.key.string == "language" }?.value.scalar?.string
    }

    static func read(_ file: SourceFile, languages: [String]) -> (SiteConfig?, [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.compose(file.text) else {
            if !reader.log.hasErrors { reader.log.add(file.error("site.yml is empty: it needs at least a 'title'", line: 1)) }
            return (nil, reader.log.diagnostics)
        }
        let pairs = reader.pairs(of: root, what: "site.yml")
        reader.checkKeys(pairs, known: knownKeys)
        var config = defaults
        for (key, _, value) in pairs {
            switch key {
            case "title":
                config.title = reader.text(value, key: key) ?? ""
            case "description": config.description = reader.text(value, key: key) ?? ""
            case "language":
                guard let language = reader.text(value, key: key) else { break }
                if languages.contains(language) {
                    config.language = language
                } else {
                    reader.error("'language' must be one of \(languages.joined(separator: ", ")), found \"\(language)\"", at: value)
                }
            case "base_url":
                guard let url = reader.text(value, key: key) else { break }
                if let problem = webAddressProblem(url, key: key) {
                    reader.error(problem, at: value,
                                 hint: "give the address the site is published at, such as https://example.org/bulletin/")
                } else {
                    config.baseURL = url.hasSuffix("/") ? url : url + "/"
                }
            case "unsafe_html": config.unsafeHTML = reader.bool(value, key: key) ?? false
            case "strict": config.strict = reader.bool(value, key: key) ?? false
            case "logo": config.look.logo = SiteLook.logo(value, reader: &reader)
            case "accent_color": config.look.accent = SiteLook.accent(value, reader: &reader)
            case "footer": config.look.footer = SiteLook.footer(value, reader: &reader)
            default: break
            }
        }
        if root.mapping != nil, !pairs.contains(where: { $0.key == "title" }) {
            reader.error("site.yml needs a 'title'", at: root)
        }
        return (reader.log.hasErrors ? nil : config, reader.log.diagnostics)
    }
}
