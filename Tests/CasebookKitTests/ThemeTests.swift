import Foundation
import Testing
@testable import CasebookKit

/// The built-in theme, and a site's files in Templates/ replacing it file by file.
@Suite struct ThemeTests {
    /// The binary carries exactly what Theme/ holds: run scripts/embed-theme.py after changing it.
    @Test func theBuiltInThemeIsTheThemeFolder() throws {
        let folder = Fixture.repositoryRoot.appendingPathComponent("Theme")
        let files = Fixture.filesBelow(folder)
        #expect(files == BuiltinTheme.paths, "run scripts/embed-theme.py")
        for path in files {
            #expect(try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) == BuiltinTheme.files[path],
                    "\(path) differs from the built-in copy: run scripts/embed-theme.py")
        }
    }

    @Test func aSitesTemplateReplacesTheBuiltInOneAndTheRestStay() throws {
        let root = try Fixture.site("basic")
        let card = try #require(BuiltinTheme.files["partials/case-card.mustache"])
        try Fixture.write(card.replacingOccurrences(of: "<article class=\"case-card\">", with: "<article class=\"case-card own\">"),
                          to: "Templates/partials/case-card.mustache", in: root)
        try SiteBuilder(root: root).build()
        let home = try Fixture.read("Public/index.html", in: root)
        #expect(home.contains("case-card own"))
        #expect(home.contains("<a class=\"skip\" href=\"#main\">"), "the built-in layout is still used")
        #expect(Fixture.exists("Public/assets/search.js", in: root))
    }

    /// A card is rendered once and each depth's root prefix put where it printed the prefix; a
    /// card template that does more with the prefix than print it is rendered at each depth.
    @Test(arguments: [false, true])
    func eachListShowsCardsWithTheLinksOfItsOwnDepth(templateTestsTheRoot: Bool) throws {
        let root = try Fixture.site("basic")
        if templateTestsTheRoot {
            let card = try #require(BuiltinTheme.files["partials/case-card.mustache"])
            try Fixture.write("{{^empty(root)}}<i class=\"below-top\">{{root}}</i>{{/empty(root)}}\n" + card,
                              to: "Templates/partials/case-card.mustache", in: root)
        }
        try SiteBuilder(root: root).build()
        let home = try Fixture.read("Public/index.html", in: root)
        let city = try Fixture.read("Public/districts/gansu/tianshui.html", in: root)
        #expect(home.contains("<h3><a href=\"cases/"))
        #expect(city.contains("<h3><a href=\"../../cases/"))
        #expect(city.contains("href=\"../../mechanisms/"))
        #expect(!home.contains("below-top"))
        #expect(city.contains("<i class=\"below-top\">../../</i>") == templateTestsTheRoot)
    }

    /// A card rendered once, with each depth's prefix put in, is byte for byte the card rendered
    /// at each depth: a card template that tests the prefix (here without printing anything)
    /// makes the same site the slower way.
    @Test func aCardRenderedOnceIsTheCardRenderedAtEachDepth() throws {
        let once = try Fixture.site("basic")
        let eachDepth = try Fixture.site("basic")
        let card = try #require(BuiltinTheme.files["partials/case-card.mustache"])
        try Fixture.write("{{#empty(root)}}{{/empty(root)}}" + card, to: "Templates/partials/case-card.mustache", in: eachDepth)
        try SiteBuilder(root: once).build()
        try SiteBuilder(root: eachDepth).build()
        let files = Fixture.filesBelow(once.appendingPathComponent("Public"))
        #expect(files == Fixture.filesBelow(eachDepth.appendingPathComponent("Public")))
        #expect(files.contains("districts/gansu/tianshui.html"))
        for path in files {
            let (first, second) = try (Data(contentsOf: once.appendingPathComponent("Public/" + path)),
                                       Data(contentsOf: eachDepth.appendingPathComponent("Public/" + path)))
            #expect(first == second, "\(path) differs")
        }
    }

    @Test func aSitesStringsChangeTheBuiltInOnesKeyByKey() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("footer_note: 本街道自编\n", to: "Templates/strings/zh-Hans.yml", in: root)
        try SiteBuilder(root: root).build()
        let home = try Fixture.read("Public/index.html", in: root)
        #expect(home.contains("本街道自编"))
        #expect(home.contains(try #require(UIStrings.load(theme: SiteTheme(root: Fixture.scratchFolder()), language: "zh-Hans").0)["skip_to_content"]))
    }

    @Test func aSitesAssetReplacesTheBuiltInOne() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("body { color: green; }\n", to: "Templates/assets/casebook.css", in: root)
        try SiteBuilder(root: root).build()
        #expect(try Fixture.read("Public/assets/casebook.css", in: root) == "body { color: green; }\n")
        #expect(try Fixture.read("Public/assets/casebook.js", in: root) == BuiltinTheme.files["assets/casebook.js"])
    }

    /// Adding an override and taking it away again each rebuild what it changes.
    @Test func anOverrideAddedOrRemovedRebuildsTheSite() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        try Fixture.write("footer_note: 自编说明\n", to: "Templates/strings/zh-Hans.yml", in: root)
        try SiteBuilder(root: root).build()
        #expect(try Fixture.read("Public/index.html", in: root).contains("自编说明"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("Templates"))
        try SiteBuilder(root: root).build()
        #expect(try !Fixture.read("Public/index.html", in: root).contains("自编说明"))
    }
}

