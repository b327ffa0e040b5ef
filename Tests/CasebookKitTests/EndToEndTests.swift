import Foundation
import Testing
@testable import CasebookKit

@Suite struct EndToEndTests {
    @Test func buildsEveryPageOfAFixtureSite() throws {
        let root = try Fixture.site("basic")
        let report = try SiteBuilder(root: root).build()
        let out = root.appendingPathComponent("Public")
        #expect(report.caseCount == 3)
        for path in ["index.html", "404.html", "cases/index.html", "cases/charging.html", "cases/time-bank.html", "cases/louzhang.html",
                     "districts/index.html", "districts/gansu.html", "districts/gansu/tianshui.html",
                     "districts/gansu/tianshui/qin-zhou-qu/dacheng.html", "mechanisms/index.html", "mechanisms/sifang-yishihui.html",
                     "mechanisms/shi-jian-yin-xing.html", "outcomes/index.html", "outcomes/chongdian.html", "pages/about.html",
                     "assets/casebook.css", "media/photo.txt"] {
            #expect(Fixture.exists(path, in: out), "\(path) is missing")
        }
        #expect(!Fixture.exists("cases/unfinished.html", in: out))
    }

    @Test func aCasePageShowsWhatReadersNeed() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/cases/charging.html", in: root)
        #expect(page.contains("<html lang=\"zh-Hans\">"))
        #expect(page.contains("<h1>四方议事会装充电桩</h1>"))
        #expect(page.contains("<a href=\"../districts/gansu/tianshui.html\">天水市</a>"))
        #expect(page.contains("<a class=\"chip mechanism\" href=\"../mechanisms/sifang-yishihui.html\">四方议事会</a>"))
        #expect(page.contains("<span class=\"before\">1500</span> → <strong>700</strong>"))
        #expect(page.contains("-53%"))
        #expect(page.contains("<a href=\"time-bank.html#jieguo\">时间银行</a>"))
        #expect(page.contains("<a href=\"../pages/about.html\">关于</a>"))
        #expect(page.contains("<a href=\"https://example.org/article\">天水在线</a>"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("javascript:"))
        #expect(page.contains("2019年11月20日"))
    }

    @Test func districtPagesRollUpAndAliasesLandOnTheirTerm() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let city = try Fixture.read("Public/districts/gansu/tianshui.html", in: root)
        for title in ["四方议事会装充电桩", "时间银行", "党员楼长"] { #expect(city.contains(title)) }
        let street = try Fixture.read("Public/districts/gansu/tianshui/qin-zhou-qu/dacheng.html", in: root)
        #expect(street.contains("时间银行") && street.contains("党员楼长") && !street.contains("四方议事会装充电桩"))
        let overview = try Fixture.read("Public/districts/index.html", in: root)
        #expect(overview.contains("<a href=\"../districts/gansu.html\">甘肃省 <span class=\"count\">3</span></a>"))
    }

    @Test func unknownTermsAreWarningsThatNameTheFileAndLine() throws {
        let root = try Fixture.site("basic")
        let warnings = try SiteBuilder(root: root).build().warnings
        let warning = try #require(warnings.first { $0.message.hasPrefix("mechanism '党员楼长'") })
        #expect(warning.location == SourceLocation(path: "Content/cases/louzhang.md", line: 5, column: 14))
    }

    @Test func draftsAreBuiltOnlyWhenAskedFor() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root, includeDrafts: true).build()
        #expect(Fixture.exists("Public/cases/unfinished.html", in: root))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let root = try Fixture.site("basic")
        let first = root.appendingPathComponent("first"), second = root.appendingPathComponent("second")
        try SiteBuilder(root: root, output: first).build()
        try SiteBuilder(root: root, output: second).build()
        try Fixture.expectIdentical(first, second)
    }

    @Test func checkReportsWithoutWritingAndStrictTurnsWarningsIntoErrors() throws {
        let root = try Fixture.site("basic")
        let report = try SiteBuilder(root: root).check()
        #expect(report.caseCount == 3 && !report.warnings.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["Content"])
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root, strict: true)))
        #expect(diagnostics.count == report.warnings.count && diagnostics.allSatisfy(\.isError))
        #expect(!Fixture.exists("Public", in: root))
    }

    @Test func badInputReportsEveryProblemAndWritesNothing() throws {
        let root = try Fixture.site("invalid")
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        let errors = diagnostics.filter(\.isError)
        #expect(errors.contains { $0.location == SourceLocation(path: "Content/cases/bad-date.md", line: 3, column: 7)
            && $0.message == "'date' must be YYYY-MM-DD, found \"2019-13-02\"" })
        #expect(errors.contains { $0.location?.path == "Content/cases/no-title.md" && $0.message.hasPrefix("the case has no 'title'") })
        #expect(diagnostics.contains { !$0.isError && $0.message == "unknown key 'titel'" && $0.hint == "did you mean 'title'?" && $0.location?.line == 6 })
        #expect(errors.contains { $0.location?.path == "Content/cases/broken-yaml.md" && $0.message.hasPrefix("YAML syntax") })
        #expect(!Fixture.exists("Public", in: root))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.hasPrefix(".Public") })
    }

    @Test func aBrokenLinkToAnotherCaseFailsTheBuildAndKeepsTheOldSite() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let before = try Fixture.read("Public/index.html", in: root)
        try Fixture.write("---\ntitle: 断链\ndate: 2020-02-02\ndistrict: [甘肃省]\nmechanisms: [时间银行]\noutcomes: [困难群众帮扶]\n---\n\n第一段。\n\n见[不存在](missing-case.md)。\n",
                          to: "Content/cases/broken.md", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.isError && $0.location == SourceLocation(path: "Content/cases/broken.md", line: 11, column: 2)
            && $0.message.contains("'missing-case.md'") })
        #expect(try Fixture.read("Public/index.html", in: root) == before)
    }

    @Test func aFolderCasebookDidNotMakeIsNeverReplaced() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("keep me", to: "Elsewhere/notes.txt", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root, output: root.appendingPathComponent("Elsewhere"))))
        #expect(diagnostics.contains { $0.message.contains("was not made by casebook") })
        #expect(try Fixture.read("Elsewhere/notes.txt", in: root) == "keep me")
    }

    @Test func aRebuildReplacesTheWholeOutput() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/cases/louzhang.md"))
        try SiteBuilder(root: root).build()
        #expect(!Fixture.exists("Public/cases/louzhang.html", in: root))
        #expect(Fixture.exists("Public/cases/charging.html", in: root))
    }

    @Test func theEnglishInterfaceIsComplete() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("title: Test\nlanguage: en\n", to: "Content/site.yml", in: root)
        try SiteBuilder(root: root).build()
        let home = try Fixture.read("Public/index.html", in: root)
        #expect(home.contains("<html lang=\"en\">"))
        #expect(home.contains("Latest cases"))
        #expect(try Fixture.read("Public/cases/charging.html", in: root).contains("2019-11-20"))
    }

    @Test func anUnknownLanguageIsAnErrorInSiteYml() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("title: Test\nlanguage: fr\n", to: "Content/site.yml", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.location == SourceLocation(path: "Content/site.yml", line: 2, column: 11) })
    }

    @Test func aTemplateSyntaxErrorNamesTheTemplateAndLine() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("<p>\n{{#page}}\n{{/wrong}}\n", to: "Templates/page.mustache", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.location?.path == "Templates/page.mustache" && $0.message.hasPrefix("template syntax") })
    }
}
