/// The Atom feed and the sitemap: the two files that need the site's public address.
enum Feeds {
    static let feedPath = "feed.xml"
    static let sitemapPath = "sitemap.xml"
    /// How many of the newest cases the feed carries.
    static let feedLength = 50

    /// An Atom feed of the newest cases. Its `updated` is the newest case's date, so a rebuild of
    /// the same content gives the same bytes.
    static func atom(_ cases: [CaseStudy], title: String, description: String, baseURL: String, language: String) -> RenderedFile {
        let newest = cases.map(\.date).max().map(timestamp) ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escape.xml(language))">
        <title>\(Escape.xml(title))</title>
        <subtitle>\(Escape.xml(description))</subtitle>
        <id>\(Escape.xml(baseURL))</id>
        <link rel="alternate" type="text/html" href="\(Escape.xml(baseURL + SitePath.home))"/>
        <link rel="self" type="application/atom+xml" href="\(Escape.xml(baseURL + feedPath))"/>
        <updated>\(newest)</updated>

        """
        for study in cases.prefix(feedLength) {
            let url = Escape.xml(baseURL + SitePath.casePage(study.slug))
            xml += "<entry>\n<title>\(Escape.xml(study.title))</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            xml += "<id>\(url)</id>\n<updated>\(timestamp(study.date))</updated>\n"
            xml += "<author><name>\(Escape.xml(study.source ?? title))</name></author>\n"
            for term in study.district + study.mechanisms + study.outcomes { xml += "<category term=\"\(Escape.xml(term))\"/>\n" }
            if let summary = study.summary { xml += "<summary>\(Escape.xml(summary))</summary>\n" }
            xml += "</entry>\n"
        }
        return RenderedFile(path: feedPath, text: xml + "</feed>\n")
    }

    /// Every HTML page but the 404 page, with the case date as `lastmod` for case pages.
    static func sitemap(pages: [String], dates: [String: CaseDate], baseURL: String) -> RenderedFile {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() where page.hasSuffix(".html") && page != SitePath.notFound {
            xml += "<url><loc>\(Escape.xml(baseURL + page))</loc>"
            if let date = dates[page] { xml += "<lastmod>\(date)</lastmod>" }
            xml += "</url>\n"
        }
        return RenderedFile(path: sitemapPath, text: xml + "</urlset>\n")
    }

    static func timestamp(_ date: CaseDate) -> String { "\(date)T00:00:00Z" }
}
