/// A place in a source file: a path relative to the site root, a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// One problem found in the input: how bad, where, what, the offending line, and what to do.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    /// What is wrong, said in the reader's language when printed.
    public var problem: Message
    /// What the editor can do about it, e.g. "did you mean 'mechanisms'?".
    public var advice: Message?
    /// The text of the line the location points at, shown under the message with a caret.
    public var sourceLine: String?

    public init(_ severity: Severity, _ problem: Message, at location: SourceLocation? = nil,
                sourceLine: String? = nil, hint advice: Message? = nil) {
        self.severity = severity
        self.problem = problem
        self.location = location
        self.sourceLine = sourceLine
        self.advice = advice
    }

    public static func error(_ problem: Message, at location: SourceLocation? = nil, sourceLine: String? = nil,
                             hint: Message? = nil) -> Diagnostic {
        Diagnostic(.error, problem, at: location, sourceLine: sourceLine, hint: hint)
    }

    public static func warning(_ problem: Message, at location: SourceLocation? = nil, sourceLine: String? = nil,
                               hint: Message? = nil) -> Diagnostic {
        Diagnostic(.warning, problem, at: location, sourceLine: sourceLine, hint: hint)
    }

    /// The problem in English, as the code says it: what checks and tests match on.
    public var message: String { problem.english }

    /// The advice in English.
    public var hint: String? { advice?.english }

    public var isError: Bool { severity == .error }

    /// The same problem as an error: what `--strict` makes of warnings.
    public var asError: Diagnostic {
        var copy = self
        copy.severity = .error
        return copy
    }

    public var description: String { rendered(colour: false, in: .english) }

    /// `path:line:column: error: message`, then the source line, a caret under the column, and the hint,
    /// in `language`. `error:` and `warning:` stay as they are in every language, as compilers
    /// write them, so that editors still find the file and line. With `colour`, the severity,
    /// caret and hint are coloured with ANSI escapes for a terminal.
    public func rendered(colour: Bool, in language: Language) -> String {
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var text = location.map { paint("\($0): ", "1") } ?? ""
        text += paint("\(severity.rawValue):", severity == .error ? "1;31" : "1;35") + " " + paint(problem.text(in: language), "1")
        if let sourceLine, let location, !sourceLine.allSatisfy(\.isWhitespace) {
            let shown = sourceLine.count > 200 ? String(sourceLine.prefix(200)) + "…" : sourceLine
            let caret = location.column <= 201 ? Self.caretPadding(for: shown, column: location.column) + paint("^", "1;32") : ""
            text += "\n    \(shown)\n    \(caret)"
        }
        if let advice {
            let label: Message = "hint:"
            // A full-width colon carries its own space.
            text += "\n    " + paint(label.text(in: language), "1;36") + (language == .english ? " " : "") + advice.text(in: language)
        }
        return text
    }

    /// Spaces that line a caret up under `column`, counting East Asian wide characters as two cells.
    static func caretPadding(for line: String, column: Int) -> String {
        var padding = ""
        for scalar in line.unicodeScalars.prefix(max(0, column - 1)) {
            if scalar == "\t" {
                padding += "\t"
            } else {
                padding += scalar.isWide ? "  " : " "
            }
        }
        return padding
    }
}

extension Unicode.Scalar {
    /// Whether a terminal draws this scalar two cells wide (CJK ideographs, kana, Hangul, full-width forms).
    var isWide: Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// A run that failed: every problem found, errors and warnings, in a stable order.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    public var description: String { rendered(in: .english) }

    /// Every diagnostic in `language`, one after another.
    public func rendered(in language: Language) -> String {
        diagnostics.map { $0.rendered(colour: false, in: language) }.joined(separator: "\n")
    }
}
