import Foundation
import Testing
@testable import CasebookKit

/// Nothing an editor writes or an article carries may run script in a reader's browser.
@Suite struct HostileInputTests {
    /// Breaks out of text, attributes and script blocks, in one string.
    static let payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>\u{2028}&amp;"

    static let hostileBody = """
    <script>alert(4)</script>

    <img src=x onerror="alert(5)">

    <a href="javascript:alert(6)">a</a> <iframe src="https://example.org"></iframe>

    [one](javascript:alert(7)) [two](JaVaScRiPt:alert(8)) [three](&#x6A;avascript:alert(9)) [four](vbscript:msgbox(1))
    [five](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <javascript:alert(10)>
    [six](https://example.org "title\\" onmouseover=\\"alert(11)") ![seven](javascript:alert(12))

    <style>body{background:url(javascript:alert(13))}</style>
    """

    /// `value` as a double-quoted YAML string.
    static func yaml(_ value: String) -> String {
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\u{2028}": quoted += "\\L"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    func hostileSite() throws -> URL {
        let root = try Fixture.site("basic")
        let p = Self.yaml(Self.payload)
        try Fixture.write("title: \(p)\ndescription: \(p)\n", to: "Content/site.yml", in: root)
        try Fixture.write("- name: \(Self.yaml("议事" + Self.payload))\n  description: \(p)\n  aliases: [\(Self.yaml("別名" + Self.payload))]\n",
                          to: "Content/vocabularies/mechanisms.yml", in: root)
        try Fixture.write("""
        ---
        title: \(p)
        date: 2020-01-01
        district: [\(Self.yaml("甘肃省" + Self.payload)), \(Self.yaml("<b>市</b>"))]
        mechanisms: [\(Self.yaml("议事" + Self.payload)), \(Self.yaml("別名" + Self.payload))]
        outcomes: [\(Self.yaml("成效" + Self.payload))]
        summary: \(p)
        source: \(p)
        source_url: https://example.org/a?b=1&c=2
        figures:
          - label: \(p)
            value: 1
            before: 2
            unit: \(p)
        ---

        \(Self.hostileBody)
        """, to: "Content/cases/hostile.md", in: root)
        try Fixture.write("---\ntitle: \(p)\n---\n\n\(Self.hostileBody)\n", to: "Content/pages/hostile.md", in: root)
        return root
    }

    @Test func noExecutableMarkupSurvivesInAnyOutputFile() throws {
        let root = try hostileSite()
        try SiteBuilder(root: root).build()
        let output = root.appendingPathComponent("Public")
        let files = SourceFolder.files(root: output, folder: "").files
        #expect(files.contains("cases/hostile.html") && files.contains("pages/hostile.html"))
        var checked = 0
        // A browser reads all of these as markup or script; cases.csv is data, checked below.
        for file in files where !file.hasPrefix("media/") && file != CaseTables.csvPath {
            var text = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            if file == SitePath.notFound {
                // Casebook's one inline script, exactly as Casebook writes it, and only there.
                let script = NotFoundPage.rootFinder(baseURL: nil)
                #expect(text.components(separatedBy: script).count == 2, "the not-found page finds its root")
                text = text.replacingOccurrences(of: script, with: "")
            }
            for problem in Self.executableMarkup(in: text) {
                Issue.record("\(file): \(problem)")
            }
            checked += 1
        }
        #expect(checked > 10)
        let page = try Fixture.read("Public/cases/hostile.html", in: root)
        #expect(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;"))
        #expect(page.contains("<!-- raw HTML omitted -->"))
        #expect(page.contains("href=\"https://example.org/a?b=1&amp;c=2\""))
        // The CSV keeps the text exactly, in a quoted cell, and is served as text/csv, never as a page.
        let csv = try Fixture.read("Public/cases.csv", in: root)
        #expect(csv.contains("\"\(Self.payload.replacingOccurrences(of: "\"", with: "\"\""))\""))
    }

    @Test func aSourceURLWithAScriptSchemeIsRefused() throws {
        let root = try hostileSite()
        let text = try Fixture.read("Content/cases/hostile.md", in: root)
        try Fixture.write(text.replacingOccurrences(of: "source_url: https://example.org/a?b=1&c=2", with: "source_url: javascript:alert(1)"),
                          to: "Content/cases/hostile.md", in: root)
        let diagnostics = try #require(Fixture.buildFailure(SiteBuilder(root: root)))
        #expect(diagnostics.contains { $0.message == "'source_url' must be an http:// or https:// address, found \"javascript:alert(1)\"" })
    }

