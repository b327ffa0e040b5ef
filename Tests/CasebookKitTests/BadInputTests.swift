import Foundation
import Testing
@testable import CasebookKit

/// Every kind of bad input an editor produces, each with its exact message and place.
@Suite struct BadCaseFileTests {
    static let valid = "---\ntitle: 议事会\ndate: 2019-11-20\ndistrict: [甘肃省, 天水市]\nmechanisms: [四方议事会]\noutcomes: [充电设施建设]\n---\n\n正文。\n"

    /// The first diagnostic of reading `text` as `Content/cases/example.md`.
    func first(_ text: String) -> Diagnostic? { first(bytes: Array(text.utf8)) }

    func first(bytes: [UInt8]) -> Diagnostic? {
        CaseStudyReader.read(path: "Content/cases/example.md", bytes: bytes).1.first
    }

    /// The valid case with `key`'s line replaced by `line` (or added before the closing `---`).
    func valid(with line: String, replacing key: String? = nil) -> String {
        var lines = Self.valid.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let key, let index = lines.firstIndex(where: { $0.hasPrefix("\(key):") }) {
            lines[index] = line
        } else {
            lines.insert(line, at: 6)
        }
        return lines.joined(separator: "\n")
    }

    func expect(_ diagnostic: Diagnostic?, _ severity: Diagnostic.Severity = .error, line: Int, column: Int,
                _ message: String, hint: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(diagnostic?.severity == severity, sourceLocation: sourceLocation)
        #expect(diagnostic?.location == CasebookKit.SourceLocation(path: "Content/cases/example.md", line: line, column: column),
                sourceLocation: sourceLocation)
        #expect(diagnostic?.message == message, sourceLocation: sourceLocation)
        if let hint { #expect(diagnostic?.hint == hint, sourceLocation: sourceLocation) }
        #expect(diagnostic.map(Fixture.untranslated) == [], "said in English in Chinese", sourceLocation: sourceLocation)
    }

    // MARK: front matter

    @Test func frontMatterMissing() {
        expect(first("# 只有正文\n\n没有前置信息。\n"), line: 1, column: 1, "the file has no front matter")
    }

    @Test func frontMatterUnterminated() {
        expect(first("---\ntitle: 议事会\ndate: 2019-11-20\n\n正文。\n"), line: 1, column: 1,
               "the front matter opened on line 1 is never closed",
               hint: "add a line with only '---' after the last `key: value` line")
    }

    @Test func frontMatterNotAtTheTop() {
        expect(first("从网页复制的一行\n\n" + Self.valid), line: 3, column: 1,
               "the front matter must start on the first line, but its '---' is on line 3")
    }

    @Test func yamlSyntaxErrorNamesTheProblemAndWhereItsConstructBegan() {
        expect(first("---\ntitle: \"未闭合\ndate: 2019-11-20\n---\n"), line: 4, column: 1,
               "YAML syntax: found unexpected end of stream, while scanning a quoted scalar that began on line 2, column 8",
               hint: "a quote or bracket is opened and never closed")
        expect(first(valid(with: "title: 议事: 会", replacing: "title")), line: 2, column: 10,
               "YAML syntax: mapping values are not allowed in this context",
               hint: "a value that contains ': ' must be put in quotes")
    }

    @Test func tabsUsedForIndentation() {
        expect(first(valid(with: "figures:\n\t- label: 充电桩\n\t  value: 20")), line: 8, column: 1,
               "a tab is used to indent this line; YAML indents with spaces only", hint: "replace the tab with spaces")
    }

    // MARK: fields

    @Test func aRequiredFieldMissingOrEmpty() {
        expect(first(valid(with: "", replacing: "district")), line: 2, column: 1, "the case has no 'district'",
               hint: "every case needs title, date, district, mechanisms, outcomes in its front matter")
        expect(first(valid(with: "title: \"\"", replacing: "title")), line: 2, column: 8, "'title' is empty")
        expect(first(valid(with: "title:", replacing: "title")), line: 2, column: 7, "'title' is empty")
        expect(first(valid(with: "outcomes: []", replacing: "outcomes")), line: 6, column: 11, "'outcomes' is empty")
    }

