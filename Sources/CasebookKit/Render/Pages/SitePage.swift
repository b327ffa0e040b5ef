/// One page of the site: where it goes, what it depends on and what it shows, side by side.
///
/// Pages are identified by their output path. A kind of page is one type in its own file; it
/// lists its pages in `SiteRenderer.pages`. A list page can be split into numbered pages by
/// giving the type a page number and listing one value per page.
protocol SitePage: Sendable {
    /// The output path from the site root, which identifies the page.
    var path: String { get }
    /// The template in `Templates/` that renders it, without `.mustache`.
    var template: String { get }
    /// The first part of the window title; nil for the site's name alone.
    func title(in site: SiteRenderer) -> String?
    /// A fingerprint of everything the page shows besides what every page shares (templates,
    /// strings, settings, vocabularies, free pages: a change there rebuilds everything). An
    /// incremental build renders the page again only when it changes.
    func fingerprint(in site: SiteRenderer) -> UInt64
    /// What the page's template sees as `page`, and the problems found making it.
    func content(in site: SiteRenderer) -> PageContent
}

/// A page's own values for its template, and the problems found while making them.
struct PageContent {
    var context: any TemplateContext
    var problems: [Diagnostic] = []
}

/// A finished output file: where it goes and its bytes (a page's HTML, a feed, a search shard).
public struct RenderedFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Of the bytes, for telling whether the file on disk must be written again.
    var fingerprint: UInt64 { Fingerprint(of: bytes).value }
}

/// A rendered page and the problems found in it (broken links in its Markdown, say).
struct RenderedPage: Sendable {
    var file: RenderedFile
    var problems: [Diagnostic]
}
