import Foundation
import Testing
@testable import CasebookKit

/// `check` (and a failing `build`) reports every problem of a site in one run, and flags what
/// would break a page without a sound: paths on the editor's computer, a media name with a space
/// written bare, files that are not read, two cases with one title.
@Suite struct WholeCheckTests {
    /// What `check` reports, and what `build` reports (it must fail).
    func reports(_ root: URL) throws -> [[Diagnostic]] {
        var checked: [Diagnostic] = []
        do { try SiteBuilder(root: root).check() } catch { checked = error.diagnostics }
        return [checked, try #require(Fixture.buildFailure(SiteBuilder(root: root)))]
    }

    /// The warnings of a check that passes.
    func warnings(_ root: URL) throws -> [Diagnostic] {
        try SiteBuilder(root: root).check().warnings
    }

    func has(_ diagnostics: [Diagnostic], _ severity: Diagnostic.Severity, _ path: String, _ line: Int, _ column: Int, _ message: String,
             hint: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = diagnostics.first { $0.message == message && $0.location == SourceLocation(path: path, line: line, column: column) }
        #expect(found?.severity == severity, "no \(severity) '\(message)' at \(path):\(line):\(column) in \(diagnostics)",
                sourceLocation: sourceLocation)
        if let hint { #expect(found?.hint == hint, sourceLocation: sourceLocation) }
    }

    func append(_ text: String, to path: String, in root: URL) throws -> Int {
        let old = try Fixture.read(path, in: root)
        try Fixture.write(old + text, to: path, in: root)
        return old.split(separator: "\n", omittingEmptySubsequences: false).count
    }

    @Test func everyPhaseRunsWhenSomeCasesCannotBeRead() throws {
        let root = try Fixture.site("basic")
        let timeBank = try Fixture.read("Content/cases/time-bank.md", in: root)
        try Fixture.write(timeBank.replacingOccurrences(of: "date: ", with: "date: 2019年"), to: "Content/cases/time-bank.md", in: root)
        let line = try append("\n![照片](../media/missing.jpg)\n", to: "Content/cases/louzhang.md", in: root)
        let charging = try Fixture.read("Content/cases/charging.md", in: root)
        try Fixture.write(charging.replacingOccurrences(of: "outcomes: [", with: "outcomes: [充電設施建設, "), to: "Content/cases/charging.md", in: root)
        try Fixture.write("<p>\n{{#page}}\n{{/wrong}}\n", to: "Templates/page.mustache", in: root)
        for diagnostics in try reports(root) {
            #expect(diagnostics.contains { $0.isError && $0.location?.path == "Content/cases/time-bank.md" && $0.message.hasPrefix("'date' must be") })
            has(diagnostics, .error, "Content/cases/louzhang.md", line + 1, 1, "the image '../media/missing.jpg' is not in Content/media/")
            #expect(diagnostics.contains { !$0.isError && $0.message.hasPrefix("outcome '充電設施建設' and '充电设施建设' differ only") })
            #expect(diagnostics.contains { $0.isError && $0.location?.path == "Templates/page.mustache" && $0.message.hasPrefix("template syntax: ") })
            // charging.md links to time-bank.md, whose own errors are reported instead.
            #expect(!diagnostics.contains { $0.message.contains("'time-bank.md") }, "\(diagnostics)")
        }
        #expect(!Fixture.exists("Public", in: root))
    }

    @Test func aVocabularyWithErrorsIsReportedOnceNotAsEveryTermMissingFromIt() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("- name: [未闭合\n", to: "Content/vocabularies/mechanisms.yml", in: root)
        // Without the vocabulary's alias 四方議事會, it and 四方议事会 would seem two terms.
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "mechanisms: [党员楼长, 时间银行]", with: "mechanisms: [四方议事会]"),
                          to: "Content/cases/louzhang.md", in: root)
        for diagnostics in try reports(root) {
            #expect(diagnostics.contains { $0.isError && $0.location?.path == "Content/vocabularies/mechanisms.yml" })
            #expect(!diagnostics.contains { $0.message.hasPrefix("mechanism '") }, "\(diagnostics)")
            #expect(diagnostics.contains { $0.message.hasPrefix("outcome '") || $0.message.hasPrefix("district '") })
        }
    }

    @Test func aPathOnTheEditorsComputerIsFlagged() throws {
        let root = try Fixture.site("basic")
        let line = try append("\n![照片](C:\\Users\\me\\p.jpg) ![照片](/home/me/p.jpg)\n\n[报告](file:///home/me/a.docx) [关于](/about.html)\n",
                              to: "Content/cases/louzhang.md", in: root)
        for diagnostics in try reports(root) {
            has(diagnostics, .error, "Content/cases/louzhang.md", line + 1, 1,
                "the image 'C:\\Users\\me\\p.jpg' is a file on one computer, which readers' browsers cannot load",
                hint: "copy the file into Content/media/ and write ../media/p.jpg")
            has(diagnostics, .warning, "Content/cases/louzhang.md", line + 1, 26,
                "the image '/home/me/p.jpg' is outside Content/media/, so the site does not include it",
                hint: "move it into Content/media/ and write ../media/p.jpg")
            has(diagnostics, .error, "Content/cases/louzhang.md", line + 3, 1,
                "the link 'file:///home/me/a.docx' is a file on one computer, which readers' browsers cannot load",
                hint: "copy the file into Content/media/ and write ../media/a.docx")
            #expect(!diagnostics.contains { $0.message.contains("/about.html") })
        }
    }

    @Test func aMediaNameWithASpaceWrittenBareIsAnError() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("图", to: "Content/media/IMG 001.png", in: root)
        try Fixture.write("文", to: "Content/media/会议 纪要.pdf", in: root)
        let line = try append("\n前文 ![照片](../media/IMG 001.png) 后文\n\n见[纪要](../media/会议 纪要.pdf)，[注](见上文 第二段)。\n",
                              to: "Content/cases/louzhang.md", in: root)
        for diagnostics in try reports(root) {
            has(diagnostics, .error, "Content/cases/louzhang.md", line + 1, 4,
                "the image '../media/IMG 001.png' shows as text: a destination with a space must be written between < and >",
                hint: "write ![…](<../media/IMG 001.png>), or rename the file without spaces")
            has(diagnostics, .error, "Content/cases/louzhang.md", line + 3, 2,
                "the link '../media/会议 纪要.pdf' shows as text: a destination with a space must be written between < and >")
            #expect(!diagnostics.contains { $0.message.contains("见上文") })
        }
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "(../media/IMG 001.png)", with: "(<../media/IMG 001.png>)")
            .replacingOccurrences(of: "(../media/会议 纪要.pdf)", with: "(../media/会议%20纪要.pdf)"), to: "Content/cases/louzhang.md", in: root)
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/cases/louzhang.html", in: root)
        #expect(page.contains("<img src=\"../media/IMG%20001.png\" alt=\"照片\" />"))
    }

    @Test func filesAndFoldersThatAreNotReadAreWarnings() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("笔记", to: "Content/cases/notes.txt", in: root)
        try Data([0x50, 0x4B, 0x03, 0x04]).write(to: root.appendingPathComponent("Content/cases/old.docx"))
        try Fixture.write(try Fixture.read("Content/cases/louzhang.md", in: root), to: "Content/cases/2019/louzhang-2.md", in: root)
        let warnings = try warnings(root)
        has(warnings, .warning, "Content/cases/notes.txt", 1, 1, "this file is not read: Casebook reads only the .md files in Content/cases/",
            hint: "if it is written in Markdown with front matter, rename it to end in .md")
        has(warnings, .warning, "Content/cases/old.docx", 1, 1, "this file is not read: Casebook reads only the .md files in Content/cases/",
            hint: "copy its text into a UTF-8 .md file; documents for readers belong in Content/media/")
        has(warnings, .warning, "Content/cases/2019", 1, 1, "this folder is not read: Casebook reads only the .md files directly in Content/cases/",
            hint: "move the .md files in it up into Content/cases/")
    }

    @Test func twoCasesWithOneTitleAreAWarningNamingBoth() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "title: 党员楼长", with: "title: 四方议事会装充电桩"), to: "Content/cases/louzhang.md", in: root)
        has(try warnings(root), .warning, "Content/cases/louzhang.md", 2, 8,
            "this case has the title '四方议事会装充电桩', which Content/cases/charging.md has too",
            hint: "give one of them a title of its own, so that readers can tell them apart in lists and search results")
    }
}
