import Foundation

/// Everything pages are made from, shared by all of them: the indexed site, the templates and
/// strings, and what is worked out once per build (each case's card, the targets Markdown links
/// may name). Pure: it reads nothing from disk, and renders on any number of threads.
final class SiteRenderer: Sendable {
    let content: SiteContent
    let index: SiteIndex
    let templates: TemplateSet
    let strings: UIStrings
    let markdown: MarkdownRenderer
    /// Each case's card, made when a page first shows it and then shared by every list it appears
    /// in: a full build shows every card, an edit only those on the pages it makes again.
    private let cards = Memo<Int, CaseCard>()
    /// What cards are made from besides their cases: each term's link, by name, and the date format.
    private let termLinks: (mechanisms: [String: Link], outcomes: [String: Link])
    private let dateFormat: DateFormat
    /// A fingerprint of each case's card, made without the card (`cardPrint`).
    let cardPrints: [UInt64]
    /// A fingerprint of every link target a Markdown body can name.
    let linkPrint: UInt64
    /// A fingerprint of every card and of the indexes' terms, districts and counts: what the
    /// pages that list the whole site show.
    let indexPrint: UInt64
    /// A fingerprint of every case's file and front matter, in order (which gives its fields, slug
    /// and date, its names folded by the vocabularies): what the data files show of the cases.
    let frontMatterPrint: UInt64
    /// A fingerprint of the trail to each district, by its names: thousands of case pages share each.
    private let trailPrints: [[String]: UInt64]
    /// Each case's district trail, shared by the cases of one place, with its fingerprint.
    let caseTrails: [(links: [Link], print: UInt64)]
    let stringTable: StringTable
    /// Paths under `Content/media/`, for checking the images and files the Markdown names.
    private let mediaFiles: Set<String>
    /// The page of each case and free page by file name without `.md`, for links between Markdown files.
    private let casePages: [String: String]
    private let freePages: [String: String]
    /// The file names without `.md` of the cases and pages that could not be read: their own errors
    /// are reported, so a link to one is not reported again.
    private let unreadPages: Set<String>
    /// Each card's HTML by root prefix and case.
    private let cardHTML = Memo<CardAtDepth, [UInt8]>()
    /// Whether the card template prints the root prefix as it is (`TemplateLibrary.printsAsIs`):
    /// then each card is rendered once, with `rootStandIn` where the prefix goes, and the
    /// prefix of each depth is put in its place, rather than rendered again at every depth. The
    /// prefix goes in as it is, unescaped: it is only ever `../` repeated, which escaping leaves so.
    private let cardPrintsRootAsIs: Bool
    /// Each card's HTML with `rootStandIn` for the root prefix, by case.
    private let cardsWithoutRoot = Memo<Int, [UInt8]>()
    private static let cardTemplate = "partials/case-card"
    /// A byte that no UTF-8 text holds, so in a card it stands only where the root prefix was printed.
    private static let rootStandIn: UInt8 = 0xFF
    /// The layout specialized for each template and root prefix.
    private let layouts = Memo<AtDepth, SpecializedTemplate>()

    /// How many cases the home page lists.
    static let latestCount = 8

    init(content: SiteContent, index: SiteIndex, templates: TemplateSet, strings: UIStrings) {
        self.content = content
        self.index = index
        self.templates = templates
        self.strings = strings
        self.markdown = MarkdownRenderer(unsafeHTML: content.config.unsafeHTML)
        self.cardPrintsRootAsIs = templates.library.printsAsIs(.root, in: Self.cardTemplate)
        self.mediaFiles = Set(content.media)
        self.stringTable = StringTable(strings.values)
        self.freePages = Dictionary(content.pages.map { (SitePath.fileStem($0.sourcePath), SitePath.freePage($0.slug)) },
                                    uniquingKeysWith: { first, _ in first })
        self.unreadPages = Set(content.unread.filter { $0.hasSuffix(".md") }.map(SitePath.fileStem))
        // Each term's link is made once and shared by the cards that name it.
        let termLinks = { (terms: TermIndex) in
            Dictionary(uniqueKeysWithValues: terms.terms.map { ($0.name, Link(name: $0.name, path: SitePath.termPage($0.kind, $0.slug))) })
        }
        self.termLinks = (termLinks(index.mechanisms), termLinks(index.outcomes))
        self.dateFormat = DateFormat(strings["date_format"])
        // A case's trail is that of the deepest place it is filed under, which comes after its
        // parents among the nodes: the cases are reached from the tree, without looking up the
        // names of each (hashing Chinese names is slow).
        var trailPrints: [[String]: UInt64] = [:]
        var caseTrails = Array(repeating: (links: [Link](), print: Self.trailPrint(of: [])), count: index.cases.count)
        for node in index.districts.allNodes {
            let links = Self.districtTrail(node.path, in: index.districts)
            let print = Self.trailPrint(of: links)
            trailPrints[node.path] = print
            for id in node.caseIDs { caseTrails[id] = (links, print) }
        }
        self.trailPrints = trailPrints
        self.caseTrails = caseTrails
        self.cardPrints = Self.cardPrints(index)
        let (freePages, media, cardPrints) = (self.freePages, content.media, self.cardPrints)
        // The link targets and their fingerprint, beside the fingerprint of the indexes.
        let (links, indexPrint) = concurrently({
            let casePages = Dictionary(index.cases.map { ($0.fileStem, SitePath.casePage($0.slug)) }, uniquingKeysWith: { first, _ in first })
            var links = Fingerprint()
            for (stem, path) in casePages.sorted(by: { $0.key < $1.key }) + freePages.sorted(by: { $0.key < $1.key }) {
                links.add(stem)
                links.add(path)
            }
            for file in media { links.add(file) }
            var frontMatter = Fingerprint()
            for study in index.cases {
                frontMatter.add(study.sourcePath)
                frontMatter.add(study.frontMatterHash)
            }
            return (casePages, links.value, frontMatter.value)
        }, { Self.fingerprint(of: index, cardPrints: cardPrints) })
        (self.casePages, self.linkPrint, self.frontMatterPrint, self.indexPrint) = (links.0, links.1, links.2, indexPrint)
    }

