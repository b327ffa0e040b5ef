import Foundation

/// A finished output file: where it goes and its text (a page's HTML, a feed, a search shard).
public struct RenderedFile: Sendable, Hashable {
    public var path: String
    public var text: String

    /// Of the bytes, for telling whether the file on disk must be written again.
    var fingerprint: UInt64 { Fingerprint(of: Array(text.utf8)).value }
}

/// Maps the indexed site to HTML pages and data files (search index, feeds, case tables). Pure: it
/// reads nothing from disk and renders in parallel.
///
/// For incremental builds each case, term and district page has a fingerprint of everything its
/// rendering reads (`fingerprint(of:)`); a page whose fingerprint did not change is not rendered.
public struct PageRenderer: Sendable {
    let content: SiteContent
    private(set) var index: SiteIndex
    let templates: TemplateSet
    let strings: UIStrings
    let markdown: MarkdownRenderer
    /// Each case's card, made once and shared by every list it appears in.
    private let cards: [CaseCard]
    /// Paths under `Content/media/`, for checking the images and files the Markdown names.
    private let mediaFiles: Set<String>
    /// The page of each case and free page by file name without `.md`, for links between Markdown files.
    private let casePages: [String: String]
    private let freePages: [String: String]
    /// A fingerprint of each case's card, and of every link target a Markdown body can name.
    private let cardPrints: [UInt64]
    private let linkPrint: UInt64
    private let stringTable: StringTable
    private let cardHTML = CardMemo()

    /// How many cases the home page lists.
    static let latestCount = 8

    public init(content: SiteContent, index: SiteIndex, templates: TemplateSet, strings: UIStrings) {
        self.content = content
        self.index = index
        self.templates = templates
        self.strings = strings
        self.markdown = MarkdownRenderer(unsafeHTML: content.config.unsafeHTML)
        self.mediaFiles = Set(content.media)
        self.stringTable = StringTable(strings.values)
        self.casePages = Dictionary(index.cases.map { ($0.fileStem, SitePath.casePage($0.slug)) }, uniquingKeysWith: { first, _ in first })
        self.freePages = Dictionary(content.pages.map { (SitePath.fileStem($0.sourcePath), SitePath.freePage($0.slug)) },
                                    uniquingKeysWith: { first, _ in first })
        let (mechanisms, outcomes, dateFormat) = (index.mechanisms, index.outcomes, strings["date_format"])
        self.cards = index.cases.map { study in
            CaseCard(title: study.title, path: SitePath.casePage(study.slug), date: Self.format(study.date, dateFormat), isoDate: study.date.description,
                     place: study.district.joined(separator: " · "), summary: study.summary,
                     mechanisms: study.mechanisms.compactMap { Self.link(to: mechanisms.term(named: $0)) },
                     outcomes: study.outcomes.compactMap { Self.link(to: outcomes.term(named: $0)) })
        }
        self.cardPrints = cards.map(\.fingerprint)
        var links = Fingerprint()
        for (stem, path) in casePages.sorted(by: { $0.key < $1.key }) + freePages.sorted(by: { $0.key < $1.key }) {
            links.add(stem)
            links.add(path)
        }
        for file in content.media { links.add(file) }
        self.linkPrint = links.value
    }

    /// One page of the site, before rendering.
    enum Job: Sendable {
        case home, allCases, districts, notFound, stats
        case search(shardCount: Int)
        case casePage(Int)
        case overview(IndexKind)
        case term(IndexKind, IndexedTerm)
        case district(DistrictNode)
        case freePage(FreePage)
    }

    /// Every page of the site.
    func jobs(searchShards: Int) -> [Job] {
        var jobs: [Job] = [.home, .allCases, .districts, .notFound, .stats, .search(shardCount: searchShards),
                           .overview(.mechanisms), .overview(.outcomes)]
        jobs += index.cases.indices.map(Job.casePage)
        jobs += index.mechanisms.terms.map { .term(.mechanisms, $0) } + index.outcomes.terms.map { .term(.outcomes, $0) }
        jobs += index.districts.allNodes.map(Job.district)
        jobs += content.pages.map(Job.freePage)
        return jobs
    }

