/// The search page, `search.html`; its script and data live in `assets/search.js` and `search/`.
struct SearchPage: SitePage {
    /// How many `search/shard-N.js` files there are; `assets/search.js` hashes tokens into them.
    let shardCount: Int

    var path: String { SitePath.search }
    var template: String { "search" }

    func title(in site: SiteRenderer) -> String? { site.strings["search"] }

    func fingerprint(in site: SiteRenderer) -> UInt64 {
        var print = Fingerprint()
        print.add("search")
        print.add(shardCount)
        return print.value
    }

    func content(in site: SiteRenderer) -> PageContent {
        PageContent(context: Content(heading: site.strings["search"], shardCount: shardCount, chunkSize: SearchIndex.chunkSize))
    }

    struct Content: TemplateContext {
        let heading: String
        let shardCount: Int
        /// How many cases share one `search/text-N.js`.
        let chunkSize: Int

        func value(_ key: TemplateKey) -> TemplateValue? {
            switch key {
            case .heading: .text(heading)
            case .shardCount: .number(shardCount)
            case .chunkSize: .number(chunkSize)
            default: nil
            }
        }
    }
}
