import Foundation
import Testing
@testable import CasebookKit

/// Numbers and dates at the edges of what front matter can hold: what cannot be shown is refused
/// at its line, what can is shown in every output, and nothing traps.
@Suite struct NumberAndDateRangeTests {
    /// The basic fixture with the charging case's figure before 1500 and after 700 replaced, and a `base_url`.
    func site(before: String, value: String) throws -> URL {
        let root = try Fixture.site("basic")
        try Fixture.write("title: 测试案例库\nbase_url: https://example.org/\n", to: "Content/site.yml", in: root)
        let text = try Fixture.read("Content/cases/charging.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "before: 1500", with: "before: \(before)")
            .replacingOccurrences(of: "value: 700", with: "value: \(value)"), to: "Content/cases/charging.md", in: root)
        return root
    }

    @Test func aChangeOfMoreThanAnIntegerHoldsIsShown() throws {
        let root = try site(before: "1", value: "100000000000000000")
        try SiteBuilder(root: root).check()
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/cases/charging.html", in: root)
        #expect(page.contains("<strong>100000000000000000</strong>"))
        #expect(page.contains("+10000000000000000000%"))
        #expect(try Fixture.read("Public/stats.html", in: root).contains("100000000000000000 件"))
    }

    @Test func aChangeFromATinyNumberIsLeftOutAndTheChartStillDraws() throws {
        let tiny = "0." + String(repeating: "0", count: 320) + "1"
        let root = try site(before: tiny, value: "700")
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/cases/charging.html", in: root)
        #expect(page.contains("<strong>700</strong>"))
        #expect(!page.contains("%</"))
        let stats = try Fixture.read("Public/stats.html", in: root)
        #expect(!stats.contains("nan") && !stats.contains("inf"))
    }

    @Test func aNumberBeyondWhatADoubleHoldsIsRefusedAtItsLine() throws {
        let huge = "1" + String(repeating: "0", count: 400)
        let root = try site(before: "1", value: huge)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        let error = try #require(diagnostics.first { $0.isError })
        #expect(error.message == "a figure's 'value' is too large to show: a number of 401 characters")
        #expect(error.location == SourceLocation(path: "Content/cases/charging.md", line: 16, column: 12))
        #expect(error.hint == "write it in a larger unit, e.g. value: 2.5 and unit: 亿元")
        #expect(throws: BuildFailure.self) { try SiteBuilder(root: root).check() }
    }

    @Test func aYearOfMoreThanFourDigitsIsOutOfRange() {
        for (text, year) in [("9223372036854775807-01-01", "9223372036854775807"), ("99999999999999999999-01-01", "99999999999999999999"),
                             ("20190-11-20", "20190")] {
            #expect(CaseDate(text) == nil)
            #expect(CaseDate.advice(for: text) == "the year \(year) is out of range: a year has four digits, as in 2019-11-20")
        }
        #expect(CaseDate.advice(for: "2019-99999999999999999999-01") == "there is no month 99999999999999999999; dates are written 2019-11-20")
        #expect(CaseDate.advice(for: "2019-11-99999999999999999999") == "2019-11 has only 30 days")
        #expect(CaseDate.advice(for: "0999/3/1") == "write it as 0999-03-01")
    }

    @Test func onlyDigitsStandBetweenTheHyphensOfADate() {
        for text in ["2019-+1-01", "+999-01-01", "2019-01-+1", "-999-01-01", "２０１９-01-01"] { #expect(CaseDate(text) == nil, "\(text)") }
    }

    @Test func aYearBeforeOneThousandIsWrittenWithFourDigitsEverywhere() throws {
        let root = try site(before: "1500", value: "700")
        let text = try Fixture.read("Content/cases/charging.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "date: 2019-11-20", with: "date: 0999-03-01"), to: "Content/cases/charging.md", in: root)
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/cases/charging.html", in: root)
        #expect(page.contains("datetime=\"0999-03-01\""))
        #expect(page.contains("0999年3月1日"))
        #expect(try Fixture.read("Public/feed.xml", in: root).contains("<updated>0999-03-01T00:00:00Z</updated>"))
        #expect(try Fixture.read("Public/sitemap.xml", in: root).contains("<loc>https://example.org/cases/charging.html</loc><lastmod>0999-03-01</lastmod>"))
        #expect(try Fixture.read("Public/cases.json", in: root).contains("\"date\":\"0999-03-01\""))
        #expect(try Fixture.read("Public/cases.csv", in: root).contains(",0999-03-01,"))
        #expect(try Fixture.read("Public/stats.html", in: root).contains(">0999<"))
    }

    @Test func aDatePatternFillsItsFieldsAndKeepsEverythingElseAsWritten() {
        let date = CaseDate(year: 987, month: 3, day: 9)
        #expect(DateFormat("{y}年{m}月{d}日").text(of: date) == "0987年3月9日")
        #expect(DateFormat("{dd}/{mm}/{y}").text(of: CaseDate(year: 2019, month: 11, day: 20)) == "20/11/2019")
        #expect(DateFormat("{dd}.{mm}.{y}").text(of: date) == "09.03.0987")
        #expect(DateFormat("{{y}} {x} {m").text(of: date) == "{0987} {x} {m")
        #expect(DateFormat("").text(of: date) == "")
        #expect(DateFormat.iso.text(of: CaseDate(year: 12345, month: 12, day: 31)) == "12345-12-31")
        #expect(CaseDate(year: -5, month: 1, day: 2).description == "-0005-01-02")
    }
}
