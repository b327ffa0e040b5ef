import Foundation
import Mustache
import Testing
@testable import CasebookKit

/// Casebook's template engine: swift-mustache's semantics on typed contexts, byte for byte on the shipped templates.
@Suite struct MustacheTests {
    // MARK: Keys

    @Test func keysAreInternedOncePerName() {
        let first = TemplateKey("mustache-test-key")
        #expect(TemplateKey("mustache-test-key") == first)
        #expect(TemplateKey("mustache-test-other").id != first.id)
        #expect(first.name == "mustache-test-key")
    }

    // MARK: Sections and lookup

    @Test func textIsTruthyEvenWhenEmpty() throws {
        #expect(try render("{{#a}}[{{.}}]{{/a}}{{^a}}no{{/a}}", ["a": ""]) == "[]")
    }

    @Test func numberIsTruthyEvenWhenZero() throws {
        #expect(try render("{{#n}}[{{.}}]{{/n}}{{^n}}no{{/n}}", ["n": 0]) == "[0]")
    }

    @Test func falseFlagMissingNameAndEmptyListAreFalsy() throws {
        let data: SharedContext = ["off": false, "none": []]
        #expect(try render("{{#off}}1{{/off}}{{#missing}}2{{/missing}}{{#none}}3{{/none}}", data) == "")
        #expect(try render("{{^off}}1{{/off}}{{^missing}}2{{/missing}}{{^none}}3{{/none}}", data) == "123")
    }

    @Test func trueFlagRendersOnceWithoutPushingIt() throws {
        #expect(try render("{{#on}}{{name}}{{/on}}", ["on": true, "name": "root"]) == "root")
    }

    @Test func listRendersOncePerItemWithTheItemPushed() throws {
        let data: SharedContext = ["items": [["name": "a"], ["name": "b"], "c"], "name": "outer"]
        #expect(try render("{{#items}}<{{name}}|{{.}}>{{/items}}", data) == "<a|><b|><outer|c>")
    }

    @Test func objectSectionPushesTheObject() throws {
        #expect(try render("{{#page}}{{title}} {{lang}}{{/page}}", ["page": ["title": "T"], "lang": "en"]) == "T en")
    }

    @Test func dottedNameFindsItsFirstPartUpTheStackAndTheRestOnlyInsideIt() throws {
        let data: SharedContext = ["site": ["title": "Site"], "page": ["site": ["name": "inner"]], "title": "root"]
        #expect(try render("{{site.title}}|{{#page}}[{{site.title}}][{{site.name}}]{{/page}}", data) == "Site|[][inner]")
    }

    @Test func leadingDotLooksOnlyAtTheTopOfTheStack() throws {
        let data: SharedContext = ["page": ["name": "inner"], "title": "root"]
        #expect(try render("{{#page}}[{{.title}}][{{title}}][{{.name}}]{{/page}}", data) == "[][root][inner]")
    }

    @Test func nameTheContextDoesNotAnswerIsLookedUpFurtherDownTheStack() throws {
        // A context answers nil for an optional that is absent (`summary?.templateValue`): the root's value shows.
        let data: SharedContext = ["summary": "root summary", "card": ["title": "card"]]
        #expect(try render("{{#card}}{{title}}: {{summary}}{{/card}}", data) == "card: root summary")
    }

    @Test func missingNameRendersNothing() throws {
        #expect(try render("[{{nothing}}][{{{nothing}}}][{{a.b.c}}]", [:]) == "[][][]")
    }

    // MARK: Values

    @Test func escapingCoversFiveCharactersAndKeepsOtherUTF8() throws {
        let data: SharedContext = ["x": "<a href=\"x\">Tom & Jerry's</a> 中文 é"]
        #expect(try render("{{x}}", data) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; 中文 é")
        #expect(try render("{{{x}}}|{{&x}}", data) == "<a href=\"x\">Tom & Jerry's</a> 中文 é|<a href=\"x\">Tom & Jerry's</a> 中文 é")
    }

