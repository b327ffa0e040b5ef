import Testing
@testable import CasebookKit

@Suite struct FrontMatterTests {
    let good = """
    ---
    title: 四方议事会
    date: 2019-11-20
    district: [甘肃省, 天水市]
    mechanisms: [四方议事会]
    outcomes: 充电设施建设
    ---

    正文第一行
    """

    @Test func readsTheRequiredFieldsAndFindsTheBodyLine() throws {
        let (study, diagnostics) = Fixture.caseStudy(good)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(study)
        #expect(parsed.title == "四方议事会")
        #expect(parsed.date == CaseDate(year: 2019, month: 11, day: 20))
        #expect(parsed.district == ["甘肃省", "天水市"])
        #expect(parsed.outcomes == ["充电设施建设"])
        #expect(parsed.slug == "example")
        #expect(parsed.bodyFirstLine == 8)
        #expect(parsed.body.hasPrefix("\n正文第一行"))
        #expect(parsed.mentions["天水市"] == SourceLocation(path: "Content/cases/example.md", line: 4, column: 17))
    }

    @Test func anImpossibleDateIsAnErrorAtItsLineAndColumn() {
        let (study, diagnostics) = Fixture.caseStudy(good.replacingOccurrences(of: "2019-11-20", with: "2019-13-02"))
        #expect(study == nil)
        let error = diagnostics.first { $0.isError }
        #expect(error?.location == SourceLocation(path: "Content/cases/example.md", line: 3, column: 7))
        #expect(error?.message == "'date' must be YYYY-MM-DD, found \"2019-13-02\"")
        #expect(error?.hint == "there is no month 13; dates are written 2019-11-20")
        #expect(error?.description.hasSuffix("    date: 2019-13-02\n          ^\n    hint: there is no month 13; dates are written 2019-11-20") == true)
    }

    @Test func everyMissingRequiredKeyIsReportedInOneRun() {
        let (_, diagnostics) = Fixture.caseStudy("---\ntitle: 只有标题\n---\n")
        let messages = diagnostics.filter(\.isError).map(\.message)
        for key in ["date", "district", "mechanisms", "outcomes"] {
            #expect(messages.contains { $0.hasPrefix("the case has no '\(key)'") })
        }
    }

    @Test func anUnknownKeyIsAWarningThatNamesTheNearestKnownKey() throws {
        let (study, diagnostics) = Fixture.caseStudy(good.replacingOccurrences(of: "---\n\n", with: "sumary: 摘要\n---\n\n"))
        #expect(study != nil)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 7)
        #expect(warning.message == "unknown key 'sumary'")
        #expect(warning.hint == "did you mean 'summary'?")
    }

    @Test func aYAMLSyntaxErrorPointsIntoTheFile() throws {
        let (_, diagnostics) = Fixture.caseStudy("---\ntitle: x\ndistrict: [甘肃省\nmechanisms: [a]\n---\n")
        let error = try #require(diagnostics.first)
        #expect(error.isError)
        #expect(error.message.hasPrefix("YAML syntax"))
        #expect((3...5).contains(error.location?.line ?? 0))
    }

    @Test func aDistrictStringIsSplitOnSlashes() throws {
        let (study, _) = Fixture.caseStudy(good.replacingOccurrences(of: "[甘肃省, 天水市]", with: "甘肃省 / 天水市 / 秦州区"))
        #expect(try #require(study).district == ["甘肃省", "天水市", "秦州区"])
    }

    @Test func figuresMustBeNumbers() {
        let text = good.replacingOccurrences(of: "---\n\n", with: "figures:\n  - label: 充电桩\n    value: 二十\n---\n\n")
        let (study, diagnostics) = Fixture.caseStudy(text)
        #expect(study == nil)
        #expect(diagnostics.contains { $0.message == "a figure's 'value' must be a number, found \"二十\"" && $0.location?.line == 9 })
    }

    @Test func aCaretLinesUpUnderWideCharacters() {
        let diagnostic = Diagnostic.error("x", at: SourceLocation(path: "a.md", line: 1, column: 5), sourceLine: "地区: y")
        #expect(diagnostic.description.hasSuffix("    地区: y\n          ^"))
    }
}

@Suite struct VocabularyTests {
    @Test func aliasesFoldOntoTheirTerm() throws {
        let file = SourceFile(path: "Content/vocabularies/mechanisms.yml", text: """
        - name: 四方议事会
          slug: sifang-yishihui
          aliases: [四方議事會, 四方会议]
          description: 四方商量。
        """)
        let vocabulary = try #require(Vocabulary.read(file, kind: .mechanisms).0)
        #expect(vocabulary.canonicalName("四方議事會") == "四方议事会")
        #expect(vocabulary.canonicalName("别的") == "别的")
        #expect(vocabulary.term(named: "四方会议")?.slug == "sifang-yishihui")
    }

    @Test func aSpellingUsedTwiceIsAnErrorNamingTheFirstLine() {
        let file = SourceFile(path: "Content/vocabularies/mechanisms.yml", text: "- name: 甲\n  aliases: [乙]\n- name: 乙\n")
        let (vocabulary, diagnostics) = Vocabulary.read(file, kind: .mechanisms)
        #expect(vocabulary == nil)
        #expect(diagnostics.first?.message == "'乙' is already a term or alias at line 1")
        #expect(diagnostics.first?.location?.line == 3)
    }

    @Test func aBadSlugIsAnError() {
        let file = SourceFile(path: "v.yml", text: "- name: 甲\n  slug: Not A Slug\n")
        let error = Vocabulary.read(file, kind: .outcomes).1.first
        #expect(error?.message == "'slug' must be lowercase ASCII letters, digits and hyphens, found \"Not A Slug\"")
        #expect(error?.hint == "such as 'not-a-slug'")
    }
}

@Suite struct SlugTests {
    @Test func chineseBecomesReadablePinyin() {
        #expect(Slug.make(from: "四方议事会") == "si-fang-yi-shi-hui")
        #expect(Slug.make(from: "充电桩") == "chong-dian-zhuang")
        // Characters are read one by one, so 银行 comes out as "yin-xing": vocabularies give slugs for such terms.
        #expect(Slug.make(from: "时间银行") == "shi-jian-yin-xing")
        #expect(Slug.make(from: "Time Bank!") == "time-bank")
        #expect(Slug.make(from: "12345热线") == "12345-re-xian")
    }

    @Test func aNameWithNoLettersStillGetsASlug() {
        #expect(!Slug.make(from: "★★").isEmpty)
        #expect(Slug.isValid(Slug.make(from: "★★")))
    }

    @Test func validSlugsAreLowercaseHyphenatedWords() {
        #expect(Slug.isValid("si-fang"))
        #expect(!Slug.isValid("Si-fang"))
        #expect(!Slug.isValid("si--fang"))
        #expect(!Slug.isValid("-si"))
        #expect(!Slug.isValid(""))
    }

    @Test func whiteSpaceIsUnicodesWhiteSpaceForEveryScalar() {
        let differing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter { $0.isWhiteSpace != $0.properties.isWhitespace }
        #expect(differing.map { "U+\(String($0.value, radix: 16))" } == [])
        #expect("\u{3000}标题\u{A0} ".trimmingWhiteSpace == "标题")
        #expect(" \u{2028}\t".trimmingWhiteSpace == "")
    }
}
