import Testing
@testable import CasebookKit

@Suite struct BuildCacheTests {
    /// The cache as written, read back: with no case as with some, its tables come apart as they went in.
    @Test(arguments: [0, 1, 3])
    func aCacheReadsBackWhateverItsNumberOfCases(caseCount: Int) throws {
        let cases = (0..<caseCount).map { number in
            CaseFile(path: "Content/cases/c\(number).md",
                     study: CaseStudy(sourcePath: "Content/cases/c\(number).md", slug: "c\(number)", title: "第\(number)号", date: CaseDate(year: 2020, month: 1, day: 1),
                                      district: ["甘肃省"], mechanisms: ["议事会"], outcomes: [], summary: nil, source: nil, sourceURL: nil, figures: [],
                                      draft: false, body: "", bodyFirstLine: 7, mentions: ["甘肃省": SourceLocation(path: "Content/cases/c\(number).md", line: 4)]),
                     diagnostics: [], isDraft: false)
        }
        let cache = BuildCache(tool: "test", options: "", inputs: [:], generation: OutputGeneration(previous: nil), cases: cases,
                               outputs: ["index.html": .init(fingerprint: 7, warnings: [])], searchOrder: [],
                               reusable: SiteIndex.Reusable(related: (1, []), spellings: (2, ["议事会"])), warnings: [])
        let bytes = cache.encoded(cases: BuildCache.encodedCases(cases), postings: BuildCache.encodedPostings(SearchIndex.Postings()))
            .flatMap { $0 }
        try bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            var read = try BuildCache.decodeHead(&reader)
            try read.decodeTables(&reader)
            #expect(read.cases.map(\.path) == cases.map(\.path))
            #expect(read.cases.map { $0.study?.mentions } == cases.map { $0.study?.mentions })
            #expect(read.outputs["index.html"]?.fingerprint == 7)
            #expect(read.reusable.spellings.simplified == ["议事会"])
        }
    }
}