    /// Case `id`'s card.
    func card(_ id: Int) -> CaseCard {
        cards.value(for: id) {
            let study = index.cases[id]
            return CaseCard(title: study.title, path: casePath(id), date: dateFormat.text(of: study.date),
                            isoDate: study.date.description, place: study.district.joined(separator: " · "), summary: study.summary,
                            mechanisms: study.mechanisms.compactMap { termLinks.mechanisms[$0] },
                            outcomes: study.outcomes.compactMap { termLinks.outcomes[$0] })
        }
    }

    /// A fingerprint of each case's card. A card shows its case's front matter, folded by the
    /// vocabularies and with its date in the format of the strings, which only a full build
    /// changes, and links to its terms, each by the term's name and slug (the name as the index
    /// spells it, which another case can change: `Café` and `Cafe` with U+0301 are one term). So
    /// its print is made from the file's path, its front matter's fingerprint and the prints of its
    /// terms, without making the card; the terms reach their cases from the indexes, without a name
    /// looked up. The terms' prints are summed, so that terms that change places in the indexes'
    /// order (by their counts) change no card.
    private static func cardPrints(_ index: SiteIndex) -> [UInt64] {
        var termPrints = Array(repeating: UInt64(0), count: index.cases.count)
        for kind in IndexKind.terms {
            for term in index.terms(kind).terms {
                var link = Fingerprint()
                link.add(term.name)
                link.add(term.slug)
                for id in term.caseIDs { termPrints[id] &+= link.value }
            }
        }
        return index.cases.indices.map { id in
            var print = Fingerprint()
            print.add(index.cases[id].sourcePath)
            print.add(index.cases[id].frontMatterHash)
            print.add(termPrints[id])
            return print.value
        }
    }

    /// The page of case `id`.
    func casePath(_ id: Int) -> String { SitePath.casePage(index.cases[id].slug) }

    /// Every page of the site; the search page states how many shards the search index has.
    func pages(searchShards: Int) -> [any SitePage] {
        var pages: [any SitePage] = [HomePage(), CaseListPage(), DistrictOverviewPage(), NotFoundPage(), StatsPage(),
                                     SearchPage(shardCount: searchShards)]
        pages += IndexKind.terms.map(TermOverviewPage.init)
        pages += index.cases.indices.map { CasePage(id: $0, in: self) }
        pages += IndexKind.terms.flatMap { kind in index.terms(kind).terms.map { TermPage(term: $0) } }
        pages += index.districts.allNodes.map(DistrictPage.init)
        pages += content.pages.map(TextPage.init)
        return pages
    }

    /// The page in its layout, and the problems found in it.
    func render(_ page: any SitePage) -> RenderedPage {
        render(page, content: page.content(in: self))
    }

