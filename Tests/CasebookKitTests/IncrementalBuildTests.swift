import Foundation
import Testing
@testable import CasebookKit

/// A build that reuses its cache must give exactly what a build from scratch gives.
@Suite struct IncrementalBuildTests {
    /// Builds `root` again with its cache, then from scratch into another folder, and compares.
    func expectSameAsFullBuild(_ root: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildReport {
        let report = try SiteBuilder(root: root).build()
        let full = root.appendingPathComponent("Full")
        try SiteBuilder(root: root, output: full).build(useCache: false)
        try Fixture.expectIdentical(root.appendingPathComponent("Public"), full, sourceLocation: sourceLocation)
        try FileManager.default.removeItem(at: full)
        return report
    }

    func steps(_ report: BuildReport) -> [String] { report.timings.map(\.step.english) }

    /// The sample site built in full and then after an edit, so that `.Public.previous` holds the
    /// version before; and the text of the edited case as it was.
    func siteWithAVersionBefore() throws -> (root: URL, text: String) {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/charging.md", in: root)
        try SiteBuilder(root: root).build()
        try Fixture.write(text + "\n一段。\n", to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        return (root, text)
    }

    @Test func aRebuildWithNothingChangedStopsAfterComparingStamps() throws {
        let root = try Fixture.site("basic")
        let first = try SiteBuilder(root: root).build()
        let page = root.appendingPathComponent("Public/cases/charging.html")
        let written = try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date
        let again = try SiteBuilder(root: root).build()
        #expect(steps(again) == ["nothing changed"])
        #expect((again.caseCount, again.pageCount, again.fileCount) == (first.caseCount, first.pageCount, first.fileCount))
        #expect(again.warnings == first.warnings)
        #expect(try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date == written)
    }

    @Test func editingOneCaseRendersOnlyWhatShowsItAndMatchesAFullBuild() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let untouched = root.appendingPathComponent("Public/cases/louzhang.html")
        let written = try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date
        var text = try Fixture.read("Content/cases/charging.md", in: root)
        text = text.replacingOccurrences(of: "四方商量，统一安装。", with: "四方商量后统一安装，居民满意。") + "\n补充一段新的说明：议事会每月开一次。\n"
        try Fixture.write(text, to: "Content/cases/charging.md", in: root)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write changes"))
        #expect(try Fixture.read("Public/cases/charging.html", in: root).contains("议事会每月开一次"))
        #expect(try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date == written)
    }

    @Test func anEditBehindALinkedCasesFolderOrALinkedCaseIsSeen() throws {
        let root = try Fixture.site("basic")
        let manager = FileManager.default
        let cases = root.appendingPathComponent("Content/cases")
        try manager.createDirectory(at: root.appendingPathComponent("shared"), withIntermediateDirectories: true)
        try manager.moveItem(at: cases, to: root.appendingPathComponent("shared/cases"))
        try manager.createSymbolicLink(atPath: cases.path, withDestinationPath: "../shared/cases")
        try manager.moveItem(at: root.appendingPathComponent("shared/cases/louzhang.md"), to: root.appendingPathComponent("shared/louzhang.md"))
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("shared/cases/louzhang.md").path, withDestinationPath: "../louzhang.md")
        try SiteBuilder(root: root).build()

        for (file, page) in [("shared/cases/charging.md", "charging"), ("shared/louzhang.md", "louzhang")] {
            let text = try Fixture.read(file, in: root)
            try Fixture.write(text + "\n经链接改过的一段。\n", to: file, in: root)
            let report = try expectSameAsFullBuild(root)
            #expect(steps(report) != ["nothing changed"], "\(file)")
            #expect(try Fixture.read("Public/cases/\(page).html", in: root).contains("经链接改过的一段"), "\(file)")
        }
    }

