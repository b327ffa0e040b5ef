/// The all-cases page: every case card, each tagged with the facet values that
/// `assets/casebook.js` filters on, and the checkbox groups with their counts before any choice.
struct CaseFilter {
    let index: SiteIndex
    let cards: [ListedCard]
    let strings: UIStrings

    var page: CaseListPage {
        var districtKeys = Array(repeating: [String](), count: cards.count)
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
        let (mechanismOptions, mechanismKeys) = options(index.mechanisms)
        let (outcomeOptions, outcomeKeys) = options(index.outcomes)
        let groups = [FacetGroup(key: "district", legend: strings["districts"], options: districtOptions),
                      FacetGroup(key: "mechanism", legend: strings["mechanisms"], options: mechanismOptions),
                      FacetGroup(key: "outcome", legend: strings["outcomes"], options: outcomeOptions)]
        let items = cards.indices.map { id in
            FilterableCase(card: cards[id], districts: districtKeys[id].joined(separator: " "),
                           mechanisms: mechanismKeys[id].joined(separator: " "), outcomes: outcomeKeys[id].joined(separator: " "))
        }
        return CaseListPage(heading: strings["all_cases"], count: cards.count, groups: groups, items: items)
    }

    /// A checkbox for every term some case uses, and each case's term slugs.
    private func options(_ terms: TermIndex) -> ([FacetOption], [[String]]) {
        var keys = Array(repeating: [String](), count: cards.count)
        let used = terms.terms.filter { $0.count > 0 }
        for term in used {
            for id in term.caseIDs { keys[id].append(term.slug) }
        }
        return (used.map { FacetOption(value: $0.slug, label: $0.name, count: $0.count, nested: false) }, keys)
    }
}