    func render(_ page: any SitePage, content made: PageContent) -> RenderedPage {
        let path = page.path
        let site = content.config
        let root = SitePath.rootPrefix(of: path)
        let section = path.split(separator: "/").first.map(String.init) ?? ""
        let nav = [("nav_home", SitePath.home), ("nav_cases", SitePath.allCases), ("nav_districts", SitePath.overview(.districts)),
                   ("nav_mechanisms", SitePath.overview(.mechanisms)), ("nav_outcomes", SitePath.overview(.outcomes)),
                   ("nav_stats", SitePath.stats)]
            .map { key, target in
                NavItem(label: strings[key], path: target,
                        current: target == path || (target != SitePath.home && target.hasPrefix(section + "/")))
            }
        let constants = frameConstants(root: root)
        let frame = PageFrame(constants: constants, title: page.title(in: self).map { "\($0) · \(site.title)" } ?? site.title,
                              nav: nav, page: made.context)
        let layout = layouts.value(for: AtDepth(name: page.template, root: root)) {
            templates.library.specialized(page.template, constants: constants, varying: FrameConstants.varying)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        layout.render(frame, into: &bytes)
        return RenderedPage(file: RenderedFile(path: path, bytes: bytes), problems: made.problems)
    }

    private func frameConstants(root: String) -> FrameConstants {
        let site = content.config
        return FrameConstants(lang: strings.language, site: SiteSummary(title: site.title, description: site.description, look: site.look),
                              t: stringTable, root: root, hasFeed: site.baseURL != nil,
                              pages: content.pages.map { Link(name: $0.title, path: SitePath.freePage($0.slug)) })
    }

    /// Case `id`'s card for a list on `page`, its HTML made once per depth: a list of ten
    /// thousand cards finds each by two numbers.
    func listed(_ id: Int, on page: String) -> ListedCard {
        let html = cardHTML.value(for: CardAtDepth(id: id, depth: SitePath.depth(of: page))) {
            let root = Array(SitePath.rootPrefix(of: page).utf8)
            guard cardPrintsRootAsIs else { return renderCard(id, root: root) }
            let withoutRoot = cardsWithoutRoot.value(for: id) { renderCard(id, root: [Self.rootStandIn]) }
            return withoutRoot.replacing(Self.rootStandIn, with: root)
        }
        return ListedCard(card: card(id), html: html)
    }

    private func renderCard(_ id: Int, root: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        templates.library.render(Self.cardTemplate, CardFrame(root: root, t: stringTable, card: card(id)), into: &bytes)
        return bytes
    }

    /// Links to each district from the top down to `path`.
    func districtTrail(_ path: [String]) -> [Link] {
        Self.districtTrail(path, in: index.districts)
    }

    private static func districtTrail(_ path: [String], in districts: DistrictTree) -> [Link] {
        path.indices.compactMap { end in
            districts.node(at: Array(path[...end])).map { Link(name: $0.name, path: SitePath.districtPage($0.slugPath)) }
        }
    }

    /// A fingerprint of `districtTrail(path)`.
    func trailPrint(_ path: [String]) -> UInt64 {
        Self.trailPrint(path, known: trailPrints, in: index.districts)
    }

    private static func trailPrint(_ path: [String], known: [[String]: UInt64], in districts: DistrictTree) -> UInt64 {
        known[path] ?? trailPrint(of: districtTrail(path, in: districts))
    }

    private static func trailPrint(of trail: [Link]) -> UInt64 {
        var print = Fingerprint()
        for link in trail { print.add(link.fingerprint) }
        return print.value
    }

    func summary(_ term: IndexedTerm) -> TermSummary {
        TermSummary(name: term.name, path: SitePath.termPage(term.kind, term.slug), description: term.description, count: term.count)
    }

    func summary(_ node: DistrictNode) -> TermSummary {
        TermSummary(name: node.name, path: SitePath.districtPage(node.slugPath), description: node.description, count: node.count)
    }

    /// The cases in `ids` as the search sees them, with the plain text of each body.
    func searchDocument(_ id: Int, text: [UInt8]) -> SearchIndex.Document {
        let study = index.cases[id]
        let card = card(id)
        let terms = (card.mechanisms + card.outcomes).map(\.name).joined(separator: " ")
        let figures = study.figures.map { [$0.label, $0.before ?? "", $0.value, $0.unit ?? ""].joined(separator: " ") }
        return SearchIndex.Document(title: study.title, path: card.path, place: card.place, date: card.date,
                                    fields: [(study.title, 8), (terms, 4), (card.place, 4), (study.summary ?? "", 2),
                                             (figures.joined(separator: "\n"), 2)],
                                    body: text)
    }

    /// A Markdown body rendered for the page at `page`, in one cmark pass: its HTML with links to
    /// other Markdown files pointed at their pages, its plain text, and its broken links as
    /// diagnostics located in `source`.
    func renderMarkdown(_ body: String, at page: String, source: String, firstLine: Int) -> (MarkdownRenderer.Rendered, [Diagnostic]) {
        let rendered = markdown.render(body) { reference in
            reference.isText ? resolveText(reference, source: source)
                : resolve(reference.destination, isImage: reference.isImage, from: page, source: source)
        }
        guard !rendered.broken.isEmpty else { return (rendered, []) }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let problems = rendered.broken.map { item in
            let line = item.reference.line
            let text = line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
            let column = text.map { String(decoding: $0.utf8.prefix(item.reference.byteColumn - 1), as: UTF8.self).count + 1 } ?? 1
            return Diagnostic(item.isError ? .error : .warning, item.message,
                              at: SourceLocation(path: source, line: firstLine + line - 1, column: column),
                              sourceLine: text, hint: item.hint)
        }
        return (rendered, problems)
    }

    /// Case `id`'s body (or `markdown`, when the case was read without it), rendered once for both
    /// its page and the search.
    func caseBody(_ id: Int, markdown: String? = nil) -> (MarkdownRenderer.Rendered, [Diagnostic]) {
        let study = index.cases[id]
        return renderMarkdown(markdown ?? study.body, at: casePath(id), source: study.sourcePath, firstLine: study.bodyFirstLine)
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
            if unreadPages.contains(stem) { return .keep }
            return .broken(message: "the link to '\(destination)' names no published case in Content/cases/ or page in Content/pages/",
                           hint: "link to a case by its file name, such as other-case.md; a draft is not published")
        }
        // A Windows path or a `file:` address names a file on the editor's computer, which no
        // reader's browser can load.
        if SitePath.isPathOnAComputer(destination) {
            let name = destination.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
            return .broken(message: isImage ? "the image '\(destination)' is a file on one computer, which readers' browsers cannot load"
                                : "the link '\(destination)' is a file on one computer, which readers' browsers cannot load",
                           hint: "copy the file into Content/media/ and write ../media/\(name)")
        }
        let outside = { (path: String) -> MarkdownRenderer.Resolution in
            .doubtful(message: "the image '\(destination)' is outside Content/media/, so the site does not include it",
                      hint: "move it into Content/media/ and write ../media/\(path.split(separator: "/").last ?? "")")
        }
        guard let target = SitePath.sourceRelative(destination, from: source) else {
            // An absolute path (`/home/me/p.jpg`) is outside too; an absolute link may be meant for
            // the server the site is on.
            return isImage && destination.hasPrefix("/") && !destination.hasPrefix("//") ? outside(destination) : .keep
        }
        let media = "Content/media/"
        if target.hasPrefix(media) {
            if mediaFiles.contains(String(target.dropFirst(media.count))) { return .keep }
            return .broken(message: isImage ? "the image '\(destination)' is not in Content/media/" : "the file '\(destination)' is not in Content/media/",
                           hint: "check the file name; media files are linked as ../media/NAME")
        }
        return isImage ? outside(target) : .keep
    }

