import Mustache

// The typed values templates see. Paths are from the output root; templates put `{{root}}` before
// them, so one value (a case card, say) serves pages at every depth.

/// What every page shares: language, site, strings, the way back to the root, the menu.
struct PageFrame<Page>: @unchecked Sendable {
    let lang: String
    let site: SiteSummary
    let t: StringTable
    /// `""`, `"../"`…: prefixed to every root-relative path in the templates.
    let root: String
    let title: String
    let nav: [NavItem]
    /// Whether `feed.xml` exists, for the `<link rel="alternate">`.
    let hasFeed: Bool
    let pages: [Link]
    let page: Page
}

/// The interface strings as templates see them (`{{t.key}}`). A class of its own rather than a
/// `[String: String]`: the renderer finds a dictionary's lookup only through a conditional
/// conformance, which it checks again on every tag, and that was most of the cost of a page.
final class StringTable: MustacheParent, Sendable {
    let values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    func child(named name: String) -> Any? { values[name] }
}

struct SiteSummary: Sendable {
    let title: String
    let description: String
}

struct NavItem: Sendable {
    let label: String
    let path: String
    let current: Bool
}

/// A named link to a page: a term chip, a breadcrumb step, a previous/next case.
struct Link: Sendable, Hashable {
    let name: String
    let path: String

    var fingerprint: UInt64 {
        var print = Fingerprint()
        print.add(name)
        print.add(path)
        return print.value
    }
}

/// A case as it appears in lists.
struct CaseCard: Sendable {
    /// Every field, for telling whether a list that shows the card changed.
    var fingerprint: UInt64 {
        var print = Fingerprint()
        for field in [title, path, date, isoDate, place] { print.add(field) }
        print.add(summary)
        for link in mechanisms + outcomes { print.add(link.fingerprint) }
        print.add(mechanisms.count)
        return print.value
    }

    let title: String
    let path: String
    let date: String
    /// `YYYY-MM-DD`, for the `datetime` attribute.
    let isoDate: String
    let place: String
    let summary: String?
    let mechanisms: [Link]
    let outcomes: [Link]
}

/// A case card in a list, with its HTML: `partials/case-card` rendered once per case and depth
/// and reused by every list at that depth, since a case appears in a dozen lists. Templates place
/// it with `{{{html}}}`; the card's own fields are there too.
struct ListedCard: Sendable {
    let card: CaseCard
    let html: String
}

/// What `partials/case-card` sees when a card is rendered on its own.
struct CardFrame: Sendable {
    let root: String
    let t: StringTable
    let card: CaseCard
}

/// A term or district in an overview or a list of children, with its case count.
struct TermSummary: Sendable {
    let name: String
    let path: String
    let description: String?
    let count: Int
}

/// A district and everything below it, for the overview tree.
struct DistrictBranch: Sendable {
    let name: String
    let path: String
    let count: Int
    let children: [DistrictBranch]
}

struct FigureCard: Sendable {
    let label: String
    let value: String
    let unit: String?
    let before: String?
    /// The change from `before` in percent, signed, e.g. `-53%`.
    let change: String?
}

struct HomePage: Sendable {
    let description: String
    let count: Int
    let latest: [ListedCard]
    let districts: [TermSummary]
    let mechanisms: [TermSummary]
    let outcomes: [TermSummary]
}

struct CasePage: Sendable {
    let title: String
    let date: String
    let isoDate: String
    let place: String
    let summary: String?
    let breadcrumb: [Link]
    let mechanisms: [Link]
    let outcomes: [Link]
    let figures: [FigureCard]
    let body: String
    let source: String?
    let sourceURL: String?
    let related: [ListedCard]
    let previous: Link?
    let next: Link?
}

/// The list of all cases with its facet filter.
struct CaseListPage: Sendable {
    let heading: String
    let count: Int
    let groups: [FacetGroup]
    let items: [FilterableCase]
}

/// One facet of the filter (district, mechanism, outcome): a group of checkboxes.
struct FacetGroup: Sendable {
    /// The group's name in the URL fragment: `#mechanism=a,b`.
    let key: String
    let legend: String
    let options: [FacetOption]
}

struct FacetOption: Sendable {
    /// The value in the URL fragment and in each case's `data-` attribute.
    let value: String
    let label: String
    let count: Int
    /// A city under its province.
    let nested: Bool
}

/// A case card with the facet values the filter matches it by, each list separated by spaces.
struct FilterableCase: Sendable {
    let card: ListedCard
    let districts: String
    let mechanisms: String
    let outcomes: String
}

struct SearchPage: Sendable {
    let heading: String
    /// How many `search/shard-N.js` files there are; `assets/search.js` hashes tokens into them.
    let shardCount: Int
    /// How many cases share one `search/text-N.js`.
    let chunkSize: Int
}

struct StatsPage: Sendable {
    let heading: String
    let count: Int
    let charts: [ChartBlock]
}

