/// The list of all cases with its facet filter, `cases/index.html`: every case card, each tagged
/// with the facet values that `assets/casebook.js` filters on, and the checkbox groups with their
/// counts before any choice.
struct CaseListPage: SitePage {
    var path: String { SitePath.allCases }
    var template: String { "cases" }

    func title(in site: SiteRenderer) -> String? { site.strings["all_cases"] }

    func fingerprint(in site: SiteRenderer) -> UInt64 { site.indexPrint }

    func content(in site: SiteRenderer) -> PageContent {
        let index = site.index
        let count = index.cases.count
        var districtKeys = Array(repeating: [String](), count: count)
        var districtOptions: [FacetOption] = []
        for province in index.districts.roots {
            districtOptions.append(FacetOption(value: province.slug, label: province.name, count: province.count, nested: false))
            for id in province.caseIDs { districtKeys[id].append(province.slug) }
            for city in province.children {
                let value = "\(province.slug)/\(city.slug)"
                districtOptions.append(FacetOption(value: value, label: city.name, count: city.count, nested: true))
                for id in city.caseIDs { districtKeys[id].append(value) }
            }
        }
        let (mechanismOptions, mechanismKeys) = options(index.mechanisms, count: count)
        let (outcomeOptions, outcomeKeys) = options(index.outcomes, count: count)
        let groups = [FacetGroup(key: "district", legend: site.strings["districts"], options: districtOptions),
                      FacetGroup(key: "mechanism", legend: site.strings["mechanisms"], options: mechanismOptions),
                      FacetGroup(key: "outcome", legend: site.strings["outcomes"], options: outcomeOptions)]
        let items = index.cases.indices.map { id in
            FilterableCase(card: site.listed(id, on: path), districts: districtKeys[id].joined(separator: " "),
                           mechanisms: mechanismKeys[id].joined(separator: " "), outcomes: outcomeKeys[id].joined(separator: " "))
        }
        return PageContent(context: Content(heading: site.strings["all_cases"], count: count, groups: groups, items: items))
    }

    /// A checkbox for every term some case uses, and each case's term slugs.
    private func options(_ terms: TermIndex, count: Int) -> ([FacetOption], [[String]]) {
        var keys = Array(repeating: [String](), count: count)
        let used = terms.terms.filter { $0.count > 0 }
        for term in used {
            for id in term.caseIDs { keys[id].append(term.slug) }
        }
        return (used.map { FacetOption(value: $0.slug, label: $0.name, count: $0.count, nested: false) }, keys)
    }

    struct Content: TemplateContext {
        let heading: String
        let count: Int
        let groups: [FacetGroup]
        let items: [FilterableCase]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .heading: .text(heading)
            case .count: .number(count)
            case .groups: groups.templateValue
            case .items: items.templateValue
            default: nil
            }
        }
    }

    /// One facet of the filter (district, mechanism, outcome): a group of checkboxes.
    struct FacetGroup: TemplateContext {
        /// The group's name in the URL fragment: `#mechanism=a,b`.
        let key: String
        let legend: String
        let options: [FacetOption]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .key: .text(self.key)
            case .legend: .text(legend)
            case .options: options.templateValue
            default: nil
            }
        }
    }

    struct FacetOption: TemplateContext {
        /// The value in the URL fragment and in each case's `data-` attribute.
        let value: String
        let label: String
        let count: Int
        /// A city under its province.
        let nested: Bool

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .value: .text(value)
            case .label: .text(label)
            case .count: .number(count)
            case .nested: .flag(nested)
            default: nil
            }
        }
    }

    /// A case card with the facet values the filter matches it by, each list separated by spaces.
    struct FilterableCase: TemplateContext {
        let card: ListedCard
        let districts: String
        let mechanisms: String
        let outcomes: String

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .card: .object(card)
            case .districts: .text(districts)
            case .mechanisms: .text(mechanisms)
            case .outcomes: .text(outcomes)
            default: nil
            }
        }
    }
}
