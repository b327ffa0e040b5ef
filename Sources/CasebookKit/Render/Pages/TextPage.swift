import Foundation

/// A free page from `Content/pages/`, `pages/<slug>.html`; and the text the not-found page shows.
struct TextPage: SitePage {
    let page: FreePage

    var path: String { SitePath.freePage(page.slug) }
    var template: String { "page" }

    func title(in site: SiteRenderer) -> String? { page.title }

    /// Free pages are settings of the whole site: a change to one rebuilds everything.
    func fingerprint(in site: SiteRenderer) -> UInt64 { Fingerprint().value }

    func content(in site: SiteRenderer) -> PageContent {
        let (body, problems) = site.renderMarkdown(page.body, at: path, source: page.sourcePath, firstLine: page.bodyFirstLine)
        return PageContent(context: Content(title: page.title, body: body.html), problems: problems)
    }

    struct Content: TemplateContext {
        let title: String
        let body: String

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .title: .text(title)
            case .body: .text(body)
            default: nil
            }
        }
    }
}

/// The page servers show for a missing address, `404.html`. A server sends it from whatever
/// folder the missing address names, so its links cannot be relative to its own place: they start
/// at the site's path, taken from `base_url` when the site has one; without it, `rootFinder` puts
/// a `<base>` in the page that points at the site's root, found in the address.
struct NotFoundPage: SitePage {
    var path: String { SitePath.notFound }
    var template: String { "404" }

    func title(in site: SiteRenderer) -> String? { site.strings["not_found"] }

    func fingerprint(in site: SiteRenderer) -> UInt64 { Fingerprint().value }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: Content(title: site.strings["not_found"], rootFinder: site.content.config.baseURL == nil ? Self.rootFinder : nil))
    }

    /// The prefix of the page's links: the path of `base_url` (`/bulletin/`), or nothing, for the
    /// `<base>` that `rootFinder` writes.
    static func root(baseURL: String?) -> String {
        guard let baseURL, let path = URL(string: baseURL)?.path, !path.isEmpty else { return "" }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// Takes the address up to the first of the site's own folders (`/bulletin/cases/x.html` gives
    /// `/bulletin/`), or up to its last `/`, as the root of every link on the page. It is the one
    /// script Casebook writes into a page, and it reads nothing but the address.
    static let rootFinder = """
        <script>(function () {
          var path = location.pathname, cut = -1;
          ["cases", "mechanisms", "outcomes", "districts", "pages", "search", "assets", "media"].forEach(function (folder) {
            var at = path.indexOf("/" + folder + "/");
            if (at >= 0 && (cut < 0 || at < cut)) cut = at;
          });
          var root = cut >= 0 ? path.slice(0, cut + 1) : path.slice(0, path.lastIndexOf("/") + 1);
          document.write('<base href="' + root.replace(/[^\\w\\/.%~-]/g, encodeURIComponent) + '">');
        })();</script>
        """

    struct Content: TemplateContext {
        let title: String
        let rootFinder: String?

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .title: .text(title)
            case .rootFinder: rootFinder.map(TemplateValue.text)
            default: nil
            }
        }
    }
}
