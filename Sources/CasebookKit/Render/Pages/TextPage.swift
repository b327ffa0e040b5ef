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
        let body: [UInt8]

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .title: .text(title)
            case .body: .bytes(body)
            default: nil
            }
        }
    }
}

/// The page servers show for a missing address, `404.html`. A server sends it from whatever
/// folder the missing address names, so its relative links would lead astray: `rootFinder`, the
/// one script Casebook writes into a page, gives the page a `<base>` at the site's root.
struct NotFoundPage: SitePage {
    var path: String { SitePath.notFound }
    var template: String { "404" }

    func title(in site: SiteRenderer) -> String? { site.strings["not_found"] }

    func fingerprint(in site: SiteRenderer) -> UInt64 { Fingerprint().value }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: Content(title: site.strings["not_found"], rootFinder: Self.rootFinder(baseURL: site.content.config.baseURL)))
    }

    /// The site's root is the path of `base_url` when the address lies under it; otherwise the
    /// address up to the last of the site's own folders of pages (`/media/usb/bulletin/cases/x.html`
    /// gives `/media/usb/bulletin/`), or up to its last `/`. A missing page in a folder the site does not
    /// have (`/bulletin/2019/x.html`) is only placed right with `base_url`. The `<base>` is built
    /// from the page's own origin, so no address can point it at another host, and links to places
    /// in the page (`#main`) are kept on the page.
    static func rootFinder(baseURL: String?) -> String {
        let known = baseURL.flatMap { URL(string: $0)?.path(percentEncoded: true) } ?? ""
        return """
            <script>(function () {
              var path = location.pathname.replace(/\\/{2,}/g, "/"), known = \(Escape.json(known)), root;
              if (known && path.indexOf(known) === 0) {
                root = known;
              } else {
                var cut = -1;
                ["cases", "mechanisms", "outcomes", "districts", "pages"].forEach(function (folder) {
                  cut = Math.max(cut, path.lastIndexOf("/" + folder + "/"));
                });
                root = cut >= 0 ? path.slice(0, cut + 1) : path.slice(0, path.lastIndexOf("/") + 1);
              }
              var base = document.createElement("base");
              base.href = location.protocol + "//" + location.host + root;
              document.head.appendChild(base);
              document.addEventListener("DOMContentLoaded", function () {
                Array.prototype.forEach.call(document.querySelectorAll("a[href^='#']"), function (link) {
                  link.href = location.href.split("#")[0] + link.getAttribute("href");
                });
              });
            })();</script>
            """
    }

    struct Content: TemplateContext {
        let title: String
        let rootFinder: String

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .title: .text(title)
            case .rootFinder: .text(rootFinder)
            default: nil
            }
        }
    }
}