    @Test func numbersPrintInDecimalAndFlagsAsWords() throws {
        let data: SharedContext = ["n": .number(-9_223_372_036_854_775_808), "z": 0, "big": 1_234_567, "yes": true, "no": false]
        #expect(try render("{{n}} {{z}} {{big}} {{yes}} {{no}}", data) == "-9223372036854775808 0 1234567 true false")
    }

    @Test func objectsAndListsPrintNothing() throws {
        #expect(try render("[{{page}}][{{items}}]", ["page": ["a": "b"], "items": [1, 2]]) == "[][]")
    }

    // MARK: Transforms

    @Test func listTransforms() throws {
        let data: SharedContext = ["list": [1, 2, 3], "none": []]
        let template = "{{count(list)}} {{first(list)}} {{last(list)}} {{#reversed(list)}}{{.}}{{/reversed(list)}} "
            + "{{#empty(none)}}empty{{/empty(none)}} {{^empty(list)}}full{{/empty(list)}} [{{first(none)}}]"
        #expect(try render(template, data) == "3 1 3 321 empty full []")
    }

    @Test func textTransforms() throws {
        let data: SharedContext = ["s": "Straße", "blank": ""]
        #expect(try render("{{uppercased(s)}} {{lowercased(s)}} {{#empty(blank)}}e{{/empty(blank)}}{{^empty(s)}}f{{/empty(s)}}", data)
            == "STRASSE straße ef")
    }

    @Test func numberTransforms() throws {
        let data: SharedContext = ["n": 3, "z": 0]
        let template = "{{plusone(n)}} {{minusone(n)}} {{#odd(n)}}odd{{/odd(n)}} {{#even(z)}}even{{/even(z)}} "
            + "{{#equalzero(z)}}zero{{/equalzero(z)}} {{equalzero(n)}} {{plusone(plusone(n))}}"
        #expect(try render(template, data) == "4 2 odd even zero false 5")
    }

    @Test func transformOnTheWrongKindOfValueIsAMissingName() throws {
        #expect(try render("[{{count(s)}}][{{uppercased(n)}}][{{#empty(f)}}x{{/empty(f)}}]", ["s": "abc", "n": 1, "f": true]) == "[][][]")
    }

    @Test func unknownTransformIsASyntaxErrorWithItsColumn() {
        let error = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "<p>\n  {{count(a)}} {{^emptty(b)}}x{{/emptty(b)}}") }
        #expect(error?.line == 2)
        #expect(error?.column == 19)
        #expect(error?.message.english.contains("emptty") == true)
    }

    /// A template prints a name as it is when every tag naming it, through partials, parents and
    /// blocks, is a plain `{{name}}` or `{{{name}}}`; anything else that can make its output depend
    /// on the value is caught.
    @Test(arguments: [
        ("<a href=\"{{root}}x\">{{{root}}}</a>{{#items}}{{root}}{{/items}}", true),
        ("{{>p}}", true),
        ("{{<frame}}{{$slot}}{{root}}{{/slot}}{{/frame}}", true),
        ("{{other}}{{.}}{{t.title}}", true),
        ("{{#root}}x{{/root}}", false),
        ("{{^root}}x{{/root}}", false),
        ("{{^empty(root)}}x{{/empty(root)}}", false),
        ("{{uppercased(root)}}", false),
        ("{{root.x}}", false),
        ("{{t.root}}", false),
        ("{{>q}}", false),
        ("{{<frame}}{{$slot}}{{count(root)}}{{/slot}}{{/frame}}", false),
    ])
    func aTemplateThatPrintsANameAsItIsIsToldApart(source: String, asIs: Bool) throws {
        let library = try TemplateLibrary()
            .adding("p", "{{#a}}{{{root}}}{{>p}}{{/a}}")
            .adding("q", "{{#b}}{{lowercased(root)}}{{/b}}")
            .adding("frame", "[{{$slot}}{{/slot}}]")
            .adding("t", source)
        #expect(library.printsAsIs(TemplateKey("root"), in: "t") == asIs)
    }

    // MARK: Syntax errors

    @Test func unclosedTagIsAnErrorAtTheTag() {
        let error = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "a\nb {{title}\n{{x}}") }
        #expect(error == TemplateSyntaxError(message: "the tag {{title} is not closed with }} on its line", line: 2, column: 3))
    }

    @Test func unclosedSectionIsAnErrorAtItsOpeningTag() {
        let error = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "x\n  {{#items}}\n{{.}}") }
        #expect(error == TemplateSyntaxError(message: "{{#items}} is never closed", line: 2, column: 3))
    }

    @Test func mismatchedCloseIsAnErrorAtTheClosingTag() {
        let error = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "{{#a}}\n{{#b}}x{{/a}}\n{{/b}}") }
        #expect(error == TemplateSyntaxError(message: "{{/a}} does not close {{#b}}, which is open since line 2", line: 2, column: 8))
    }

    @Test func closeWithoutOpenIsAnError() {
        let error = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "x{{/a}}") }
        #expect(error == TemplateSyntaxError(message: "{{/a}} closes a section that was never opened", line: 1, column: 2))
    }

    @Test func badDelimiterChangeIsAnError() {
        let spaced = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "ok\n{{=<% % %>=}}") }
        #expect(spaced?.line == 2)
        #expect(spaced?.column == 1)
        #expect(spaced?.message.english.contains("{{=<% % %>=}}") == true)
        let unclosed = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "{{=<% %>}}") }
        #expect(unclosed?.message == "the delimiter change {{=<% %>}} is not closed with =}} on its line")
    }

    @Test func tagInsideAParentThatIsNotABlockIsAnError() {
        let error = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "{{<base}}\n{{title}}\n{{/base}}") }
        #expect(error?.line == 2)
        #expect(error?.message.english.contains("{{title}}") == true)
    }

    @Test func nameWithASpaceIsAnError() {
        let error = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("t", "{{#a b}}{{/a b}}") }
        #expect(error == TemplateSyntaxError(message: "the name in {{#a b}} has a space in it", line: 1, column: 5))
    }

    // MARK: Standalone lines, where swift-mustache departs from the spec

    @Test func standaloneLineAfterASectionWithAnInlineOpeningTagIsRemoved() throws {
        // swift-mustache keeps the line end after {{>p}} here; the spec, and Casebook, drop the whole standalone line.
        var library = try TemplateLibrary().adding("t", "{{#on}}<p>\n{{/on}}\n{{>p}}\nend")
        try library.add("p", source: "partial")
        #expect(library.rendering("t", ["on": true]) == "<p>\npartialend")
    }

    @Test func whitespaceAtTheEndOfATemplateIsKept() throws {
        #expect(try render("a\n  ", [:]) == "a\n  ")
    }

    // MARK: Partials and inheritance

    @Test func selfIncludingPartialIsAnErrorNotACrash() throws {
        let direct = #expect(throws: TemplateSyntaxError.self) { try TemplateLibrary().adding("loop", "x\n  {{>loop}}") }
        #expect(direct == TemplateSyntaxError(
            message: "{{>loop}} includes itself, outside any section, so rendering it would never end", line: 2, column: 3))
        var library = try TemplateLibrary().adding("a", "{{<b}}{{/b}}")
        let indirect = #expect(throws: TemplateSyntaxError.self) { try library.add("b", source: "{{#x}}{{/x}}{{>a}}") }
        #expect(indirect == TemplateSyntaxError(
            message: "{{>a}} includes b again, through a, outside any section, so rendering it would never end", line: 1, column: 13))
        #expect(!library.contains("b"))
    }

    @Test func partialRecursionThroughASectionEnds() throws {
        let library = try TemplateLibrary().adding("node", "{{name}}({{#children}}{{>node}}{{/children}})")
        let tree: SharedContext = ["name": "a", "children": [["name": "b", "children": [["name": "c", "children": []]]], ["name": "d", "children": []]]]
        #expect(library.rendering("node", tree) == "a(b(c())d())")
    }

    @Test func recursionThatNeverEndsStopsAtTheDepthLimit() throws {
        // `on` is always found at the root, so only the depth limit ends this.
        let library = try TemplateLibrary().adding("p", "x{{#on}}{{>p}}{{/on}}")
        #expect(library.rendering("p", ["on": true]) == String(repeating: "x", count: TemplateRenderer.depthLimit + 1))
    }

    @Test func recursionThatBranchesStopsAtTheInclusionLimit() throws {
        // Twice per level down to the depth limit would be 2^64 inclusions.
        let library = try TemplateLibrary().adding("p", "x{{#on}}{{>p}}{{>p}}{{/on}}")
        #expect(library.rendering("p", ["on": true]).utf8.count == TemplateRenderer.inclusionLimit + 1)
    }

    @Test func contentThatIncludesItsOwnParentFillsTheBlockOnlyOnce() throws {
        // Outermost content wins, so without the rule the inner parent's block would take the same content forever.
        var library = try TemplateLibrary().adding("base", "[{{$b}}base{{/b}}]")
        try library.add("t", source: "{{<base}}{{$b}}x{{<base}}{{/base}}{{<base}}{{$b}}y{{/b}}{{/base}}{{/b}}{{/base}}")
        #expect(library.rendering("t", [:]) == "[x[base][y]]")
    }

    @Test func missingPartialAndUnknownTemplateRenderNothing() throws {
        let library = try TemplateLibrary().adding("t", "[{{>nowhere}}]")
        #expect(library.rendering("t", [:]) == "[]")
        #expect(library.rendering("nothing", [:]) == "")
        #expect(!library.contains("nothing"))
    }

    @Test func indentedPartialIndentsEveryLineOfARepeatedSection() throws {
        var library = try TemplateLibrary().adding("t", "<ul>\n  {{>items}}\n</ul>\n")
        try library.add("items", source: "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n")
        #expect(library.rendering("t", ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    }

    @Test func childFillsTheBlocksOfItsParentInTheChildsContext() throws {
        var library = try TemplateLibrary().adding("base", "<title>{{$title}}Site{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n")
        try library.add("page", source: "{{<base}}\n{{$content}}\n{{#page}}\n  <h1>{{title}}</h1>\n{{/page}}\n{{/content}}\n{{/base}}\n")
        #expect(library.rendering("page", ["page": ["title": "Hi"]]) == "<title>Site</title>\n<main>\n  <h1>Hi</h1>\n\n</main>\n")
    }

    @Test func namesListsEveryDottedNameWithWhereItStands() throws {
        let library = try TemplateLibrary().adding("t", "{{t.title}}\n  {{#page}}{{^empty(items)}}{{{body}}}{{/empty(items)}}{{/page}} {{.}} {{>p}}")
        let names = library.names(in: "t").map { "\($0.name)@\($0.line):\($0.column)" }
        #expect(names == ["t.title@1:1", "page@2:3", "items@2:12", "body@2:29"])
        #expect(library.names(in: "missing").isEmpty)
    }

    // MARK: The shipped templates

    @Test func everyShippedTemplateCompiles() throws {
        let library = try Self.shippedLibrary()
        for name in ["404", "base", "case", "cases", "district", "districts", "home", "overview", "page", "search", "stats", "term",
                     "partials/breadcrumb", "partials/case-card", "partials/district-branch", "partials/term-chips", "partials/term-list"] {
            #expect(library.contains(name), "\(name) did not load")
        }
    }

    @Test(arguments: ShippedPage.all)
    func shippedTemplateRendersAsSwiftMustacheDoes(page: ShippedPage) throws {
        let library = try Self.shippedLibrary()
        var reference = MustacheLibrary()
        for (name, source) in try Self.shippedSources() {
            reference.register(try MustacheTemplate(string: source), named: name)
        }
        let frame = ShippedPage.frame(page: page.data, strings: try Self.stringKeys(library))
        let expected = try #require(reference.render(frame, withTemplate: page.template))
        let rendered = library.rendering(page.template, frame)
        #expect(rendered == expected, "\(page.template) differs at byte \(zip(rendered.utf8, expected.utf8).prefix { $0 == $1 }.count)")
        #expect(rendered.contains("<html lang=\"en\">"))
    }

    // MARK: Specialization

    @Test(arguments: ShippedPage.all)
    func specializedRenderingEqualsPlainRendering(page: ShippedPage) throws {
        let library = try Self.shippedLibrary()
        let strings = try Self.stringKeys(library)
        let constants = ShippedPage.frame(page: [:], strings: strings, title: "placeholder", nav: [])
        let specialized = library.specialized(page.template, constants: constants, varying: ShippedPage.varying)
        for (title, nav, data) in [("First & <one>", ShippedPage.nav(current: 0), page.data), ("Second", ShippedPage.nav(current: 2), [:])] {
            let frame = ShippedPage.frame(page: data, strings: strings, title: title, nav: nav)
            var fast: [UInt8] = []
            specialized.render(frame, into: &fast)
            #expect(String(decoding: fast, as: UTF8.self) == library.rendering(page.template, frame))
        }
    }

    @Test func specializedRenderingEqualsPlainRenderingForTrickyStructures() throws {
        var library = TemplateLibrary()
        try library.add("base", source: "<{{lang}}>\n  {{$head}}{{title}}{{/head}}\n{{#pages}}[{{name}}:{{title}}]{{/pages}}\n  {{>indented}}\n{{$content}}{{/content}}|{{.title}}\n")
        try library.add("indented", source: "{{#nav}}\n<li>{{label}}</li>\n{{/nav}}\n{{lang}} {{title}}\n{{>tail}}")
        try library.add("tail", source: "{{#page}}{{lang}}/{{title}}{{/page}}\n")
        try library.add("child", source: "{{<base}}\n{{$content}}\n  {{#page}}{{title}}{{/page}} {{lang}}\n  {{>tail}}\n{{/content}}\n{{/base}}\n")
        let constants: SharedContext = ["lang": "en", "pages": [["name": "a"], ["name": "b", "title": "own"]]]
        let contexts: [SharedContext] = [
            ["lang": "en", "pages": [["name": "a"], ["name": "b", "title": "own"]], "title": "T&1", "nav": [["label": "x"], ["label": "y"]], "page": ["title": "P"]],
            ["lang": "en", "pages": [["name": "a"], ["name": "b", "title": "own"]], "nav": [], "page": false],
            ["lang": "en", "pages": [["name": "a"], ["name": "b", "title": "own"]], "title": "", "page": ["lang": "fr"]],
        ]
        let varying: Set<TemplateKey> = [TemplateKey("title"), TemplateKey("nav"), TemplateKey("page")]
        for name in ["base", "child", "indented", "tail"] {
            let specialized = library.specialized(name, constants: constants, varying: varying)
            for context in contexts {
                var fast: [UInt8] = []
                specialized.render(context, into: &fast)
                #expect(String(decoding: fast, as: UTF8.self) == library.rendering(name, context), "\(name) with \(context)")
            }
        }
    }

    @Test func specializedRenderingEqualsPlainRenderingOnRandomTemplates() throws {
        var generator = RandomTemplates(seed: 2024)
        let constants: [String: SharedValue] = ["lang": "en&", "f": true, "pages": [["name": "a"], ["name": "b", "title": "own"]], "obj": ["a": "oa"]]
        let varying: Set<TemplateKey> = [TemplateKey("title"), TemplateKey("nav"), TemplateKey("page")]
        let contexts = [
            SharedContext(constants.merging(["title": "T<1>", "nav": [["label": "x"], ["label": "y"]], "page": ["title": "P", "lang": "fr"]]) { $1 }),
            SharedContext(constants.merging(["nav": [], "page": false]) { $1 }),
            SharedContext(constants.merging(["title": "", "nav": [["label": "z"]], "page": ["f": false]]) { $1 }),
        ]
        for _ in 0..<300 {
            var library = TemplateLibrary()
            try library.add("base", source: "<{{lang}}>\n  {{$b}}\n  default {{title}}\n  {{/b}}\n{{$c}}c{{.title}}{{/c}}\n")
            try library.add("p", source: "{{#nav}}\n- {{label}} {{lang}}\n{{/nav}}\n{{title}}\n")
            let source = generator.template()
            try library.add("t", source: source)
            let specialized = library.specialized("t", constants: SharedContext(constants), varying: varying)
            for context in contexts {
                var fast: [UInt8] = []
                specialized.render(context, into: &fast)
                let plain = library.rendering("t", context)
                #expect(String(decoding: fast, as: UTF8.self) == plain, "\(String(reflecting: source)) with \(context)")
                if String(decoding: fast, as: UTF8.self) != plain { return }
            }
        }
    }

    @Test func constantPartsAreRenderedOnceFromTheConstants() throws {
        let library = try TemplateLibrary().adding("t", "<html lang=\"{{lang}}\"><title>{{title}}</title>")
        let specialized = library.specialized("t", constants: ["lang": "en"] as SharedContext, varying: [TemplateKey("title")])
        var output: [UInt8] = []
        // A context that breaks the promise shows which parts were baked in: the constant one keeps the constants' value.
        specialized.render(["lang": "fr", "title": "Hi"] as SharedContext, into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "<html lang=\"en\"><title>Hi</title>")
    }

    /// The HTML cmark makes reaches templates as bytes, and reads there as text does.
    @Test func textGivenAsBytesReadsAsTextDoes() throws {
        struct Page: TemplateContext {
            func value(_ key: TemplateKey) -> TemplateValue? { key.name == "body" ? .bytes(Array("<p>a & b</p>".utf8)) : nil }
        }
        let library = try TemplateLibrary().adding("t", "{{{body}}}|{{body}}|{{#body}}yes{{/body}}|{{^body}}no{{/body}}|{{uppercased(body)}}")
        var output: [UInt8] = []
        library.render("t", Page(), into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "<p>a & b</p>|&lt;p&gt;a &amp; b&lt;/p&gt;|yes||&lt;P&gt;A &amp; B&lt;/P&gt;")
    }

    // MARK: Helpers

    func render(_ template: String, _ data: SharedContext) throws -> String {
        try TemplateLibrary().adding("t", template).rendering("t", data)
    }

    /// The templates of the built-in theme, as the binary carries them.
    static func shippedSources() throws -> [(String, String)] {
        BuiltinTheme.paths.filter { $0.hasSuffix(".mustache") }.map { (String($0.dropLast(".mustache".count)), BuiltinTheme.files[$0]!) }
    }

    static func shippedLibrary() throws -> TemplateLibrary {
        var library = TemplateLibrary()
        for (name, source) in try shippedSources() { try library.add(name, source: source) }
        return library
    }

    /// Every interface string the templates name, `t.key`.
    static func stringKeys(_ library: TemplateLibrary) throws -> [String] {
        try shippedSources().flatMap { name, _ in library.names(in: name).map(\.name) }.filter { $0.hasPrefix("t.") }.map { String($0.dropFirst(2)) }
    }
}

