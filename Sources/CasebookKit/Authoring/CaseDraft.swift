import Foundation

/// A case file about to be written by `casebook new` or `casebook import`: the front matter in the
/// schema's order, with a comment above each field that still needs the editor, then the body.
public struct CaseDraft: Sendable, Equatable {
    public var title: String
    public var date: CaseDate?
    public var district: [String] = []
    public var mechanisms: [String] = []
    public var outcomes: [String] = []
    public var summary: String?
    public var source: String?
    public var sourceURL: String?
    public var draft = true
    /// Comment lines written above a field, keyed by the field's name: what to fill in, or the
    /// evidence a suggestion rests on.
    public var notes: [String: [String]] = [:]
    public var body = ""

    public init(title: String, date: CaseDate?) {
        self.title = title
        self.date = date
    }

    /// The slug `casebook new` and `import` name the file after: the title's pinyin, cut at a
    /// syllable so that addresses stay readable.
    public static func slug(for title: String, maxLength: Int = 60) -> String {
        let full = Slug.make(from: title)
        guard full.count > maxLength else { return full }
        let cut = full.prefix(maxLength)
        guard let lastHyphen = cut.lastIndex(of: "-") else { return String(cut) }
        return String(cut[..<lastHyphen])
    }

    /// The whole file, front matter and body.
    public var text: String {
        var lines = ["---"]
        func field(_ key: String, _ value: String) {
            for note in notes[key] ?? [] { lines.append("# \(note)") }
            lines.append("\(key): \(value)")
        }
        field("title", YAMLText.scalar(title))
        field("date", date?.description ?? "\"\"")
        field("district", YAMLText.flowList(district))
        field("mechanisms", YAMLText.flowList(mechanisms))
        field("outcomes", YAMLText.flowList(outcomes))
        // An optional field without a value stays a comment, so that the draft still reads as valid.
        for (key, value) in [("summary", summary), ("source", source), ("source_url", sourceURL)] {
            if let value {
                field(key, YAMLText.scalar(value))
            } else if let note = notes[key]?.first {
                lines.append("# \(key): \(note)")
            }
        }
        field("draft", draft ? "true" : "false")
        lines.append("---")
        lines.append("")
        var text = lines.joined(separator: "\n") + "\n"
        let body = body.trimmingCharacters(in: .newlines)
        if !body.isEmpty { text += body + "\n" }
        return text
    }

    /// Writes the draft to `Content/cases/<slug>.md` below `root`, never replacing a file, and
    /// returns that path relative to `root`. The file appears whole or not at all.
    /// - Parameter hint: what to do when the file exists.
    public func write(root: URL, slug: String,
                      hint: Message = "choose another name with --slug, or edit the existing file") throws(Diagnostic) -> String {
        guard Slug.isValid(slug) else {
            throw .error("'\(slug)' is not a slug", hint: "use lowercase ASCII letters, digits and single hyphens, such as sifang-yishihui-chongdian")
        }
        guard slug != Slug.reserved else {
            throw .error("'\(slug)' cannot be a case's slug: every folder keeps that name for its overview page", hint: "choose another name with --slug")
        }
        guard slug.utf8.count <= Slug.maximumLength else {
            throw .error("the slug has \(slug.utf8.count) characters, more than the \(Slug.maximumLength) allowed", hint: "choose a shorter name with --slug")
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Content").path) else {
            throw .error("there is no Content/ folder here", at: SourceLocation(path: "Content", line: 1),
                         hint: "run casebook in the site's folder, or name it with --root")
        }
        let path = "Content/cases/\(slug).md"
        let url = root.appendingPathComponent(path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(slug).md.\(getpid()).new")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .error("cannot write \(path): \(Message(verbatim: error.localizedDescription))")
        }
        defer { unlink(temporary.path) }
        // link() refuses an existing name, so a case is never replaced, even one written a moment ago.
        guard link(temporary.path, url.path) == 0 else {
            if errno == EEXIST {
                throw .error("\(path) already exists; nothing was written", at: SourceLocation(path: path, line: 1), hint: hint)
            }
            throw .error("cannot create \(path): \(Message.systemError(errno))")
        }
        return path
    }
}

/// YAML values written so that Casebook's reader gives back exactly the same text.
enum YAMLText {
    /// `text` as a plain scalar when that reads back unchanged as text, else double-quoted.
    static func scalar(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    /// `[a, b]`, each item quoted where a flow list needs it.
    static func flowList(_ items: [String]) -> String {
        "[" + items.map { needsQuotes($0, inFlow: true) ? quoted($0) : $0 }.joined(separator: ", ") + "]"
    }

    private static func needsQuotes(_ text: String, inFlow: Bool = false) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return true }
        if first.properties.isWhitespace || last.properties.isWhitespace { return true }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return true }
        if inFlow, text.contains(where: { ",[]{}".contains($0) }) { return true }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || [0x7F, 0x85, 0xFEFF, 0x2028, 0x2029].contains($0.value) }) { return true }
        // Words and numbers a YAML reader would turn into something other than text.
        let lowered = text.lowercased()
        if ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf"].contains(lowered) { return true }
        if Double(text) != nil || text.allSatisfy({ $0.isNumber || "._-:+".contains($0) }) { return true }
        return false
    }

    private static func quoted(_ text: String) -> String {
        Escape.json(text, markup: false)
    }
}

extension CaseDate {
    /// Today's date where the command runs.
    public static func today(now: Date = Date(), timeZone: TimeZone = .current) -> CaseDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CaseDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
