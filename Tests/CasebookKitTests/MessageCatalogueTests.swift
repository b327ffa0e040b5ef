import Foundation
import Testing
@testable import CasebookKit

/// The catalogue against the sources: every message the code can say has its Chinese, every
/// Chinese entry is still said, and the two say the same values.
@Suite struct MessageCatalogueTests {
    /// Where messages are made: the library and the command line.
    static let sourceFolders = ["Sources/CasebookKit", "Sources/casebook"]
    /// Files whose English is for programs, not people: charts, feeds, HTTP, generated data.
    static let filesWithoutMessages: Set<String> = [
        "BuiltinThemeFiles.swift", "DivisionData.swift", "MessageCatalogue.swift", "BarChart.swift", "DistrictMap.swift",
        "Feeds.swift", "HTTPResponse.swift", "HTTPServer.swift", "SiteFiles.swift", "SiteResponder.swift", "WebSocket.swift",
    ]
    /// English in the sources that is never said to a person as a message, each for its reason.
    static let notMessages: Set<String> = [
        // Parts of what libyaml says, looked for to choose a hint.
        "mapping values are not allowed", "cannot start any token", "end of stream", "unexpected end",
        // An ICU transform.
        "Any-Latin; Latin-ASCII",
        // The owner of the reserved slug, shown as a name.
        "the overview page",
        // What the compiler says of an optional in a message.
        "unwrap the optional: it would show as Optional(…)",
        // Comments `import` writes into a draft, which its editor deletes.
        "casebook import: cleaned from {1}", "{1} lines between {2} and {3}",
        "casebook import: garbled text kept as found on line {1}: {2}", "compare it with the original article and rewrite this spot",
        "newspaper page list", "page navigation", "publishing line", "editor credit", "portal column",
        "写完后删去这一行（或改为 false）才会发布；预览草稿用 casebook serve --drafts",
        // Names and markers in files and paths.
        "(built-in theme) {1}", "casebook data format {1}", "casebook unknown {1} {2}",
        "This folder is written by `casebook build`; each build replaces all of it.\n",
    ]

    static func harvested() throws -> [(file: String, line: String, template: String)] {
        var found: [(file: String, line: String, template: String)] = []
        for folder in sourceFolders {
            let root = Fixture.repositoryRoot.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            for path in files where path.hasSuffix(".swift") {
                let name = (path as NSString).lastPathComponent
                guard !filesWithoutMessages.contains(name) else { continue }
                let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                for literal in SwiftLiterals.templates(in: text) {
                    found.append((name, String(lines[literal.line - 1]), literal.template))
                }
            }
        }
        return found
    }

    /// English that reads as words, not a key or a file name.
    static func isProse(_ text: String) -> Bool {
        text.range(of: "[A-Za-z]{2,}[ ,;:'()] ?'?[A-Za-z]{2,}", options: .regularExpression) != nil
    }

    static func places(_ template: String) -> [Int] {
        var places: [Int] = []
        Message.forEachPart(of: template) { if case .value(let number) = $0 { places.append(number) } }
        return places.sorted()
    }

    @Test func everyMessageOfTheSourcesHasAChineseEntry() throws {
        // Texts for ArgumentParser (help, its own errors) and for programmers (preconditions) are not messages.
        let notSaid = try #require(try? Regex("help:|abstract:|discussion:|ValidationError|precondition|fatalError|OptionGroup\\(title"))
        let missing = try Self.harvested().filter { literal in
            Self.isProse(literal.template) && !Self.notMessages.contains(literal.template)
                && literal.line.firstMatch(of: notSaid) == nil && MessageCatalogue.chinese[literal.template] == nil
        }
        #expect(missing.isEmpty, "no Chinese for: \(missing.map { "\($0.file): \($0.template)" }.joined(separator: "\n"))")
    }