/// Random templates over constant and varying names, with sections, partials, a parent and its blocks, at line
/// starts and amid text; reproducible from their seed.
struct RandomTemplates {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func template(depth: Int = 0) -> String {
        var source = ""
        for _ in 0..<number(below: 5) + 1 {
            switch number(below: depth < 2 ? 10 : 6) {
            case 0: source += pick(["x", "<&>", " ", "  ", "\n", "\n  ", "\t"])
            case 1: source += "{{" + pick(["lang", "title", "obj.a", ".title", "f"]) + "}}"
            case 2: source += "{{{" + pick(["lang", "title"]) + "}}}"
            case 3: source += pick(["{{>p}}", "\n  {{>p}}\n", "\n{{>p}}\n", "{{! note }}", "\n  {{! note }}\n"])
            case 4: source += pick(["{{<base}}{{/base}}", "\n  {{<base}}{{/base}}\n"])
            case 5: source += "{{$c}}" + pick(["c", "\n  in c\n"]) + "{{/c}}"
            case 6, 7:
                let name = pick(["pages", "nav", "page", "f", "obj", "title"])
                let sigil = pick(["#", "^"])
                source += "{{\(sigil)\(name)}}" + pick(["", "\n", "\n  "]) + template(depth: depth + 1) + pick(["", "\n"]) + "{{/\(name)}}"
            default:
                source += "{{<base}}" + pick(["", "\n"]) + "{{$b}}" + pick(["", "\n", "\n    "]) + template(depth: depth + 1)
                    + pick(["", "\n"]) + "{{/b}}" + pick(["", "\n"]) + "{{/base}}" + pick(["", "\n"])
            }
        }
        return source
    }