    @Test func aFieldOfTheWrongType() {
        expect(first(valid(with: "mechanisms: {四方议事会: 是}", replacing: "mechanisms")), line: 5, column: 13,
               "'mechanisms' must be a list, found a mapping (key: value lines)")
        expect(first(valid(with: "title: 2019", replacing: "title")), line: 2, column: 8,
               "'title' must be text, found the number 2019", hint: "put it in quotes (\"2019\") if the number is meant as text")
        expect(first(valid(with: "title: [甲, 乙]", replacing: "title")), line: 2, column: 8, "'title' must be text, found a list")
        #expect(CaseStudyReader.read(path: "x.md", bytes: Array(valid(with: "title: \"2019\"", replacing: "title").utf8)).0?.title == "2019")
    }

    @Test func aDateThatIsNotARealDay() {
        expect(first(valid(with: "date: 2019年11月20日", replacing: "date")), line: 3, column: 7,
               "'date' must be YYYY-MM-DD, found \"2019年11月20日\"", hint: "write it as 2019-11-20")
        expect(first(valid(with: "date: 2019-02-29", replacing: "date")), line: 3, column: 7,
               "'date' must be YYYY-MM-DD, found \"2019-02-29\"", hint: "2019-02 has only 28 days")
        expect(first(valid(with: "date: 2019-13-02", replacing: "date")), line: 3, column: 7,
               "'date' must be YYYY-MM-DD, found \"2019-13-02\"", hint: "there is no month 13; dates are written 2019-11-20")
        expect(first(valid(with: "date: 4月12日", replacing: "date")), line: 3, column: 7,
               "'date' must be YYYY-MM-DD, found \"4月12日\"", hint: "the year is needed too: dates are written 2019-11-20")
        #expect(CaseStudyReader.read(path: "x.md", bytes: Array(valid(with: "date: 2020-02-29", replacing: "date").utf8)).0 != nil)
    }

    @Test func aDateWhoseYearIsOutOfRange() {
        expect(first(valid(with: "date: 9223372036854775807-01-01", replacing: "date")), line: 3, column: 7,
               "'date' must be YYYY-MM-DD, found \"9223372036854775807-01-01\"",
               hint: "the year 9223372036854775807 is out of range: a year has four digits, as in 2019-11-20")
    }

    @Test func aFigureWrittenWithLettersIsNotANumber() {
        for value in ["nan", "inf", "-Infinity", "0x1F", "2E3", "1e3"] {
            expect(first(valid(with: "figures:\n  - label: 充电桩\n    value: \(value)")), line: 9, column: 12,
                   "a figure's 'value' must be a number, found \"\(value)\"")
        }
    }

    @Test func aFigureTooLargeToShow() {
        expect(first(valid(with: "figures:\n  - label: 充电桩\n    value: 1e999")), line: 9, column: 12,
               "a figure's 'value' must be a number, found \"1e999\"")
        expect(first(valid(with: "figures:\n  - label: 充电桩\n    before: 1\(String(repeating: "0", count: 309))\n    value: 3")), line: 9, column: 13,
               "a figure's 'before' is too large to show: a number of 310 characters")
    }

    @Test func oneCaseHoldsAtMostSoMuch() {
        let names = (1...21).map { "机制\($0)" }.joined(separator: ", ")
        expect(first(valid(with: "mechanisms: [\(names)]", replacing: "mechanisms")), line: 5, column: 13,
               "'mechanisms' has 21 names, more than the 20 allowed", hint: "keep the ones that matter most for this case")
        expect(first(valid(with: "district: 省/市/区/街道/社区/小区/楼栋", replacing: "district")), line: 4, column: 11,
               "'district' has 7 levels, more than the 6 allowed", hint: "list the places from the province down: 省, 市, 区, 街道, 社区")
        let long = String(repeating: "长", count: 101)
        expect(first(valid(with: "outcomes: [成效, \(long)]", replacing: "outcomes")), line: 6, column: 16,
               "the name '长长长长长长长长长长长长…' has 101 characters, more than the 100 allowed")
        expect(first(valid(with: "title: \(String(repeating: "题", count: 101))", replacing: "title")), line: 2, column: 8,
               "'title' has 101 characters, more than the 100 allowed")
        expect(first(valid(with: "summary: \(String(repeating: "述", count: 301))")), line: 7, column: 10,
               "'summary' has 301 characters, more than the 300 allowed")
        let figures = (1...21).map { "  - label: 数\($0)\n    value: \($0)" }.joined(separator: "\n")
        expect(first(valid(with: "figures:\n\(figures)")), line: 8, column: 3, "'figures' has 21 figures, more than the 20 allowed")
        let slug = String(repeating: "ab-", count: 100) + "c"
        expect(first(valid(with: "slug: \(slug)")), line: 7, column: 7, "'slug' has 301 characters, more than the 100 allowed",
               hint: "such as '\(String(repeating: "ab-", count: 32))ab'")
        // At the limits a case is read.
        let atLimits = valid(with: "district: [\((1...6).map { String(repeating: "区", count: 99) + "\($0)" }.joined(separator: ", "))]", replacing: "district")
        #expect(CaseStudyReader.read(path: "x.md", bytes: Array(atLimits.utf8)).0 != nil)
    }

