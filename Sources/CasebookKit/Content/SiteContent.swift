import Foundation

/// Everything under `Content/`, read and checked: settings, cases, vocabularies, pages, media.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    /// Sorted by source path.
    public var cases: [CaseStudy]
    public var vocabularies: [IndexKind: Vocabulary]
    /// Sorted by navigation order, then slug.
    public var pages: [FreePage]
    /// Paths under `Content/media/`, relative to it, sorted.
    public var media: [String]
    /// Every case file read, drafts too, with the diagnostics of reading it.
    var caseFiles: [CaseFile] = []
    /// The files (cases, pages, vocabularies) with errors, which are reported: links to them, and
    /// terms missing from them, are not reported again.
    var unread: Set<String> = []

    public func vocabulary(_ kind: IndexKind) -> Vocabulary {
        vocabularies[kind] ?? Vocabulary(kind: kind, terms: [])
    }
}

/// A case file as read: the case (nil when it has errors), the problems found, and whether it is
/// marked as a draft (which a broken file may still say).
public struct CaseFile: Sendable {
    public var path: String
    public var study: CaseStudy?
    public var diagnostics: [Diagnostic]
    public var isDraft: Bool
}

/// Reads `Content/` under a site root.
public enum ContentLoader {
    /// Loads and checks everything. What has errors is left out of the content and the rest is
    /// kept, so that the later steps can check it too; throws only when there is no `Content/`.
    /// - Parameters:
    ///   - languages: the interface languages that have a strings file, for checking `language`.
    ///   - includeDrafts: keep cases marked `draft: true`.
    ///   - readCase: reads one case file by its root-relative path; `readCase(root:path:)` unless
    ///     the caller knows some files already.
    /// - Returns: the content (with `SiteConfig.defaults` for a site.yml that could not be read),
    ///   and every error and warning found.
    public static func load(root: URL, languages: [String], includeDrafts: Bool,
                            readCase: (@Sendable (String) -> CaseFile)? = nil) throws(BuildFailure) -> (SiteContent, [Diagnostic]) {
        var log = DiagnosticLog()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Content").path) else {
            throw BuildFailure([.error("there is no Content/ folder here", at: SourceLocation(path: "Content", line: 1),
                                       hint: "run casebook in the site's folder, or name it with --root")])
        }
        // Content/cases, Content/pages and Content/media are checked as they are listed.
        log.add(contentsOf: ["Content", "Content/vocabularies"].compactMap { SourceReader.linkOutOfRoot(root: root, path: $0) })

        let config: SiteConfig? = {
            guard SourceReader.exists(root: root, path: SiteConfig.path) else {
                log.add(.error("the site settings file is missing", at: SourceLocation(path: SiteConfig.path, line: 1),
                               hint: "create it with at least a line `title: <the bulletin's name>`"))
                return nil
            }
            switch SourceReader.read(root: root, path: SiteConfig.path) {
            case .success(let file):
                let (config, diagnostics) = SiteConfig.read(file, languages: languages)
                log.add(contentsOf: diagnostics)
                return config
            case .failure(let problem):
                log.add(problem)
                return nil
            }
        }()

        let (vocabularies, vocabularyDiagnostics) = loadVocabularies(root: root)
        log.add(contentsOf: vocabularyDiagnostics)
        var unread = Set(vocabularyDiagnostics.filter(\.isError).compactMap(\.location?.path))

        let (casePaths, caseFolderProblems) = markdownFiles(root: root, folder: "Content/cases")
        log.add(contentsOf: caseFolderProblems)
        if casePaths.isEmpty, !caseFolderProblems.contains(where: { $0.isError && $0.location?.path == "Content/cases" }) {
            log.add(.error("no cases found: add Markdown files to Content/cases/", at: SourceLocation(path: "Content/cases", line: 1)))
        }
        let readCases = casePaths.parallelMap(readCase ?? { path in Self.readCase(root: root, path: path) })
        var cases: [CaseStudy] = []
        for file in readCases {
            // A draft is not part of the site until it is built with --drafts: an unfinished one,
            // such as `casebook import` writes, must not stop the build of everything else.
            guard includeDrafts || !file.isDraft else { continue }
            log.add(contentsOf: file.diagnostics.map { withSiteExamples($0, vocabularies) })
            if let study = file.study { cases.append(study) } else { unread.insert(file.path) }
        }
        // Two passes over every case, each hashing a name per case: on two cores at once.
        let (slugProblems, titleProblems) = concurrently({ [cases] in slugClashes(cases.map { ($0.slug, $0.sourcePath) }, what: "case") },
                                                         { [cases] in repeatedTitles(cases, root: root) })
        log.add(contentsOf: slugProblems + titleProblems)

        var pages: [FreePage] = []
        let (pagePaths, pageFolderProblems) = markdownFiles(root: root, folder: "Content/pages")
        log.add(contentsOf: pageFolderProblems)
        for path in pagePaths {
            switch SourceReader.read(root: root, path: path) {
            case .success(let file):
                let (page, diagnostics) = FreePage.read(file)
                log.add(contentsOf: diagnostics)
                if let page { pages.append(page) } else { unread.insert(path) }
            case .failure(let problem):
                log.add(problem)
                unread.insert(path)
            }
        }
        pages.sort { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        log.add(contentsOf: slugClashes(pages.map { ($0.slug, $0.sourcePath) }, what: "page"))

        let (media, mediaProblems) = SourceFolder.files(root: root, folder: "Content/media")
        log.add(contentsOf: mediaProblems)
        if let logo = config?.look.logo, !media.contains(logo.path) {
            log.add(.error("the logo \(logo.path) is not in Content/media/", at: logo.location,
                           hint: nearestWord(to: logo.path, in: media).map { "did you mean \($0)?" } ?? "put the image in Content/media/"))
        }

        let content = SiteContent(config: config ?? .defaults, cases: cases, vocabularies: vocabularies, pages: pages, media: media,
                                  caseFiles: readCases, unread: unread)
        return (content, log.diagnostics)
    }