/// Copying the built-in theme out, and what check says of copies that no longer fit.
@Suite struct ThemeExportTests {
    @Test func exportCopiesTheNamedFilesAndNeverReplacesOne() throws {
        let root = try Fixture.site("basic")
        try Fixture.write("mine\n", to: "Templates/case.mustache", in: root)
        let (written, kept) = try SiteTheme(root: root).export(["case.mustache", "assets/casebook.css"])
        #expect(written == ["assets/casebook.css"] && kept == ["case.mustache"])
        #expect(try Fixture.read("Templates/case.mustache", in: root) == "mine\n")
        #expect(try Fixture.read("Templates/assets/casebook.css", in: root) == BuiltinTheme.files["assets/casebook.css"])
        #expect(try SiteTheme(root: root).export([]).written.count == BuiltinTheme.paths.count - 2, "all the others")
    }

    @Test func anUnknownFileIsRefusedWithTheNearestName() throws {
        let root = try Fixture.site("basic")
        #expect(throws: Diagnostic.self) { try SiteTheme(root: root).export(["cas.mustache"]) }
        do {
            _ = try SiteTheme(root: root).export(["cas.mustache"])
        } catch {
            #expect(error.message == "the built-in theme has no file cas.mustache")
            #expect(error.hint?.hasPrefix("did you mean case.mustache?") == true)
        }
        #expect(!Fixture.exists("Templates", in: root), "nothing was written")
    }

    /// A search script from an earlier Casebook reads an index this one no longer writes: check
    /// and build refuse it, naming the file, instead of a search page that finds nothing.
    @Test func aDataScriptFromAnotherCasebookIsAnError() throws {
        let root = try Fixture.site("basic")
        let current = try #require(BuiltinTheme.files["assets/search.js"])
        #expect(current.hasPrefix("/* \(SiteTheme.dataMarker) */\n"))
        try Fixture.write(String(current.drop { $0 != "\n" }.dropFirst()), to: "Templates/assets/search.js", in: root)
        var checked: [Diagnostic] = []
        do { _ = try SiteBuilder(root: root).check() } catch { checked = error.diagnostics }
        for found in [checked, try #require(Fixture.buildFailure(SiteBuilder(root: root)))] {
            let error = try #require(found.first { $0.location?.path == "Templates/assets/search.js" })
            #expect(error.isError && error.location?.line == 1)
            #expect(error.message.contains("this one writes data format \(SiteTheme.dataFormat)"))
        }
        try Fixture.write(current, to: "Templates/assets/search.js", in: root)
        try SiteBuilder(root: root).build()
    }

    @Test func aTemplateCopyThatLeavesOutWhatTheBuiltInOneUsesIsAWarning() throws {
        let root = try Fixture.site("basic")
        let card = try #require(BuiltinTheme.files["partials/case-card.mustache"])
        try Fixture.write(card.replacingOccurrences(of: "{{place}}", with: ""), to: "Templates/partials/case-card.mustache", in: root)
        let report = try SiteBuilder(root: root).check()
        let warning = try #require(report.warnings.first { $0.location?.path == "Templates/partials/case-card.mustache" })
        #expect(warning.message == "this copy of partials/case-card.mustache does not use place, which the built-in partials/case-card.mustache uses: it may come from an older Casebook")
    }
}