    #if os(Linux)
    @Test func anEditThatKeepsSizeModificationTimeAndInodeIsSeen() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let file = root.appendingPathComponent("Content/cases/charging.md").path
        var before = stat(), after = stat()
        stat(file, &before)
        // The same number of bytes, written in place, then the old modification time put back (`touch -r`).
        let text = try Fixture.read("Content/cases/charging.md", in: root).replacingOccurrences(of: "四方商量，统一安装。", with: "四方协商，统一安装。")
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        let times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, file, times, 0) == 0)
        stat(file, &after)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        _ = try expectSameAsFullBuild(root)
        #expect(try Fixture.read("Public/cases/charging.html", in: root).contains("四方协商"))
    }
    #endif

    @Test func retitlingRedatingAddingAndRemovingCasesMatchAFullBuild() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        var text = try Fixture.read("Content/cases/time-bank.md", in: root)
        text = text.replacingOccurrences(of: "title: ", with: "title: 新版").replacingOccurrences(of: "date: 20", with: "date: 19")
        try Fixture.write(text, to: "Content/cases/time-bank.md", in: root)
        _ = try expectSameAsFullBuild(root)

        try Fixture.write(try Fixture.read("Content/cases/louzhang.md", in: root).replacingOccurrences(of: "title: ", with: "slug: added\ntitle: 另一个"),
                          to: "Content/cases/added.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(Fixture.exists("Public/cases/added.html", in: root))

        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/cases/added.md"))
        _ = try expectSameAsFullBuild(root)
        #expect(!Fixture.exists("Public/cases/added.html", in: root))
    }

    @Test func aPlaceWhoseLastCaseLeavesItLeavesNoEmptyFolder() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let site = root.appendingPathComponent("Public")
        let folders = Fixture.foldersBelow(site)
        let text = try Fixture.read("Content/cases/charging.md", in: root)
        let moved = text.replacingOccurrences(of: "[甘肃省, 天水市, 秦州区, 天水郡街道]", with: "[甘肃省, 天水市, 麦积区, 道北街道]")
        #expect(moved != text)
        try Fixture.write(moved, to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(Set(Fixture.foldersBelow(site)).subtracting(folders) == ["districts/gansu/tianshui/mai-ji-qu"])
        try Fixture.write(text, to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(Fixture.foldersBelow(site) == folders)
        // The next version is made from the one before the last, which held the folder too.
        try Fixture.write(text + "\n又一段。\n", to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(Fixture.foldersBelow(site) == folders)
    }

    /// `.Public.previous` is the build's own, but a user may change it: a page there that cannot
    /// be removed (here a folder stands where a page of the version before was) must not reach
    /// the next version, so the folder is made anew from the output.
    @Test func aVersionBeforeThatCannotBeBroughtUpToDateIsMadeAnew() throws {
        let root = try Fixture.site("basic")
        try Fixture.write(try Fixture.read("Content/cases/louzhang.md", in: root).replacingOccurrences(of: "title: ", with: "slug: added\ntitle: 另一个"),
                          to: "Content/cases/added.md", in: root)
        try SiteBuilder(root: root).build()
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/cases/added.md"))
        _ = try expectSameAsFullBuild(root)
        let stale = root.appendingPathComponent(".Public.previous/cases/added.html")
        #expect(FileManager.default.fileExists(atPath: stale.path))
        try FileManager.default.removeItem(at: stale)
        try Fixture.write("用户的文件", to: ".Public.previous/cases/added.html/note.txt", in: root)
        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + "\n又一段。\n", to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(!Fixture.exists("Public/cases/added.html", in: root))
    }

    /// The output is the build's own: what someone puts in it goes at the next build, as a build
    /// from scratch drops it, and does not come back at the build after, which starts from the
    /// version that still held it. (What is put at the top of the output changes the output
    /// folder itself, and the next build is made from scratch.)
    @Test func whatIsPutInTheOutputGoesAtTheNextBuildAndStaysGone() throws {
        let (root, text) = try siteWithAVersionBefore()
        try Fixture.write("我的笔记", to: "Public/cases/notes.txt", in: root)
        try Fixture.write("另一份", to: "Public/districts/mine/deep/file.txt", in: root)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Public/assets/empty/inner"), withIntermediateDirectories: true)
        // Names that are not UTF-8, which a String cannot spell: a file, and a folder holding one.
        let cases = Array(root.appendingPathComponent("Public/cases").path.utf8)
        func systemPath(_ bytes: [UInt8]) -> [CChar] { (cases + bytes).map { CChar(bitPattern: $0) } + [0] }
        let misnamed = [systemPath(Array("/bad".utf8) + [0xFE] + Array(".html".utf8)), systemPath(Array("/folder".utf8) + [0xFF])]
        #expect(close(open(misnamed[0], O_CREAT | O_WRONLY, 0o644)) == 0)
        #expect(mkdir(misnamed[1], 0o755) == 0)
        #expect(close(open(systemPath(Array("/folder".utf8) + [0xFF] + Array("/file".utf8)), O_CREAT | O_WRONLY, 0o644)) == 0)
        for edit in ["两段。", "三段。"] {
            try Fixture.write(text + "\n\(edit)\n", to: "Content/cases/charging.md", in: root)
            let report = try expectSameAsFullBuild(root)
            #expect(steps(report).contains("render and write changes"))
            for path in ["Public/cases/notes.txt", "Public/districts/mine", "Public/assets/empty"] {
                #expect(!Fixture.exists(path, in: root), "\(path)")
            }
            for path in misnamed { #expect(access(path, F_OK) != 0, "a name that is not UTF-8 is still there") }
        }
    }

    /// A link in the place of a folder of the output: nothing is written through it, nothing
    /// outside is changed, and the next versions hold the folder with every page, as a build from
    /// scratch does.
    @Test func aLinkInTheOutputIsNeverWrittenThrough() throws {
        let (root, text) = try siteWithAVersionBefore()
        let outside = try Fixture.scratchFolder().appendingPathComponent("gansu")
        let linked = root.appendingPathComponent("Public/districts/gansu")
        try FileManager.default.moveItem(at: linked, to: outside)
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: outside)
        let before = try Fixture.snapshot(outside)
        for edit in ["两段。", "三段。", "四段。"] {
            try Fixture.write(text.replacingOccurrences(of: "title: ", with: "title: \(edit)") + "\n\(edit)\n", to: "Content/cases/charging.md", in: root)
            _ = try expectSameAsFullBuild(root)
            #expect(try Fixture.snapshot(outside) == before)
        }
    }

    /// A `.Public.previous` that casebook did not make (a link, or a folder without the marker)
    /// is neither used nor emptied: the build says so, and what it holds stays.
    @Test(arguments: [true, false])
    func aVersionBeforeThatIsNotCasebooksIsLeftAlone(isLink: Bool) throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/charging.md", in: root)
        try SiteBuilder(root: root).build()
        let stranger = try Fixture.scratchFolder().appendingPathComponent("mine")
        try Fixture.write("我的文件", to: "deep/note.txt", in: stranger)
        let previous = root.appendingPathComponent(".Public.previous")
        if isLink {
            try FileManager.default.createSymbolicLink(at: previous, withDestinationURL: stranger)
        } else {
            try FileManager.default.copyItem(at: stranger, to: previous)
        }
        try Fixture.write(text + "\n一段。\n", to: "Content/cases/charging.md", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.message.contains("is not a folder casebook made") }, "\(diagnostics)")
        #expect(try Fixture.read("deep/note.txt", in: isLink ? stranger : previous) == "我的文件")
        try FileManager.default.removeItem(at: previous)
        _ = try expectSameAsFullBuild(root)
    }

    /// The file at `path` in the output: a file written again is a new one, so its number changes.
    func fileNumber(_ path: String, in root: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("Public/\(path)").path)[.systemFileNumber] as? Int
    }

    @Test func theCaseTablesAreMadeAgainWhenATitleChangesAndNotWhenOnlyABodyDoes() throws {
        let root = try Fixture.site("basic")
        try Fixture.write(try Fixture.read("Content/site.yml", in: root) + "base_url: https://example.org/\n", to: "Content/site.yml", in: root)
        try SiteBuilder(root: root).build()
        let dataFiles = [CaseTables.jsonPath, CaseTables.csvPath, Feeds.feedPath, Feeds.sitemapPath]
        let written = try dataFiles.map { try fileNumber($0, in: root) }
        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + "\n补充一段：议事会每月开一次。\n", to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(try dataFiles.map { try fileNumber($0, in: root) } == written)

        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root).replacingOccurrences(of: "title: 四方议事会装充电桩", with: "title: 四方议事会装好充电桩"),
                          to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        for (path, number) in zip(dataFiles, written) { #expect(try fileNumber(path, in: root) != number, "\(path)") }
        #expect(try Fixture.read("Public/\(CaseTables.jsonPath)", in: root).contains("四方议事会装好充电桩"))
    }

    @Test func aSearchShardIsWrittenAgainOnlyWhenATokenInItChanged() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let shard = SearchIndex.shardPath(0)
        let written = try fileNumber(shard, in: root)
        let text = try Fixture.read("Content/cases/charging.md", in: root)
        try Fixture.write(text + "\n\n", to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(try fileNumber(shard, in: root) == written)

        try Fixture.write(text + "\n新词汇：睦邻。\n", to: "Content/cases/charging.md", in: root)
        _ = try expectSameAsFullBuild(root)
        #expect(try fileNumber(shard, in: root) != written)
        #expect(try Fixture.read("Public/\(shard)", in: root).contains("\"睦邻\""))
    }

    @Test func changingACasesTermsMakesItsRelatedCasesAgain() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        let charging = try Fixture.read("Content/cases/charging.md", in: root)
        let mechanisms = try #require(charging.split(separator: "\n").first { $0.hasPrefix("mechanisms:") })
        try Fixture.write(text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("mechanisms:") ? mechanisms : $0 }.joined(separator: "\n"), to: "Content/cases/louzhang.md", in: root)
        _ = try expectSameAsFullBuild(root)
    }

    /// The script check takes the Simplified spellings of the last build while the names are
    /// the same, and works them out again when a name comes or goes.
    @Test func aTraditionalSpellingIsWarnedAboutByEveryEditUntilItGoes() throws {
        let root = try Fixture.site("basic")
        let variant = "outcome '充電設施建設' and '充电设施建设' differ only in Traditional and Simplified characters, but are filed as two terms"
        let warned = { (report: BuildReport) in report.warnings.contains { $0.message == variant } }
        #expect(try !warned(SiteBuilder(root: root).build()))
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        let spelled = text.replacingOccurrences(of: "outcomes: [", with: "outcomes: [充電設施建設, ")
        for edited in [spelled, spelled + "\n又补充了一句。\n"] {
            try Fixture.write(edited, to: "Content/cases/louzhang.md", in: root)
            let report = try expectSameAsFullBuild(root)
            #expect(steps(report).contains("render and write changes"))
            #expect(warned(report))
        }
        try Fixture.write(text, to: "Content/cases/louzhang.md", in: root)
        #expect(try !warned(expectSameAsFullBuild(root)))
    }

    /// A term is spelled on every card as the index spells it, which a newer case can change
    /// without touching the older cases' files: `Café` written precomposed, then decomposed.
    @Test func aNewerCaseThatRespellsATermChangesTheCardsOfTheOlderOnes() throws {
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "mechanisms: [", with: "mechanisms: [Caf\u{E9}, "), to: "Content/cases/louzhang.md", in: root)
        try SiteBuilder(root: root).build()
        // Filed apart from the older case but for the term, so that the older case's other pages
        // change only through its card.
        let newer = text.replacingOccurrences(of: "mechanisms: [党员楼长, 时间银行]", with: "mechanisms: [Cafe\u{301}]")
            .replacingOccurrences(of: "district: 甘肃省/天水市/秦州区/大城街道", with: "district: 甘肃省/兰州市")
            .replacingOccurrences(of: "outcomes: [困难群众帮扶]", with: "outcomes: [充电设施建设]")
            .replacingOccurrences(of: "date: 2018-05-01", with: "date: 2030-01-01")
            .replacingOccurrences(of: "title: ", with: "title: 新的一例 ")
        #expect(newer.contains("Cafe\u{301}") && newer.contains("兰州市") && newer.contains("2030-01-01"))
        try Fixture.write(newer, to: "Content/cases/newer.md", in: root)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write changes"))
    }

    @Test func aCacheCutShortIsIgnored() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let cache = SiteWriter(output: root.appendingPathComponent("Public"), root: root).cacheFile
        let bytes = try Data(contentsOf: cache)
        try bytes.prefix(bytes.count - 9).write(to: cache)
        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + "\n补充。\n", to: "Content/cases/charging.md", in: root)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write"))
    }

    @Test func aChangedTemplateRebuildsEverything() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let template = try #require(BuiltinTheme.files["partials/case-card.mustache"])
        try Fixture.write(template.replacingOccurrences(of: "<article class=\"case-card\">", with: "<article class=\"case-card changed\">"),
                          to: "Templates/partials/case-card.mustache", in: root)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write"))
        #expect(try Fixture.read("Public/index.html", in: root).contains("case-card changed"))
    }

    @Test func aCaseWithAnErrorStopsTheBuildAndLeavesTheSiteAndCache() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let cache = try Data(contentsOf: SiteWriter(output: root.appendingPathComponent("Public"), root: root).cacheFile)
        let page = try Fixture.read("Public/cases/charging.html", in: root)
        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root).replacingOccurrences(of: "date: 2019-11-20", with: "date: 2019-13-02"),
                          to: "Content/cases/charging.md", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.location?.path == "Content/cases/charging.md" && $0.location?.line == 3 })
        #expect(try Fixture.read("Public/cases/charging.html", in: root) == page)
        #expect(try Data(contentsOf: SiteWriter(output: root.appendingPathComponent("Public"), root: root).cacheFile) == cache)
    }

    @Test func aPageWarningIsReportedOnceByEveryKindOfBuild() throws {
        let root = try Fixture.site("basic")
        try Fixture.write(try Fixture.read("Content/cases/louzhang.md", in: root) + "\n![图](../elsewhere/a.png)\n",
                          to: "Content/cases/louzhang.md", in: root)
        let message = "the image '../elsewhere/a.png' is outside Content/media/, so the site does not include it"
        let count = { (report: BuildReport) in report.warnings.count { $0.message == message } }
        let full = try SiteBuilder(root: root).build()
        #expect(count(full) == 1)
        #expect(try SiteBuilder(root: root).build().warnings == full.warnings)
        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + "\n补充。\n", to: "Content/cases/charging.md", in: root)
        #expect(count(try SiteBuilder(root: root).build()) == 1)
        #expect(Fixture.buildFailure(SiteBuilder(root: root, strict: true))?.contains { $0.message == message } == true)
    }

    @Test func theCacheStaysOutOfThePublishedFolderAndDescribesOnlyTheFolderItWasMadeFor() throws {
        let root = try Fixture.site("basic")
        try Fixture.write(try Fixture.read("Content/cases/louzhang.md", in: root).replacingOccurrences(of: "title: ", with: "draft: true\ntitle: "),
                          to: "Content/cases/secret-draft.md", in: root)
        try SiteBuilder(root: root).build()
        let output = root.appendingPathComponent("Public")
        #expect(FileManager.default.fileExists(atPath: SiteWriter(output: output, root: root).cacheFile.path))
        #expect(SiteWriter(output: output, root: root).cacheFile.path.hasPrefix(root.path + "/.casebook/"))
        // Nothing in the published folder, or beside it, names the draft or carries the cache.
        for file in Fixture.filesBelow(output) {
            #expect(!file.contains("cache"), "\(file)")
            #expect(!((try? Fixture.read("Public/\(file)", in: root)) ?? "").contains("secret-draft"), "\(file)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".Public") } == [])

        // A copy of an older site put back by hand, in a folder made again in the same place (the
        // file system may give it the inode of the one deleted): the cache is not trusted.
        let older = try Fixture.scratchFolder().appendingPathComponent("older")
        try FileManager.default.copyItem(at: output, to: older)
        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + "\n补充。\n", to: "Content/cases/charging.md", in: root)
        try SiteBuilder(root: root).build()
        try FileManager.default.removeItem(at: output)
        try FileManager.default.copyItem(at: older, to: output)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write"))
        #expect(try Fixture.read("Public/cases/charging.html", in: root).contains("补充。"))
        #expect(steps(try SiteBuilder(root: root).build()) == ["nothing changed"])
    }

    @Test func aCacheWithOneByteOfItsSearchPostingsChangedIsIgnored() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let cache = SiteWriter(output: root.appendingPathComponent("Public"), root: root).cacheFile
        var bytes = try Data(contentsOf: cache)
        // The postings are the last part of the file; a digit made a quote would end up in a shard.
        bytes[bytes.count - 12] = UInt8(ascii: "\"")
        try bytes.write(to: cache)
        try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + "\n补充。\n", to: "Content/cases/charging.md", in: root)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write"))
    }

    /// A changed letter of a title or a stamp would otherwise be built into the site as it stands.
    @Test(arguments: ["四方议事会装充电桩", "Content/cases/charging.md"])
    func aCacheWithOneByteOfItsTablesOrHeadChangedIsIgnored(text: String) throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let cache = SiteWriter(output: root.appendingPathComponent("Public"), root: root).cacheFile
        var bytes = try Data(contentsOf: cache)
        let found = try #require(bytes.range(of: Data(text.utf8)))
        bytes[found.upperBound - 1] ^= 1
        try bytes.write(to: cache)
        try Fixture.write(try Fixture.read("Content/cases/louzhang.md", in: root) + "\n补充。\n", to: "Content/cases/louzhang.md", in: root)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write"))
    }

    @Test func twoBuildsAtOnceOfOneSiteLeaveTheSiteABuildMakes() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        for round in 1...4 {
            try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + "\n第\(round)次补充。\n",
                              to: "Content/cases/charging.md", in: root)
            let failures = Locked(0)
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                if (try? SiteBuilder(root: root).build()) == nil { failures.withLock { $0 += 1 } }
            }
            #expect(failures.withLock { $0 } == 0)
            _ = try expectSameAsFullBuild(root)
        }
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        try Data("casebook-cache 1 but not really".utf8).write(to: SiteWriter(output: root.appendingPathComponent("Public"), root: root).cacheFile)
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write"))
    }

    /// A pipe or a link where the cache was is not read (a pipe would wait for a writer for ever):
    /// the build is a full one, and the cache it writes takes the place.
    @Test(.timeLimit(.minutes(1)), arguments: ["pipe", "link"])
    func aCacheThatIsNoFileIsIgnored(kind: String) throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let cache = SiteWriter(output: root.appendingPathComponent("Public"), root: root).cacheFile
        let moved = root.appendingPathComponent("cache-moved")
        try FileManager.default.moveItem(at: cache, to: moved)
        if kind == "pipe" {
            #expect(mkfifo(cache.path, 0o644) == 0)
        } else {
            try FileManager.default.createSymbolicLink(at: cache, withDestinationURL: moved)
        }
        let report = try expectSameAsFullBuild(root)
        #expect(steps(report).contains("render and write"))
        let kept = try FileManager.default.attributesOfItem(atPath: cache.path)[.type] as? FileAttributeType
        #expect(kept == .typeRegular)
    }
}
