import Foundation
import Testing
@testable import CasebookKit

/// The fuzzer's seed inputs and every input it ever crashed on, taken as case files as the fuzzer
/// takes them: each must give a case, whose site of one case renders, or an error that names a
/// place in the file; none may trap.
@Suite struct FuzzRegressionTests {
    static let inputs: [URL] = ["Fuzz/corpus", "Fuzz/regressions"].flatMap { folder -> [URL] in
        let url = Fixture.repositoryRoot.appendingPathComponent(folder)
        return SourceFolder.files(root: url, folder: "").files.map { url.appendingPathComponent($0) }
    }

    @Test func thereAreSeedInputs() {
        #expect(Self.inputs.count >= 10)
    }

    @Test(arguments: inputs)
    func everyInputGivesARenderedCaseOrALocatedError(_ input: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: input))
        let site = try SingleCaseSite(templatesOf: Fixture.repositoryRoot)
        for file in [bytes, SingleCaseSite.caseFile(withFieldValues: bytes)] {
            let (files, diagnostics) = site.render(path: "Content/cases/fuzz.md", bytes: file)
            if files.isEmpty {
                let error = try #require(diagnostics.first { $0.isError }, "\(input.lastPathComponent) was refused without an error")
                #expect((error.location?.line ?? 0) >= 1)
            } else {
                #expect(files.contains { $0.path.hasPrefix("cases/") && $0.path != SitePath.allCases }, "\(input.lastPathComponent) has no page")
            }
        }
    }

    @Test func fieldValuesFillACaseLineByLine() throws {
        let file = SingleCaseSite.caseFile(withFieldValues: Array("标题\n2020-01-02\n\n\n\n\n\n\n\n\n1\n100000000000000000\n\n正文".utf8))
        let text = String(decoding: file, as: UTF8.self)
        #expect(text.hasPrefix("---\ntitle: 标题\ndate: 2020-01-02\ndistrict: \n"))
        #expect(text.contains("figures:\n  - label: \n    before: 1\n    value: 100000000000000000\n    unit: \n---\n正文"))
        #expect(String(decoding: SingleCaseSite.caseFile(withFieldValues: []), as: UTF8.self).contains("    value: 20\n    unit: 个\n---\n"))
    }
}