    private mutating func pick(_ choices: [String]) -> String { choices[number(below: choices.count)] }

    /// SplitMix64.
    private mutating func number(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ (mixed >> 31)) % UInt64(bound))
    }
}

/// A shipped page template with data for its `page`.
struct ShippedPage: Sendable, CustomTestStringConvertible {
    let template: String
    let data: [String: SharedValue]

    var testDescription: String { template }

    static let varying: Set<TemplateKey> = [TemplateKey("title"), TemplateKey("nav"), TemplateKey("page")]

    static func nav(current: Int) -> SharedValue {
        .list((0..<3).map { ["label": .text("Menu <\($0)>"), "path": .text("m\($0)/index.html"), "current": .flag($0 == current)] })
    }

    /// The root context every page has, as PageFrame gives it.
    static func frame(page: [String: SharedValue], strings: [String], title: String = "Tom & Jerry's \"case\"", nav: SharedValue = nav(current: 1)) -> SharedContext {
        SharedContext([
            "lang": "en",
            "site": ["title": "Casebook <Test>", "description": "Cases & 'notes'"],
            "t": .record(SharedContext(Dictionary(strings.map { ($0, SharedValue.text("\($0) <&>")) }) { first, _ in first })),
            "root": "../",
            "title": .text(title),
            "nav": nav,
            "hasFeed": true,
            "pages": [["name": "About", "path": "about.html"]],
            "page": .record(SharedContext(page)),
        ])
    }