    @Test func everyEntryIsStillSaidInTheSources() throws {
        let said = Set(try Self.harvested().map(\.template))
        let orphans = MessageCatalogue.ours.keys.filter { !said.contains($0) }.sorted()
        #expect(orphans.isEmpty, "the sources no longer say: \(orphans)")
    }

    @Test func everyChineseEntrySaysTheSameValuesInChinese() {
        for (english, chinese) in MessageCatalogue.chinese {
            #expect(Set(Self.places(english)) == Set(Self.places(chinese)), "\(english) → \(chinese)")
            if Self.isProse(english) {
                #expect(chinese.unicodeScalars.contains { $0.properties.isIdeographic }, "not Chinese: \(chinese)")
            }
        }
    }

    @Test func aMessageIsSaidInEitherLanguageWithItsValuesInPlace() {
        let key = "title"
        let message: Message = "'\(key)' is empty"
        #expect(message.template == "'{1}' is empty")
        #expect(message.text(in: .english) == "'title' is empty")
        #expect(message.text(in: .chinese) == "'title' 是空的")
        let nested: Message = "unknown key '\(key)'"
        let hint: Message = "\(nested): \(Message(verbatim: "Permission denied"))"
        #expect(hint.text(in: .chinese) == "不认识的键 'title': Permission denied")
        // A value that looks like a place in a template stays as it is.
        let odd: Message = "the key '\("{1}")' is given twice"
        #expect(odd.text(in: .chinese) == "键 '{1}' 写了两次")
    }

    @Test func theSitesLanguageIsReadWhateverElseItsSettingsGetWrong() throws {
        let root = try Fixture.scratchFolder()
        try Fixture.write("title: 汇编\nlanguage: en\nbase_url: ftp://example.org\nlogo: missing.png\n", to: "Content/site.yml", in: root)
        #expect(SiteConfig.declaredLanguage(root: root) == "en")
        try Fixture.write("title: [未闭合\nlanguage: en\n", to: "Content/site.yml", in: root)
        #expect(SiteConfig.declaredLanguage(root: root) == nil)
    }

    @Test func theLanguageComesFromTheFlagThenTheLocaleOrTheSite() {
        #expect(Language.chosen(flag: nil, environment: [:], siteLanguage: { nil }) == .chinese)
        #expect(Language.chosen(flag: nil, environment: ["LANG": "C.UTF-8"], siteLanguage: { "zh-Hans" }) == .chinese)
        #expect(Language.chosen(flag: nil, environment: ["LANG": "zh_CN.UTF-8"], siteLanguage: { "en" }) == .english)
        #expect(Language.chosen(flag: nil, environment: ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], siteLanguage: { nil }) == .english)
        #expect(Language.chosen(flag: nil, environment: ["LC_ALL": "", "LANG": "en_GB.UTF-8"], siteLanguage: { nil }) == .english)
        #expect(Language.chosen(flag: .chinese, environment: ["LANG": "en_US.UTF-8"], siteLanguage: { "en" }) == .chinese)
        #expect(Language(named: "zh_CN") == .chinese && Language(named: "EN") == .english && Language(named: "fr") == nil)
    }

