/// A template with the parts that depend only on constant keys rendered once to bytes, for pages that share those keys:
/// every page at one folder depth shares its language, site, strings, root path and menu.
struct SpecializedTemplate: Sendable {
    private enum Part: Sendable {
        case bytes([UInt8])
        /// A node whose output depends on a varying key, with where in the template's structure it renders.
        case node(TemplateNode, TemplateRenderer.Position)
    }

    private let templates: [String: CompiledTemplate]
    private let parts: [Part]

    /// Splits template `name` at its top-level nodes, after expanding parents, blocks and partials.
    init(templates: [String: CompiledTemplate], name: String, constants: any TemplateContext, varying: Set<TemplateKey>) {
        self.templates = templates
        guard let template = templates[name] else {
            parts = []
            return
        }
        var splitter: Splitter
        if case .object(let context) = constants.templateValue {
            let probe = RootProbe(context: context, varying: varying)
            splitter = Splitter(renderer: TemplateRenderer(templates: templates, root: .object(probe)), probe: probe)
        } else {
            // A root that is not an object has no names to ask for.
            splitter = Splitter(renderer: TemplateRenderer(templates: templates, root: constants.templateValue), probe: nil)
        }
        splitter.split(template.body.nodes)
        splitter.endLiteral()
        parts = splitter.parts
    }

    /// Exactly the bytes `library.render(name, context)` gives, for any `context` that answers the constant keys as
    /// `constants` did (it answers the varying ones too).
    func render(_ context: any TemplateContext, into output: inout [UInt8]) {
        var renderer = TemplateRenderer(templates: templates, root: context.templateValue)
        for part in parts {
            switch part {
            case .bytes(let bytes): output.append(contentsOf: bytes)
            case .node(let node, let position): renderer.render(node, at: position, into: &output)
            }
        }
    }

    /// Walks the top level of a template, rendering what it can and keeping what it cannot.
    private struct Splitter {
        var renderer: TemplateRenderer
        let probe: RootProbe?
        var parts: [Part] = []
        var literal: [UInt8] = []

        mutating func split(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text, .indent:
                    renderer.render(node, into: &literal)
                case .value, .section:
                    // Render it against the constants; if that asked the root for a varying key, the bytes are not the page's.
                    probe?.askedForVarying = false
                    let position = renderer.position
                    let inclusions = renderer.inclusionCount
                    var trial: [UInt8] = []
                    renderer.render(node, into: &trial)
                    if probe?.askedForVarying == true {
                        endLiteral()
                        parts.append(.node(node, position))
                        // What it includes is counted when it renders, with the page's data.
                        renderer.inclusionCount = inclusions
                    } else {
                        literal.append(contentsOf: trial)
                    }
                case .partial, .parent, .block:
                    if let (nodes, scope) = renderer.enter(node, into: &literal) {
                        split(nodes)
                        renderer.leave(scope)
                    }
                }
            }
        }

        mutating func endLiteral() {
            if !literal.isEmpty { parts.append(.bytes(literal)) }
            literal = []
        }
    }
}

/// The constants as the root of the stack while splitting: notes when a lookup asks them for a varying key.
private final class RootProbe: TemplateContext {
    let context: any TemplateContext
    let varying: Set<TemplateKey>
    var askedForVarying = false

    init(context: any TemplateContext, varying: Set<TemplateKey>) {
        self.context = context
        self.varying = varying
    }

    func value(_ key: TemplateKey) -> TemplateValue? {
        if varying.contains(key) { askedForVarying = true }
        return context.value(key)
    }
}
