import Testing
@testable import CasebookKit

@Suite struct NameLocationsTests {
    static func at(_ line: Int) -> CasebookKit.SourceLocation { CasebookKit.SourceLocation(path: "Content/cases/a.md", line: line) }

    /// Whether the names are few and looked along, or many and found by table, they behave as a
    /// dictionary of the same names would: one entry a name, the last place set kept.
    @Test func behavesAsADictionaryAtEverySize() {
        var random = SeededRandom(seed: 11)
        for size in [0, 1, 5, NameLocations.indexedFrom - 1, NameLocations.indexedFrom, 100] {
            var noted = NameLocations(), reference: [String: CasebookKit.SourceLocation] = [:]
            for step in 0..<(3 * size) {
                let name = "街道\(Int.random(in: 0..<max(1, size), using: &random))"
                if step % 7 == 6 {
                    noted[name] = nil
                    reference[name] = nil
                } else {
                    noted[name] = Self.at(step)
                    reference[name] = Self.at(step)
                }
                #expect(noted.count == reference.count)
            }
            for name in reference.keys { #expect(noted[name] == reference[name]) }
            #expect(noted["不在其中"] == nil)
            #expect(Dictionary(uniqueKeysWithValues: noted.map { ($0.name, $0.location) }) == reference)
        }
    }

    @Test func keepsTheOrderNamesWereNotedInAndIgnoresItWhenComparing() {
        let first: NameLocations = ["天水市": Self.at(3), "秦州区": Self.at(4)]
        var second = NameLocations()
        second["秦州区"] = Self.at(4)
        second["天水市"] = Self.at(3)
        #expect(first.map(\.name) == ["天水市", "秦州区"])
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        second["天水市"] = Self.at(5)
        #expect(first != second)
    }
}
