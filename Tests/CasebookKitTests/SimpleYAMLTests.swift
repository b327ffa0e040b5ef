import Foundation
import Testing
import Yams
@testable import CasebookKit

/// SimpleYAML either declines a text or composes from it exactly the nodes Yams composes: the same
/// structure, strings, styles and marks. What it reads must also be what YAMLGuard passes,
/// since `YAMLReader.compose` does not run the guard on it.
@Suite struct SimpleYAMLTests {
    /// The YAML of every front matter and `.yml` file in the sample site, the test fixtures and the fuzz inputs.
    static let repositoryTexts: [(name: String, yaml: String)] = {
        let folders = ["Content", "Tests/CasebookKitTests/Fixtures", "Fuzz/corpus", "Fuzz/regressions"]
        return folders.flatMap { folder -> [(name: String, yaml: String)] in
            let url = Fixture.repositoryRoot.appendingPathComponent(folder)
            return SourceFolder.files(root: url, folder: "").files.compactMap { path in
                guard path.hasSuffix(".md") || path.hasSuffix(".yml"),
                      let bytes = FileManager.default.contents(atPath: url.appendingPathComponent(path).path),
                      case .success(let file) = SourceReader.decode(path: path, bytes: [UInt8](bytes)) else { return nil }
                if path.hasSuffix(".yml") { return ("\(folder)/\(path)", file.text) }
                return (try? FrontMatter.split(file)).map { ("\(folder)/\(path)", $0.yaml) }
            }
        }
    }()

    /// Texts in the subset, each with a turn that a reader of YAML could get wrong.
    static let readable = [
        "title: 'it''s'\n", "title: 'a ''b'' c'\n", "title: ''''\n", "title: ''\n", "title: \"\"\n",
        "title: \"a \\\"b\\\" c\"\n", "title: \"back\\\\slash\"\n", "title: 'a # b'\n", "title: \"a # b\"\n",
        "title: a # comment\n", "title: a#b\n", "title: a #\n", "title: C#\n", "title: 'a: b'\n", "title: \"a: b\"\n",
        "title: a:b\n", "source_url: https://example.org/a?b=1#c\n", "title: trailing   \n", "title: 'quoted'   \n",
        "title: 'quoted'   # c\n", "title:\n", "title:   \n", "title: # only a comment\n", "title:\ndate: 2019-11-20\n",
        "a: ~\nb: null\nc: Null\nd: NULL\ne: true\nf: yes\n",
        "value: 20\nbefore: -3\nratio: 0.5\nexp: 1e3\nhex: 0x1F\nneg: -0.25\n",
        "date: 2019-11-20\nwhen: 2019-11-20 10:30:00\ntime: 10:30\n",
        "title: 四方议事会\nsummary: 党员和居民在茶话会上商定“先来先停、合理收费、资金共管”。\n", "标题: 中文的键\n",
        "title: 全角：冒号\n", "title: x\u{3000}\n", "title: a   b\n", "key with spaces: v\n", "key  : v\n",
        "title: x, y\n", "title: x [y] {z}\n", "title: -x\n", "title: .5\n", "title: a 'b' \"c\"\n",
        "district: [甘肃省, 天水市, 秦州区]\n", "district: [ 甘肃省 ,天水市 ]\n", "district: []\n", "district: [ ]\n",
        "district: ['a', \"b\", c d]\n", "district: [\"x, y\", 'z]']\n", "district: ['it''s', \"say \\\"hi\\\"\"]\n",
        "district: [-1, -x]\n", "district: [x#y, z]\n", "district: [x?]\n", "district: [a, b] # c\n",
        "district:\n  - 甘肃省\n  - 天水市\n", "district:\n- 甘肃省\n- 天水市\nmechanisms: [x]\n", "district:\n    - a\n    - 'b'\n",
        "district:\n  # comment\n\n  - a\n", "district:\n  - a # c\n  - [b, c]\n",
        "figures:\n  - label: 完成水电改造\n    value: 120\n    unit: 户\n  - label: b\n    value: -1\n",
        "figures:\n- label: a\n  value: 1\ntitle: x\n", "figures:\n  -   label: a\n      value: 1\n",
        "figures:\n  - label:\n    value: 1\n", "figures:\n  - label:\n  - label: b\n", "figures:\n  - 30\n  - label: a\n",
        "title: a\n  # indented comment\ndate: b\n", "# comment\n\ntitle: x\n", "title: x", "title:", "district:\n  - a",
        "figures:\n  - label: a\n    value: 1\n    # a comment\n\n    unit: b\n",
    ]