    @Test func aListOfAHundredThousandNamesIsRefusedQuickly() {
        let names = (1...100_000).map { "机制\($0)" }.joined(separator: ", ")
        let started = Date()
        expect(first(valid(with: "mechanisms: [\(names)]", replacing: "mechanisms")), line: 5, column: 13,
               "'mechanisms' has 100000 names, more than the 20 allowed")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func anUnknownKeyIsAWarningWithTheNearestKey() {
        expect(first(valid(with: "mechanism: [四方议事会]", replacing: "mechanisms")), .warning, line: 5, column: 1,
               "unknown key 'mechanism'", hint: "did you mean 'mechanisms'?")
    }

    @Test func slugsThatAreNotSafePathNames() {
        for (slug, suggestion) in [("../x", "x"), ("/etc", "etc"), ("a b", "a-b"), ("中文", "zhong-wen")] {
            expect(first(valid(with: "slug: \(slug)")), line: 7, column: 7,
                   "'slug' must be lowercase ASCII letters, digits and hyphens, found \"\(slug)\"", hint: "such as '\(suggestion)'")
        }
    }

    @Test func sourceURLAndFiguresOfTheWrongShape() {
        expect(first(valid(with: "source_url: javascript:alert(1)")), line: 7, column: 13,
               "'source_url' must be an http:// or https:// address, found \"javascript:alert(1)\"")
        expect(first(valid(with: "source_url: https://exa mple.org")), line: 7, column: 13,
               "'source_url' is not a well-formed web address, found \"https://exa mple.org\"")
        expect(first(valid(with: "figures: 20")), line: 7, column: 10, "'figures' must be a list")
        expect(first(valid(with: "figures:\n  - label: 充电桩\n    value: 20个")), line: 9, column: 12,
               "a figure's 'value' must be a number, found \"20个\"")
        expect(first(valid(with: "figures:\n  - value: 3")), line: 8, column: 5, "a figure needs a 'label'")
    }

    // MARK: encodings and file kinds

    @Test func aFileThatIsNotUTF8NamesTheByteAndSuggestsGB18030() {
        let gbk: [UInt8] = Array("---\ntitle: ".utf8) + [0xD6, 0xD0, 0xCE, 0xC4] + Array("\n---\n".utf8)
        let diagnostic = first(bytes: gbk)
        expect(diagnostic, line: 2, column: 8,
               "this file is not UTF-8 text: byte 11 (0xD6) cannot start or continue a UTF-8 character")
        #expect(diagnostic?.hint?.contains("GBK/GB18030") == true)
        #expect(diagnostic?.hint?.contains("iconv -f GB18030 -t UTF-8 example.md") == true)
    }

    @Test func anEmptyFile() {
        expect(first(""), line: 1, column: 1, "the file is empty")
        expect(first("\n  \n"), line: 1, column: 1, "the file is empty")
    }

    @Test func binaryFilesSayWhatTheyAre() {
        expect(first(bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]), line: 1, column: 1,
               "this is a Word (.docx) document or another ZIP archive, not a text file")
        expect(first(bytes: Array("%PDF-1.7\n".utf8)), line: 1, column: 1, "this is a PDF document, not a text file")
        expect(first(bytes: Array("---\n".utf8) + [0, 1, 2]), line: 1, column: 1, "this is a binary file (byte 4 is zero), not a text file")
    }

