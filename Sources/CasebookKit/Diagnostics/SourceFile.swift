/// The text of one input file and its path relative to the site root, for locating problems.
public struct SourceFile: Sendable {
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Line `number` (1-based) without its line break, or nil past the end. Found by scanning
    /// bytes when a diagnostic asks, so reading a file that has no problems costs nothing here.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        let bytes = text.utf8
        var start = bytes.startIndex
        for _ in 1..<number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
        }
        var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") { end = bytes.index(before: end) }
        return String(text[start..<end])
    }

    public func location(line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    public func error(_ message: Message, line: Int, column: Int = 1, hint: Message? = nil) -> Diagnostic {
        .error(message, at: location(line: line, column: column), sourceLine: self.line(line), hint: hint)
    }

    public func warning(_ message: Message, line: Int, column: Int = 1, hint: Message? = nil) -> Diagnostic {
        .warning(message, at: location(line: line, column: column), sourceLine: self.line(line), hint: hint)
    }
}

/// Diagnostics gathered while reading, so that one run reports every problem, not only the first.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public mutating func add(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}
