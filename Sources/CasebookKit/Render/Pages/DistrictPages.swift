/// A district's page: its areas and every case at or below it, `districts/<province>/<city>/….html`.
struct DistrictPage: SitePage {
    let node: DistrictNode

    var path: String { SitePath.districtPage(node.slugPath) }
    var template: String { "district" }

    func title(in site: SiteRenderer) -> String? { node.name }

    /// Its name, description and place in the tree, its areas with their counts, and the cards it lists.
    func fingerprint(in site: SiteRenderer) -> UInt64 {
        var print = Fingerprint()
        print.add("district")
        print.add(node.name)
        print.add(node.description)
        for slug in node.slugPath { print.add(slug) }
        print.add(site.trailPrint(Array(node.path.dropLast())))
        for child in node.children {
            print.add(child.name)
            print.add(child.description)
            print.add(child.slug)
            print.add(child.count)
        }
        for id in node.caseIDs { print.add(site.cardPrints[id]) }
        return print.value
    }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: Content(name: node.name, breadcrumb: site.districtTrail(Array(node.path.dropLast())),
                                     description: node.description, count: node.count, children: node.children.map(site.summary),
                                     cases: node.caseIDs.map { site.listed($0, on: path) }))
    }

    struct Content: TemplateContext {
        let name: String
        let breadcrumb: [Link]
        let description: String?
        let count: Int
        let children: [TermSummary]
        let cases: [ListedCard]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .name: .text(name)
            case .breadcrumb: breadcrumb.templateValue
            case .description: description?.templateValue
            case .count: .number(count)
            case .children: children.templateValue
            case .cases: cases.templateValue
            default: nil
            }
        }
    }
}

/// The districts overview: the whole tree with rolled-up counts, `districts/index.html`.
struct DistrictOverviewPage: SitePage {
    var path: String { SitePath.overview(.districts) }
    var template: String { "districts" }

    func title(in site: SiteRenderer) -> String? { site.strings["districts"] }

    func fingerprint(in site: SiteRenderer) -> UInt64 { site.indexPrint }

    func content(in site: SiteRenderer) -> PageContent {
        let map = DistrictMap(tree: site.index.districts, title: site.strings["map_title"])
        return PageContent(context: Content(heading: site.strings["districts"], count: site.index.cases.count,
                                            branches: site.index.districts.roots.map(Branch.init),
                                            map: map?.svg(root: SitePath.rootPrefix(of: path))))
    }

    struct Content: TemplateContext {
        let heading: String
        let count: Int
        let branches: [Branch]
        /// The map of counties with cases, as SVG; nil when the site names no county of the division list.
        let map: String?

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .heading: .text(heading)
            case .count: .number(count)
            case .branches: branches.templateValue
            case .map: map.map(TemplateValue.text)
            default: nil
            }
        }
    }

    /// A district and everything below it.
    struct Branch: TemplateContext {
        let name: String
        let path: String
        let count: Int
        let children: [Branch]

        init(_ node: DistrictNode) {
            name = node.name
            path = SitePath.districtPage(node.slugPath)
            count = node.count
            children = node.children.map(Branch.init)
        }

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .name: .text(name)
            case .path: .text(path)
            case .count: .number(count)
            case .children: children.templateValue
            default: nil
            }
        }
    }
}
