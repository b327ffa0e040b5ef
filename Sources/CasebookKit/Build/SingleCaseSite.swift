import Foundation

/// A site of one case, made in memory from the case file's bytes with a site's templates and
/// strings: the case's page, its search texts and postings, every page that lists it, and the data
/// files. Nothing is read but the templates and nothing is written. The fuzzer drives it
/// (`scripts/fuzz.sh`), so that a trap anywhere from a case's bytes to its outputs is found.
public struct SingleCaseSite: Sendable {
    private let templates: TemplateSet
    private let strings: UIStrings

    /// Settings under which a site makes every kind of output, the feed and the sitemap too.
    private static let config = SiteConfig(title: "案例库", description: "", language: UIStrings.referenceLanguage,
                                           baseURL: "https://example.org/", unsafeHTML: false, strict: false)

    /// Reads the templates and interface strings of the site at `root`: its theme.
    public init(templatesOf root: URL) throws(BuildFailure) {
        let theme = SiteTheme(root: root)
        let (strings, stringProblems) = UIStrings.load(theme: theme, language: Self.config.language)
        let (templates, templateProblems) = TemplateSet.load(theme: theme)
        guard let strings, let templates else { throw BuildFailure(stringProblems + templateProblems) }
        self.strings = strings
        self.templates = templates
    }

    /// Reads `bytes` as the case file at `path` and, when it is a case, renders every output of a
    /// site that holds only it, as a build renders them.
    /// - Returns: the files made (none when the case has errors), and every problem found.
    public func render(path: String, bytes: [UInt8]) -> (files: [RenderedFile], diagnostics: [Diagnostic]) {
        let (study, readProblems) = CaseStudyReader.read(path: path, bytes: bytes)
        guard let study else { return ([], readProblems) }
        let content = SiteContent(config: Self.config, cases: [study], vocabularies: [:], pages: [], media: [])
        let (index, indexProblems) = SiteIndex.build(content)
        let site = SiteRenderer(content: content, index: index, templates: templates, strings: strings)
        let body = site.caseBody(0)
        let casePage = CasePage(id: 0, in: site, body: body)
        let page = site.render(casePage, content: casePage.content(in: site))
        let document = site.searchDocument(0, text: body.0.text)
        var postings = SearchIndex.Postings()
        postings.add([(0, SearchIndex.Weights(document))])
        let (shards, shardCount) = postings.shardFiles()
        let pages = site.pages(searchShards: shardCount)
        let others = pages.filter { !($0 is CasePage) }.map(site.render)
        let data = DataFile.all(in: site, pagePaths: pages.map(\.path)).map { $0.render(in: site) }
        let files = [page.file] + shards + [SearchIndex.textChunk(0, [document][...])] + others.map(\.file) + data
        return (files, readProblems + indexProblems + page.problems + others.flatMap(\.problems))
    }

    /// The fields a case file made by `caseFile(withFieldValues:)` fills, in order, with a value
    /// for each that the input leaves out; the last four are one key figure's.
    private static let fields: [(key: String, value: String)] = [
        ("title", "议事会"), ("date", "2019-11-20"), ("district", "甘肃省/天水市"), ("mechanisms", "四方议事会"),
        ("outcomes", "充电设施建设"), ("summary", "摘要"), ("source", "天水在线"), ("source_url", "https://example.org/a"),
        ("slug", "yishihui"), ("label", "充电桩"), ("before", "3"), ("value", "20"), ("unit", "个"),
    ]

    /// A case file whose field values are the lines of `bytes` (`title: <line 1>`, `date: <line 2>`,
    /// and so on to a key figure's), and whose body is what follows them. A mutation of a value
    /// keeps the front matter around it, so the value reaches the page, the charts and the search
    /// data instead of breaking the file before them.
    public static func caseFile(withFieldValues bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: fields.count, omittingEmptySubsequences: false)[...]
        var file = Array("---\n".utf8)
        for (position, field) in fields.enumerated() {
            let figure = fields.count - position
            if figure == 4 { file += "figures:\n  - ".utf8 } else if figure < 4 { file += "    ".utf8 }
            file += "\(field.key): ".utf8
            file += lines.popFirst().map(Array.init) ?? Array(field.value.utf8)
            file.append(UInt8(ascii: "\n"))
        }
        return file + "---\n".utf8 + (lines.popFirst() ?? [])
    }
}

