import Foundation
import Testing
@testable import CasebookKit

/// The fuzzer's seed inputs and every input it ever crashed on, read as case files: each must give
/// a case or an error that names a place in the file, and none may trap.
@Suite struct FuzzRegressionTests {
    static let inputs: [URL] = ["Fuzz/corpus", "Fuzz/regressions"].flatMap { folder -> [URL] in
        let url = Fixture.repositoryRoot.appendingPathComponent(folder)
        return ContentLoader.filesBelow(url).map { url.appendingPathComponent($0) }
    }

    @Test func thereAreSeedInputs() {
        #expect(Self.inputs.count >= 10)
    }

    @Test(arguments: inputs)
    func everyInputGivesACaseOrALocatedError(_ input: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: input))
        let (study, diagnostics) = CaseStudyReader.read(path: "Content/cases/fuzz.md", bytes: bytes)
        if study == nil {
            let error = try #require(diagnostics.first { $0.isError }, "\(input.lastPathComponent) was refused without an error")
            #expect((error.location?.line ?? 0) >= 1)
        }
    }
}
