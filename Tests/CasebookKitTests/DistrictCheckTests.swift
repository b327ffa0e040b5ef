import Foundation
import Testing
@testable import CasebookKit

/// A case's province, city and county are checked against the official division list.
@Suite struct DistrictCheckTests {
    private let check = DistrictCheck(table: .official, isSitePlace: { ["光谷开发区", "新设区"].contains($0) })

    @Test(arguments: [
        ["湖北省", "黄石市", "黄石港区", "南岳社区"],
        ["北京市", "东城区", "东华门街道"],
        ["北京市", "北京市", "东城区"],
        ["重庆市", "忠县"],
        ["湖北省", "仙桃市", "某某社区"],
        ["吉林省", "长春市", "朝阳区"],
        ["北京市", "朝阳区"],
        ["湖北省", "武汉市", "光谷开发区", "某某社区"],
        ["湖北省"],
    ])
    func realChainsPass(path: [String]) {
        #expect(check.check(path) == nil)
    }

    @Test func aTypoIsNamedWithTheNearestRealName() {
        #expect(check.check(["湖北省", "黄石是"]) == .init(index: 1, message: "'黄石是' is not a city or county of 湖北省 in the division list",
                                                          hint: "did you mean 黄石市?"))
        #expect(check.check(["湖北", "黄石市"]) == .init(index: 0, message: "'湖北' is not a province, autonomous region or municipality in the division list",
                                                        hint: "did you mean 湖北省?"))
    }

    @Test func aNameUnderTheWrongParentSaysWhereItLies() {
        #expect(check.check(["湖北省", "武汉市", "拱墅区"]) == .init(index: 2, message: "'拱墅区' is not in 武汉市: it lies in 浙江省 杭州市",
                                                                hint: "write [浙江省, 杭州市, 拱墅区]"))
        #expect(check.check(["湖北省", "老河口市", "酂南社区"])?.hint == "write [湖北省, 襄阳市, 老河口市, 酂南社区]")
    }

    @Test func aListThatStartsBelowItsProvinceGetsTheWholeChain() {
        #expect(check.check(["黄石市", "黄石港区"]) == .init(index: 0, message: "the district list starts at 黄石市, below its province",
                                                           hint: "write [湖北省, 黄石市, 黄石港区]"))
        // 朝阳区 lies in two places; the next name, when the list has one the table knows, decides.
        #expect(check.check(["朝阳区", "某某街道"])?.hint == "write the whole chain, one of: [北京市, 朝阳区, 某某街道]; [吉林省, 长春市, 朝阳区, 某某街道]")
    }

    @Test func aSkippedCountyIsNamed() {
        #expect(check.check(["湖北省", "黄石市", "南岳社区"])?.message == "the district list goes from 黄石市 to 南岳社区 without the county between them")
    }

    @Test func placesTheSiteListsCountAsKnown() {
        #expect(check.check(["湖北省", "武汉市", "新设区"]) == nil)
        #expect(check.check(["光谷开发区", "某某社区"]) == nil)
    }

    /// Through a build: at the name's line and column, once however many cases repeat it, real
    /// places need no vocabulary entry, and `strict: true` makes the findings errors.
    @Test func aBuildReportsEachFindingOnceAtItsNameAndStrictMakesItAnError() throws {
        let root = try Fixture.site("basic")
        for number in 1...3 {
            try Fixture.write("---\ntitle: 案例\(number)\ndate: 2024-01-0\(number)\ndistrict: [湖北省, 武汉市, 拱墅区]\nmechanisms: [四方议事会]\noutcomes: [充电设施建设]\n---\n正文。\n",
                              to: "Content/cases/wrong-\(number).md", in: root)
        }
        let report = try SiteBuilder(root: root).build()
        let found = report.warnings.filter { $0.message.contains("拱墅区") }
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.location?.path == "Content/cases/wrong-3.md", "at the newest case, as the site lists them")
        #expect(found.first?.location?.line == 4 && found.first?.location?.column == 22)
        #expect(!report.warnings.contains { $0.message == "district '武汉市' is not in Content/vocabularies/districts.yml; its page gets a slug from its pinyin" },
                "a real place needs no vocabulary entry")

        try Fixture.write(try Fixture.read("Content/site.yml", in: root) + "strict: true\n", to: "Content/site.yml", in: root)
        let errors = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(errors.contains { $0.isError && $0.message == "'拱墅区' is not in 武汉市: it lies in 浙江省 杭州市" })
    }
}

