import Foundation

/// What a finished build did: counts, the warnings to show, and how long each step took.
public struct BuildReport: Sendable {
    public var caseCount: Int
    public var pageCount: Int
    public var fileCount: Int
    public var warnings: [Diagnostic]
    public var timings: [(step: String, seconds: Double)]
}

/// The pipeline: Content/ and Templates/ in, a static site out.
public struct SiteBuilder: Sendable {
    public var root: URL
    public var output: URL
    public var includeDrafts: Bool
    /// Treat every warning as an error.
    public var strict: Bool

    /// - Parameters:
    ///   - root: the folder holding `Content/` and `Templates/`.
    ///   - output: where the site goes; `Public/` under the root by default.
    ///   - includeDrafts: also build cases marked `draft: true`.
    ///   - strict: treat every warning as an error.
    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false, strict: Bool = false) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("Public")).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.strict = strict
    }

    /// Builds the site. Any error stops the build before anything is written, and is thrown
    /// together with every other problem found.
    @discardableResult
    public func build() throws(BuildFailure) -> BuildReport {
        var (site, report) = try prepare()
        var clock = StepClock()
        do {
            try SiteWriter(output: output, root: root).write(pages: site.pages, files: site.files)
        } catch {
            throw BuildFailure(report.warnings + [error])
        }
        clock.lap("write")
        report.timings += clock.laps
        return report
    }

    /// Reads and checks everything a build would, renders every page in memory to find broken
    /// links and media, and writes nothing.
    @discardableResult
    public func check() throws(BuildFailure) -> BuildReport {
        try prepare().report
    }

    /// Everything up to writing: the rendered pages, the files to copy, and the report.
    private func prepare() throws(BuildFailure) -> (site: (pages: [RenderedFile], files: [(path: String, source: URL)]), report: BuildReport) {
        var clock = StepClock()
        var log = DiagnosticLog()
        // Errors stop at the end of their step, since later steps need what they could not make;
        // with `strict`, warnings stop the build only once every step has had its say.
        func stop(finally: Bool = false) throws(BuildFailure) {
            guard log.hasErrors || (finally && strict && !log.warnings.isEmpty) else { return }
            let diagnostics = SourceReader.attachSourceLines(log.diagnostics, root: root)
            throw BuildFailure(strict ? diagnostics.map(\.asError) : diagnostics)
        }

        let languages = UIStrings.available(root: root)
        let content: SiteContent
        do {
            let (loaded, contentWarnings) = try ContentLoader.load(root: root, languages: languages, includeDrafts: includeDrafts)
            content = loaded
            log.add(contentsOf: contentWarnings + Feeds.skipped(loaded.config))
        } catch {
            log.add(contentsOf: error.diagnostics)
            try stop()
            throw error
        }
        clock.lap("read content")

        let (strings, stringProblems) = UIStrings.load(root: root, language: content.config.language)
        let (templates, templateProblems) = TemplateSet.load(root: root)
        log.add(contentsOf: stringProblems + templateProblems)
        if let strings, let templates { log.add(contentsOf: templates.missingStrings(in: strings)) }
        try stop()
        clock.lap("read templates")

        let (index, indexProblems) = SiteIndex.build(content)
        log.add(contentsOf: indexProblems)
        try stop()
        clock.lap("index")

        let (pages, renderProblems) = PageRenderer(content: content, index: index, templates: templates!, strings: strings!).renderAll()
        log.add(contentsOf: renderProblems)
        let (files, fileProblems) = staticFiles(content)
        log.add(contentsOf: fileProblems)
        try stop(finally: true)
        clock.lap("render")

        let pageCount = pages.count(where: { $0.path.hasSuffix(".html") })
        let report = BuildReport(caseCount: index.cases.count, pageCount: pageCount, fileCount: files.count + pages.count - pageCount,
                                 warnings: SourceReader.attachSourceLines(log.warnings, root: root), timings: clock.laps)
        return ((pages, files), report)
    }

    /// Assets from `Templates/assets/` and media from `Content/media/`, copied as they are.
    /// A symbolic link that leads out of the site root is an error, never followed.
    func staticFiles(_ content: SiteContent) -> ([(path: String, source: URL)], [Diagnostic]) {
        let assets = root.appendingPathComponent("Templates/assets")
        let media = root.appendingPathComponent("Content/media")
        let assetFiles = ContentLoader.filesBelow(assets)
        let escapes = SourceReader.linksOutOfRoot(root: root, folder: "Templates", files: [])
            + SourceReader.linksOutOfRoot(root: root, folder: "Templates/assets", files: assetFiles)
        let files = assetFiles.map { ("assets/\($0)", assets.appendingPathComponent($0)) }
            + content.media.map { ("media/\($0)", media.appendingPathComponent($0)) }
        return (files, escapes)
    }
}

/// Times the steps of a build.
struct StepClock {
    private var last = DispatchTime.now()
    private(set) var laps: [(step: String, seconds: Double)] = []

    mutating func lap(_ step: String) {
        let now = DispatchTime.now()
        laps.append((step, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
