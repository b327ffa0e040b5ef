/// Casebook's compiled templates by name; partials and parents resolve by name in it when they render.
struct TemplateLibrary: Sendable {
    private var templates: [String: CompiledTemplate] = [:]

    init() {}

    /// Parses and compiles; names are paths without extension, e.g. "partials/case-card".
    /// A template that would include itself whatever the data (outside any section or block) is an error, not added.
    mutating func add(_ name: String, source: String) throws(TemplateSyntaxError) {
        var candidate = templates
        candidate[name] = try TemplateParser.compile(source)
        if let error = Self.endlessInclusion(of: name, in: candidate) { throw error }
        templates = candidate
    }

    func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Every dotted name a template uses, with where it stands (for checks such as "{{t.key}} names a missing string").
    func names(in name: String) -> [(name: String, line: Int, column: Int)] {
        templates[name]?.names ?? []
    }

    /// Appends the rendering of template `name` to `output`. Unknown template: appends nothing.
    func render(_ name: String, _ context: any TemplateContext, into output: inout [UInt8]) {
        guard let template = templates[name] else { return }
        var renderer = TemplateRenderer(templates: templates, root: context.templateValue)
        renderer.render(template.body.nodes, into: &output)
    }

    /// Pre-renders every part of template `name` (its parents, blocks and non-recursive partials expanded as far as they go)
    /// whose output depends only on `constants`: a part stays a compiled node when rendering it makes a lookup that reaches
    /// the root of the context stack and asks for a key in `varying`. Keys that are in neither are simply missing.
    func specialized(_ name: String, constants: any TemplateContext, varying: Set<TemplateKey>) -> SpecializedTemplate {
        SpecializedTemplate(templates: templates, name: name, constants: constants, varying: varying)
    }

    /// Whether template `name`, with everything it can include, only prints `key` as it is: every tag that names
    /// it is `{{key}}` or `{{{key}}}`, with no section over it, no transform and no dotted name through it. Then
    /// a value of `key` whose bytes no escaping changes can be put in afterwards where a stand-in was printed.
    func printsAsIs(_ key: TemplateKey, in name: String) -> Bool {
        var visited: Set<String> = []
        func mentions(_ path: TemplatePath) -> Bool { path.head == key || path.tail.contains(key) }
        func asIs(_ nodes: [TemplateNode]) -> Bool {
            nodes.allSatisfy { node in
                switch node {
                case .text, .indent: true
                case .value(let path, _): !mentions(path) || (path.head == key && path.tail.isEmpty && path.transforms.isEmpty)
                case .section(let section): !mentions(section.path) && asIs(section.nodes)
                case .partial(let inclusion): included(inclusion.name)
                case .parent(let inclusion, let overrides): included(inclusion.name) && overrides.allSatisfy { asIs($0.body.nodes) }
                case .block(let block): asIs(block.body.nodes)
                }
            }
        }
        func included(_ name: String) -> Bool {
            guard visited.insert(name).inserted, let template = templates[name] else { return true }
            return asIs(template.body.nodes)
        }
        return included(name)
    }

    /// The error for the first inclusion in `name` that leads back to `name` through inclusions that always render.
    private static func endlessInclusion(of name: String, in templates: [String: CompiledTemplate]) -> TemplateSyntaxError? {
        var visited: Set<String> = []
        func reachesStart(from current: String) -> Bool {
            if current == name { return true }
            guard visited.insert(current).inserted, let template = templates[current] else { return false }
            return template.inclusions.contains { reachesStart(from: $0.name) }
        }
        for site in templates[name]?.inclusions ?? [] where reachesStart(from: site.name) {
            let message: Message = site.name == name
                ? "\(site.tag) includes itself, outside any section, so rendering it would never end"
                : "\(site.tag) includes \(name) again, through \(site.name), outside any section, so rendering it would never end"
            return TemplateSyntaxError(message: message, line: site.line, column: site.column)
        }
        return nil
    }
}
