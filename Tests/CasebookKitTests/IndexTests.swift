import Testing
@testable import CasebookKit

@Suite struct IndexTests {
    func study(_ slug: String, _ date: String, district: [String], mechanisms: [String] = ["甲"], outcomes: [String] = ["乙"]) -> CaseStudy {
        CaseStudy(sourcePath: "Content/cases/\(slug).md", slug: slug, title: slug, date: CaseDate(date)!, district: district,
                  mechanisms: mechanisms, outcomes: outcomes, summary: nil, source: nil, sourceURL: nil, figures: [],
                  draft: false, body: "", bodyFirstLine: 1, mentions: [:])
    }

    func content(_ cases: [CaseStudy], vocabularies: [IndexKind: Vocabulary] = [:], strict: Bool = false) -> SiteContent {
        SiteContent(config: SiteConfig(title: "t", description: "", language: "zh-Hans", baseURL: nil, unsafeHTML: false, strict: strict),
                    cases: cases, vocabularies: vocabularies, pages: [], media: [])
    }

    @Test func everyPrefixIsANodeAndCountsRollUpWithEachCaseOnce() throws {
        let cases = [
            study("a", "2020-01-01", district: ["甘肃省", "天水市", "秦州区"]),
            study("b", "2021-01-01", district: ["甘肃省", "天水市"]),
            study("c", "2019-01-01", district: ["甘肃省", "兰州市"]),
            study("d", "2018-01-01", district: ["湖北省"]),
        ]
        let (index, _) = SiteIndex.build(content(cases))
        let gansu = try #require(index.districts.node(at: ["甘肃省"]))
        #expect(gansu.count == 3)
        #expect(gansu.children.map(\.name) == ["天水市", "兰州市"])
        #expect(index.districts.node(at: ["甘肃省", "天水市"])?.count == 2)
        #expect(index.districts.node(at: ["甘肃省", "天水市", "秦州区"])?.slugPath == ["gan-su-sheng", "tian-shui-shi", "qin-zhou-qu"])
        #expect(index.districts.roots.map(\.name) == ["甘肃省", "湖北省"])
        #expect(gansu.caseIDs.map { index.cases[$0].slug } == ["b", "a", "c"])
    }

    @Test func casesAreNewestFirstAndTermsListTheirCases() {
        let cases = [study("old", "2018-01-01", district: ["x"], mechanisms: ["甲", "丙"]),
                     study("new", "2020-01-01", district: ["x"], mechanisms: ["甲"])]
        let (index, _) = SiteIndex.build(content(cases))
        #expect(index.cases.map(\.slug) == ["new", "old"])
        #expect(index.mechanisms.term(named: "甲")?.caseIDs == [0, 1])
        #expect(index.mechanisms.terms.map(\.name) == ["甲", "丙"])
    }

    @Test func aliasesAreFoldedOntoTheTermAndCountedOnce() {
        let vocabulary = Vocabulary(kind: .mechanisms, terms: [Term(name: "四方议事会", slug: "sifang", aliases: ["四方議事會"])])
        let cases = [study("a", "2020-01-01", district: ["x"], mechanisms: ["四方議事會", "四方议事会"])]
        let (index, _) = SiteIndex.build(content(cases, vocabularies: [.mechanisms: vocabulary]))
        #expect(index.cases[0].mechanisms == ["四方议事会"])
        #expect(index.mechanisms.term(named: "四方议事会")?.count == 1)
        #expect(index.mechanisms.term(named: "四方議事會") == nil)
    }