    /// Texts outside the subset, whether Yams reads them or not.
    static let declined = [
        "", "# only a comment\n", "\n\n", "title: \"tab\\tx\"\n", "title: a: b\n", "title: a:\n", "key:value\n",
        "a: 1\nkey:value\n", "title：全角冒号\n", "district: [a, b,]\n", "district: [a, [b]]\n", "district: {a: b}\n",
        "district: [a: b]\n", "district: [x:y]\n", "district: [x #y]\n", "district: [?x]\n", "district: [a, b]x\n",
        "district: [a,\n  b]\n", "district:\n  - a\n   - b\n", "district:\n  - a\n  b\n", "figures:\n  - label: a\n     value: 1\n",
        "figures:\n  - label: a\n    value: 1\n    value: 2\n", "figures:\n  -\n", "figures:\n  - # c\n", "figures:\n  - - a\n",
        "figures:\n  - label:\n      - a\n", "figures:\n  - label:\n    - a\n", "title: a\ntitle: b\n", "title: a\n  continued\n",
        "title: a\n\n  continued\n", "title: 'a\n  b'\n", "title: |\n  text\n", "title: >\n  text\n", "title: &a x\n",
        "title: *a\n", "title: !!str x\n", "? title\n: x\n", "title: x\n---\n", "---\ntitle: x\n", "title: x\n...\n",
        "%YAML 1.2\n---\ntitle: x\n", "title: @x\n", "title: `x`\n", "title: - x\n", "title: -\n", "title: ---\n",
        "title: x\r\n", "title:\tx\n", "\ttitle: x\n", "title: a\u{2028}b\n", "title: a\u{85}b\n", "title: \u{FEFF}x\n",
        "title: a\u{1}b\n", "  title: x\n  date: y\n", "- a\n- b\n", "just a scalar\n", "a: b\n- c\n", "a:\n  b: c\n",
        "a: 'x' 'y'\n", "a: \"x\\u0041\"\n", "a: 'x'y\n", "a: 'x'# c\n", "\"quoted key\": x\n", "'k': x\n",
        "e\u{301}: 1\n\u{E9}: 2\n", String(repeating: "k", count: 1100) + ": v\n", "a: [b]: c\n", "a: 'b': c\n",
    ]

    @Test func composesEveryCaseOfTheSampleSite() {
        let cases = Self.repositoryTexts.filter { $0.name.hasPrefix("Content/cases/") }
        #expect(cases.count >= 20)
        for (name, yaml) in cases {
            #expect(SimpleYAML.compose(yaml) != nil, "\(name) is not composed")
        }
    }

    @Test func agreesWithYamsOnTheRepositoryFiles() {
        #expect(Self.repositoryTexts.count >= 40)
        for (name, yaml) in Self.repositoryTexts {
            if let difference = Self.difference(yaml) { Issue.record("\(name): \(difference)") }
        }
    }

    @Test(arguments: readable)
    func composesWhatYamsComposes(_ yaml: String) throws {
        #expect(SimpleYAML.compose(yaml) != nil)
        #expect(Self.difference(yaml) == nil)
    }

    @Test(arguments: declined)
    func declinesWhatItDoesNotRead(_ yaml: String) {
        #expect(SimpleYAML.compose(yaml) == nil)
    }

    /// Thousands of seeded mutations of all the texts above: characters that mean something to
    /// YAML put in, text cut out, lines doubled, swapped and indented.
    @Test func agreesWithYamsOnRandomVariations() {
        var random = SeededRandom(seed: 20_251_122)
        let bases = Self.repositoryTexts.map(\.yaml) + Self.readable + Self.declined
        var tally = Tally()
        for base in bases {
            for _ in 0..<60 {
                tally.check(Self.mutate(base, rounds: Int.random(in: 1...3, using: &random), using: &random))
            }
        }
        #expect(tally.composed >= 2000 && tally.declined >= 2000, "\(tally)")
    }