    static let link: SharedValue = ["name": "Link & co", "path": "terms/a.html"]
    static let card: SharedValue = ["html": "<article class=\"case-card\">卡片 & co</article>", "title": "Card"]
    static let terms: SharedValue = [["name": "Term <1>", "path": "t/1.html", "count": 3, "description": "About 'it'"], ["name": "Term 2", "path": "t/2.html", "count": 0]]
    static let branches: SharedValue = [
        ["name": "Province", "path": "d/p.html", "count": 5, "children": [
            ["name": "City & town", "path": "d/c.html", "count": 2, "children": []],
            ["name": "County", "path": "d/k.html", "count": 3, "children": [["name": "Village", "path": "d/v.html", "count": 1, "children": []]]],
        ]],
        ["name": "Other", "path": "d/o.html", "count": 0, "children": []],
    ]

    static let all: [ShippedPage] = [
        ShippedPage(template: "case", data: [
            "title": "A <case>", "date": "1 May 2020", "isoDate": "2020-05-01", "place": "Lanzhou", "summary": "What & why",
            "breadcrumb": [link, link], "mechanisms": [link], "outcomes": [link, link],
            "figures": [["label": "Cost", "value": "12", "unit": "¥", "before": "20", "change": "-40%"], ["label": "Plain", "value": "3"]],
            "body": "<p>Body &amp; more</p>\n<ul>\n<li>x</li>\n</ul>", "source": "Daily \"News\"", "sourceURL": "https://x.org/?a=1&b=2",
            "related": [card, card], "previous": link,
        ]),
        ShippedPage(template: "case", data: [
            "title": "Bare", "date": "2020", "isoDate": "2020-01-01", "place": "", "breadcrumb": [], "mechanisms": [], "outcomes": [],
            "figures": [], "body": "", "related": [], "next": link,
        ]),
        ShippedPage(template: "home", data: [
            "description": "Welcome & <b>read</b>", "count": 1234, "latest": [card, card, card],
            "districts": terms, "mechanisms": terms, "outcomes": [],
        ]),
        ShippedPage(template: "districts", data: ["heading": "Districts", "branches": branches]),
        ShippedPage(template: "stats", data: [
            "heading": "Stats", "count": 7,
            "charts": [["id": "c1", "title": "By year", "svg": "<svg></svg>", "columns": ["Year", "Cases <n>"],
                        "rows": [["cells": [["text": "2020", "path": "y/2020.html"], ["text": "5"]]]]]],
        ]),
        ShippedPage(template: "cases", data: [
            "heading": "All", "count": 2,
            "groups": [["key": "mechanism", "legend": "Mechanisms", "options": [["value": "a", "label": "A", "count": 1, "nested": false], ["value": "b", "label": "B", "count": 2, "nested": true]]]],
            "items": [["card": card, "districts": "p c", "mechanisms": "a", "outcomes": ""]],
        ]),
        ShippedPage(template: "district", data: ["name": "Province", "breadcrumb": [link], "description": "Big", "count": 5, "children": terms, "cases": [card]]),
        ShippedPage(template: "term", data: ["kindLabel": "Mechanism", "overviewPath": "m/index.html", "name": "Term", "count": 2, "cases": [card]]),
        ShippedPage(template: "overview", data: ["heading": "Mechanisms", "intro": "All of them", "terms": terms]),
        ShippedPage(template: "page", data: ["title": "About", "body": "<p>Text</p>"]),
        ShippedPage(template: "search", data: ["heading": "Search", "shardCount": 16, "chunkSize": 50]),
        ShippedPage(template: "404", data: [:]),
    ]
}