/// `casebook new --district` completes a chain that starts below its province.
@Suite struct DistrictCompletionTests {
    @Test func aCountyOrCityIsCompletedToItsProvince() {
        #expect(NewCase.complete(district: ["黄石港区"]) == .completed(["湖北省", "黄石市", "黄石港区"]))
        #expect(NewCase.complete(district: ["黄石港区", "南岳社区"]) == .completed(["湖北省", "黄石市", "黄石港区", "南岳社区"]))
        #expect(NewCase.complete(district: ["东城区"]) == .completed(["北京市", "东城区"]))
    }

    @Test func aSharedNameOffersTheChoicesUnlessTheNextNameDecides() {
        #expect(NewCase.complete(district: ["朝阳区"]) == .choices([["北京市", "朝阳区"], ["吉林省", "长春市", "朝阳区"]]))
        #expect(NewCase.complete(district: ["长春市", "朝阳区"]) == .completed(["吉林省", "长春市", "朝阳区"]))
    }

    @Test func aListFromItsProvinceOrOfUnknownPlacesIsKept() {
        #expect(NewCase.complete(district: ["湖北省", "黄石市"]) == .asGiven)
        #expect(NewCase.complete(district: ["某开发区", "某社区"]) == .asGiven)
        #expect(NewCase.complete(district: []) == .asGiven)
    }

    @Test func withoutSomeoneAtTheKeyboardTheCommandListsTheChoicesAndStops() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixture.tool.path), "build the casebook tool first")
        let root = try Fixture.site("basic")
        let (output, status) = try Fixture.runTool(["new", "一个案例", "--district", "朝阳区", "--root", root.path])
        #expect(status == 1)
        #expect(output.contains("朝阳区 is the name of 2 places:\n  1. 北京市/朝阳区\n  2. 吉林省/长春市/朝阳区"))
        let (completed, fine) = try Fixture.runTool(["new", "另一个案例", "--district", "黄石港区", "--slug", "another", "--root", root.path])
        #expect(fine == 0, "\(completed)")
        #expect(try Fixture.read("Content/cases/another.md", in: root).contains("district: [湖北省, 黄石市, 黄石港区]"))
    }
}

/// The districts overview's map of the counties with cases.
@Suite struct DistrictMapTests {
    @Test func eachCountyWithCasesIsADotLinkingToItsPageWithItsCount() throws {
        let root = try Fixture.site("basic")
        for (number, district) in ["[湖北省, 黄石市, 黄石港区, 南岳社区]", "[湖北省, 黄石市, 黄石港区]", "[北京市, 东城区]"].enumerated() {
            try Fixture.write("---\ntitle: 案例\(number)\ndate: 2024-01-0\(number + 1)\ndistrict: \(district)\nmechanisms: [四方议事会]\noutcomes: [充电设施建设]\n---\n正文。\n",
                              to: "Content/cases/map-\(number).md", in: root)
        }
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/districts/index.html", in: root)
        let svg = try #require(page.firstMatch(of: #/<svg class="district-map".*?</svg>/#.dotMatchesNewlines())).0
        #expect(svg.contains("<title>湖北省 黄石市 黄石港区 2</title>"))
        #expect(svg.contains("<title>北京市 东城区 1</title>"))
        #expect(svg.contains("<a href=\"../districts/hu-bei-sheng/huang-shi-shi/huang-shi-gang-qu.html\"><circle "), "a dot leads to its district's page")
        #expect(svg.matches(of: #/<circle /#).count == 3, "黄石港区, 东城区 and the fixture's 秦州区; no dot for a street or province")
        #expect(svg.contains(">湖北</text>") && svg.contains(">新疆</text>"), "the provinces are named")
        #expect(page.contains("<figcaption>"), "and the caption points to the list with the same numbers")
    }

    @Test func aSiteWhosePlacesAreAllItsOwnHasNoMap() throws {
        let tree = DistrictTree(roots: [])
        #expect(DistrictMap(tree: tree, title: "map") == nil)
    }
}
