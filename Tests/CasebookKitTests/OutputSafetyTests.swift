import Foundation
import Testing
@testable import CasebookKit

/// The output folder is only ever the old site or the whole new one, and never anyone else's files.
@Suite struct OutputSafetyTests {
    @Test func theOutputMayNotHoldOrSitInsideTheSources() throws {
        let root = try Fixture.site("basic")
        for (output, message) in [
            (root, "holds the site's own Content/ and Templates/"),
            (root.deletingLastPathComponent(), "holds the site's own Content/ and Templates/"),
            (root.appendingPathComponent("Content/site"), "is inside Content/"),
            (root.appendingPathComponent("Templates/out"), "is inside Templates/"),
        ] {
            let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root, output: output)))
            #expect(diagnostics.contains { $0.isError && $0.message.contains(message) }, "\(output.path)")
        }
        #expect(!Fixture.exists("Content/site", in: root))
        #expect(Fixture.exists("Content/cases/charging.md", in: root))
    }

    @Test func anOutputReachedThroughALinkIntoContentIsRefused() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "Content")
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root, output: root.appendingPathComponent("link/site"))))
        #expect(diagnostics.contains { $0.isError && $0.message.contains("is inside Content/") })
        #expect(!Fixture.exists("Content/site", in: root))
    }

    @Test func anOutputInAFolderThatDoesNotExistSaysSo() throws {
        let root = try Fixture.site("basic")
        let missing = root.appendingPathComponent("no-such-folder")
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root, output: missing.appendingPathComponent("site"))))
        #expect(diagnostics.contains { $0.hint == "the folder \(missing.path) does not exist: create it, or build into a folder that does" },
                "\(diagnostics)")
        #expect(!Fixture.exists("no-such-folder", in: root))
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small disk needs root"))
    func aMountPointAsOutputGetsAnErrorThatSaysWhatToDo() throws {
        let root = try Fixture.site("basic")
        let output = root.appendingPathComponent("Stick")
        try Fixture.withSmallDisk(at: output, kilobytes: 4096) {
            let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root, output: output)))
            let error = try #require(diagnostics.first { $0.isError })
            #expect(error.message.contains("is a mount point"))
            #expect(error.hint == "build into a folder inside it: --output \(output.path)/bulletin")
            try SiteBuilder(root: root, output: output.appendingPathComponent("bulletin")).build()
            #expect(Fixture.exists("Stick/bulletin/index.html", in: root))
        }
    }

    /// A disk that fills up during an incremental build: the build fails, the site stays as it
    /// was, and no half-written file is left where a later build would publish it.
    @Test(.enabled(if: getuid() == 0, "mounting a small disk needs root"))
    func aFullDiskLeavesNoTemporaryFiles() throws {
        let root = try Fixture.site("basic")
        let disk = root.appendingPathComponent("Disk")
        try Fixture.withSmallDisk(at: disk, kilobytes: 2048) {
            let output = disk.appendingPathComponent("Public")
            try SiteBuilder(root: root, output: output).build()
            let before = try Fixture.snapshot(output)
            // Fill the disk but for a few kilobytes, then make an edit whose pages need more.
            var free = statvfs()
            statvfs(disk.path, &free)
            let filler = Int(free.f_bavail) * Int(free.f_frsize) - 8 * 1024
            #expect(FileManager.default.createFile(atPath: disk.appendingPathComponent("filler").path, contents: Data(count: max(filler, 0))))
            try Fixture.write(try Fixture.read("Content/cases/charging.md", in: root) + String(repeating: "补充一段较长的说明。", count: 2000),
                              to: "Content/cases/charging.md", in: root)
            #expect(Fixture.buildFailure(SiteBuilder(root: root, output: output)) != nil)
            #expect(try Fixture.snapshot(output) == before)
            let leftovers = Fixture.filesBelow(disk).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "\(leftovers)")

            try FileManager.default.removeItem(at: disk.appendingPathComponent("filler"))
            try SiteBuilder(root: root, output: output).build()
            #expect(Fixture.filesBelow(disk).allSatisfy { !$0.contains(".tmp-") })
            #expect(try Fixture.read("Disk/Public/cases/charging.html", in: root).contains("补充一段较长的说明"))
        }
    }

    /// A folder being removed loses its marker last, so that a build killed in the middle leaves a
    /// folder the next build still clears. An immutable file (ext4, root) stops the removal half-way,
    /// wherever its name falls in the folder's order.
    @Test(.enabled(if: getuid() == 0, "chattr +i needs root"), arguments: ["a.txt", "zz-stuck.txt", "cases/stuck.html"])
    func aFolderHalfRemovedStillCarriesItsMarker(stuckName: String) throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let stuck = root.appendingPathComponent("Public/\(stuckName)")
        try Fixture.write("x", to: "Public/\(stuckName)", in: root)
        guard Fixture.run("/usr/bin/chattr", ["+i", stuck.path]) == 0 else { return print("skipped: chattr +i is not available here") }
        defer { Fixture.run("/usr/bin/chattr", ["-i", stuck.path]) }
        SiteWriter(output: root.appendingPathComponent("Public")).removeIfOurs(root.appendingPathComponent("Public"))
        #expect(!Fixture.exists("Public/index.html", in: root))
        #expect(Fixture.exists("Public/\(SiteWriter.markerName)", in: root))
    }

    @Test func aFolderWithoutTheMarkerIsRefusedAndKept() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("私人文件", to: "Documents/notes.txt", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root, output: root.appendingPathComponent("Documents"))))
        let error = try #require(diagnostics.first { $0.isError })
        #expect(error.message == "the output folder \(root.appendingPathComponent("Documents").path) was not made by casebook (it has no .casebook-output); casebook will not replace it")
        #expect(try Fixture.read("Documents/notes.txt", in: root) == "私人文件")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.hasPrefix(".Documents") })
    }

    @Test func anOutputThatIsASymbolicLinkIsRefused() throws {
        let root = try Fixture.site("basic")
        let target = try Fixture.scratchFolder()
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Public"), withDestinationURL: target)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.message.hasSuffix("is a symbolic link; casebook does not replace links") })
    }

    @Test func anEmptyFolderMayBeUsedAndLeavesNothingBehind() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Public"), withIntermediateDirectories: true)
        try SiteBuilder(root: root).build()
        #expect(Fixture.exists("Public/index.html", in: root))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.hasPrefix(".Public") })
    }

    @Test func leftoversOfAKilledBuildAreClearedByTheNextOne() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        // A build killed while writing leaves its staging folder; one killed between its two renames
        // leaves the old site retired and no output at all.
        let dead: Int32 = 2_000_000_000
        try Fixture.write("partial", to: ".Public.tmp-\(dead)/\(SiteWriter.markerName)", in: root)
        try FileManager.default.moveItem(at: root.appendingPathComponent("Public"), to: root.appendingPathComponent(".Public.old-\(dead)"))
        try Fixture.write("not ours", to: ".Public.tmp-\(dead + 1)/keep.txt", in: root)

        let writer = SiteWriter(output: root.appendingPathComponent("Public"))
        // A build killed between writing its cache and putting it in place leaves it staged.
        let staged = { (pid: Int32) in URL(fileURLWithPath: "\(writer.cacheFile.path).tmp-\(pid)") }
        try Data("staged".utf8).write(to: staged(dead))
        try Data("staged".utf8).write(to: staged(getppid()))
        writer.clearLeftovers()
        #expect(!FileManager.default.fileExists(atPath: staged(dead).path))
        #expect(FileManager.default.fileExists(atPath: staged(getppid()).path), "the cache a running build stages is left alone")
        try FileManager.default.removeItem(at: staged(getppid()))
        #expect(Fixture.exists("Public/cases/charging.html", in: root), "the retired site is put back")
        #expect(!Fixture.exists(".Public.tmp-\(dead)", in: root))
        #expect(!Fixture.exists(".Public.old-\(dead)", in: root))
        #expect(Fixture.exists(".Public.tmp-\(dead + 1)/keep.txt", in: root), "a folder without the marker is never removed")

        try SiteBuilder(root: root).build()
        #expect(Fixture.exists("Public/index.html", in: root))
    }

    /// Kills a real `casebook build` while it writes: the previous site must stay exactly as it was,
    /// and the next build must leave no temporary folder behind.
    @Test(arguments: [SIGKILL, SIGINT])
    func anInterruptedBuildLeavesThePreviousSiteExactlyAsItWas(signal: Int32) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixture.tool.path), "build the casebook tool first")
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let before = try Fixture.snapshot(root.appendingPathComponent("Public"))

        let template = try Fixture.read("Content/cases/charging.md", in: root)
        for number in 0..<600 {
            try Fixture.write(template.replacingOccurrences(of: "title: ", with: "slug: generated-\(number)\ntitle: 第\(number)号 "),
                              to: "Content/cases/generated-\(number).md", in: root)
        }
        let process = try Fixture.startBuild(root)
        let staging = root.appendingPathComponent(".Public.tmp-\(process.processIdentifier)")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: staging.path), process.isRunning, Date() < deadline { usleep(500) }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 128 + signal)
        #expect(try Fixture.snapshot(root.appendingPathComponent("Public")) == before)
        if signal == SIGINT {
            #expect(!FileManager.default.fileExists(atPath: staging.path), "Ctrl-C removes the staging folder at once")
        }
        try SiteBuilder(root: root).build()
        // No staging folder is left; the incremental build keeps the version before in `.Public.previous`.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".Public") && $0 != ".Public.previous" } == [])
        #expect(Fixture.exists("Public/cases/generated-599.html", in: root))
    }
}
