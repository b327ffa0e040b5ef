import Foundation
import Testing
@testable import CasebookKit

/// `casebook init`: a new bulletin that builds at once without a warning, and never a file replaced.
@Suite struct InitTests {
    /// A new bulletin: no templates of its own, the built-in theme serves.
    private func starter() throws -> URL {
        let folder = try Fixture.scratchFolder().appendingPathComponent("新的汇编")
        _ = try StarterBulletin.write(into: folder)
        return folder
    }

    @Test func aNewBulletinBuildsWithoutAWarningAndItsExampleIsADraft() throws {
        let folder = try starter()
        let report = try SiteBuilder(root: folder).build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.caseCount == 0)
        #expect(report.notes.draftsLeftOut == 1)
        #expect(Fixture.exists("Public/pages/about.html", in: folder))

        // The example is a whole case: with --drafts it is checked and built, still without a warning.
        let withDrafts = try SiteBuilder(root: folder, output: folder.appendingPathComponent("Preview"), includeDrafts: true).build()
        #expect(withDrafts.warnings.isEmpty, "\(withDrafts.warnings)")
        #expect(withDrafts.caseCount == 1)
        #expect(try Fixture.read("Preview/cases/shili-loudao-duiwu.html", in: folder).contains("居民议事会"))
    }

    @Test func everySettingIsExplainedInChinese() throws {
        let settings = StarterBulletin.siteSettings
        for key in SiteConfig.knownKeys {
            let line = try #require(settings.split(separator: "\n").firstIndex { $0.hasPrefix("\(key):") || $0.hasPrefix("# \(key):") },
                                    "site.yml names \(key)")
            let before = settings.split(separator: "\n")[line - 1]
            #expect(before.hasPrefix("#") && before.unicodeScalars.contains { $0.properties.isIdeographic }, "\(key) has a comment in Chinese")
        }
    }

    @Test func aFolderThatHoldsABulletinIsRefusedAndNothingIsReplaced() throws {
        let folder = try starter()
        try Fixture.write("title: 改过的名称\n", to: "Content/site.yml", in: folder)
        #expect(throws: Diagnostic.self) { try StarterBulletin.write(into: folder) }
        #expect(try Fixture.read("Content/site.yml", in: folder) == "title: 改过的名称\n")
    }

    @Test func aGitignoreAlreadyThereIsKept() throws {
        let folder = try Fixture.scratchFolder().appendingPathComponent("repo")
        try Fixture.write("*.docx\n", to: ".gitignore", in: folder)
        let outcome = try StarterBulletin.write(into: folder)
        #expect(outcome.kept == [".gitignore"])
        #expect(outcome.written.count == StarterBulletin.files.count - 1)
        #expect(try Fixture.read(".gitignore", in: folder) == "*.docx\n")
    }

    /// A disk that fills up halfway leaves no half bulletin behind, so init can simply be run again.
    @Test(.enabled(if: getuid() == 0)) func aFailedWriteLeavesNothingBehind() throws {
        let disk = try Fixture.scratchFolder().appendingPathComponent("small")
        try Fixture.withSmallDisk(at: disk, kilobytes: 12) { () throws in
            #expect(throws: Diagnostic.self) { try StarterBulletin.write(into: disk) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty)
        }
    }

    @Test func theCommandPrintsTheNextCommands() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixture.tool.path), "build the casebook tool first")
        let folder = try Fixture.scratchFolder()
        let (output, status) = try Fixture.runTool(["init", folder.appendingPathComponent("mysite").path])
        #expect(status == 0)
        #expect(output.contains("cd ") && output.contains("casebook serve") && output.contains("casebook new") && output.contains("casebook build"))
        let (again, refused) = try Fixture.runTool(["init", folder.appendingPathComponent("mysite").path])
        #expect(refused == 1)
        #expect(again.contains("Content already exists"))
        // A new user reads Chinese unless their computer or the flag says otherwise.
        let (chinese, _) = try Fixture.runTool(["init", folder.appendingPathComponent("ours").path], language: .chinese)
        #expect(chinese.contains("新的案例汇编已建好") && chinese.contains("接下来：") && chinese.contains("# 在浏览器里预览，连同示例草稿"))
    }
}
