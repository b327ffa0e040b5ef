import Foundation
import Testing
@testable import CasebookKit

/// Builds the sample bulletin in `Content/` and walks it the way a reader would, from `index.html`.
@Suite struct SampleSiteTests {
    static let attribute = try! NSRegularExpression(pattern: "(?:href|src|action)=\"([^\"]*)\"")

    @Test func everyLinkOfTheSampleNamesAFileAndEveryPageIsReachable() throws {
        let output = try Fixture.scratchFolder().appendingPathComponent("Public")
        let report = try SiteBuilder(root: Fixture.repositoryRoot, output: output).build()
        #expect(report.caseCount >= 15)

        let pages = Set(SourceFolder.files(root: output, folder: "").files.filter { $0.hasSuffix(".html") })
        #expect(pages.filter { $0.hasPrefix("cases/") && $0 != "cases/index.html" }.count == report.caseCount)
        var reached: Set<String> = ["index.html"]
        var queue = ["index.html"]
        var problems: [String] = []
        while let page = queue.popLast() {
            let html = try Fixture.read(page, in: output)
            for match in Self.attribute.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                if link.hasPrefix("https://") || link.hasPrefix("http://") {
                    // Only a case's source may point away, and only as a link to follow, never as something loaded.
                    if !html.contains("<a href=\"\(link)\"") { problems.append("\(page) loads \(link) from the network") }
                    continue
                }
                if link.hasPrefix("#") { continue }
                let path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                let folder = page.split(separator: "/").dropLast().joined(separator: "/")
                let target = URL(fileURLWithPath: "\(output.path)/\(folder)/\(path)").standardizedFileURL
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), !isFolder.boolValue else {
                    problems.append("\(page) links to \(link), which is not a file")
                    continue
                }
                let relative = String(target.path.dropFirst(output.standardizedFileURL.path.count + 1))
                if relative.hasSuffix(".html"), reached.insert(relative).inserted { queue.append(relative) }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(pages.subtracting(reached).subtracting(["404.html"]).isEmpty, "unreachable: \(pages.subtracting(reached).sorted())")
    }

    @Test func theSampleHasNoWarnings() throws {
        let output = try Fixture.scratchFolder().appendingPathComponent("Public")
        let report = try SiteBuilder(root: Fixture.repositoryRoot, output: output).build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
    }

    @Test func theSampleBuildsToTheSameBytesEveryTime() throws {
        let scratch = try Fixture.scratchFolder()
        let first = scratch.appendingPathComponent("first"), second = scratch.appendingPathComponent("second")
        try SiteBuilder(root: Fixture.repositoryRoot, output: first).build()
        try SiteBuilder(root: Fixture.repositoryRoot, output: second).build()
        // The build cache records the inputs' file stamps; the site itself must match byte for byte.
        try Fixture.expectIdentical(first, second)
    }
}