    /// Renders every page and data file, handing each to `sink` (on any thread) as soon as it is
    /// made, so a large site never sits in memory whole. Links to Markdown files that name no case
    /// or page are errors.
    public func renderAll(into sink: @Sendable (RenderedFile, [Diagnostic]) -> Void) {
        let (searchFiles, shardCount, _) = SearchIndex.files(searchDocuments(Array(index.cases.indices)))
        for file in searchFiles { sink(file, []) }
        let jobs = jobs(searchShards: shardCount)
        render(jobs) { _, file, problems in sink(file, problems) }
        for file in dataFiles(pagePaths: jobs.map(path)) { sink(file, []) }
    }

    /// Renders `jobs` on all cores, handing each page to `sink` with its job's position and the
    /// problems found in it.
    func render(_ jobs: [Job], into sink: @Sendable (Int, RenderedFile, [Diagnostic]) -> Void) {
        DispatchQueue.concurrentPerform(iterations: jobs.count) { number in
            let (file, problems) = render(jobs[number])
            sink(number, file, problems)
        }
    }

    /// Puts back the Markdown bodies of cases that an incremental build took from its cache without them.
    mutating func loadBodies(_ bodies: [Int: String]) {
        for (id, body) in bodies { index.cases[id].body = body }
    }

    /// The case tables, and the feed and sitemap when the site has a `base_url`.
    func dataFiles(pagePaths: [String]) -> [RenderedFile] {
        var files = [CaseTables.json(index.cases), CaseTables.csv(index.cases)]
        let config = content.config
        if let baseURL = config.baseURL {
            files.append(Feeds.atom(index.cases, title: config.title, description: config.description, baseURL: baseURL,
                                    language: strings.language))
            let dates = Dictionary(uniqueKeysWithValues: index.cases.map { (SitePath.casePage($0.slug), $0.date) })
            files.append(Feeds.sitemap(pages: pagePaths, dates: dates, baseURL: baseURL))
        }
        return files
    }

    /// The cases in `ids` as the search sees them; their bodies must be loaded.
    func searchDocuments(_ ids: [Int]) -> [SearchIndex.Document] {
        ids.parallelMap { id in
            let study = index.cases[id]
            let card = cards[id]
            let terms = (card.mechanisms + card.outcomes).map(\.name).joined(separator: " ")
            let figures = study.figures.map { [$0.label, $0.before ?? "", $0.value, $0.unit ?? ""].joined(separator: " ") }
            return SearchIndex.Document(title: study.title, path: card.path, place: card.place, date: card.date,
                                        fields: [(study.title, 8), (terms, 4), (card.place, 4), (study.summary ?? "", 2),
                                                 (figures.joined(separator: "\n"), 2)],
                                        body: markdown.plainText(study.body))
        }
    }

    /// Where a page goes.
    func path(of job: Job) -> String {
        switch job {
        case .home: SitePath.home
        case .allCases: SitePath.allCases
        case .districts: SitePath.overview(.districts)
        case .notFound: SitePath.notFound
        case .stats: SitePath.stats
        case .search: SitePath.search
        case .casePage(let id): SitePath.casePage(index.cases[id].slug)
        case .overview(let kind): SitePath.overview(kind)
        case .term(let kind, let term): SitePath.termPage(kind, term.slug)
        case .district(let node): SitePath.districtPage(node.slugPath)
        case .freePage(let page): SitePath.freePage(page.slug)
        }
    }