    @Test func aByteOrderMarkAndCRLFLineEndingsAreAccepted() throws {
        let text = "\u{FEFF}" + Self.valid.replacingOccurrences(of: "\n", with: "\r\n")
        let (study, diagnostics) = CaseStudyReader.read(path: "Content/cases/example.md", bytes: Array(text.utf8))
        #expect(diagnostics.isEmpty)
        let parsed = try #require(study)
        #expect(parsed.title == "议事会")
        #expect(parsed.bodyFirstLine == 8)
        #expect(!parsed.body.contains("\r"))
        let broken = "\u{FEFF}" + valid(with: "date: 2019-13-02", replacing: "date").replacingOccurrences(of: "\n", with: "\r\n")
        expect(first(broken), line: 3, column: 7, "'date' must be YYYY-MM-DD, found \"2019-13-02\"")
    }

    // MARK: hostile YAML

    @Test func anchorsAndAliasesAreRefused() {
        expect(first(valid(with: "title: &t 议事会", replacing: "title")), line: 2, column: 8,
               "YAML anchors (&name) are not accepted here")
        expect(first(valid(with: "outcomes: *t", replacing: "outcomes")), line: 6, column: 11,
               "YAML aliases (*name) are not accepted here")
        // Inside text, & and * are only characters.
        let (study, _) = CaseStudyReader.read(path: "x.md", bytes: Array(valid(with: "summary: 甲 & 乙 *重点* \"&x\"").utf8))
        #expect(study?.summary == "甲 & 乙 *重点* \"&x\"")
    }

    @Test func aBillionLaughsIsRefusedAtOnce() {
        var yaml = "---\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            yaml += "\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 9).joined(separator: ", "))]\n"
        }
        expect(first(yaml + "---\n"), line: 2, column: 4, "YAML anchors (&name) are not accepted here")
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let brackets = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        expect(first("---\ntitle: x\nextra: \(brackets)\n---\n"), line: 3, column: 27, "values are nested more than 20 levels deep")
        let dashes = (0..<30).map { String(repeating: " ", count: $0 * 2) + "-" }.joined(separator: "\n")
        expect(first("---\nextra:\n\(dashes) x\n---\n"), line: 22, column: 39, "values are nested more than 20 levels deep")
    }

    @Test func aFileOverTheSizeLimitIsRefusedUnread() {
        let bytes = Array(Self.valid.utf8) + Array(repeating: UInt8(ascii: "x"), count: SourceReader.sizeLimit)
        expect(first(bytes: bytes), line: 1, column: 1,
               "this file is 5,243,027 bytes; Casebook reads files of at most 5,242,880 bytes (5 MB)")
    }

    @Test func aFileOneByteOverTheLimitSaysItsSizeAndTheLimitExactly() throws {
        let bytes = Array(repeating: UInt8(ascii: "x"), count: SourceReader.sizeLimit + 1)
        expect(first(bytes: bytes), line: 1, column: 1,
               "this file is 5,242,881 bytes; Casebook reads files of at most 5,242,880 bytes (5 MB)",
               hint: "split the case, or move large material to Content/media/")
        let root = try Fixture.site("basic")
        try Data(bytes).write(to: root.appendingPathComponent("Content/cases/large.md"))
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.location == CasebookKit.SourceLocation(path: "Content/cases/large.md", line: 1)
            && $0.message == "this file is 5,242,881 bytes; Casebook reads files of at most 5,242,880 bytes (5 MB)" })
    }
}

/// Bad input found across files: vocabularies, settings, templates, links, media and links out of the site.
@Suite struct BadSiteTests {
    func failure(_ root: URL) throws -> [Diagnostic] {
        try #require(Fixture.buildFailure(SiteBuilder(root: root)))
    }

    func has(_ diagnostics: [Diagnostic], _ path: String, _ line: Int, _ column: Int, _ message: String,
             severity: Diagnostic.Severity = .error, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = diagnostics.first { $0.severity == severity && $0.message == message
                && $0.location == CasebookKit.SourceLocation(path: path, line: line, column: column) }
        #expect(found != nil, "no \(severity) '\(message)' at \(path):\(line):\(column) in \(diagnostics)", sourceLocation: sourceLocation)
        #expect(found.map(Fixture.untranslated) ?? [] == [], "said in English in Chinese", sourceLocation: sourceLocation)
    }

