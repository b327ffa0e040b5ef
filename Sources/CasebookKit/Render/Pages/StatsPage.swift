/// The statistics page, `stats.html`: charts drawn at build time, each with its numbers as a table.
struct StatsPage: SitePage {
    var path: String { SitePath.stats }
    var template: String { "stats" }

    func title(in site: SiteRenderer) -> String? { site.strings["stats"] }

    func fingerprint(in site: SiteRenderer) -> UInt64 { site.indexPrint }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: Content(heading: site.strings["stats"], count: site.index.cases.count,
                                     charts: Statistics(index: site.index, strings: site.strings).charts))
    }

    struct Content: TemplateContext {
        let heading: String
        let count: Int
        let charts: [ChartBlock]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .heading: .text(heading)
            case .count: .number(count)
            case .charts: charts.templateValue
            default: nil
            }
        }
    }
}
