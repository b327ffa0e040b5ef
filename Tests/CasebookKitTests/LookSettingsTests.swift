import Foundation
import Testing
@testable import CasebookKit

/// The look set in site.yml: logo, accent colour and the issuing office, on screen and on paper.
@Suite struct LookSettingsTests {
    private func site(_ settings: String) throws -> URL {
        let root = try Fixture.site("basic")
        try Fixture.write("title: 测试案例库\n" + settings, to: "Content/site.yml", in: root)
        try Fixture.write("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", to: "Content/media/街道 logo.svg", in: root)
        return root
    }

    /// The diagnostics about site.yml of a build that is expected to fail.
    private func settingsProblems(_ settings: String) throws -> [Diagnostic] {
        let root = try site(settings)
        let found = try #require(Fixture.buildFailure(SiteBuilder(root: root)), "the build fails")
        return found.filter { $0.location?.path == SiteConfig.path }
    }

    @Test func logoColourAndFooterAppearOnEveryPageAndTheNoticeNamesTheOffice() throws {
        let root = try site("""
            logo: 街道 logo.svg
            accent_color: "#1D5F8A"
            footer:
              organisation: 某某街道办事处
              address: 某某路1号
              telephone: 0571-12345678

            """)
        let report = try SiteBuilder(root: root).build()
        #expect(!report.warnings.contains { $0.location?.path == SiteConfig.path }, "\(report.warnings)")
        let page = try Fixture.read("Public/cases/charging.html", in: root)
        #expect(page.contains("<style>:root { --accent: #1d5f8a; --accent-soft: #e3ebf1; }</style>"))
        #expect(page.contains("<img class=\"site-logo\" src=\"../media/%E8%A1%97%E9%81%93%20logo.svg\" alt=\"\">测试案例库</a>"))
        #expect(page.contains("<p class=\"issuer\"><span>某某街道办事处</span><span>某某路1号</span><span>电话 0571-12345678</span></p>"))
        #expect(page.contains("<p class=\"print-masthead\">测试案例库</p>"))
        #expect(Fixture.exists("Public/media/街道 logo.svg", in: root))
        let css = try Fixture.read("Public/assets/casebook.css", in: root)
        let print = try #require(css.range(of: "@media print")).upperBound
        #expect(css[print...].contains(".print-masthead { display: block;"), "the printed notice names the bulletin")
        #expect(css[print...].contains(".site-footer.with-issuer { display: block;"), "and keeps a footer with the issuing office")
        #expect(page.contains("<footer class=\"site-footer with-issuer\">"))
    }

    @Test func withoutLookSettingsPagesAreAsBefore() throws {
        let root = try Fixture.site("basic")
        try SiteBuilder(root: root).build()
        let page = try Fixture.read("Public/index.html", in: root)
        #expect(!page.contains("<style>") && !page.contains("site-logo") && !page.contains("class=\"issuer\""))
        #expect(page.contains("<footer class=\"site-footer\">"), "a footer without an issuer is not printed")
    }

    @Test func aLogoThatIsNotThereIsAnErrorAtItsLineWithTheNearestName() throws {
        let problems = try settingsProblems("logo: 街道 logo.svgg\n")
        #expect(problems.map(\.message) == ["'logo' must be an image (gif, jpeg, jpg, png, svg, webp), found \"街道 logo.svgg\""])
        let missing = try settingsProblems("logo: media/街道logo.svg\n")
        #expect(missing.map(\.message) == ["the logo 街道logo.svg is not in Content/media/"])
        #expect(missing.first?.location?.line == 2)
        #expect(missing.first?.hint == "did you mean 街道 logo.svg?")
    }

    @Test func anUnquotedColourIsExplainedAndAMalformedOneRefused() throws {
        let unquoted = try settingsProblems("accent_color: #1d5f8a\n")
        #expect(unquoted.map(\.message) == ["'accent_color' is empty"])
        #expect(unquoted.first?.hint?.contains("put the colour in quotes") == true)
        let malformed = try settingsProblems("accent_color: \"#12345g\"\n")
        #expect(malformed.map(\.message) == ["'accent_color' must be a colour as #rrggbb, found \"#12345g\""])
    }

    @Test func aColourTooLightForWhiteTextIsAWarning() throws {
        let root = try site("accent_color: \"#ffcc00\"\n")
        let report = try SiteBuilder(root: root).build()
        let warning = try #require(report.warnings.first { $0.location?.path == SiteConfig.path })
        #expect(warning.message == "white text on accent_color \"#ffcc00\" is hard to read: contrast 1.5:1, where 4.5:1 is needed")
        #expect(warning.location?.line == 2)
        #expect(try Fixture.read("Public/index.html", in: root).contains("--accent: #ffcc00;"), "it is still used")
    }

    @Test func theFooterIsAListOfKnownLines() throws {
        let flat = try settingsProblems("footer: 某某街道办事处\n")
        #expect(flat.map(\.message) == ["'footer' must list organisation, address and telephone, one per line"])
        let root = try site("footer:\n  organization: 某某街道办事处\n")
        let report = try SiteBuilder(root: root).build()
        #expect(report.warnings.contains { $0.message == "unknown key 'organization'" && $0.location?.line == 3 })
    }
}