    @Test func anUnknownTermIsAWarningWithItsLineAndAnErrorWhenStrict() {
        var unknown = study("a", "2020-01-01", district: ["x"], mechanisms: ["新办法"])
        unknown.mentions["新办法"] = SourceLocation(path: "Content/cases/a.md", line: 5, column: 14)
        let vocabulary = Vocabulary(kind: .mechanisms, terms: [Term(name: "甲")])
        let loose = SiteIndex.build(content([unknown], vocabularies: [.mechanisms: vocabulary])).1.filter { $0.message.hasPrefix("mechanism") }
        #expect(loose.count == 1)
        #expect(loose.first?.severity == .warning)
        #expect(loose.first?.location == SourceLocation(path: "Content/cases/a.md", line: 5, column: 14))
        #expect(loose.first?.message.contains("'xin-ban-fa'") == true)
        let strict = SiteIndex.build(content([unknown], vocabularies: [.mechanisms: vocabulary], strict: true)).1
        #expect(strict.contains { $0.isError && $0.message.hasPrefix("mechanism '新办法'") })
    }

    @Test func scriptVariantsAreWarnedAtTheirFirstUseInOrderAndNotForAnUnreadVocabulary() {
        func written(_ study: CaseStudy, _ names: [String: Int]) -> CaseStudy {
            var study = study
            for (name, line) in names { study.mentions[name] = SourceLocation(path: study.sourcePath, line: line) }
            return study
        }
        // Newest first: c, then b, whose district repeats c's, then a.
        let cases = [
            written(study("c", "2020-01-03", district: ["甲", "東區"], mechanisms: ["議事會"]), ["東區": 4, "議事會": 5]),
            written(study("b", "2020-01-02", district: ["甲", "東區"]), ["東區": 4]),
            written(study("a", "2020-01-01", district: ["东区", "甲"], mechanisms: ["议事会"]), ["东区": 4, "议事会": 5]),
        ]
        let variants = { (content: SiteContent) in
            SiteIndex.build(content).1.filter { $0.message.contains("differ only") }.map { ($0.message, $0.location) }
        }
        let found = variants(content(cases))
        #expect(found.map(\.0) == [
            "district '東區' and '东区' differ only in Traditional and Simplified characters, but are filed as two places",
            "mechanism '議事會' and '议事会' differ only in Traditional and Simplified characters, but are filed as two terms",
        ])
        #expect(found.map(\.1) == [SourceLocation(path: "Content/cases/c.md", line: 4), SourceLocation(path: "Content/cases/c.md", line: 5)])

        var unread = content(cases)
        unread.unread = [Vocabulary.path(of: .districts)]
        #expect(variants(unread).map(\.0) == [found[1].0])
        #expect(!SiteIndex.build(unread).1.contains { $0.message.hasPrefix("district") })
    }

    @Test func slugCollisionsAreResolvedDeterministicallyAndReported() {
        let vocabulary = Vocabulary(kind: .outcomes, terms: [Term(name: "Parking", slug: "parking"), Term(name: "parking!")])
        let cases = [study("a", "2020-01-01", district: ["x"], outcomes: ["parking!", "Parking", "PARKING"])]
        let (index, diagnostics) = SiteIndex.build(content(cases, vocabularies: [.outcomes: vocabulary]))
        #expect(index.outcomes.term(named: "Parking")?.slug == "parking")
        #expect(index.outcomes.term(named: "parking!")?.slug == "parking-2")
        #expect(index.outcomes.term(named: "PARKING")?.slug == "parking-3")
        #expect(diagnostics.filter { $0.message.contains("would have the slug 'parking'") }.count == 2)
    }

    @Test func noTermTakesTheOverviewsFileName() {
        let cases = [study("a", "2020-01-01", district: ["x"], outcomes: ["Index"])]
        #expect(SiteIndex.build(content(cases)).0.outcomes.term(named: "Index")?.slug == "index-2")
    }

    @Test func relatedCasesShareTheMostTerms() {
        let cases = [study("a", "2020-01-03", district: ["x"], mechanisms: ["甲", "丙"], outcomes: ["乙"]),
                     study("b", "2020-01-02", district: ["x"], mechanisms: ["甲"], outcomes: ["丁"]),
                     study("c", "2020-01-01", district: ["x"], mechanisms: ["甲", "丙"], outcomes: ["乙"]),
                     study("d", "2020-01-04", district: ["x"], mechanisms: ["戊"], outcomes: ["己"])]
        let (index, _) = SiteIndex.build(content(cases))
        let a = index.cases.firstIndex { $0.slug == "a" }!
        #expect(index.related[a].map { index.cases[$0].slug } == ["c", "b"])
    }

    @Test func relatedCasesAreThoseACountOfSharedTermsRanksFirst() {
        var random = SeededRandom(seed: 3)
        for round in 0..<20 {
            // Few terms, so that cases share all, some or none of them; more cases than a bitset word.
            let names = ["甲", "乙", "丙", "丁", "戊", "己"]
            let cases = (0..<(40 + round * 7)).map { n in
                study("c\(n)", "2020-01-\(String(format: "%02d", n % 28 + 1))", district: ["x"],
                      mechanisms: Array(names.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
                      outcomes: Array(names.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))))
            }
            let index = SiteIndex.build(content(cases)).0
            let terms = index.cases.map { Set($0.mechanisms.map { "m" + $0 } + $0.outcomes.map { "o" + $0 }) }
            for id in index.cases.indices {
                let expected = index.cases.indices.filter { $0 != id }
                    .map { (other: $0, shared: terms[id].intersection(terms[$0]).count) }
                    .filter { $0.shared > 0 }
                    .sorted { ($1.shared, $0.other) < ($0.shared, $1.other) }
                    .prefix(SiteIndex.relatedLimit).map(\.other)
                #expect(index.related[id] == Array(expected), "round \(round), case \(id)")
            }
        }
    }
}