    /// The hint of an empty `mechanisms` or `outcomes` list, with examples from the site's own
    /// vocabulary instead of the general ones, when it has terms.
    static func withSiteExamples(_ diagnostic: Diagnostic, _ vocabularies: [IndexKind: Vocabulary]) -> Diagnostic {
        for kind in [IndexKind.mechanisms, .outcomes] where diagnostic.message == "'\(kind.rawValue)' is empty" {
            let names = (vocabularies[kind]?.terms ?? []).prefix(2).map(\.name)
            guard !names.isEmpty else { return diagnostic }
            var changed = diagnostic
            changed.advice = YAMLReader.emptyListHint(kind.rawValue, examples: names)
            return changed
        }
        return diagnostic
    }

    /// Reads and checks one case file.
    public static func readCase(root: URL, path: String) -> CaseFile {
        switch SourceReader.read(root: root, path: path) {
        case .success(let file):
            var (study, diagnostics) = CaseStudyReader.read(file)
            var print = Fingerprint()
            print.add(file.text)
            study?.sourceHash = print.value
            return CaseFile(path: path, study: study, diagnostics: diagnostics, isDraft: study?.draft ?? CaseStudyReader.isMarkedDraft(file))
        case .failure(let problem):
            return CaseFile(path: path, study: nil, diagnostics: [problem], isDraft: false)
        }
    }

    /// The controlled vocabularies under `Content/vocabularies/`, with the problems found in them.
    public static func loadVocabularies(root: URL) -> ([IndexKind: Vocabulary], [Diagnostic]) {
        var vocabularies: [IndexKind: Vocabulary] = [:]
        var diagnostics: [Diagnostic] = []
        for kind in IndexKind.allCases {
            let path = Vocabulary.path(of: kind)
            guard SourceReader.exists(root: root, path: path) else { continue }
            switch SourceReader.read(root: root, path: path) {
            case .success(let file):
                let (vocabulary, problems) = Vocabulary.read(file, kind: kind)
                diagnostics += problems
                vocabularies[kind] = vocabulary
            case .failure(let problem):
                diagnostics.append(problem)
            }
        }
        return (vocabularies, diagnostics)
    }

    /// The `.md` files directly in `folder`, as root-relative paths, sorted, with those that cannot
    /// be read (reading them says so); an error for what cannot be listed, and a warning for each
    /// other file or folder in it, which is not read.
    static func markdownFiles(root: URL, folder: String) -> (paths: [String], problems: [Diagnostic]) {
        let (entries, problems) = SourceFolder.entries(root: root, folder: folder, checkingFiles: false)
        var paths: [String] = []
        var ignored: [Diagnostic] = []
        for entry in entries {
            let path = "\(folder)/\(entry.name)"
            if !entry.isFolder, entry.name.hasSuffix(".md") {
                paths.append(path)
            } else if entry.isFolder {
                ignored.append(.warning("this folder is not read: Casebook reads only the .md files directly in \(folder)/",
                                        at: SourceLocation(path: path, line: 1), hint: "move the .md files in it up into \(folder)/"))
            } else {
                ignored.append(.warning("this file is not read: Casebook reads only the .md files in \(folder)/",
                                        at: SourceLocation(path: path, line: 1), hint: notMarkdownHint(entry.name)))
            }
        }
        return (paths, problems + ignored)
    }

    /// What to do with a file that sits among Markdown files but is not one, by its extension.
    private static func notMarkdownHint(_ name: String) -> Message {
        switch (name as NSString).pathExtension.lowercased() {
        case "txt", "text", "markdown", "mdown", "mkd":
            return "if it is written in Markdown with front matter, rename it to end in .md"
        case "docx", "doc", "wps", "rtf", "odt", "pdf":
            return "copy its text into a UTF-8 .md file; documents for readers belong in Content/media/"
        default:
            return "move it out of this folder; images and documents belong in Content/media/"
        }
    }

    /// A warning for each case whose title a case before it (by path) has already: lists and
    /// search results could not tell them apart.
    static func repeatedTitles(_ cases: [CaseStudy], root: URL) -> [Diagnostic] {
        var first = [String: String](minimumCapacity: cases.count)
        return cases.compactMap { study in
            let (earlier, added) = first.withValue(study.title, orAdding: { study.sourcePath }) { $0 }
            guard !added else { return nil }
            return .warning("this case has the title '\(study.title)', which \(earlier) has too",
                            at: CaseStudyReader.location(of: "title", inFileAt: study.sourcePath, root: root),
                            hint: "give one of them a title of its own, so that readers can tell them apart in lists and search results")
        }
    }

    /// An error for each file whose slug another file already uses.
    static func slugClashes(_ entries: [(slug: String, path: String)], what: Message) -> [Diagnostic] {
        var owner = [String: String](minimumCapacity: entries.count)
        var problems: [Diagnostic] = []
        for (slug, path) in entries {
            if let first = owner[slug] {
                problems.append(.error("this \(what) has the slug '\(slug)', which \(first) already has; give one of them another 'slug'",
                                       at: SourceLocation(path: path, line: 1)))
            } else {
                owner[slug] = path
            }
        }
        return problems
    }
}
