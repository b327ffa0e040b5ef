/// Renders compiled nodes against a stack of values, appending UTF-8 bytes.
struct TemplateRenderer {
    /// How deep partials and parents may nest: deeper ones render nothing, so a template that includes itself
    /// through data (a section whose name is always found) ends instead of exhausting the stack.
    static let depthLimit = 64
    /// How many partials and parents one rendering may include: more render nothing, so a template that includes
    /// itself twice through data ends instead of doubling its work at every level. A district tree needs one per district.
    static let inclusionLimit = 100_000

    /// What a partial, parent or block changes while its nodes render, and `leave` puts back.
    struct Scope {
        fileprivate let indentationCount: Int
        fileprivate let overrideCount: Int
        fileprivate let activeOverrideCount: Int
        fileprivate let depth: Int
    }

    /// Where in the template's structure a node renders: what SpecializedTemplate keeps with each node it leaves compiled.
    struct Position: Sendable {
        fileprivate let indentation: [UInt8]
        fileprivate let overrides: [TemplateBlock]
        fileprivate let activeOverrides: [Int]
        fileprivate let depth: Int
        /// Inclusions made before this node by the parts that were rendered in advance.
        fileprivate let inclusions: Int
    }

    private let templates: [String: CompiledTemplate]
    /// The context stack; the root is the rendered context's `templateValue`.
    private var stack: [TemplateValue]
    /// The objects on the stack, bottom first: names are looked up in them, called in place rather than copied out of `stack`.
    private var contexts: [any TemplateContext] = []
    /// What starts each line of the template being rendered, from the indented partials and blocks it sits in.
    private var indentation: [UInt8] = []
    /// Blocks that parents in effect fill; the outermost parent's content wins.
    private var overrides: [TemplateBlock] = []
    /// Indices in `overrides` of the contents rendering now: a content that includes its own parent again does not
    /// fill that parent's block a second time, which would never end.
    private var activeOverrides: [Int] = []
    private var depth = 0
    private var inclusions = 0
    /// Inclusions made by the nodes a specialized template left compiled, which its position does not count.
    private var inclusionsInKeptNodes = 0

    init(templates: [String: CompiledTemplate], root: TemplateValue) {
        self.templates = templates
        stack = []
        stack.reserveCapacity(16)
        contexts.reserveCapacity(16)
        push(root)
    }

    var position: Position {
        Position(indentation: indentation, overrides: overrides, activeOverrides: activeOverrides, depth: depth, inclusions: inclusions)
    }

    /// How many inclusions the rendering made, for a splitter that discards a trial rendering.
    var inclusionCount: Int {
        get { inclusions }
        set { inclusions = newValue }
    }

    /// Renders `node` as it renders at `position`, with only the root on the stack, after the nodes before it.
    mutating func render(_ node: TemplateNode, at position: Position, into output: inout [UInt8]) {
        indentation = position.indentation
        overrides = position.overrides
        activeOverrides = position.activeOverrides
        depth = position.depth
        inclusions = position.inclusions + inclusionsInKeptNodes
        render(node, into: &output)
        inclusionsInKeptNodes = inclusions - position.inclusions
    }

    /// Each node is rendered where it stands in `nodes`, borrowed rather than copied out (a retain
    /// and a release for every node of every page).
    mutating func render(_ nodes: [TemplateNode], into output: inout [UInt8]) {
        for index in nodes.indices { render(nodes[index], into: &output) }
    }

    mutating func render(_ node: borrowing TemplateNode, into output: inout [UInt8]) {
        switch node {
        case .text(let text):
            append(text, to: &output)
        case .indent:
            output.append(contentsOf: indentation)
        case .value(let path, let escaped):
            switch lookUp(path) {
            case .text(let text)?: HTMLEscape.append(text, escaped: escaped, to: &output)
            case .bytes(let bytes)?:
                if escaped { bytes.withUnsafeBufferPointer { HTMLEscape.appendEscaped($0, to: &output) } } else { output += bytes }
            case .number(let number)?: HTMLEscape.append(number, to: &output)
            case .flag(let flag)?: HTMLEscape.append(flag ? "true" : "false", escaped: false, to: &output)
            case .object?, .list?, nil: break
            }
        case .section(let section):
            renderSection(section, into: &output)
        case .partial, .parent, .block:
            if let (nodes, scope) = enter(node, into: &output) {
                render(nodes, into: &output)
                leave(scope)
            }
        }
    }

