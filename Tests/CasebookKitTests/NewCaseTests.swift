import Foundation
import Testing
@testable import CasebookKit

@Suite struct NewCaseTests {
    let today = CaseDate(year: 2026, month: 11, day: 21)

    private func vocabularies(_ root: URL) -> [IndexKind: Vocabulary] {
        ContentLoader.loadVocabularies(root: root).0
    }

    @Test func writesACompleteDraftNamedAfterTheTitlesPinyin() throws {
        let root = try Fixture.site("basic")
        let (draft, warnings) = NewCase.draft(title: "四方议事会解决充电难", district: ["甘肃省", "天水市"],
                                              mechanisms: ["四方议事会"], outcomes: [], date: today,
                                              vocabularies: vocabularies(root))
        #expect(warnings.isEmpty)
        let path = try draft.write(root: root, slug: CaseDraft.slug(for: draft.title))
        #expect(path == "Content/cases/si-fang-yi-shi-hui-jie-jue-chong-dian-nan.md")

        let text = try Fixture.read(path, in: root)
        #expect(text.hasPrefix("---\ntitle: 四方议事会解决充电难\ndate: 2026-11-21\ndistrict: [甘肃省, 天水市]\nmechanisms: [四方议事会]\n# 成效："))
        #expect(text.contains("\noutcomes: []\n"))
        #expect(text.contains("\n# summary: （可选）"))
        #expect(text.contains("\ndraft: true\n---\n\n## 问题\n"))

        // It reads back as a case, except for the list left to fill in.
        let (_, diagnostics) = Fixture.caseStudy(text, path: path)
        #expect(diagnostics.map(\.message) == ["'outcomes' is empty"])
        #expect(diagnostics.first?.location?.line == 7)
    }

    @Test func filledInDraftReadsBackExactly() throws {
        let (draft, _) = NewCase.draft(title: "Time bank: 2019", district: ["甘肃省"], mechanisms: ["时间银行"],
                                       outcomes: ["志愿服务壮大"], date: today, vocabularies: [:])
        let (study, diagnostics) = Fixture.caseStudy(draft.text)
        #expect(diagnostics.isEmpty)
        #expect(study?.title == "Time bank: 2019")
        #expect(study?.date == today)
        #expect(study?.district == ["甘肃省"])
        #expect(study?.draft == true)
    }

    @Test func neverReplacesAnExistingCase() throws {
        let root = try Fixture.site("basic")
        let before = try Fixture.read("Content/cases/time-bank.md", in: root)
        let (draft, _) = NewCase.draft(title: "Time bank", district: [], mechanisms: [], outcomes: [], date: today, vocabularies: [:])
        #expect(CaseDraft.slug(for: "Time bank") == "time-bank")
        #expect(throws: Diagnostic.self) { try draft.write(root: root, slug: "time-bank") }
        do {
            _ = try draft.write(root: root, slug: "time-bank")
        } catch {
            #expect(error.message == "Content/cases/time-bank.md already exists; nothing was written")
            #expect(error.hint == "choose another name with --slug, or edit the existing file")
        }
        #expect(try Fixture.read("Content/cases/time-bank.md", in: root) == before)
    }

