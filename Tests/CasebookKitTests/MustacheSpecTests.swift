import Foundation
import Testing
@testable import CasebookKit

/// Casebook's template engine renders every example of the Mustache spec files it supports (lambdas and dynamic
/// names aside) as the spec expects, and specialized rendering gives the same bytes.
@Suite struct MustacheSpecTests {
    struct SpecFile: Decodable {
        let tests: [Example]
    }

    struct Example: Decodable {
        let name: String
        let data: SpecData
        let template: String
        let partials: [String: String]?
        let expected: String
    }

    static let specFiles = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    /// `../shared/mustache-spec` beside the repository, or the shared folder of the build machines.
    static let specFolder: URL? = [
        Fixture.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/mustache-spec"),
        URL(fileURLWithPath: "/work/shared/mustache-spec"),
    ].first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("sections.json").path) }

    @Test(.enabled(if: specFolder != nil, "needs ../shared/mustache-spec or /work/shared/mustache-spec"), arguments: specFiles)
    func everyExampleRendersAsTheSpecExpects(file: String) throws {
        let url = try #require(Self.specFolder).appendingPathComponent("\(file).json")
        let examples = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url)).tests
        #expect(!examples.isEmpty)
        var failures: [String] = []
        for example in examples {
            var library = TemplateLibrary()
            do {
                try library.add("spec", source: example.template)
                for (name, source) in example.partials ?? [:] { try library.add(name, source: source) }
            } catch {
                failures.append("\(example.name): \(error)")
                continue
            }
            var plain: [UInt8] = []
            library.render("spec", example.data, into: &plain)
            if String(decoding: plain, as: UTF8.self) != example.expected {
                failures.append("\(example.name): rendered \(String(reflecting: String(decoding: plain, as: UTF8.self)))")
            }
            // Whether every key is constant or every key varies, the split must not change a byte.
            for varying in [Set<TemplateKey>(), Set(example.data.keys)] {
                var specialized: [UInt8] = []
                library.specialized("spec", constants: example.data, varying: varying).render(example.data, into: &specialized)
                if specialized != plain { failures.append("\(example.name): specialized with \(varying.count) varying keys differs") }
            }
        }
        #expect(failures.isEmpty, "\(file).json: \(failures.count) of \(examples.count) failed:\n\(failures.joined(separator: "\n"))")
    }
}

/// Spec data as templates see it: null is found but falsy and empty, integers are numbers, other numbers are text.
indirect enum SpecData: Decodable, TemplateContext {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([SpecData])
    case object([String: SpecData])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .int(int)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([SpecData].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: SpecData].self))
        }
    }

    /// The keys of an object, for specializing with all of them varying.
    var keys: [TemplateKey] {
        guard case .object(let fields) = self else { return [] }
        return fields.keys.map { TemplateKey($0) }
    }

    func value(_ key: TemplateKey) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key.name]?.templateValue
    }

    var templateValue: TemplateValue {
        switch self {
        case .null: .list([String]())
        case .bool(let bool): .flag(bool)
        case .int(let int): .number(int)
        case .double(let double): .text(String(describing: double))
        case .string(let string): .text(string)
        case .array(let items): .list(items)
        case .object: .object(self)
        }
    }
}