    /// A fingerprint of everything a case, term or district page shows besides what every page
    /// shares (templates, strings, settings, vocabularies, free pages: a change there rebuilds
    /// everything). Nil for the pages that list the whole site, which are rendered whenever any
    /// case changed.
    func fingerprint(of job: Job) -> UInt64? {
        var print = Fingerprint()
        switch job {
        case .casePage(let id):
            let study = index.cases[id]
            print.add("case")
            print.add(study.sourceHash)
            print.add(cardPrints[id])
            print.add(linkPrint)
            for link in districtTrail(study.district) { print.add(link.fingerprint) }
            for other in index.related[id] { print.add(cardPrints[other]) }
            for other in [id - 1, id + 1] where index.cases.indices.contains(other) {
                print.add(index.cases[other].title)
                print.add(index.cases[other].slug)
            }
        case .term(let kind, let term):
            print.add(kind.rawValue)
            print.add(term.name)
            print.add(term.slug)
            print.add(term.description)
            for id in term.caseIDs { print.add(cardPrints[id]) }
        case .district(let node):
            print.add("district")
            print.add(node.name)
            print.add(node.description)
            for slug in node.slugPath { print.add(slug) }
            for link in districtTrail(Array(node.path.dropLast())) { print.add(link.fingerprint) }
            for child in node.children {
                print.add(child.name)
                print.add(child.description)
                print.add(child.slug)
                print.add(child.count)
            }
            for id in node.caseIDs { print.add(cardPrints[id]) }
        default:
            return nil
        }
        return print.value
    }

    func render(_ job: Job) -> (RenderedFile, [Diagnostic]) {
        switch job {
        case .home:
            let page = HomePage(description: content.config.description, count: index.cases.count,
                                latest: cards.indices.prefix(Self.latestCount).map { listed($0, on: SitePath.home) },
                                districts: index.districts.roots.map(summary),
                                mechanisms: index.mechanisms.terms.map(summary),
                                outcomes: index.outcomes.terms.map(summary))
            return (frame(page, at: SitePath.home, title: nil, template: "home"), [])
        case .allCases:
            let listed = cards.indices.map { self.listed($0, on: SitePath.allCases) }
            return (frame(CaseFilter(index: index, cards: listed, strings: strings).page, at: SitePath.allCases,
                          title: strings["all_cases"], template: "cases"), [])
        case .stats:
            let page = StatsPage(heading: strings["stats"], count: index.cases.count, charts: Statistics(index: index, strings: strings).charts)
            return (frame(page, at: SitePath.stats, title: page.heading, template: "stats"), [])
        case .search(let shardCount):
            let page = SearchPage(heading: strings["search"], shardCount: shardCount, chunkSize: SearchIndex.chunkSize)
            return (frame(page, at: SitePath.search, title: page.heading, template: "search"), [])
        case .districts:
            let page = DistrictsPage(heading: strings["districts"], count: index.cases.count, branches: index.districts.roots.map(branch))
            return (frame(page, at: SitePath.overview(.districts), title: page.heading, template: "districts"), [])
        case .notFound:
            return (frame(TextPage(title: strings["not_found"], body: ""), at: SitePath.notFound, title: strings["not_found"], template: "404"), [])
        case .overview(let kind):
            let page = OverviewPage(heading: strings[kind.rawValue], intro: strings["\(kind.rawValue)_intro"],
                                    terms: index.terms(kind).terms.filter { $0.count > 0 }.map(summary))
            return (frame(page, at: SitePath.overview(kind), title: page.heading, template: "overview"), [])
        case .term(let kind, let term):
            let page = TermPage(kindLabel: strings[kind.rawValue], overviewPath: SitePath.overview(kind), name: term.name,
                                description: term.description, count: term.count,
                                cases: term.caseIDs.map { listed($0, on: SitePath.termPage(kind, term.slug)) })
            return (frame(page, at: SitePath.termPage(kind, term.slug), title: term.name, template: "term"), [])
        case .district(let node):
            return (frame(districtPage(node), at: SitePath.districtPage(node.slugPath), title: node.name, template: "district"), [])
        case .casePage(let id):
            return casePage(id)
        case .freePage(let freePage):
            let path = SitePath.freePage(freePage.slug)
            let (body, problems) = renderMarkdown(freePage.body, at: path, source: freePage.sourcePath, firstLine: freePage.bodyFirstLine)
            return (frame(TextPage(title: freePage.title, body: body), at: path, title: freePage.title, template: "page"), problems)
        }
    }

