/// The home page, `index.html`: the latest cases and the top of each index.
struct HomePage: SitePage {
    var path: String { SitePath.home }
    var template: String { "home" }

    func title(in site: SiteRenderer) -> String? { nil }

    func fingerprint(in site: SiteRenderer) -> UInt64 { site.indexPrint }

    func content(in site: SiteRenderer) -> PageContent {
        let index = site.index
        return PageContent(context: Content(description: site.content.config.description, count: index.cases.count,
                                            latest: index.cases.indices.prefix(SiteRenderer.latestCount).map { site.listed($0, on: path) },
                                            districts: index.districts.roots.map(site.summary),
                                            mechanisms: index.mechanisms.terms.map(site.summary),
                                            outcomes: index.outcomes.terms.map(site.summary)))
    }

    struct Content: TemplateContext {
        let description: String
        let count: Int
        let latest: [ListedCard]
        let districts: [TermSummary]
        let mechanisms: [TermSummary]
        let outcomes: [TermSummary]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .description: .text(description)
            case .count: .number(count)
            case .latest: latest.templateValue
            case .districts: districts.templateValue
            case .mechanisms: mechanisms.templateValue
            case .outcomes: outcomes.templateValue
            default: nil
            }
        }
    }
}