    @Test func twoCasesWithTheSameSlug() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "title:", with: "slug: charging\ntitle:"), to: "Content/cases/louzhang.md", in: root)
        has(try failure(root), "Content/cases/louzhang.md", 1, 1,
            "this case has the slug 'charging', which Content/cases/charging.md already has; give one of them another 'slug'")
    }

    @Test func aSlugThatWouldReplaceAPageCasebookMakesIsRefusedAtItsLine() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "title:", with: "slug: index\ntitle:"), to: "Content/cases/louzhang.md", in: root)
        let message = "'slug' cannot be 'index': every folder keeps that name for its overview page"
        has(try failure(root), "Content/cases/louzhang.md", 2, 7, message)
        #expect(throws: BuildFailure.self) { try SiteBuilder(root: root).check() }
        #expect(!Fixture.exists("Public", in: root))

        try Fixture.write(text, to: "Content/cases/louzhang.md", in: root)
        try Fixture.write("- name: 时间银行\n  slug: index\n", to: "Content/vocabularies/mechanisms.yml", in: root)
        try Fixture.write("- name: 甘肃省\n  slug: index\n", to: "Content/vocabularies/districts.yml", in: root)
        let page = try Fixture.read("Content/pages/about.md", in: root)
        try Fixture.write(page.replacingOccurrences(of: "title:", with: "slug: index\ntitle:"), to: "Content/pages/about.md", in: root)
        let diagnostics = try failure(root)
        has(diagnostics, "Content/vocabularies/mechanisms.yml", 2, 9, message)
        has(diagnostics, "Content/vocabularies/districts.yml", 2, 9, message)
        has(diagnostics, "Content/pages/about.md", 2, 7, message)
    }

    @Test func aFileNameThatWouldReplaceAPageCasebookMakesIsRefused() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.moveItem(at: root.appendingPathComponent("Content/cases/louzhang.md"),
                                         to: root.appendingPathComponent("Content/cases/index.md"))
        let diagnostics = try failure(root)
        has(diagnostics, "Content/cases/index.md", 1, 1,
            "the file name gives this case the page name 'index', which every folder keeps for its overview page")
        #expect(diagnostics.first { $0.location?.path == "Content/cases/index.md" }?.hint == "rename the file, or give the case another 'slug'")
        let text = try Fixture.read("Content/cases/index.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "title:", with: "slug: louzhang\ntitle:"), to: "Content/cases/index.md", in: root)
        try SiteBuilder(root: root).build()
        let list = try Fixture.read("Public/cases/index.html", in: root)
        #expect(list.contains("党员楼长") && list.contains("四方议事会装充电桩"))
    }

    @Test func everyPageCasebookMakesItselfHasANameNoSlugCanTake() throws {
        let root = try Fixture.site("basic")
        let (content, _) = try ContentLoader.load(root: root, languages: UIStrings.available(theme: SiteTheme(root: root)), includeDrafts: false)
        let site = SiteRenderer(content: content, index: SiteIndex.build(content).0, templates: try #require(TemplateSet.load(theme: SiteTheme(root: root)).0),
                                strings: try #require(UIStrings.load(theme: SiteTheme(root: root), language: "zh-Hans").0))
        let own = site.pages(searchShards: 1).filter { !($0 is CasePage || $0 is TermPage || $0 is DistrictPage || $0 is TextPage) }
        #expect(own.count >= 8)
        for page in own {
            // At the root no page is named by a slug; in a folder, Casebook's own page takes the reserved name.
            #expect(!page.path.contains("/") || page.path.hasSuffix("/\(Slug.reserved).html"), "\(page.path)")
        }
    }

    @Test func whatWouldFailTheBuildFailsTheCheckWithItsLine() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        let levels = (1...300).map { "级\($0)" }.joined(separator: "/")
        try Fixture.write(text.replacingOccurrences(of: "title:", with: "slug: \(String(repeating: "a", count: 300))\ntitle:")
            .replacingOccurrences(of: "district: 甘肃省/天水市/秦州区/大城街道", with: "district: \(levels)"),
                          to: "Content/cases/louzhang.md", in: root)
        try Fixture.write("- name: \(String(repeating: "机", count: 200))\n", to: "Content/vocabularies/mechanisms.yml", in: root)
        let mechanisms = (1...5000).map { "机制\($0)" }.joined(separator: ", ")
        let charging = try Fixture.read("Content/cases/charging.md", in: root)
        try Fixture.write(charging.replacingOccurrences(of: "mechanisms: [四方議事會]", with: "mechanisms: [\(mechanisms)]"),
                          to: "Content/cases/charging.md", in: root)
        let failure = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        let checked: [Diagnostic]
        do {
            try SiteBuilder(root: root).check()
            checked = []
        } catch {
            checked = error.diagnostics
        }
        for diagnostics in [failure, checked] {
            has(diagnostics, "Content/cases/louzhang.md", 2, 7, "'slug' has 300 characters, more than the 100 allowed")
            has(diagnostics, "Content/cases/louzhang.md", 5, 11, "'district' has 300 levels, more than the 6 allowed")
            has(diagnostics, "Content/vocabularies/mechanisms.yml", 1, 9,
                "the name '机机机机机机机机机机机机…' has 200 characters, more than the 100 allowed")
            has(diagnostics, "Content/cases/charging.md", 5, 13, "'mechanisms' has 5000 names, more than the 20 allowed")
        }
        #expect(!Fixture.exists("Public", in: root))
    }

    @Test func aMediaFileWhoseNameIsTooLongForTheOutputFailsTheCheck() throws {
        let root = try Fixture.site("basic")
        let name = String(repeating: "p", count: 240) + ".jpg"
        try Fixture.write("照片", to: "Content/media/\(name)", in: root)
        let message = "this file cannot be copied into the site: the name 'pppppppppppppppp…' has 244 bytes, more than the 200 a file of the site may have"
        do {
            try SiteBuilder(root: root).check()
            Issue.record("the check passed")
        } catch {
            has(error.diagnostics, "Content/media/\(name)", 1, 1, message)
        }
        has(try failure(root), "Content/media/\(name)", 1, 1, message)
    }

    @Test func namesAtTheirLongestStillNameFilesThatCanBeWritten() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        let places = (1...6).map { level in String(repeating: "长", count: 99) + "\(level)" }
        try Fixture.write(text.replacingOccurrences(of: "district: 甘肃省/天水市/秦州区/大城街道", with: "district: [\(places.joined(separator: ", "))]")
            .replacingOccurrences(of: "mechanisms: [党员楼长, 时间银行]", with: "mechanisms: [\(String(repeating: "楼", count: 100))]"),
                          to: "Content/cases/louzhang.md", in: root)
        try SiteBuilder(root: root).build()
        let pages = Fixture.filesBelow(root.appendingPathComponent("Public"))
        let deepest = try #require(pages.filter { $0.hasPrefix("districts/") }.max { $0.count < $1.count })
        #expect(deepest.split(separator: "/").count == 7)
        #expect(pages.allSatisfy { $0.split(separator: "/").allSatisfy { $0.utf8.count <= SitePath.fileNameLimit } })
        #expect(pages.contains("mechanisms/\(Array(repeating: "lou", count: 25).joined(separator: "-")).html"))
    }

    @Test func twoTermsWithTheSameSlug() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("- name: 时间银行\n  slug: shijian-yinhang\n- name: 四方议事会\n  slug: shijian-yinhang\n",
                          to: "Content/vocabularies/mechanisms.yml", in: root)
        has(try failure(root), "Content/vocabularies/mechanisms.yml", 3, 3,
            "the slug 'shijian-yinhang' is already the slug of '时间银行' at line 1")
    }

    @Test func aTermInTraditionalAndSimplifiedWithoutAnAlias() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "outcomes: [", with: "outcomes: [充電設施建設, "), to: "Content/cases/louzhang.md", in: root)
        let warnings = try SiteBuilder(root: root).build().warnings
        let warning = try #require(warnings.first { $0.message.hasPrefix("outcome '充電設施建設' and") })
        #expect(warning.message == "outcome '充電設施建設' and '充电设施建设' differ only in Traditional and Simplified characters, but are filed as two terms")
        #expect(warning.hint == "add `aliases: [充電設施建設]` to '充电设施建设' in Content/vocabularies/outcomes.yml")
        #expect(warning.location?.path == "Content/cases/louzhang.md")
        #expect(warning.sourceLine?.contains("充電設施建設") == true)
    }

    @Test func aLinkToAMissingCaseAndAMissingImage() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text + "\n见[别处](gone.md)。\n\n![照片](../media/missing.jpg)\n", to: "Content/cases/louzhang.md", in: root)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let diagnostics = try failure(root)
        has(diagnostics, "Content/cases/louzhang.md", lines + 1, 2,
            "the link to 'gone.md' names no published case in Content/cases/ or page in Content/pages/")
        has(diagnostics, "Content/cases/louzhang.md", lines + 3, 1, "the image '../media/missing.jpg' is not in Content/media/")
    }

    @Test func aMissingOrMalformedSiteYml() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/site.yml"))
        has(try failure(root), "Content/site.yml", 1, 1, "the site settings file is missing")
        try Fixture.write("title: [未闭合\n", to: "Content/site.yml", in: root)
        #expect(try failure(root).contains { $0.location?.path == "Content/site.yml" && $0.message.hasPrefix("YAML syntax: ") })
        try Fixture.write("- title: 列表\n", to: "Content/site.yml", in: root)
        has(try failure(root), "Content/site.yml", 1, 1, "site.yml must be a mapping of `key: value` lines")
    }

    @Test func aMalformedVocabulary() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("name: 不是列表\n", to: "Content/vocabularies/outcomes.yml", in: root)
        has(try failure(root), "Content/vocabularies/outcomes.yml", 1, 1, "a vocabulary is a list of terms, each starting with '- name: …'")
        try Fixture.write("- name: 甲\n  aliases: {乙: 丙}\n", to: "Content/vocabularies/outcomes.yml", in: root)
        has(try failure(root), "Content/vocabularies/outcomes.yml", 2, 12, "'aliases' must be a list, found a mapping (key: value lines)")
    }

    @Test func aTemplateSyntaxErrorNamesItsLine() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("<p>\n{{#page}}\n{{/wrong}}\n", to: "Templates/page.mustache", in: root)
        let diagnostic = try #require(try failure(root).first { $0.location?.path == "Templates/page.mustache" })
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.message.hasPrefix("template syntax: "))
    }

    /// A site with no templates of its own builds with the built-in theme.
    @Test func noTemplatesOfItsOwn() throws {
        let root = try Fixture.site("basic")
        #expect(!Fixture.exists("Templates", in: root))
        try SiteBuilder(root: root).build()
        #expect(Fixture.exists("Public/cases/charging.html", in: root) && Fixture.exists("Public/assets/casebook.css", in: root))
    }

    @Test func aMissingInterfaceString() throws {
        let root = try Fixture.site("basic")
        let page = try #require(BuiltinTheme.files["404.mustache"])
        try Fixture.write(page + "{{t.no_such_key}}\n", to: "Templates/404.mustache", in: root)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).count
        has(try failure(root), "Templates/404.mustache", lines, 1,
            "the template uses the interface string 'no_such_key', which strings/zh-Hans.yml does not define")
    }

    @Test func aSymbolicLinkOutOfTheSiteIsNeverFollowed() throws {
        let root = try Fixture.site("basic")
        let outside = try Fixture.scratchFolder().appendingPathComponent("secret.md")
        try "---\ntitle: 外面\n---\n".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Content/cases/secret.md"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Content/media/passwd"),
                                                   withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        let diagnostics = try failure(root)
        let message = "this is a symbolic link to a place outside the site folder; Casebook does not follow it"
        has(diagnostics, "Content/cases/secret.md", 1, 1, message)
        has(diagnostics, "Content/media/passwd", 1, 1, message)
        #expect(!Fixture.exists("Public", in: root))
    }

    @Test func aTemplatesFolderLinkedFromOutsideIsOneErrorNotEveryTemplateMissing() throws {
        let root = try Fixture.site("basic")
        let outside = try Fixture.scratchFolder().appendingPathComponent("theme")
        try Fixture.write("<p>{{title}}</p>\n", to: "page.mustache", in: outside)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Templates"), withDestinationURL: outside)
        let diagnostics = try failure(root)
        #expect(diagnostics.filter(\.isError).count == 1)
        has(diagnostics, "Templates", 1, 1, "this is a symbolic link to a place outside the site folder; Casebook does not follow it")
    }

    @Test func aSymbolicLinkInsideTheSiteIsRead() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.moveItem(at: root.appendingPathComponent("Content/media/photo.txt"), to: root.appendingPathComponent("photo.txt"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("Content/media/photo.txt").path, withDestinationPath: "../../photo.txt")
        try SiteBuilder(root: root).build()
        var status = stat()
        #expect(lstat(root.appendingPathComponent("Public/media/photo.txt").path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG)
    }
}
