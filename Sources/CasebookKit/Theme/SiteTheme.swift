import Foundation

/// The theme every site gets, carried in the binary: templates, partials, interface strings and
/// assets, made from the repository's `Theme/` by `scripts/embed-theme.py`.
public enum BuiltinTheme {
    /// The paths of its files, sorted.
    public static let paths = files.keys.sorted()

    /// What a file's diagnostics name as its path: it is no file of the site.
    static func shownPath(_ path: String) -> String { "(built-in theme) \(path)" }
}

/// One site's theme: the built-in files, each replaced by the file the site puts at the same path
/// under `Templates/` (as Hugo's lookup order has a site's layouts replace a theme's, file by file).
/// A site needs no `Templates/` at all; one that has it keeps only what it changes.
public struct SiteTheme: Sendable {
    static let folder = "Templates"

    let root: URL
    /// The files the site overrides or adds, by path under `Templates/`.
    let overrides: Set<String>
    /// What listing `Templates/` found: a link out of the site, files that cannot be read.
    let problems: [Diagnostic]

    public init(root: URL) {
        self.root = root
        // A linked Templates/ that leads out of the site is not followed: that one error, not one per file.
        if let link = SourceReader.linkOutOfRoot(root: root, path: Self.folder) {
            (overrides, problems) = ([], [link])
        } else {
            let (files, problems) = SourceFolder.files(root: root, folder: Self.folder)
            (overrides, self.problems) = (Set(files), problems)
        }
    }

    /// Every file of the theme below `folder` (`strings`, `assets`, or `""` for all), by path
    /// under it, sorted.
    func paths(under folder: String) -> [String] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return Set(BuiltinTheme.paths).union(overrides).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    public func isOverridden(_ path: String) -> Bool { overrides.contains(path) }

    /// The path a theme file's diagnostics name: under `Templates/` for the site's own.
    func shownPath(_ path: String) -> String {
        isOverridden(path) ? "\(Self.folder)/\(path)" : BuiltinTheme.shownPath(path)
    }

    /// A theme file's text: the site's own, or the built-in one.
    func read(_ path: String) -> Result<SourceFile, Diagnostic> {
        if isOverridden(path) { return SourceReader.read(root: root, path: "\(Self.folder)/\(path)") }
        guard let text = BuiltinTheme.files[path] else {
            return .failure(.error("the theme has no file \(path)", at: SourceLocation(path: Self.folder, line: 1)))
        }
        return .success(SourceFile(path: BuiltinTheme.shownPath(path), text: text))
    }

    /// The scripts that read what the binary writes (the search index, the data on case cards):
    /// a copy from another Casebook would read it wrongly, and the search page would find nothing.
    static let dataScripts = ["assets/search.js", "assets/casebook.js"]
    /// Counts changes to that data; the built-in scripts say it on their first line.
    static let dataFormat = 1
    static var dataMarker: String { "casebook data format \(dataFormat)" }

    /// An error for each data script the site overrides that is not made for this Casebook's data:
    /// its first line must say `casebook data format N` with this Casebook's N.
    func staleDataScripts() -> [Diagnostic] {
        Self.dataScripts.filter(isOverridden).compactMap { path in
            guard case .success(let file) = read(path) else { return nil }
            let firstLine = String(file.text.prefix { $0 != "\n" })
            guard !firstLine.contains(Self.dataMarker) else { return nil }
            let says: Message = firstLine.firstMatch(of: #/casebook data format (\d+)/#).map { "data format \($0.1)" } ?? "no data format"
            return .error("\(shownPath(path)) is made for another Casebook (it says \(says)); this one writes data format \(Self.dataFormat), which it would not read",
                          at: SourceLocation(path: shownPath(path), line: 1), sourceLine: firstLine,
                          hint: "delete it to use the built-in one; to keep changes, move it aside, run `casebook theme export \(path)` and make them again in the new copy")
        }
    }

    /// A warning for each template the site overrides that leaves out names the built-in version
    /// of the same file uses: a sign that the copy comes from an older Casebook and misses what
    /// pages now show.
    func outdatedTemplates() -> [Diagnostic] {
        overrides.filter { $0.hasSuffix(".mustache") }.sorted().compactMap { path in
            guard let builtin = BuiltinTheme.files[path], case .success(let own) = read(path) else { return nil }
            let missing = Set(Self.names(in: builtin)).subtracting(Self.names(in: own.text)).sorted()
            guard !missing.isEmpty else { return nil }
            let listed = missing.prefix(6).joined(separator: ", ")
            let shown: Message = missing.count > 6 ? "\(listed) and \(missing.count - 6) more" : "\(listed)"
            return .warning("this copy of \(path) does not use \(shown), which the built-in \(path) uses: it may come from an older Casebook",
                            at: SourceLocation(path: shownPath(path), line: 1),
                            hint: "compare it with the built-in one (`casebook theme export \(path)` in another folder) and add what is missing")
        }
    }

    /// The names a template looks up, its sections' and partials' included.
    private static func names(in source: String) -> [String] {
        var library = TemplateLibrary()
        guard (try? library.add("t", source: source)) != nil else { return [] }
        return library.names(in: "t").map(\.name)
    }

    /// Copies built-in files into the site's `Templates/` for editing, never replacing a file.
    /// - Parameter paths: paths under the theme; all of them when empty.
    /// - Returns: the files written and those left alone because the site has them already.
    /// - Throws: a `Diagnostic` naming an unknown path (with the known ones) or a file that could not be written.
    public func export(_ paths: [String]) throws(Diagnostic) -> (written: [String], kept: [String]) {
        let chosen = paths.isEmpty ? BuiltinTheme.paths : paths
        if let unknown = chosen.first(where: { BuiltinTheme.files[$0] == nil }) {
            throw .error("the built-in theme has no file \(unknown)",
                         hint: nearestWord(to: unknown, in: BuiltinTheme.paths).map { "did you mean \($0)? `casebook theme list` shows them all" }
                            ?? "`casebook theme list` shows them all")
        }
        var written: [String] = [], kept: [String] = []
        for path in chosen {
            let file = root.appendingPathComponent("\(Self.folder)/\(path)")
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                if try writeNewFile(file, BuiltinTheme.files[path]!) { written.append(path) } else { kept.append(path) }
            } catch {
                throw .error("could not write \(Self.folder)/\(path): \(Message(verbatim: error.localizedDescription))", hint: "check that the folder is writable")
            }
        }
        return (written, kept)
    }

    /// The built-in text of a file the site overrides, to compare the override with.
    func builtin(_ path: String) -> SourceFile? {
        BuiltinTheme.files[path].map { SourceFile(path: BuiltinTheme.shownPath(path), text: $0) }
    }
}