    private mutating func renderSection(_ section: TemplateSection, into output: inout [UInt8]) {
        let value = lookUp(section.path)
        if section.inverted {
            if !Self.isTruthy(value) { render(section.nodes, into: &output) }
            return
        }
        switch value {
        case nil, .flag(false)?:
            break
        case .flag(true)?:
            render(section.nodes, into: &output)
        case .list(let list)?:
            for index in 0..<list.count {
                push(list.item(index))
                render(section.nodes, into: &output)
                pop()
            }
        case let value?:
            push(value)
            render(section.nodes, into: &output)
            pop()
        }
    }

    private mutating func push(_ value: TemplateValue) {
        if case .object(let context) = value { contexts.append(context) }
        stack.append(value)
    }

    private mutating func pop() {
        if case .object = stack.removeLast() { contexts.removeLast() }
    }

    private static func isTruthy(_ value: TemplateValue?) -> Bool {
        switch value {
        case nil: false
        case .flag(let flag)?: flag
        case .list(let list)?: list.count > 0
        case .text?, .bytes?, .number?, .object?: true
        }
    }

    /// The value a path names: its head up the stack (or the top of the stack, without one), its tail inside that.
    private func lookUp(_ path: TemplatePath) -> TemplateValue? {
        var value: TemplateValue
        if let head = path.head {
            guard let found = find(head) else { return nil }
            value = found
        } else {
            value = stack[stack.count - 1]
        }
        if !path.tail.isEmpty {
            for key in path.tail {
                guard case .object(let context) = value, let child = context.value(key) else { return nil }
                value = child
            }
        }
        if !path.transforms.isEmpty {
            for transform in path.transforms {
                guard let transformed = transform.apply(to: value) else { return nil }
                value = transformed
            }
        }
        return value
    }

    private func find(_ key: TemplateKey) -> TemplateValue? {
        var level = contexts.count
        while level > 0 {
            level -= 1
            if let value = contexts[level].value(key) { return value }
        }
        return nil
    }

    private func append(_ text: TemplateText, to output: inout [UInt8]) {
        if indentation.isEmpty || text.lineStarts.isEmpty {
            output.append(contentsOf: text.bytes)
            return
        }
        var from = 0
        for lineStart in text.lineStarts {
            output.append(contentsOf: text.bytes[from..<lineStart])
            output.append(contentsOf: indentation)
            from = lineStart
        }
        output.append(contentsOf: text.bytes[from...])
    }

    // MARK: Partials, parents and blocks

    /// Starts a partial, parent or block: sets the indentation, blocks and depth its nodes render with, and writes the
    /// indentation of its first line when it stands alone. nil when it renders nothing: a missing partial, or one past
    /// the depth or inclusion limit.
    mutating func enter(_ node: TemplateNode, into output: inout [UInt8]) -> (nodes: [TemplateNode], scope: Scope)? {
        let scope = Scope(indentationCount: indentation.count, overrideCount: overrides.count,
                          activeOverrideCount: activeOverrides.count, depth: depth)
        switch node {
        case .partial(let inclusion):
            guard let body = include(inclusion, into: &output) else { return nil }
            return (body.nodes, scope)
        case .parent(let inclusion, let blocks):
            guard let body = include(inclusion, into: &output) else { return nil }
            overrides.append(contentsOf: blocks)
            return (body.nodes, scope)
        case .block(let block):
            let chosen = overrides.indices.first { overrides[$0].key == block.key && !activeOverrides.contains($0) }
            let body = chosen.map { overrides[$0].body } ?? block.body
            if let chosen { activeOverrides.append(chosen) }
            indentation.append(contentsOf: block.indentation)
            if block.standalone && body.indentsFirstLine { output.append(contentsOf: indentation) }
            return (body.nodes, scope)
        default:
            return nil
        }
    }

    mutating func leave(_ scope: Scope) {
        indentation.removeSubrange(scope.indentationCount...)
        overrides.removeSubrange(scope.overrideCount...)
        activeOverrides.removeSubrange(scope.activeOverrideCount...)
        depth = scope.depth
    }

    private mutating func include(_ inclusion: TemplateInclusion, into output: inout [UInt8]) -> TemplateBody? {
        guard depth < Self.depthLimit, inclusions < Self.inclusionLimit, let template = templates[inclusion.name] else { return nil }
        depth += 1
        inclusions += 1
        if let own = inclusion.indentation {
            indentation.append(contentsOf: own)
            if template.body.indentsFirstLine { output.append(contentsOf: indentation) }
        }
        return template.body
    }
}
