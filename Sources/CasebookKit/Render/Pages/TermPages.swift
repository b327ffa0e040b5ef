/// A mechanism's or outcome's page, listing its cases: `mechanisms/<slug>.html`.
struct TermPage: SitePage {
    let term: IndexedTerm

    var path: String { SitePath.termPage(term.kind, term.slug) }
    var template: String { "term" }

    func title(in site: SiteRenderer) -> String? { term.name }

    /// Its name, slug and description, and the cards it lists.
    func fingerprint(in site: SiteRenderer) -> UInt64 {
        var print = Fingerprint()
        print.add(term.kind.rawValue)
        print.add(term.name)
        print.add(term.slug)
        print.add(term.description)
        for id in term.caseIDs { print.add(site.cardPrints[id]) }
        return print.value
    }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: Content(kindLabel: site.strings[term.kind.rawValue], overviewPath: SitePath.overview(term.kind),
                                     name: term.name, description: term.description, count: term.count,
                                     cases: term.caseIDs.map { site.listed($0, on: path) }))
    }

    struct Content: TemplateContext {
        let kindLabel: String
        let overviewPath: String
        let name: String
        let description: String?
        let count: Int
        let cases: [ListedCard]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .kindLabel: .text(kindLabel)
            case .overviewPath: .text(overviewPath)
            case .name: .text(name)
            case .description: description?.templateValue
            case .count: .number(count)
            case .cases: cases.templateValue
            default: nil
            }
        }
    }
}

/// The overview of the mechanisms or the outcomes: every term some case uses, with its count.
struct TermOverviewPage: SitePage {
    let kind: IndexKind

    var path: String { SitePath.overview(kind) }
    var template: String { "overview" }

    func title(in site: SiteRenderer) -> String? { site.strings[kind.rawValue] }

    func fingerprint(in site: SiteRenderer) -> UInt64 { site.indexPrint }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: Content(heading: site.strings[kind.rawValue], intro: site.strings["\(kind.rawValue)_intro"],
                                     terms: site.index.terms(kind).terms.filter { $0.count > 0 }.map(site.summary)))
    }

    struct Content: TemplateContext {
        let heading: String
        let intro: String
        let terms: [TermSummary]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .heading: .text(heading)
            case .intro: .text(intro)
            case .terms: terms.templateValue
            default: nil
            }
        }
    }
}