    /// Markup that would run script: script elements other than Casebook's own files, event-handler
    /// attributes, script URLs in attributes, and elements that embed other documents or styles.
    static func executableMarkup(in text: String) -> [String] {
        var problems: [String] = []
        for tag in tags(in: text) {
            let description = "<\(tag.name) \(tag.attributes.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: " "))>"
            switch tag.name {
            case "script":
                let source = tag.attributes.first { $0.name == "src" }?.value ?? ""
                let others = tag.attributes.filter { $0.name != "src" && $0.name != "defer" }
                if !others.isEmpty || source.range(of: #"^(\.\./)*assets/[a-z0-9./-]+\.js$"#, options: .regularExpression) == nil {
                    problems.append("script element \(description)")
                }
            case "form":
                // Casebook's one form: the search field, which leads to the search page.
                let action = tag.attributes.first { $0.name == "action" }?.value ?? ""
                if action.range(of: #"^(\.\./)*search\.html$"#, options: .regularExpression) == nil {
                    problems.append("embedding element \(description)")
                }
            case "iframe", "frame", "object", "embed", "base", "style", "applet":
                problems.append("embedding element \(description)")
            case "meta" where tag.attributes.contains { $0.name == "http-equiv" }:
                problems.append("meta refresh \(description)")
            default: break
            }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("on") { problems.append("event handler \(attribute.name) in \(description)") }
                let value = decodeEntities(attribute.value).lowercased().filter { !$0.isWhitespace && !$0.unicodeScalars.allSatisfy { $0.value < 0x20 } }
                if ["href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster", "data"].contains(attribute.name),
                   value.hasPrefix("javascript:") || value.hasPrefix("vbscript:") || value.hasPrefix("data:text") || attribute.name == "srcdoc" {
                    problems.append("script URL in \(description)")
                }
            }
        }
        return problems
    }

    /// The start tags of an HTML text, with attribute values as written (quotes removed).
    static func tags(in text: String) -> [(name: String, attributes: [(name: String, value: String)])] {
        let chars = Array(text.lowercased())
        var found: [(String, [(String, String)])] = []
        var index = 0
        func skipSpace() { while index < chars.count, chars[index].isWhitespace { index += 1 } }
        while index < chars.count {
            guard chars[index] == "<", index + 1 < chars.count else { index += 1; continue }
            if chars[index + 1] == "!" {
                while index < chars.count, chars[index] != ">" { index += 1 }
                continue
            }
            index += 1
            guard chars[index].isLetter else { continue }
            var name = ""
            while index < chars.count, chars[index].isLetter || chars[index].isNumber { name.append(chars[index]); index += 1 }
            var attributes: [(String, String)] = []
            while index < chars.count {
                skipSpace()
                guard index < chars.count, chars[index] != ">" else { break }
                if chars[index] == "/" { index += 1; continue }
                var attribute = ""
                while index < chars.count, !chars[index].isWhitespace, !"=>/".contains(chars[index]) { attribute.append(chars[index]); index += 1 }
                skipSpace()
                var value = ""
                if index < chars.count, chars[index] == "=" {
                    index += 1
                    skipSpace()
                    if index < chars.count, chars[index] == "\"" || chars[index] == "'" {
                        let quote = chars[index]
                        index += 1
                        while index < chars.count, chars[index] != quote { value.append(chars[index]); index += 1 }
                        index += 1
                    } else {
                        while index < chars.count, !chars[index].isWhitespace, chars[index] != ">" { value.append(chars[index]); index += 1 }
                    }
                }
                attributes.append((attribute, value))
            }
            found.append((name, attributes))
        }
        return found
    }

    /// Decodes the character references a browser would decode in an attribute value.
    static func decodeEntities(_ value: String) -> String {
        var result = value
        for (entity, character) in [("&colon;", ":"), ("&tab;", "\t"), ("&newline;", "\n"), ("&quot;", "\""), ("&#39;", "'"),
                                    ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        while let match = result.range(of: #"&#(x[0-9a-f]+|[0-9]+);?"#, options: .regularExpression) {
            let digits = result[match].dropFirst(2).trimmingCharacters(in: CharacterSet(charactersIn: ";"))
            let number = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            result.replaceSubrange(match, with: number.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "")
        }
        return result
    }

    @Test func theCheckerItselfFindsEachKindOfExecutableMarkup() {
        #expect(Self.executableMarkup(in: "<p>&lt;script&gt; onload= javascript:</p>").isEmpty)
        #expect(Self.executableMarkup(in: "<script src=\"../assets/search.js\"></script>").isEmpty)
        #expect(Self.executableMarkup(in: "<script src=\"assets/casebook.js\" defer></script>").isEmpty)
        #expect(Self.executableMarkup(in: "<script src=\"assets/casebook.js\" type=\"module\"></script>").count == 1)
        #expect(Self.executableMarkup(in: "<form action=\"../search.html\" method=\"get\">").isEmpty)
        #expect(Self.executableMarkup(in: "<form action=\"https://example.org/steal\">").count == 1)
        #expect(Self.executableMarkup(in: "<script>alert(1)</script>").count == 1)
        #expect(Self.executableMarkup(in: "<img src=x onerror=alert(1)>").count == 1)
        #expect(Self.executableMarkup(in: "<a href=\"JavaScript:alert(1)\">").count == 1)
        #expect(Self.executableMarkup(in: "<iframe src=\"x\">").count == 1)
        #expect(Self.executableMarkup(in: "<svg onload=alert(1)>").count == 1)
        #expect(Self.executableMarkup(in: "<a href=\"&#x6A;avascript&colon;alert(1)\">").count == 1)
        #expect(Self.executableMarkup(in: "<meta content=\"&lt;img onerror=x&gt;\" name=\"description\">").isEmpty)
        #expect(Self.executableMarkup(in: "<a title='x\" onmouseover=y'>").isEmpty)
    }
}
