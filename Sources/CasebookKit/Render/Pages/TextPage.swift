/// A free page from `Content/pages/`, `pages/<slug>.html`; and the text the not-found page shows.
struct TextPage: SitePage {
    let page: FreePage

    var path: String { SitePath.freePage(page.slug) }
    var template: String { "page" }

    func title(in site: SiteRenderer) -> String? { page.title }

    /// Free pages are settings of the whole site: a change to one rebuilds everything.
    func fingerprint(in site: SiteRenderer) -> UInt64 { Fingerprint().value }

    func content(in site: SiteRenderer) -> PageContent {
        let (body, problems) = site.renderMarkdown(page.body, at: path, source: page.sourcePath, firstLine: page.bodyFirstLine)
        return PageContent(context: Content(title: page.title, body: body.html), problems: problems)
    }

    struct Content: TemplateContext {
        let title: String
        let body: String

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .title: .text(title)
            case .body: .text(body)
            default: nil
            }
        }
    }
}

/// The page servers show for a missing address, `404.html`; its links lead from the site root.
struct NotFoundPage: SitePage {
    var path: String { SitePath.notFound }
    var template: String { "404" }

    func title(in site: SiteRenderer) -> String? { site.strings["not_found"] }

    func fingerprint(in site: SiteRenderer) -> UInt64 { Fingerprint().value }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: TextPage.Content(title: site.strings["not_found"], body: ""))
    }
}
