import Foundation
import Testing
@testable import CasebookKit

/// Incremental builds killed at many moments: the output is always exactly the previous site or
/// exactly the new one, and the build after it finds nothing to repair.
@Suite struct InterruptedBuildTests {
    @Test func anIncrementalBuildKilledAtAnyMomentLeavesEitherTheOldOrTheNewSite() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixture.tool.path), "build the casebook tool first")
        let root = try Fixture.site("basic")
        let template = try Fixture.read("Content/cases/charging.md", in: root)
        for number in 0..<200 {
            try Fixture.write(caseText(template, number: number, edit: 0), to: "Content/cases/generated-\(number).md", in: root)
        }
        // Every build of the site is the tool's own, so each trusts the build cache the other left.
        #expect(try Fixture.runBuild(root).status == 0)
        let output = root.appendingPathComponent("Public")

        // How long an incremental build takes here, to spread the kills over it.
        try edit(root, template, round: 1)
        let started = Date()
        #expect(try Fixture.runBuild(root).status == 0)
        let duration = Date().timeIntervalSince(started)

        var outcomes: [String: Int] = [:]
        // 24 kills spread over the measured time, then, should other work on the computer have
        // made every build slower (or faster) than measured, kills later (or at once) until both
        // outcomes were seen.
        var round = 1
        while round < 25 || (round < 40 && (outcomes["new", default: 0] == 0 || outcomes["old", default: 0] == 0)) {
            round += 1
            let before = try Fixture.snapshot(output)
            try edit(root, template, round: round)
            let expected = root.deletingLastPathComponent().appendingPathComponent("Expected-\(round)")
            try SiteBuilder(root: root, output: expected).build(useCache: false)
            let after = try Fixture.snapshot(expected)

            let delay = round <= 25 ? duration * 1.3 * Double(round - 2) / 23
                : outcomes["new", default: 0] == 0 ? duration * Double(1 << min(round - 25, 6)) : 0
            let process = try Fixture.startBuild(root)
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let left = try Fixture.snapshot(output)
            #expect(left == before || left == after, "round \(round): the output is neither the old site nor the new one")
            outcomes[left == after ? "new" : "old", default: 0] += 1

            let next = try Fixture.runBuild(root)
            #expect(next.status == 0, "\(next.output)")
            if left == after {
                #expect(next.output.contains("nothing changed"), "round \(round): a finished build needs nothing more: \(next.output)")
            } else {
                #expect(next.output.contains("render and write changes"), "round \(round): an incremental build: \(next.output)")
            }
            #expect(try Fixture.snapshot(output) == after, "round \(round): the next build gives the new site")
            try FileManager.default.removeItem(at: expected)
        }
        // The kills fell both before and after builds finished.
        #expect(outcomes["old", default: 0] > 0)
        #expect(outcomes["new", default: 0] > 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".Public") }
        #expect(leftovers.allSatisfy { $0 == ".Public.previous" }, "\(leftovers)")
    }

    /// A case's text for a round of edits: its title, date and body change with `edit`.
    func caseText(_ template: String, number: Int, edit: Int) -> String {
        template.replacingOccurrences(of: "title: ", with: "slug: generated-\(number)\ntitle: 第\(number)号（第\(edit)版）")
            .replacingOccurrences(of: "date: 2019-11-20", with: "date: 2019-11-\(10 + (number + edit) % 18)")
            + "\n第\(edit)次补充：居民代表又提出了一条新的建议。\n"
    }

    /// Retitles one case, edits another's body and adds a third, as an editor's save would.
    func edit(_ root: URL, _ template: String, round: Int) throws {
        try Fixture.write(caseText(template, number: round, edit: round), to: "Content/cases/generated-\(round).md", in: root)
        try Fixture.write(caseText(template, number: round + 50, edit: 0) + "又一段。\n", to: "Content/cases/generated-\(round + 50).md", in: root)
        try Fixture.write(caseText(template, number: 1000 + round, edit: 0), to: "Content/cases/added-\(round).md", in: root)
    }
}
