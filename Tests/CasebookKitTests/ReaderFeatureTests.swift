import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import CZlib
import Testing
@testable import CasebookKit

/// How the search index cuts text into tokens; `assets/search.js` must cut queries the same way,
/// which the browser tests prove end to end.
@Suite struct SearchTokenTests {
    @Test func chineseGivesEachCharacterAndEachNeighbouringPair() {
        #expect(SearchIndex.tokens(in: "充电桩") == ["充", "电", "充电", "桩", "电桩"])
    }

    @Test func latinWordsAndNumbersAreWholeLowercaseTokensAndPunctuationSplits() {
        #expect(SearchIndex.tokens(in: "拨打12345热线，Time-Bank！") == ["拨", "打", "拨打", "12345", "热", "线", "热线", "time", "bank"])
    }

    @Test func fullWidthFormsFoldToTheirPlainForms() {
        #expect(SearchIndex.tokens(in: "ＡＢＣ１２３") == ["abc123"])
        #expect(SearchIndex.tokens(in: "　") == [])
    }

    @Test func aTokenAlwaysLandsInTheSameShard() {
        // The same values as the FNV-1a hash in assets/search.js gives.
        #expect(SearchIndex.shard(of: "充电", count: 1) == 0)
        #expect(SearchIndex.shard(of: "a", count: 1 << 31) == Int(0xe40c292c as UInt32 % (1 << 31)))
        #expect(SearchIndex.shard(of: "", count: 1000) == Int(0x811c9dc5 as UInt32 % 1000))
    }

    @Test func postingsArePackedGapsWithWeightCodes() throws {
        let (files, shardCount, _) = SearchIndex.files([
            .init(title: "时间银行", path: "cases/a.html", place: "甲", date: "2020年1月1日", fields: [("时间银行", 8)], body: Array("志愿服务".utf8)),
            .init(title: "楼长", path: "cases/b.html", place: "乙", date: "2019年1月1日", fields: [("楼长", 8)], body: Array("时间银行 时间银行".utf8)),
        ])
        #expect(shardCount == 1)
        let shard = try #require(files.first { $0.path == "search/shard-0.js" })
        #expect(shard.text.hasPrefix("casebookSearch.shard(0,{"))
        // Case 0 has it in its title (weight 8: gap 0, code 8 = "I"); case 1 twice in its body
        // (weight 2: gap 1, so 16 + 2 = 18 = "S").
        #expect(shard.text.contains("\"银行\":\"IS\""))
    }

    @Test func packedNumbersUseBase64VLQ() {
        let list = SearchIndex.PostingList(entries: [(0, 1), (40, 60), (41, 9)].map { id, weight in
            UInt32(id) << 8 | UInt32(SearchIndex.weightCode(weight))
        })
        // 0*16+1 = 1 "B"; 40*16+15 = 655 = 15 + 20*32: "v" (15|32) then "U" (20); 1*16+8 = 24 "Y".
        #expect(SearchIndex.shardFile(0, [("x", list)]).text == "casebookSearch.shard(0,{\"x\":\"BvUY\"});\n")
        let entries: [UInt32] = [0 << 8 | 1, 40 << 8 | 15, 41 << 8 | 8]
        #expect(list.entries == entries)
        #expect(SearchIndex.PostingList(entries: list.entries) == list)
        #expect(SearchIndex.weightCode(9) == 8)
        #expect(SearchIndex.weightCode(60) == 15)
        #expect(SearchIndex.weightCode(1) == 1)
    }

    @Test func caseTextsAreCompressedInChunksThatInflateToJSON() throws {
        let documents = (0..<(SearchIndex.chunkSize + 1)).map { n in
            SearchIndex.Document(title: "案例\(n)", path: "cases/c\(n).html", place: "甲", date: "2020年1月\(n + 1)日",
                                 fields: [("案例\(n)", 8)], body: Array("正文</script>\(n)".utf8))
        }
        let (files, _, _) = SearchIndex.files(documents)
        let first = try #require(files.first { $0.path == "search/text-0.js" })
        #expect(files.contains { $0.path == "search/text-1.js" })
        #expect(first.text.hasPrefix("casebookSearch.text(0,[[\"案例0\",\"cases/c0.html\",\"甲\",\"2020年1月1日\"],"))
        let packed = try #require(first.text.split(separator: "\"").dropLast().last)
        let bytes = try #require(Data(base64Encoded: String(packed)))
        let texts = try #require(try JSONSerialization.jsonObject(with: Data(inflateRaw([UInt8](bytes)))) as? [String])
        #expect(texts.count == SearchIndex.chunkSize)
        #expect(texts[3] == "案例3\n正文</script>3")
    }

    @Test func dataFilesEscapeWhatCouldEndAScriptOrALine() {
        #expect(Escape.json("</script>&'\u{2028}\u{2029}\"\\\n") == "\"\\u003c/script\\u003e\\u0026\\u0027\\u2028\\u2029\\\"\\\\\\n\"")
    }