/// Test data that both engines read: Casebook's through TemplateContext, swift-mustache's through MustacheParent.
struct SharedContext: TemplateContext, MustacheParent, ExpressibleByDictionaryLiteral, CustomStringConvertible, Sendable {
    let fields: [String: SharedValue]

    init(_ fields: [String: SharedValue]) { self.fields = fields }

    init(dictionaryLiteral elements: (String, SharedValue)...) { fields = Dictionary(uniqueKeysWithValues: elements) }

    func value(_ key: TemplateKey) -> TemplateValue? { fields[key.name]?.templateValue }

    func child(named name: String) -> Any? { fields[name]?.mustacheValue }

    var description: String { fields.keys.sorted().joined(separator: ",") }
}

/// A value in a SharedContext.
enum SharedValue: TemplateValueConvertible, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    case number(Int)
    case flag(Bool)
    case record(SharedContext)
    case list([SharedValue])

    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int) { self = .number(value) }
    init(booleanLiteral value: Bool) { self = .flag(value) }
    init(arrayLiteral elements: SharedValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, SharedValue)...) { self = .record(SharedContext(Dictionary(uniqueKeysWithValues: elements))) }

    var templateValue: TemplateValue {
        switch self {
        case .text(let text): .text(text)
        case .number(let number): .number(number)
        case .flag(let flag): .flag(flag)
        case .record(let record): .object(record)
        case .list(let items): .list(items)
        }
    }

    var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .record(let record): record
        case .list(let items): items.map(\.mustacheValue)
        }
    }
}

extension TemplateLibrary {
    /// This library with one more template, for tests that build a library in one expression.
    func adding(_ name: String, _ source: String) throws -> TemplateLibrary {
        var library = self
        try library.add(name, source: source)
        return library
    }

    /// The rendering of template `name` as a string.
    func rendering(_ name: String, _ context: SharedContext) -> String {
        var output: [UInt8] = []
        render(name, context, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