    /// A link or image that cmark showed as text, because its destination has a space, is broken
    /// when it names a file under `Content/media/` or a Markdown file, which were surely meant to be
    /// linked; other brackets and parentheses in text are left alone.
    func resolveText(_ reference: MarkdownRenderer.Reference, source: String) -> MarkdownRenderer.Resolution {
        let destination = reference.destination
        guard MarkdownRenderer.markdownFileLink(destination) != nil
                || SitePath.sourceRelative(destination, from: source)?.hasPrefix("Content/media/") == true else { return .keep }
        return .broken(message: reference.isImage
                            ? "the image '\(destination)' shows as text: a destination with a space must be written between < and >"
                            : "the link '\(destination)' shows as text: a destination with a space must be written between < and >",
                       hint: "write \(reference.isImage ? "!" : "")[…](<\(destination)>), or rename the file without spaces")
    }

    private static func fingerprint(of index: SiteIndex, cardPrints: [UInt64]) -> UInt64 {
        var print = Fingerprint()
        for card in cardPrints { print.add(card) }
        for kind in IndexKind.terms {
            for term in index.terms(kind).terms {
                print.add(term.slug)
                print.add(term.description)
                for id in term.caseIDs { print.add(id) }
            }
        }
        for node in index.districts.allNodes {
            for slug in node.slugPath { print.add(slug) }
            print.add(node.description)
            for id in node.caseIDs { print.add(id) }
        }
        // Cases are read in place: copying one costs a retain and a release per field.
        for id in index.cases.indices {
            for figure in index.cases[id].figures {
                print.add(figure.label)
                print.add(figure.value)
                print.add(figure.before)
                print.add(figure.unit)
            }
        }
        return print.value
    }
}

/// A term or district in an overview or a list of children, with its case count.
struct TermSummary: TemplateContext, Sendable {
    let name: String
    let path: String
    let description: String?
    let count: Int

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: .text(name)
        case .path: .text(path)
        case .description: description?.templateValue
        case .count: .number(count)
        default: nil
        }
    }
}

/// A template at the depth of one root prefix.
private struct AtDepth: Hashable {
    let name: String
    let root: String
}

/// A case's card, by the case's number, at a depth of the output's folders.
private struct CardAtDepth: Hashable {
    let id: Int
    let depth: Int
}
