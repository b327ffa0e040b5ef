import Foundation
import Testing
@testable import CasebookKit

/// Files and folders that cannot be read are errors at their path, found by `check` as by `build`,
/// never passed over. A symbolic link that leads nowhere or round in a loop, and a named pipe, make
/// a path unreadable for any user; permissions do so only for users other than root.
@Suite struct UnreadableInputTests {
    func failures(_ root: URL) throws -> (check: [Diagnostic], build: [Diagnostic]) {
        var checked: [Diagnostic] = []
        do { try SiteBuilder(root: root).check() } catch { checked = error.diagnostics }
        return (checked, try #require(Fixture.buildFailure(SiteBuilder(root: root))))
    }

    /// Expects `check` and `build` both to report `message` at line 1 of `path`, and nothing to be written.
    func expectBoth(_ root: URL, _ path: String, _ message: String, hint: String? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let (checked, built) = try failures(root)
        for diagnostics in [checked, built] {
            let found = diagnostics.first { $0.location == SourceLocation(path: path, line: 1) && $0.message == message }
            #expect(found?.isError == true, "no error '\(message)' at \(path) in \(diagnostics)", sourceLocation: sourceLocation)
            if let hint { #expect(found?.hint == hint, sourceLocation: sourceLocation) }
            #expect(found.map(Fixture.untranslated) ?? [] == [], "said in English in Chinese", sourceLocation: sourceLocation)
        }
        #expect(!Fixture.exists("Public", in: root), sourceLocation: sourceLocation)
    }

    func link(_ path: String, to target: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Whether permissions can make a file unreadable here; root reads whatever they say.
    func permissionsApply(_ test: String) -> Bool {
        guard getuid() == 0 else { return true }
        print("skipped \(test): running as root, which reads a file whatever its permissions say")
        return false
    }

    /// An override that leads nowhere is an error, not a site that silently uses the built-in theme.
    /// What it was meant to be cannot be known: the hint speaks of the link as listed, an entry of Templates/.
    @Test func anAssetsFolderThatLeadsNowhereIsAnErrorNotASiteWithoutStyles() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        try link("Templates/assets", to: "../gone", in: root)
        try expectBoth(root, "Templates/assets", "this is a symbolic link to something that does not exist",
                       hint: "point the link at a file inside the site folder, or delete it")
    }

    @Test func anAssetInALoopOfLinksIsAnError() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Templates/assets"), withIntermediateDirectories: true)
        try link("Templates/assets/casebook.css", to: "casebook.css", in: root)
        try expectBoth(root, "Templates/assets/casebook.css", "cannot read this file: Too many levels of symbolic links",
                       hint: "the symbolic links here lead round in a loop; point them at a real file")
    }

    @Test func aCasesFolderThatCannotBeReadIsNotAnEmptyOne() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.moveItem(at: root.appendingPathComponent("Content/cases"), to: root.appendingPathComponent("cases-elsewhere"))
        try link("Content/cases", to: "../gone", in: root)
        try expectBoth(root, "Content/cases", "this is a symbolic link to something that does not exist")
        #expect(!(try failures(root).check.contains { $0.message.hasPrefix("no cases found") }))
    }

    @Test func aMediaFileOrFolderThatCannotBeReadIsAnError() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/media/2019"), withIntermediateDirectories: true)
        try link("Content/media/2019/loop.jpg", to: "loop.jpg", in: root)
        try link("Content/media/2020", to: "2021", in: root)
        #expect(mkfifo(root.appendingPathComponent("Content/media/pipe.jpg").path, 0o644) == 0)
        try expectBoth(root, "Content/media/2019/loop.jpg", "cannot read this file: Too many levels of symbolic links")
        try expectBoth(root, "Content/media/2020", "this is a symbolic link to something that does not exist")
        try expectBoth(root, "Content/media/pipe.jpg", "this is not a regular file")
    }

    @Test func aNamedPipeWhereASettingsFileBelongsIsRefusedNotWaitedOn() throws {
        let root = try Fixture.site("basic")
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/site.yml"))
        #expect(mkfifo(root.appendingPathComponent("Content/site.yml").path, 0o644) == 0)
        try expectBoth(root, "Content/site.yml", "this is not a regular file")
    }

    @Test func aLinkedMediaFolderInsideTheSiteIsCopiedAndALoopIsWalkedOnce() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("图", to: "shared/photos/a.jpg", in: root)
        try link("Content/media/photos", to: "../../shared/photos", in: root)
        try link("Content/media/again", to: ".", in: root)
        try SiteBuilder(root: root).build()
        #expect(Fixture.exists("Public/media/photos/a.jpg", in: root))
        #expect(!Fixture.exists("Public/media/again", in: root))
    }

    @Test func aFileOrFolderWithoutReadPermissionIsAnError() throws {
        guard permissionsApply("aFileOrFolderWithoutReadPermissionIsAnError") else { return }
        let root = try Fixture.site("basic")
        let media = root.appendingPathComponent("Content/media/photo.txt")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: media.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: media.path) }
        try expectBoth(root, "Content/media/photo.txt", "cannot read this file: Permission denied",
                       hint: "let the user running casebook read it, e.g. chmod -R u+rX Content/media/photo.txt")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: media.path)
        let cases = root.appendingPathComponent("Content/cases")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: cases.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cases.path) }
        try expectBoth(root, "Content/cases", "cannot read this folder: Permission denied")
    }
}
