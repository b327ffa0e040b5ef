import Yams

/// A YAML node as Casebook's readers take it: a scalar's text and style, a sequence's items, a
/// mapping's pairs in file order, and where each starts. Plain values, without the tags, anchors
/// and weak references of Yams' `Node`, which made each copy of a node (the readers copy one for
/// every field of every case) cost several reference counts.
enum YAMLNode: Equatable, Sendable {
    case scalar(Scalar)
    case sequence([YAMLNode], Mark)
    case mapping([Pair], Mark)

    /// Where a node starts: its line in the YAML text and its column in characters, both from 1.
    struct Mark: Equatable, Sendable {
        let line: Int
        let column: Int
    }

    struct Scalar: Equatable, Sendable {
        let string: String
        let style: Style
        let mark: Mark
    }

    /// How a scalar is written: only a plain one is read as `null` or a number.
    enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    struct Pair: Equatable, Sendable {
        let key: YAMLNode
        let value: YAMLNode
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { scalar } else { nil }
    }

    /// A scalar's text; nil for a sequence or mapping.
    var string: String? { scalar?.string }

    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { items } else { nil }
    }

    var mapping: [Pair]? {
        if case .mapping(let pairs, _) = self { pairs } else { nil }
    }

    var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }

    /// The node Yams composed, for the YAML that `SimpleYAML` does not read.
    init(_ node: Node) {
        let mark = node.mark.map { Mark(line: $0.line, column: $0.column) } ?? Mark(line: 1, column: 1)
        switch node {
        case .scalar(let scalar):
            self = .scalar(Scalar(string: scalar.string, style: Style(scalar.style), mark: mark))
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLNode.init), mark)
        case .mapping(let mapping):
            self = .mapping(mapping.map { Pair(key: YAMLNode($0.key), value: YAMLNode($0.value)) }, mark)
        case .alias:
            // `YAMLGuard` refuses aliases before Yams is asked; should one come, it reads as empty.
            self = .scalar(Scalar(string: "", style: .plain, mark: mark))
        }
    }
}

private extension YAMLNode.Style {
    init(_ style: Node.Scalar.Style) {
        switch style {
        case .any, .plain: self = .plain
        case .singleQuoted: self = .singleQuoted
        case .doubleQuoted: self = .doubleQuoted
        case .literal: self = .literal
        case .folded: self = .folded
        }
    }
}