    /// Thousands of seeded front matters built from the forms the subset reads, at the indentations
    /// it reads and a few it does not, each also once mutated.
    @Test func agreesWithYamsOnRandomFrontMatter() {
        var random = SeededRandom(seed: 1_024)
        var tally = Tally()
        for _ in 0..<3000 {
            let built = Self.randomFrontMatter(using: &random)
            tally.check(built)
            tally.check(Self.mutate(built, rounds: 1, using: &random))
        }
        #expect(tally.composed >= 2000 && tally.declined >= 1000, "\(tally)")
    }

    /// Checks random texts, counting those composed and those declined, so that a test can tell
    /// that it tried both.
    struct Tally {
        var composed = 0, declined = 0

        mutating func check(_ yaml: String) {
            guard SimpleYAML.compose(yaml) != nil else { return declined += 1 }
            composed += 1
            if let difference = SimpleYAMLTests.difference(yaml) { Issue.record("\(difference) in \(yaml.debugDescription)") }
        }
    }

    static let keys = ["title", "date", "district", "figures", "key with spaces", "标题", "a#b", "k", "source_url", "label"]
    static let scalars = ["x", "四方议事会", "a # c", "'it''s'", "\"say \\\"hi\\\"\"", "''", "\"\"", "-5", "0.5", "2019-11-20",
                          "~", "null", "https://e.org/a?b=1#c", "a:b", "全角：冒号", "C#", "x  y", "'a: b'", "\"a # b\"", "é", "a, b",
                          "[a, 'b']", "[]", "'中文'", "x   ", "x # c", "'x'  # c", "\\", "'\\'", "a'b", "a\"b", "😀 emoji"]

    static func randomFrontMatter(using random: inout SeededRandom) -> String {
        func pick(_ choices: [String]) -> String { choices.randomElement(using: &random)! }
        func indent() -> String { String(repeating: " ", count: [0, 2, 2, 4, 1, 3].randomElement(using: &random)!) }
        /// Keys for one mapping: different ones, but now and then one given twice.
        func keys(_ count: Int) -> [String] {
            let keys = Array(Self.keys.shuffled(using: &random).prefix(count))
            return Int.random(in: 0..<8, using: &random) == 0 ? keys + [keys[0]] : keys
        }
        var lines: [String] = []
        for key in keys(Int.random(in: 1...8, using: &random)) {
            switch Int.random(in: 0..<6, using: &random) {
            case 0, 1: lines.append("\(key): \(pick(Self.scalars))")
            case 2: lines.append("\(key): [\((0..<Int.random(in: 0...4, using: &random)).map { _ in pick(Self.scalars) }.joined(separator: pick([", ", ",", " , "])))]")
            case 3:
                lines.append("\(key):")
                let margin = indent()
                for _ in 0..<Int.random(in: 1...3, using: &random) { lines.append("\(margin)-\(pick([" ", "  "]))\(pick(Self.scalars))") }
            case 4:
                lines.append("\(key):")
                let margin = indent()
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let gap = pick([" ", " ", "   "])
                    for (index, field) in keys(Int.random(in: 1...4, using: &random)).enumerated() {
                        let value = pick(["", " \(pick(Self.scalars))", " \(pick(Self.scalars))"])
                        lines.append(index == 0 ? "\(margin)-\(gap)\(field):\(value)" : "\(margin) \(gap)\(field):\(value)")
                    }
                }
            default: lines.append("\(key):\(pick(["", " ", " # c"]))")
            }
            if Int.random(in: 0..<5, using: &random) == 0 { lines.append(pick(["", "# c", "  # c", "   "])) }
        }
        return lines.joined(separator: "\n") + pick(["\n", ""])
    }

    static let pieces = ["'", "\"", "''", "#", " #", "# ", ": ", ":", "-", "- ", "[", "]", "[a, b]", ",", ", ", " ", "  ",
                         "\n", "\n  ", "\n- ", "\n  - ", "\t", "&", "*", "!", "|", ">", "?", "~", "null", "中", "：", "\\",
                         "\\\"", "{", "}", "...", "---", "%", "@", "`", "\u{2028}", "\u{85}", "\u{FEFF}", "\r", "1", "-1",
                         "x: y", "\n  - label: a\n    value: 1", "e\u{301}", "\u{E9}", "title", "value"]

