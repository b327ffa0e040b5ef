/// A file beside the pages that lists the cases' front matter: the case tables, the feed and the
/// sitemap. Like a page, each has its path, a fingerprint of what it shows and its making side by
/// side, so an incremental build makes it again only when a case's front matter changed.
enum DataFile: Sendable {
    case json
    case csv
    case feed(baseURL: String)
    case sitemap(baseURL: String, pages: [String])

    /// The case tables, and the feed and sitemap when the site has a `base_url`.
    static func all(in site: SiteRenderer, pagePaths: [String]) -> [DataFile] {
        guard let baseURL = site.content.config.baseURL else { return [.json, .csv] }
        return [.json, .csv, .feed(baseURL: baseURL), .sitemap(baseURL: baseURL, pages: pagePaths)]
    }

    var path: String {
        switch self {
        case .json: CaseTables.jsonPath
        case .csv: CaseTables.csvPath
        case .feed: Feeds.feedPath
        case .sitemap: Feeds.sitemapPath
        }
    }

    /// Every case's file and front matter (`SiteRenderer.frontMatterPrint`); and for the sitemap,
    /// the path of every page.
    func fingerprint(in site: SiteRenderer) -> UInt64 {
        var print = Fingerprint()
        print.add(path)
        print.add(site.frontMatterPrint)
        if case .sitemap(_, let pages) = self {
            for page in pages { print.add(page) }
        }
        return print.value
    }

    func render(in site: SiteRenderer) -> RenderedFile {
        let cases = site.index.cases
        switch self {
        case .json:
            return CaseTables.json(cases)
        case .csv:
            return CaseTables.csv(cases)
        case .feed(let baseURL):
            let config = site.content.config
            return Feeds.atom(cases, title: config.title, description: config.description, baseURL: baseURL, language: site.strings.language)
        case .sitemap(let baseURL, let pages):
            let dates = Dictionary(uniqueKeysWithValues: cases.map { (SitePath.casePage($0.slug), $0.date) })
            return Feeds.sitemap(pages: pages, dates: dates, baseURL: baseURL)
        }
    }
}