/// A chart and the same numbers as a table.
struct ChartBlock: Sendable {
    let id: String
    let title: String
    let svg: String
    let columns: [String]
    let rows: [TableRow]
}

struct TableRow: Sendable {
    let cells: [TableCell]
}

struct TableCell: Sendable {
    let text: String
    let path: String?
}

struct OverviewPage: Sendable {
    let heading: String
    let intro: String
    let terms: [TermSummary]
}

struct TermPage: Sendable {
    let kindLabel: String
    let overviewPath: String
    let name: String
    let description: String?
    let count: Int
    let cases: [ListedCard]
}

struct DistrictsPage: Sendable {
    let heading: String
    let count: Int
    let branches: [DistrictBranch]
}

struct DistrictPage: Sendable {
    let name: String
    let breadcrumb: [Link]
    let description: String?
    let count: Int
    let children: [TermSummary]
    let cases: [ListedCard]
}

struct TextPage: Sendable {
    let title: String
    let body: String
}

// Templates look values up by name. Answering from a switch instead of letting the renderer reflect
// on each value (Mirror) makes a page several times cheaper to render.

extension PageFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": self.lang
        case "site": self.site
        case "t": self.t
        case "root": self.root
        case "title": self.title
        case "nav": self.nav
        case "hasFeed": self.hasFeed
        case "pages": self.pages
        case "page": self.page
        default: nil
        }
    }
}

extension SiteSummary: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "description": self.description
        default: nil
        }
    }
}

extension NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "path": self.path
        case "current": self.current
        default: nil
        }
    }
}

extension Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "path": self.path
        default: nil
        }
    }
}

extension CaseCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "path": self.path
        case "date": self.date
        case "isoDate": self.isoDate
        case "place": self.place
        case "summary": self.summary
        case "mechanisms": self.mechanisms
        case "outcomes": self.outcomes
        default: nil
        }
    }
}

extension TermSummary: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "path": self.path
        case "description": self.description
        case "count": self.count
        default: nil
        }
    }
}

extension DistrictBranch: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "path": self.path
        case "count": self.count
        case "children": self.children
        default: nil
        }
    }
}

extension FigureCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "value": self.value
        case "unit": self.unit
        case "before": self.before
        case "change": self.change
        default: nil
        }
    }
}

extension HomePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "description": self.description
        case "count": self.count
        case "latest": self.latest
        case "districts": self.districts
        case "mechanisms": self.mechanisms
        case "outcomes": self.outcomes
        default: nil
        }
    }
}

extension CasePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "date": self.date
        case "isoDate": self.isoDate
        case "place": self.place
        case "summary": self.summary
        case "breadcrumb": self.breadcrumb
        case "mechanisms": self.mechanisms
        case "outcomes": self.outcomes
        case "figures": self.figures
        case "body": self.body
        case "source": self.source
        case "sourceURL": self.sourceURL
        case "related": self.related
        case "previous": self.previous
        case "next": self.next
        default: nil
        }
    }
}

extension CaseListPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "count": self.count
        case "groups": self.groups
        case "items": self.items
        default: nil
        }
    }
}

extension FacetGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": self.key
        case "legend": self.legend
        case "options": self.options
        default: nil
        }
    }
}

extension FacetOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "count": self.count
        case "nested": self.nested
        default: nil
        }
    }
}

extension FilterableCase: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "card": self.card
        case "districts": self.districts
        case "mechanisms": self.mechanisms
        case "outcomes": self.outcomes
        default: nil
        }
    }
}

extension SearchPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "shardCount": self.shardCount
        case "chunkSize": self.chunkSize
        default: nil
        }
    }
}

extension StatsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "count": self.count
        case "charts": self.charts
        default: nil
        }
    }
}

extension ChartBlock: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "svg": self.svg
        case "columns": self.columns
        case "rows": self.rows
        default: nil
        }
    }
}

extension TableRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cells": self.cells
        default: nil
        }
    }
}

extension TableCell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": self.text
        case "path": self.path
        default: nil
        }
    }
}

extension OverviewPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "intro": self.intro
        case "terms": self.terms
        default: nil
        }
    }
}

extension TermPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kindLabel": self.kindLabel
        case "overviewPath": self.overviewPath
        case "name": self.name
        case "description": self.description
        case "count": self.count
        case "cases": self.cases
        default: nil
        }
    }
}

extension DistrictsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "count": self.count
        case "branches": self.branches
        default: nil
        }
    }
}

extension DistrictPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "breadcrumb": self.breadcrumb
        case "description": self.description
        case "count": self.count
        case "children": self.children
        case "cases": self.cases
        default: nil
        }
    }
}

extension TextPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "body": self.body
        default: nil
        }
    }
}

extension ListedCard: MustacheParent {
    func child(named name: String) -> Any? {
        name == "html" ? html : card.child(named: name)
    }
}

extension CardFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "t": t
        default: card.child(named: name)
        }
    }
}