    private func casePage(_ id: Int) -> (RenderedFile, [Diagnostic]) {
        let study = index.cases[id]
        let path = SitePath.casePage(study.slug)
        let (body, problems) = renderMarkdown(study.body, at: path, source: study.sourcePath, firstLine: study.bodyFirstLine)
        let card = cards[id]
        let neighbour = { (other: Int) -> Link? in
            index.cases.indices.contains(other) ? Link(name: index.cases[other].title, path: SitePath.casePage(index.cases[other].slug)) : nil
        }
        let page = CasePage(title: study.title, date: card.date, isoDate: card.isoDate, place: card.place, summary: study.summary,
                            breadcrumb: districtTrail(study.district), mechanisms: card.mechanisms, outcomes: card.outcomes,
                            figures: study.figures.map(Self.figureCard), body: body, source: study.source,
                            sourceURL: study.sourceURL, related: index.related[id].map { listed($0, on: path) },
                            previous: neighbour(id - 1), next: neighbour(id + 1))
        return (frame(page, at: path, title: study.title, template: "case"), problems)
    }

    private func districtPage(_ node: DistrictNode) -> DistrictPage {
        DistrictPage(name: node.name, breadcrumb: districtTrail(Array(node.path.dropLast())), description: node.description,
                     count: node.count, children: node.children.map(summary),
                     cases: node.caseIDs.map { listed($0, on: SitePath.districtPage(node.slugPath)) })
    }

    /// Links to each district from the top down to `path`.
    private func districtTrail(_ path: [String]) -> [Link] {
        path.indices.compactMap { end in
            index.districts.node(at: Array(path[...end])).map { Link(name: $0.name, path: SitePath.districtPage($0.slugPath)) }
        }
    }

    /// Renders a body, pointing links to other Markdown files at their pages, relative to `page`.
    private func renderMarkdown(_ body: String, at page: String, source: String, firstLine: Int) -> (String, [Diagnostic]) {
        let (html, broken) = markdown.render(body) { reference in
            resolve(reference.destination, isImage: reference.isImage, from: page, source: source)
        }
        guard !broken.isEmpty else { return (html, []) }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let problems = broken.map { item in
            let line = item.reference.line
            let text = line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
            let column = text.map { String(decoding: $0.utf8.prefix(item.reference.byteColumn - 1), as: UTF8.self).count + 1 } ?? 1
            return Diagnostic(item.isError ? .error : .warning, item.message,
                              at: SourceLocation(path: source, line: firstLine + line - 1, column: column),
                              sourceLine: text, hint: item.hint)
        }
        return (html, problems)
    }

    /// Where a relative link or image in the Markdown of `source` (rendered at `page`) leads:
    /// a `.md` file to its page, a file under `Content/media/` to its copy. Missing targets are broken.
    func resolve(_ destination: String, isImage: Bool, from page: String, source: String) -> MarkdownRenderer.Resolution {
        if let (path, fragment) = MarkdownRenderer.markdownFileLink(destination) {
            let stem = SitePath.fileStem(path)
            if !path.contains("pages/"), let target = casePages[stem] {
                return .replace(SitePath.relative(from: page, to: target) + fragment)
            }
            if let target = freePages[stem] {
                return .replace(SitePath.relative(from: page, to: target) + fragment)
            }
            return .broken(message: "the link to '\(destination)' names no published case in Content/cases/ or page in Content/pages/",
                           hint: "link to a case by its file name, such as other-case.md; a draft is not published")
        }
        guard let target = SitePath.sourceRelative(destination, from: source) else { return .keep }
        let media = "Content/media/"
        if target.hasPrefix(media) {
            if mediaFiles.contains(String(target.dropFirst(media.count))) { return .keep }
            return .broken(message: "the \(isImage ? "image" : "file") '\(destination)' is not in Content/media/",
                           hint: "check the file name; media files are linked as ../media/NAME")
        }
        if isImage {
            return .doubtful(message: "the image '\(destination)' is outside Content/media/, so the site does not include it",
                           hint: "move it into Content/media/ and write ../media/\(target.split(separator: "/").last ?? "")")
        }
        return .keep
    }