    /// What a build would refuse, `new` refuses before it writes: a reserved or overlong slug, a
    /// title or district longer than a case may have.
    @Test func aDraftThatABuildWouldRefuseIsNotWritten() throws {
        let root = try Fixture.site("basic")
        let (draft, _) = NewCase.draft(title: "测试", district: [], mechanisms: [], outcomes: [], date: today, vocabularies: [:])
        for (slug, message) in [("index", "'index' cannot be a case's slug: every folder keeps that name for its overview page"),
                                (String(repeating: "a", count: 101), "the slug has 101 characters, more than the 100 allowed")] {
            #expect(throws: Diagnostic.error(Message(stringLiteral: message), hint: slug == "index" ? "choose another name with --slug" : "choose a shorter name with --slug")) {
                try draft.write(root: root, slug: slug)
            }
        }
        let (_, long) = NewCase.draft(title: String(repeating: "长", count: 101), district: Array(repeating: "某地", count: 7),
                                      mechanisms: [], outcomes: [], date: today, vocabularies: [:])
        #expect(long.filter(\.isError).map(\.message) == ["the title has 101 characters, more than the 100 allowed",
                                                           "the district has 7 levels, more than the 6 allowed"])
        #expect(!Fixture.exists("Content/cases/index.md", in: root))
    }

    @Test func aFolderThatIsNotASiteGetsNothing() throws {
        let folder = try Fixture.scratchFolder()
        let (draft, _) = NewCase.draft(title: "x", district: [], mechanisms: [], outcomes: [], date: today, vocabularies: [:])
        #expect(throws: Diagnostic.error("there is no Content/ folder here", at: SourceLocation(path: "Content", line: 1),
                                         hint: "run casebook in the site's folder, or name it with --root")) {
            try draft.write(root: folder, slug: "x")
        }
        #expect(Fixture.filesBelow(folder).isEmpty)
    }

    @Test func onlyTheCaseFileIsLeftBehind() throws {
        let root = try Fixture.site("basic")
        let before = Fixture.filesBelow(root.appendingPathComponent("Content/cases"))
        let (draft, _) = NewCase.draft(title: "新案例", district: [], mechanisms: [], outcomes: [], date: today, vocabularies: [:])
        _ = try draft.write(root: root, slug: "xin-an-li")
        #expect(Fixture.filesBelow(root.appendingPathComponent("Content/cases")) == (before + ["xin-an-li.md"]).sorted())
        #expect(try Fixture.read("Content/cases/xin-an-li.md", in: root) == draft.text)
    }

    @Test func unknownTermsAreWarningsWithTheNearestSpelling() throws {
        let root = try Fixture.site("basic")
        let vocabularies = vocabularies(root)
        let known = try #require(vocabularies[.mechanisms]?.terms.first?.name)
        let typo = String(known.dropLast()) + "x"
        let (_, warnings) = NewCase.draft(title: "x", district: [], mechanisms: [typo], outcomes: [], date: today, vocabularies: vocabularies)
        #expect(warnings.map(\.message) == ["mechanism '\(typo)' is not in Content/vocabularies/mechanisms.yml"])
        #expect(warnings.first?.hint == "did you mean '\(known)'?")
    }

    @Test func longTitlesGiveSlugsCutAtASyllable() {
        let slug = CaseDraft.slug(for: "黄石港区各个小区把楼道治理从一处试点推广到全区的做法和经验总结")
        #expect(slug.count <= 60)
        #expect(Slug.isValid(slug))
        #expect(slug.hasPrefix("huang-shi-gang-qu-"))
        #expect(!slug.hasSuffix("-"))
    }

    @Test(arguments: ["2019", "true", "null", "~", "a: b", "#1 社区", "- 列表", " 前后空格 ", "[方括号]", "引号\"和\\反斜杠",
                      "冒号结尾:", "{x}", "@人", "`码`", "1.5", "甲, 乙", "换\n行", "12345热线"])
    func titlesAndTermsSurviveTheRoundTrip(_ text: String) throws {
        var draft = CaseDraft(title: text, date: today)
        draft.district = [text, "天水市"]
        draft.mechanisms = [text]
        draft.outcomes = ["成效"]
        draft.source = text
        let (study, diagnostics) = Fixture.caseStudy(draft.text)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(diagnostics.filter(\.isError).isEmpty, "\(diagnostics)")
        #expect(study?.title == trimmed)
        #expect(study?.mechanisms == [trimmed])
        #expect(study?.district.first == trimmed)
        #expect(study?.source == trimmed)
    }
}

