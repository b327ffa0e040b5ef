// The typed values templates see. Paths are from the output root; templates put `{{root}}` before
// them, so one value (a case card, say) serves pages at every depth.

/// What every page shares: language, site, strings, the way back to the root, the menu.
struct PageFrame<Page>: @unchecked Sendable {
    let lang: String
    let site: SiteSummary
    let t: [String: String]
    /// `""`, `"../"`…: prefixed to every root-relative path in the templates.
    let root: String
    let title: String
    let nav: [NavItem]
    /// Whether `feed.xml` exists, for the `<link rel="alternate">`.
    let hasFeed: Bool
    let pages: [Link]
    let page: Page
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
}

/// A case as it appears in lists.
struct CaseCard: Sendable {
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
    let latest: [CaseCard]
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
    let related: [CaseCard]
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
    let card: CaseCard
    let districts: String
    let mechanisms: String
    let outcomes: String
}

struct SearchPage: Sendable {
    let heading: String
    /// How many `search/shard-N.js` files there are; `assets/search.js` hashes tokens into them.
    let shardCount: Int
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
    let cases: [CaseCard]
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
    let cases: [CaseCard]
}

struct TextPage: Sendable {
    let title: String
    let body: String
}