    private func frame<Page>(_ page: Page, at path: String, title: String?, template: String) -> RenderedFile {
        let site = content.config
        let current = path.split(separator: "/").first.map(String.init) ?? ""
        let nav = [("nav_home", SitePath.home), ("nav_cases", SitePath.allCases), ("nav_districts", SitePath.overview(.districts)),
                   ("nav_mechanisms", SitePath.overview(.mechanisms)), ("nav_outcomes", SitePath.overview(.outcomes)),
                   ("nav_stats", SitePath.stats)]
            .map { key, target in
                NavItem(label: strings[key], path: target,
                        current: target == path || (target != SitePath.home && target.hasPrefix(current + "/")))
            }
        let context = PageFrame(lang: strings.language, site: SiteSummary(title: site.title, description: site.description),
                                t: stringTable, root: path == SitePath.notFound ? "" : SitePath.rootPrefix(of: path),
                                title: title.map { "\($0) · \(site.title)" } ?? site.title, nav: nav, hasFeed: site.baseURL != nil,
                                pages: content.pages.map { Link(name: $0.title, path: SitePath.freePage($0.slug)) }, page: page)
        return RenderedFile(path: path, text: templates.render(context, with: template))
    }

    /// Case `id`'s card for a list on `page`, its HTML rendered once per depth.
    private func listed(_ id: Int, on page: String) -> ListedCard {
        let root = SitePath.rootPrefix(of: page)
        let html = cardHTML.value(for: id, root: root) {
            templates.render(CardFrame(root: root, t: stringTable, card: cards[id]), with: "partials/case-card")
        }
        return ListedCard(card: cards[id], html: html)
    }

    private func summary(_ term: IndexedTerm) -> TermSummary {
        TermSummary(name: term.name, path: SitePath.termPage(term.kind, term.slug), description: term.description, count: term.count)
    }

    private func summary(_ node: DistrictNode) -> TermSummary {
        TermSummary(name: node.name, path: SitePath.districtPage(node.slugPath), description: node.description, count: node.count)
    }

    private func branch(_ node: DistrictNode) -> DistrictBranch {
        DistrictBranch(name: node.name, path: SitePath.districtPage(node.slugPath), count: node.count, children: node.children.map(branch))
    }

    private static func link(to term: IndexedTerm?) -> Link? {
        term.map { Link(name: $0.name, path: SitePath.termPage($0.kind, $0.slug)) }
    }

    static func figureCard(_ figure: Figure) -> FigureCard {
        var change: String?
        if let beforeText = figure.before, let before = Double(beforeText), let value = Double(figure.value), before != 0 {
            let percent = ((value - before) / before * 100).rounded()
            change = "\(percent > 0 ? "+" : "")\(Int(percent))%"
        }
        return FigureCard(label: figure.label, value: figure.value, unit: figure.unit, before: figure.before, change: change)
    }

    /// Fills `{y}`, `{m}` and `{d}` of the language's date format.
    static func format(_ date: CaseDate, _ pattern: String) -> String {
        let iso = date.description.split(separator: "-").map(String.init)
        return pattern.replacingOccurrences(of: "{y}", with: iso[0])
            .replacingOccurrences(of: "{m}", with: String(date.month))
            .replacingOccurrences(of: "{d}", with: String(date.day))
            .replacingOccurrences(of: "{mm}", with: iso[1])
            .replacingOccurrences(of: "{dd}", with: iso[2])
    }
}

/// Rendered card HTML by case and root prefix, shared by the threads rendering pages.
private final class CardMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var html: [String: [Int: String]] = [:]

    func value(for id: Int, root: String, make: () -> String) -> String {
        if let known = lock.withLock({ html[root]?[id] }) { return known }
        let made = make()
        lock.withLock { html[root, default: [:]][id] = made }
        return made
    }
}