@Suite struct SitePathTests {
    @Test func linksBetweenPagesAreRelative() {
        #expect(SitePath.relative(from: "cases/a.html", to: "cases/b.html") == "b.html")
        #expect(SitePath.relative(from: "pages/about.html", to: "cases/b.html") == "../cases/b.html")
        #expect(SitePath.relative(from: "index.html", to: "cases/b.html") == "cases/b.html")
        #expect(SitePath.relative(from: "districts/gansu/tianshui.html", to: "index.html") == "../../index.html")
        #expect(SitePath.relative(from: "districts/gansu/tianshui.html", to: "districts/gansu.html") == "../gansu.html")
    }

    @Test func theRootPrefixClimbsOneLevelPerFolder() {
        #expect(SitePath.rootPrefix(of: "index.html") == "")
        #expect(SitePath.rootPrefix(of: "cases/a.html") == "../")
        #expect(SitePath.rootPrefix(of: "districts/gansu/tianshui/qinzhou.html") == "../../../")
    }

    @Test func everyPagePathNamesAFile() {
        let paths = [SitePath.home, SitePath.allCases, SitePath.overview(.districts), SitePath.casePage("a"),
                     SitePath.termPage(.mechanisms, "b"), SitePath.districtPage(["gansu", "tianshui"]), SitePath.freePage("about")]
        #expect(paths.allSatisfy { $0.hasSuffix(".html") })
    }
}

@Suite struct MarkdownTests {
    let safe = MarkdownRenderer()