    @Test func plainTextDropsMarkupAndRawHTML() {
        let text = MarkdownRenderer().render("## 做法\n\n居民**商量**后装了[充电桩](x.md)。\n<b>原始</b>\n\n- 一\n- 二\n", resolve: { _ in .keep }).plainText
        #expect(text == "做法\n居民商量后装了充电桩。 原始\n一\n二")
    }
}

/// The pages and files readers get beyond the case pages, built from the basic fixture.
@Suite struct ReaderFileTests {
    func built(baseURL: String? = "https://example.org/bulletin") throws -> URL {
        let root = try Fixture.site("basic")
        if let baseURL {
            try Fixture.write("title: 测试案例库\ndescription: 用于测试。\nbase_url: \(baseURL)\n", to: "Content/site.yml", in: root)
        }
        try SiteBuilder(root: root).build()
        return root
    }

    @Test func theSearchPageStatesItsShardsAndWorksWithoutScriptThroughTheIndexes() throws {
        let root = try built()
        let page = try Fixture.read("Public/search.html", in: root)
        #expect(page.contains("<div class=\"search-page\" id=\"search\" data-shards=\"1\" data-chunk=\"\(SearchIndex.chunkSize)\""))
        #expect(page.contains("<script src=\"assets/search.js\" defer></script>"))
        #expect(page.contains("<noscript>"))
        #expect(page.contains("<a href=\"mechanisms/index.html\">"))
        #expect(Fixture.exists("Public/search/shard-0.js", in: root) && Fixture.exists("Public/search/text-0.js", in: root))
        // Every page leads to it.
        #expect(try Fixture.read("Public/cases/charging.html", in: root).contains("action=\"../search.html\" method=\"get\""))
        // The canonical name of a term written as an alias is searchable.
        let shard = try Fixture.read("Public/search/shard-0.js", in: root)
        #expect(shard.contains("\"议事\":") && shard.contains("\"四方\":"))
    }

    @Test func eachCaseInTheListCarriesItsFacetValues() throws {
        let root = try built()
        let page = try Fixture.read("Public/cases/index.html", in: root)
        #expect(page.contains("data-district=\"gansu gansu/tianshui\" data-mechanism=\"sifang-yishihui\" data-outcome=\"chongdian\""))
        #expect(page.contains("<input type=\"checkbox\" name=\"district\" value=\"gansu/tianshui\">"))
        #expect(page.contains("<div class=\"facet-filter\" id=\"facet-filter\" hidden"))
    }

    @Test func theStatisticsPageDrawsEachChartWithATextEquivalent() throws {
        let root = try built()
        let page = try Fixture.read("Public/stats.html", in: root)
        for id in ["chart-years", "chart-mechanisms", "chart-outcomes", "chart-provinces", "chart-figures"] {
            #expect(page.contains("<svg class=\"chart\" id=\"\(id)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""))
        }
        #expect(!page.contains("<script src=\"assets/search.js\""))
        // 月投诉 1500 → 700 件 is the one figure with a before value.
        #expect(page.contains("<desc id=\"chart-figures-desc\">四方议事会装充电桩: 月投诉 1500 件 → 700 件</desc>"))
        #expect(page.contains("<td>1500</td><td>700</td><td>件</td>"))
    }

    @Test func theFiguresChartDrawsOnlyTheNewestCasesAndPointsToTheTableFileForTheRest() throws {
        let root = try Fixture.site("basic")
        let extra = Statistics.figureCases + 5
        for n in 1...extra {
            try Fixture.write("""
                ---
                title: 第\(n)号案例
                date: 2020-01-\(String(format: "%02d", n % 28 + 1))
                district: [甘肃省, 天水市]
                mechanisms: [四方议事会]
                outcomes: [充电设施建设]
                summary: 合成。
                figures:
                  - label: 投诉
                    before: \(n + 10)
                    value: \(n)
                    unit: 件
                ---

                正文。
                """, to: "Content/cases/figure-\(n).md", in: root)
        }
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/stats.html", in: root)
        let chart = try #require(page.components(separatedBy: "id=\"chart-figures-desc\">").last?.components(separatedBy: "</desc>").first)
        #expect(chart.components(separatedBy: " → ").count - 1 == Statistics.figureCases)
        // The basic fixture's own case with a before value is older than all of them.
        #expect(!chart.contains("四方议事会装充电桩"))
        #expect(page.contains("<p class=\"chart-note\">图中只画出最新 \(Statistics.figureCases) 个案例的数字；全部 \(extra + 1) 项数字都在表格文件里： <a href=\"cases.csv\">cases.csv</a></p>"))
        // Every figure still reaches the table file.
        #expect(try Fixture.read("Public/cases.csv", in: root).components(separatedBy: " → ").count - 1 == extra + 1)
    }

