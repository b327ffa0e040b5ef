import Testing
@testable import CasebookKit

@Suite struct DivisionTableTests {
    let table = DivisionTable.official

    private func chain(_ name: String) -> [[String]] {
        table.named(name).map { table.chain(to: $0).map(\.name) }
    }

    @Test func everyProvinceCityAndCountyIsThere() {
        #expect(table.divisions.count(where: { $0.level == .province }) == 34)
        #expect(table.divisions.count > 3_000)
        #expect(table.divisions.allSatisfy { table.parent(of: $0) != nil || $0.level == .province }, "every place lies in a province")
        #expect(!table.divisions.contains { ["市辖区", "县", "省直辖县级行政区划"].contains($0.name) }, "no grouping rows")
    }

    @Test func aCountyLiesInItsCityAndProvince() {
        #expect(chain("黄石港区") == [["湖北省", "黄石市", "黄石港区"]])
        #expect(chain("拱墅区") == [["浙江省", "杭州市", "拱墅区"]])
        #expect(chain("黄石市") == [["湖北省", "黄石市"]])
        #expect(chain("湖北省") == [["湖北省"]])
    }

    @Test func countiesOfMunicipalitiesAndOfProvincesDirectlyHaveNoCity() {
        #expect(chain("东城区") == [["北京市", "东城区"]])
        #expect(chain("浦东新区") == [["上海市", "浦东新区"]])
        #expect(chain("忠县") == [["重庆市", "忠县"]])
        #expect(chain("仙桃市") == [["湖北省", "仙桃市"]])
    }

    @Test func namesThatTwoPlacesShareGiveBoth() {
        #expect(Set(chain("朝阳区")) == [["北京市", "朝阳区"], ["吉林省", "长春市", "朝阳区"]])
    }

    @Test func placesHaveCoordinates() throws {
        let wuhan = try #require(table.named("武汉市").first)
        #expect(abs(try #require(wuhan.longitude) - 114.3) < 0.2)
        #expect(abs(try #require(wuhan.latitude) - 30.6) < 0.2)
    }
}