    /// The plain text's end is trimmed as bytes where it can be: always as `Character` trims it,
    /// white space that joins a mark or follows a prepended one included.
    @Test func thePlainTextIsTrimmedAsCharactersAre() {
        let pieces = ["充", "。", "a", " ", "\n", "\t", "\r\n", "\u{3000}", "\u{A0}", "\u{301}", "\u{600}", "‼", "\u{200D}",
                      "👍", "\u{1F3FB}", "\u{FF09}", "\u{2028}", "\u{85}", "é", ""]
        var random = SeededRandom(seed: 11)
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var expected = text
            while expected.last?.isWhitespace == true { expected.removeLast() }
            let trimmed = MarkdownRenderer.trimmingWhiteSpaceAtEnd(Array(text.utf8))
            #expect(trimmed == Array(expected.utf8), "\(text.debugDescription)")
        }
    }

    @Test func rendersCommonMark() {
        #expect(safe.render("# 标题\n\n*强调*", resolve: { _ in .keep }).htmlText == "<h1>标题</h1>\n<p><em>强调</em></p>\n")
    }

    @Test func linksReadAsTextAreFoundWithTheirPlace() {
        var seen: [MarkdownRenderer.Reference] = []
        _ = safe.render("前 ![图](a b.png) [链](c](d e)) [文](见 上) [好](f.png)\n", resolve: { reference in
            if reference.isText { seen.append(reference) }
            return .keep
        })
        #expect(seen.map(\.destination) == ["a b.png", "c](d e", "见 上"])
        #expect(seen.map(\.isImage) == [true, false, false])
        #expect(seen.map(\.byteColumn) == [5, 21, 36])
    }

    @Test func rawHTMLAndDangerousURLsAreDroppedUnlessUnsafe() {
        let markdown = "<script>alert(1)</script>\n\n[x](javascript:alert(1))"
        let html = safe.render(markdown, resolve: { _ in .keep }).htmlText
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
        let unsafe = MarkdownRenderer(unsafeHTML: true).render(markdown, resolve: { _ in .keep }).htmlText
        #expect(unsafe.contains("<script>alert(1)</script>"))
    }

    @Test func everyDestinationIsOfferedForRewriting() {
        var seen: [MarkdownRenderer.Reference] = []
        let rendered = safe.render("见[另一个](other-case.md#jieguo)和[外链](https://example.org/a.md)\n\n![图](../media/a.png)") { reference in
            seen.append(reference)
            return reference.destination == "other-case.md#jieguo" ? .replace("other.html#jieguo") : .keep
        }
        #expect(rendered.htmlText == "<p>见<a href=\"other.html#jieguo\">另一个</a>和<a href=\"https://example.org/a.md\">外链</a></p>\n<p><img src=\"../media/a.png\" alt=\"图\" /></p>\n")
        #expect(rendered.broken.isEmpty)
        #expect(rendered.plainText == "见另一个和外链\n图")
        #expect(seen.map(\.isImage) == [false, false, true])
    }

    @Test func aBrokenDestinationIsReportedWithItsLine() {
        let broken = safe.render("第一段\n\n第二段[缺](missing.md)", resolve: { _ in .broken(message: "gone", hint: nil) }).broken
        #expect(broken == [MarkdownRenderer.BrokenReference(reference: .init(destination: "missing.md", isImage: false, line: 3, byteColumn: 10),
                                                            message: "gone", hint: nil)])
    }

    @Test func relativeDestinationsResolveAgainstTheSourceFolder() {
        #expect(SitePath.sourceRelative("../media/%E5%9B%BE.png?v=1", from: "Content/cases/a.md") == "Content/media/图.png")
        #expect(SitePath.sourceRelative("./b.md#x", from: "Content/cases/a.md") == "Content/cases/b.md")
        #expect(SitePath.sourceRelative("../../../../etc/passwd", from: "Content/cases/a.md") == nil)
        #expect(SitePath.sourceRelative("https://example.org/a.png", from: "Content/cases/a.md") == nil)
        #expect(SitePath.sourceRelative("/media/a.png", from: "Content/cases/a.md") == nil)
        #expect(SitePath.sourceRelative("#top", from: "Content/cases/a.md") == nil)
    }

    @Test func onlyRelativeMarkdownFileLinksCount() {
        #expect(MarkdownRenderer.markdownFileLink("a.md")! == ("a.md", ""))
        #expect(MarkdownRenderer.markdownFileLink("../cases/a.md?x#y")! == ("../cases/a.md", "?x#y"))
        #expect(MarkdownRenderer.markdownFileLink("/a.md") == nil)
        #expect(MarkdownRenderer.markdownFileLink("http://x/a.md") == nil)
        #expect(MarkdownRenderer.markdownFileLink("a.mdx") == nil)
        #expect(MarkdownRenderer.markdownFileLink("#a.md") == nil)
    }
}