    @Test func theNotFoundPageFindsTheSitesRootBeforeItsFirstLink() throws {
        for baseURL in ["https://example.org/bulletin/", nil] {
            let page = try Fixture.read("Public/404.html", in: try built(baseURL: baseURL))
            let script = NotFoundPage.rootFinder(baseURL: baseURL)
            #expect(page.contains(script))
            #expect(script.contains(baseURL == nil ? "known = \"\"" : "known = \"/bulletin/\""))
            // Its links are as at the site's root, and the script comes before the first of them.
            let stylesheet = try #require(page.range(of: "<link rel=\"stylesheet\" href=\"assets/casebook.css\">"))
            #expect(page.range(of: script)!.upperBound < stylesheet.lowerBound)
        }
    }

    @Test func barChartTicksAreRoundNumbersCoveringTheLargestValue() {
        #expect(BarChart.ticks(upTo: 8) == [0, 2, 4, 6, 8])
        #expect(BarChart.ticks(upTo: 3) == [0, 1, 2, 3])
        #expect(BarChart.ticks(upTo: 1500) == [0, 500, 1000, 1500])
        #expect(BarChart.ticks(upTo: 0) == [0, 1])
    }

    @Test func theFeedAndSitemapAreWellFormedWithAbsoluteAddresses() throws {
        let root = try built()
        let feed = try Fixture.read("Public/feed.xml", in: root)
        let sitemap = try Fixture.read("Public/sitemap.xml", in: root)
        for xml in [feed, sitemap] { #expect(XMLParser(data: Data(xml.utf8)).parse()) }
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/bulletin/cases/charging.html\"/>"))
        #expect(feed.contains("<updated>2019-11-21T00:00:00Z</updated>\n<entry>"))
        #expect(sitemap.contains("<url><loc>https://example.org/bulletin/cases/charging.html</loc><lastmod>2019-11-20</lastmod></url>"))
        #expect(!sitemap.contains("404.html"))
        #expect(try Fixture.read("Public/index.html", in: root).contains("<link rel=\"alternate\" type=\"application/atom+xml\""))
    }

    /// A bulletin read from a USB stick needs no address: no warning, and the report says what was left out.
    @Test func withoutABaseURLTheFeedIsLeftOutWithoutAWarning() throws {
        let root = try Fixture.site("basic")
        let report = try SiteBuilder(root: root).build()
        #expect(!report.warnings.contains { $0.message.contains("base_url") || $0.message.contains("feed") }, "\(report.warnings)")
        #expect(report.notes.feedLeftOut)
        #expect(try SiteBuilder(root: root).build().notes.feedLeftOut, "also when nothing changed")
        #expect(try SiteBuilder(root: root).check().notes.feedLeftOut)
        #expect(!Fixture.exists("Public/feed.xml", in: root) && !Fixture.exists("Public/sitemap.xml", in: root))
        #expect(!(try Fixture.read("Public/index.html", in: root)).contains("feed.xml"))
    }

    @Test func theCSVStartsWithAByteOrderMarkAndQuotesWhatNeedsIt() throws {
        let root = try built()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Public/cases.csv"))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("slug,title,date,province,city,district,mechanisms,outcomes,summary,source,source_url,page,figures\r\n"))
        #expect(csv.contains("charging,四方议事会装充电桩,2019-11-20,甘肃省,天水市,甘肃省 / 天水市 / 秦州区 / 天水郡街道,四方议事会,充电设施建设,"))
        #expect(CaseTables.csvCell("甲,乙") == "\"甲,乙\"")
        #expect(CaseTables.csvCell("说\"好\"") == "\"说\"\"好\"\"\"")
        #expect(CaseTables.csvCell("=HYPERLINK(1)") == "'=HYPERLINK(1)")
        #expect(CaseTables.csvCell("甲\r\n乙") == "\"甲\r\n乙\"")
    }

    @Test func theJSONHoldsEveryCaseAndParses() throws {
        let root = try built()
        let data = try Data(contentsOf: root.appendingPathComponent("Public/cases.json"))
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(cases.count == 3)
        let charging = try #require(cases.first { $0["slug"] as? String == "charging" })
        #expect(charging["mechanisms"] as? [String] == ["四方议事会"])
        #expect(charging["page"] as? String == "cases/charging.html")
        let figures = try #require(charging["figures"] as? [[String: Any]])
        #expect(figures.last?["before"] as? String == "1500")
    }

    @Test func aCasePageHasAPrintButtonThatOnlyScriptShows() throws {
        let root = try built()
        let page = try Fixture.read("Public/cases/charging.html", in: root)
        #expect(page.contains("<button type=\"button\" class=\"print-button\" data-print hidden>打印通知单</button>"))
        #expect(page.contains("<time datetime=\"2019-11-20\">2019年11月20日</time>"))
    }
}

/// Inflates raw DEFLATE, as the browser's DecompressionStream('deflate-raw') does.
func inflateRaw(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    defer { inflateEnd(&stream) }
    var input = bytes
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    input.withUnsafeMutableBufferPointer { source in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        var status: Int32 = Z_OK
        while status == Z_OK {
            status = buffer.withUnsafeMutableBufferPointer { target in
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            output += buffer[0..<(buffer.count - Int(stream.avail_out))]
        }
    }
    return output
}
