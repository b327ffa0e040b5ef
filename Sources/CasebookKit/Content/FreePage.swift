/// A page of `Content/pages/` (about, how to contribute): a title and a Markdown body.
public struct FreePage: Sendable, Hashable {
    public var sourcePath: String
    public var slug: String
    public var title: String
    /// Position in the navigation; pages without one follow, by slug.
    public var order: Int?
    public var body: String
    public var bodyFirstLine: Int

    static func read(_ file: SourceFile) -> (FreePage?, [Diagnostic]) {
        let frontMatter: FrontMatter
        do {
            frontMatter = try FrontMatter.split(file)
        } catch {
            return (nil, [error])
        }
        var reader = YAMLReader(file: file, lineOffset: frontMatter.yamlFirstLine - 1)
        let stem = String(file.path.split(separator: "/").last?.dropLast(3) ?? "")
        var page = FreePage(sourcePath: file.path, slug: Slug.isValid(stem) ? stem : Slug.make(from: stem), title: "",
                            order: nil, body: frontMatter.body, bodyFirstLine: frontMatter.bodyFirstLine)
        guard let root = reader.compose(frontMatter.yaml) else {
            if !reader.log.hasErrors { reader.log.add(file.error("the front matter is empty: a page needs a 'title'", line: 1)) }
            return (nil, reader.log.diagnostics)
        }
        let pairs = reader.pairs(of: root, what: "the front matter")
        reader.checkKeys(pairs, known: ["title", "slug", "order"])
        for (key, _, value) in pairs {
            switch key {
            case "title": page.title = reader.text(value, key: key) ?? ""
            case "slug":
                if let slug = reader.slug(value) { page.slug = slug }
            case "order":
                guard let text = reader.text(value, key: key, allowNumber: true) else { break }
                if let order = Int(text) { page.order = order } else { reader.error("'order' must be a whole number, found \"\(text)\"", at: value) }
            default: break
            }
        }
        if !pairs.contains(where: { $0.key == "slug" }) { reader.checkSlug(fromFileName: page.slug, of: "page") }
        if root.mapping != nil, !pairs.contains(where: { $0.key == "title" }) {
            reader.error("the page has no 'title'", at: root)
        }
        return (reader.log.hasErrors ? nil : page, reader.log.diagnostics)
    }
}
