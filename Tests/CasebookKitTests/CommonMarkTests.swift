import Foundation
import Testing
@testable import CasebookKit

/// Casebook must not change what cmark renders: each CommonMark 0.30 example, used as a case body,
/// appears in its case page exactly as the `cmark` command renders it (links to `.md` files aside).
@Suite struct CommonMarkTests {
    struct Example: Decodable {
        let markdown: String
        let example: Int
    }

    static let specFile = Fixture.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/commonmark/spec-0.30.json")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: specFile.path), "needs ../shared/commonmark/spec-0.30.json"))
    func everySpecExampleRendersInItsCasePageAsCmarkRendersIt() throws {
        let examples = try JSONDecoder().decode([Example].self, from: Data(contentsOf: Self.specFile))
        #expect(examples.count == 652)
        let root = try Fixture.site("basic")
        let cases = root.appendingPathComponent("Content/cases")
        try FileManager.default.removeItem(at: cases)
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/pages"))
        try FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
        // Example 483 links to `./target.md`: give it a case of that name, so the documented rewrite applies.
        try Fixture.write(caseFile(body: "目标"), to: "Content/cases/target.md", in: root)
        for example in examples {
            try Fixture.write(caseFile(body: example.markdown), to: "Content/cases/example-\(example.example).md", in: root)
        }
        try SiteBuilder(root: root).build()

        var mismatches: [Int] = []
        for example in examples {
            var expected = try cmark(example.markdown)
            if example.example == 483 { expected = expected.replacingOccurrences(of: "./target.md", with: "target.html") }
            let page = try Fixture.read("Public/cases/example-\(example.example).html", in: root)
            if !page.contains("<div class=\"case-body\">\n\(expected)\n  </div>") { mismatches.append(example.example) }
        }
        #expect(mismatches.isEmpty, "examples rendered differently from cmark: \(mismatches)")
    }

    func caseFile(body: String) -> String {
        "---\ntitle: 例子\ndate: 2020-01-01\ndistrict: [甘肃省]\nmechanisms: [时间银行]\noutcomes: [困难群众帮扶]\n---\n" + body
    }

    /// The reference rendering: Debian's `cmark` command, in its default (safe) mode.
    func cmark(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cmark"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func linksWithASpaceReadAsTextAreFoundWhereTheyStandInTheirText() {
        let bytes = Array("xx[a](b c) and ![i](d e) [j](k) ](z y)]".utf8)
        let found = MarkdownRenderer.referencesReadAsText(bytes[2...], line: 4, byteColumn: 3)
        #expect(found.map(\.destination) == ["b c", "d e"])
        #expect(found.map(\.isImage) == [false, true])
        #expect(found.map(\.byteColumn) == [3, 16])
        #expect(found.allSatisfy { $0.line == 4 && $0.isText })
        #expect(MarkdownRenderer.referencesReadAsText(Array("]".utf8)[...], line: 1, byteColumn: 1).isEmpty)
    }
}