    @Test func checkSpeaksChineseByDefaultAndEnglishWhenAsked() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixture.tool.path), "build the casebook tool first")
        let root = try Fixture.site("basic")
        let text = try Fixture.read("Content/cases/louzhang.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "date: ", with: "date: 2019-13-02\nold_date: "), to: "Content/cases/louzhang.md", in: root)
        let chinese = try Fixture.runTool(["check", "--root", root.path], language: .chinese)
        #expect(chinese.status == 1)
        #expect(chinese.output.contains("Content/cases/louzhang.md:3:7: error: 'date' 要写成 YYYY-MM-DD，这里是 \"2019-13-02\""), "\(chinese.output)")
        #expect(chinese.output.contains("提示：没有 13 月；日期的写法是 2019-11-20"))
        #expect(chinese.output.contains("warning: 不认识的键 'old_date'"))
        #expect(chinese.output.contains("1 个错误，"))
        let english = try Fixture.runTool(["check", "--root", root.path, "--lang", "en"], language: .chinese)
        #expect(english.output.contains("error: 'date' must be YYYY-MM-DD, found \"2019-13-02\""))
        #expect(english.output.contains("hint: there is no month 13; dates are written 2019-11-20"))
        #expect(english.output.contains("1 error, "))
    }

    @Test func theHarvestReadsInterpolationsEscapesAndNestedLiterals() {
        let source = #"""
        // "a comment" is not read
        let a = "the key '\(pair.key)' is \("x" + "y") given\n"
        let b = """
        not read
        """
        let c = "say \"\(f("(", ")"))\" \u{4E2D}"
        """#
        let found = SwiftLiterals.templates(in: source).map(\.template)
        #expect(found.contains("the key '{1}' is {2} given\n"))
        #expect(found.contains("x") && found.contains("y") && found.contains("(") && found.contains(")"))
        #expect(found.contains("say \"{1}\" 中"))
        #expect(!found.contains("a comment") && !found.contains("not read"))
    }
}

/// The string literals of Swift source that stand on one line, each as a `Message` template: its
/// text with `{1}`, `{2}`, … where its interpolations stand. Comments and `"""` literals are skipped.
enum SwiftLiterals {
    static func templates(in source: String) -> [(line: Int, template: String)] {
        let bytes = Array(source.utf8)
        var found: [(line: Int, template: String)] = []
        var index = 0, line = 1
        func starts(_ text: String, at position: Int) -> Bool { bytes[position...].starts(with: text.utf8) }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: "/") where starts("//", at: index):
                index = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            case UInt8(ascii: "\"") where starts("\"\"\"", at: index):
                var end = index + 3
                while end < bytes.count, !starts("\"\"\"", at: end) { end += 1 }
                line += bytes[index..<min(end, bytes.count)].filter { $0 == UInt8(ascii: "\n") }.count
                index = end + 3
            case UInt8(ascii: "\""):
                var nested: [[UInt8]] = []
                if let (end, template) = literal(bytes, at: index, nested: &nested) {
                    for template in [template] + nested { found.append((line, String(decoding: template, as: UTF8.self))) }
                    index = end
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
        return found
    }

    /// The literal that opens at `start`: where it ends and its template, or nil when it does not
    /// close on its line. The templates of literals inside its interpolations go to `nested`.
    private static func literal(_ bytes: [UInt8], at start: Int, nested: inout [[UInt8]]) -> (end: Int, template: [UInt8])? {
        var template: [UInt8] = [], places = 0, index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return (index + 1, template)
            case UInt8(ascii: "\n"): return nil
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return nil }
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "("):
                    var depth = 1, inner = index + 2
                    while depth > 0, inner < bytes.count {
                        switch bytes[inner] {
                        case UInt8(ascii: "\""):
                            guard let (end, template) = literal(bytes, at: inner, nested: &nested) else { return nil }
                            nested.append(template)
                            inner = end
                            continue
                        case UInt8(ascii: "("): depth += 1
                        case UInt8(ascii: ")"): depth -= 1
                        case UInt8(ascii: "\n"): return nil
                        default: break
                        }
                        inner += 1
                    }
                    places += 1
                    template += Array("{\(places)}".utf8)
                    index = inner
                case UInt8(ascii: "u"):
                    guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")),
                          let value = UInt32(String(decoding: bytes[(index + 3)..<close], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(value) else { return nil }
                    template += Array(String(scalar).utf8)
                    index = close + 1
                default:
                    let plain: [UInt8: UInt8] = [UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D,
                                                 UInt8(ascii: "0"): 0, UInt8(ascii: "\""): UInt8(ascii: "\""),
                                                 UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "'"): UInt8(ascii: "'")]
                    guard let byte = plain[escaped] else { return nil }
                    template.append(byte)
                    index += 2
                }
            default:
                template.append(bytes[index])
                index += 1
            }
        }
        return nil
    }
}
