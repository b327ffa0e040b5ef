/// A case's own page: `cases/<slug>.html`.
struct CasePage: SitePage {
    /// The case's position in `SiteIndex.cases`.
    let id: Int
    let path: String
    /// The body, when the build has rendered it already (for the search, in the same pass).
    var body: (MarkdownRenderer.Rendered, [Diagnostic])?

    init(id: Int, in site: SiteRenderer, body: (MarkdownRenderer.Rendered, [Diagnostic])? = nil) {
        self.id = id
        self.path = site.casePath(id)
        self.body = body
    }

    var template: String { "case" }

    func title(in site: SiteRenderer) -> String? { site.index.cases[id].title }

    /// Its file, card, district trail, related cases, neighbours, and every link target its body can name.
    /// It is worked out for every case on every build, so the case's fields are read in place, not copied.
    func fingerprint(in site: SiteRenderer) -> UInt64 {
        var print = Fingerprint()
        print.add("case")
        print.add(site.index.cases[id].sourceHash)
        print.add(site.cardPrints[id])
        print.add(site.linkPrint)
        print.add(site.caseTrails[id].print)
        for other in site.index.related[id] { print.add(site.cardPrints[other]) }
        // Its neighbours, without an array of the two made for every case on every build.
        for other in stride(from: id - 1, through: id + 1, by: 2) where site.index.cases.indices.contains(other) {
            print.add(site.index.cases[other].title)
            print.add(site.index.cases[other].slug)
        }
        return print.value
    }

    func content(in site: SiteRenderer) -> PageContent {
        let study = site.index.cases[id]
        let card = site.card(id)
        let (body, problems) = self.body ?? site.caseBody(id)
        let neighbour = { (other: Int) -> Link? in
            site.index.cases.indices.contains(other) ? Link(name: site.index.cases[other].title, path: site.casePath(other)) : nil
        }
        let context = Content(card: card, summary: study.summary, breadcrumb: site.caseTrails[id].links,
                              figures: study.figures.map(FigureCard.init), body: body.html, source: study.source,
                              sourceURL: study.sourceURL, related: site.index.related[id].map { site.listed($0, on: card.path) },
                              previous: neighbour(id - 1), next: neighbour(id + 1))
        return PageContent(context: context, problems: problems)
    }

    struct Content: TemplateContext {
        let card: CaseCard
        let summary: String?
        let breadcrumb: [Link]
        let figures: [FigureCard]
        let body: [UInt8]
        let source: String?
        let sourceURL: String?
        let related: [ListedCard]
        let previous: Link?
        let next: Link?

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .breadcrumb: breadcrumb.templateValue
            case .figures: figures.templateValue
            case .body: .bytes(body)
            case .source: source?.templateValue
            case .sourceURL: sourceURL?.templateValue
            case .related: related.templateValue
            case .previous: previous?.templateValue
            case .next: next?.templateValue
            case .path: nil
            default: card.value(key)
            }
        }
    }
}

/// A key figure as a card: label, value, and the change from `before` when there is one.
struct FigureCard: TemplateContext, Sendable {
    let label: String
    let value: String
    let unit: String?
    let before: String?
    /// The change from `before` in percent, signed, e.g. `-53%`.
    let change: String?

    init(_ figure: Figure) {
        var change: String?
        if let beforeText = figure.before, let before = Double(beforeText), let value = Double(figure.value), before != 0 {
            // A change too large for a Double (from a tiny `before`) is left out rather than shown as infinite.
            let percent = ((value - before) / before * 100).rounded()
            if percent.isFinite { change = "\(percent > 0 ? "+" : "")\(BarChart.wholeNumber(percent))%" }
        }
        self.label = figure.label
        self.value = figure.value
        self.unit = figure.unit
        self.before = figure.before
        self.change = change
    }

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .label: .text(label)
        case .value: .text(value)
        case .unit: unit?.templateValue
        case .before: before?.templateValue
        case .change: change?.templateValue
        default: nil
        }
    }
}