    static func mutate(_ text: String, rounds: Int, using random: inout SeededRandom) -> String {
        var text = text
        for _ in 0..<rounds {
            var scalars = Array(text.unicodeScalars)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            switch Int.random(in: 0..<6, using: &random) {
            case 0, 1:
                scalars.insert(contentsOf: pieces.randomElement(using: &random)!.unicodeScalars,
                               at: Int.random(in: 0...scalars.count, using: &random))
                text = String(String.UnicodeScalarView(scalars))
            case 2 where !scalars.isEmpty:
                let start = Int.random(in: 0..<scalars.count, using: &random)
                scalars.removeSubrange(start..<min(scalars.count, start + Int.random(in: 1...4, using: &random)))
                text = String(String.UnicodeScalarView(scalars))
            case 3:
                let line = Int.random(in: 0..<lines.count, using: &random)
                lines.insert(lines[line], at: Int.random(in: 0...lines.count, using: &random))
                text = lines.joined(separator: "\n")
            case 4:
                let line = Int.random(in: 0..<lines.count, using: &random)
                if Bool.random(using: &random) {
                    lines[line] = String(repeating: " ", count: Int.random(in: 1...3, using: &random)) + lines[line]
                } else {
                    lines[line] = String(lines[line].dropFirst(min(2, lines[line].prefix { $0 == " " }.count)))
                }
                text = lines.joined(separator: "\n")
            default:
                lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random))
                text = lines.joined(separator: "\n")
            }
        }
        return text
    }

    /// Why SimpleYAML's reading of `yaml` is not Yams' (and YAMLGuard's), or nil when it declines or agrees.
    static func difference(_ yaml: String) -> String? {
        guard let fast = SimpleYAML.compose(yaml) else { return nil }
        if let problem = YAMLGuard.scan(yaml) { return "YAMLGuard refuses it: \(problem)" }
        do {
            guard let yams = try Yams.compose(yaml: yaml, .basic, .default, .utf8) else { return "Yams finds no document" }
            return difference(fast, yams, at: "root")
        } catch {
            return "Yams refuses it: \(error)"
        }
    }

    /// The first field in which `fast` differs from `yams`, or nil: the kind, text, style and
    /// mark of every node, read from Yams' own node (not through `YAMLNode.init`), which must
    /// carry no anchor.
    static func difference(_ fast: YAMLNode, _ yams: Node, at path: String) -> String? {
        let (mine, theirs) = (fields(fast), fields(yams))
        for (index, name) in ["kind", "string", "style", "mark", "anchor"].enumerated()
        where !mine.own[index].utf8.elementsEqual(theirs.own[index].utf8) {
            return "\(path): \(name) \(mine.own[index].debugDescription) ≠ \(theirs.own[index].debugDescription)"
        }
        if mine.children.count != theirs.children.count {
            return "\(path): \(mine.children.count) children ≠ \(theirs.children.count)"
        }
        for (index, (a, b)) in zip(mine.children, theirs.children).enumerated() {
            if let found = difference(a, b, at: "\(path)/\(index)") { return found }
        }
        return nil
    }

    /// A node's own fields as text, and its children: a mapping's keys and values in turn, a sequence's items.
    static func fields(_ node: YAMLNode) -> (own: [String], children: [YAMLNode]) {
        let mark = "\(node.mark.line):\(node.mark.column)"
        switch node {
        case .scalar(let scalar): return (["scalar", scalar.string, "\(scalar.style)", mark, "none"], [])
        case .mapping(let pairs, _): return (["mapping", "", "", mark, "none"], pairs.flatMap { [$0.key, $0.value] })
        case .sequence(let items, _): return (["sequence", "", "", mark, "none"], items)
        }
    }

    static func fields(_ node: Node) -> (own: [String], children: [Node]) {
        let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "none"
        let anchor = node.anchor.map { "\($0)" } ?? "none"
        switch node {
        case .scalar(let scalar):
            return (["scalar", scalar.string, "\(scalar.style)", mark, anchor], [])
        case .mapping(let mapping):
            return (["mapping", "", "", mark, anchor], mapping.flatMap { [$0.key, $0.value] })
        case .sequence(let sequence):
            return (["sequence", "", "", mark, anchor], Array(sequence))
        case .alias(let alias):
            return (["alias", "", "", mark, "\(alias)"], [])
        }
    }
}