@Suite struct DraftTests {
    @Test func anUnfinishedDraftDoesNotStopTheBuildButIsCheckedWithDrafts() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("---\ntitle: 未写完\ndate: \"\"\ndistrict: []\nmechanisms: []\noutcomes: []\ndraft: true\n---\n",
                          to: "Content/cases/zz-unfinished-draft.md", in: root)
        let output = root.appendingPathComponent("Public")
        #expect(Fixture.buildFailure(SiteBuilder(root: root, output: output, includeDrafts: false)) == nil)
        #expect(!Fixture.exists("cases/zz-unfinished-draft.html", in: output))

        let errors = try #require(Fixture.buildFailure(SiteBuilder(root: root, includeDrafts: true)))
        #expect(errors.filter { $0.location?.path == "Content/cases/zz-unfinished-draft.md" }.map(\.location!.line) == [3, 4, 5, 6])
    }

    /// A site whose only new case is a draft must not just say "built 0 cases": build and check
    /// say how many drafts they left out, also when nothing changed, and how to include them.
    @Test func buildAndCheckSayHowManyDraftsTheyLeftOut() throws {
        let root = try Fixture.site("basic")
        let drafts = try SiteBuilder(root: root).check().notes.draftsLeftOut
        #expect(drafts == 1, "the fixture's own draft")
        for name in ["zz-one", "zz-two"] {
            try Fixture.write("---\ntitle: 未写完\ndraft: true\n---\n", to: "Content/cases/\(name).md", in: root)
        }
        #expect(try SiteBuilder(root: root).build().notes.draftsLeftOut == 3)
        #expect(try SiteBuilder(root: root).build().notes.draftsLeftOut == 3, "nothing changed")
        #expect(try SiteBuilder(root: root).check().notes.draftsLeftOut == 3)
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/cases/zz-two.md"))
        let built = try Fixture.runBuild(root)
        #expect(built.status == 0)
        #expect(built.output.contains("left out 2 drafts (marked draft: true); --drafts includes them"), "\(built.output)")
        #expect(!built.output.contains("draft: true; ") && !built.output.contains("warning: 2 drafts"))
    }

    @Test func aDraftWhoseFrontMatterIsBrokenIsStillAnError() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("---\ntitle: [未闭合\ndraft: true\n---\n", to: "Content/cases/zz-broken.md", in: root)
        let errors = try #require(Fixture.buildFailure(SiteBuilder(root: root, output: root.appendingPathComponent("Public"), includeDrafts: false)))
        #expect(errors.contains { $0.location?.path == "Content/cases/zz-broken.md" })
    }
}

/// Hints that show what to write take the example from the site's own vocabulary.
@Suite struct ExampleHintTests {
    private func emptyMechanismsHint(in root: URL) throws -> String? {
        try Fixture.write("---\ntitle: 空机制\ndate: 2024-01-01\ndistrict: [甘肃省]\nmechanisms: []\noutcomes: [充电设施建设]\n---\n正文。\n",
                          to: "Content/cases/empty-list.md", in: root)
        let problems = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        return problems.first { $0.message == "'mechanisms' is empty" }?.hint
    }

    @Test func anEmptyListIsShownWithTheSitesOwnTerms() throws {
        let root = try Fixture.site("basic")
        #expect(try emptyMechanismsHint(in: root) == "it needs at least one entry, such as [四方议事会, 时间银行]")
    }

    @Test func withoutAVocabularyTheExampleIsStillARealName() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/vocabularies/mechanisms.yml"))
        #expect(try emptyMechanismsHint(in: root) == "it needs at least one entry, such as [居民议事会]")
    }

    @Test func aCaseFileInGBKIsExplainedInTermsOfNotepad() throws {
        let root = try Fixture.site("basic")
        let gbk: [UInt8] = Array("---\ntitle: ".utf8) + [0xB0, 0xB8, 0xC0, 0xFD] + Array("\n---\n".utf8)
        try Data(gbk).write(to: root.appendingPathComponent("Content/cases/gbk.md"))
        let problems = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        let hint = try #require(problems.first { $0.location?.path == "Content/cases/gbk.md" }?.hint)
        #expect(hint.contains("Windows Notepad") && hint.contains("另存为") && hint.contains("iconv -f GB18030 -t UTF-8 gbk.md"))
    }
}
