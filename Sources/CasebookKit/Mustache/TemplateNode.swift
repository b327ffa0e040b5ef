/// A compiled piece of a template: text as bytes, names as interned keys.
///
/// Text, paths and sections are immutable final classes rather than structs: a node is copied out of its array
/// each time it renders, and copying one reference costs one retain where a struct costs one per array it holds.
enum TemplateNode: Sendable {
    case text(TemplateText)
    /// A source line that begins with a tag: an indented partial's indentation goes here.
    case indent
    case value(TemplatePath, escaped: Bool)
    case section(TemplateSection)
    case partial(TemplateInclusion)
    case parent(TemplateInclusion, overrides: [TemplateBlock])
    case block(TemplateBlock)
}

/// A run of literal template text.
final class TemplateText: Sendable {
    let bytes: [UInt8]
    /// Offsets into `bytes` where a source line with content starts; an indented partial's indentation goes there.
    let lineStarts: [Int]

    init(bytes: [UInt8], lineStarts: [Int]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }
}

/// A dotted name and the transforms applied to what it finds.
final class TemplatePath: Sendable {
    /// The key looked up the context stack; nil for `{{.}}` and `{{.name}}`, which start at the top of the stack.
    let head: TemplateKey?
    /// Looked up in turn inside what the previous key found.
    let tail: [TemplateKey]
    /// Innermost first.
    let transforms: [TemplateTransform]

    init(head: TemplateKey?, tail: [TemplateKey], transforms: [TemplateTransform]) {
        self.head = head
        self.tail = tail
        self.transforms = transforms
    }
}

/// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
final class TemplateSection: Sendable {
    let path: TemplatePath
    let inverted: Bool
    let nodes: [TemplateNode]

    init(path: TemplatePath, inverted: Bool, nodes: [TemplateNode]) {
        self.path = path
        self.inverted = inverted
        self.nodes = nodes
    }
}

/// A `{{>partial}}` or `{{<parent}}` tag, resolved by name when it renders so that partials can recurse.
struct TemplateInclusion: Sendable {
    let name: String
    /// For a tag alone on its line, the whitespace before it, which indents every line of the included template;
    /// nil for a tag amid other text.
    let indentation: [UInt8]?
}

/// `{{$name}}…{{/name}}`: in a template, a place its children may fill; inside `{{<parent}}`, what fills it.
struct TemplateBlock: Sendable {
    let key: TemplateKey
    /// The default content, or the content that overrides the parent's.
    let body: TemplateBody
    /// Added to every line that renders in the block's place, whichever content fills it: a block's own
    /// indentation is taken off where it is written and put back where it renders.
    let indentation: [UInt8]
    /// Whether the block tag stands alone on its line, so that the first line of the content is indented too.
    let standalone: Bool
}

/// The nodes of a template or block, which renders at the start of a line or amid one depending on where it is placed.
struct TemplateBody: Sendable {
    var nodes: [TemplateNode]
    /// Whether the first line has content, which takes the indentation when the body is placed alone on a line.
    var indentsFirstLine: Bool
}

/// One template, compiled.
struct CompiledTemplate: Sendable {
    let body: TemplateBody
    /// Every dotted name the template looks up, as written, with where its tag stands.
    let names: [(name: String, line: Int, column: Int)]
    /// Partials and parents the template renders whatever the data, outside any section or block.
    let inclusions: [TemplateInclusionSite]
}

/// Where a template includes another one.
struct TemplateInclusionSite: Sendable {
    let name: String
    /// The tag as written, for messages.
    let tag: String
    let line: Int
    let column: Int
}
