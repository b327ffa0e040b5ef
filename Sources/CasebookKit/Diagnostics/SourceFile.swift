/// The text of one input file and its path relative to the site root, for locating problems.
public struct SourceFile: Sendable {
    public let path: String
    public let text: String
    private let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Line `number` (1-based) without its line break, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var line = lines[number - 1]
        if line.last == "\r" { line = line.dropLast() }
        return String(line)
    }

    public func location(line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    public func error(_ message: String, line: Int, column: Int = 1, hint: String? = nil) -> Diagnostic {
        .error(message, at: location(line: line, column: column), sourceLine: self.line(line), hint: hint)
    }

    public func warning(_ message: String, line: Int, column: Int = 1, hint: String? = nil) -> Diagnostic {
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

    /// Throws every diagnostic gathered when any of them is an error.
    public func throwIfErrors() throws(BuildFailure) {
        if hasErrors { throw BuildFailure(diagnostics) }
    }
}
