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

    /// - Parameters:
    ///   - root: the folder holding `Content/` and `Templates/`.
    ///   - output: where the site goes; `Public/` under the root by default.
    ///   - includeDrafts: also build cases marked `draft: true`.
    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("Public")).standardizedFileURL
        self.includeDrafts = includeDrafts
    }

    /// Builds the site. Any error stops the build before anything is written, and is thrown
    /// together with every other problem found.
    @discardableResult
    public func build() throws(BuildFailure) -> BuildReport {
        var clock = StepClock()
        var log = DiagnosticLog()

        let languages = UIStrings.available(root: root)
        let (content, contentWarnings) = try ContentLoader.load(root: root, languages: languages, includeDrafts: includeDrafts)
        log.add(contentsOf: contentWarnings)
        clock.lap("read content")

        let (strings, stringProblems) = UIStrings.load(root: root, language: content.config.language)
        let (templates, templateProblems) = TemplateSet.load(root: root)
        log.add(contentsOf: stringProblems + templateProblems)
        try log.throwIfErrors()
        clock.lap("read templates")

        let (index, indexProblems) = SiteIndex.build(content)
        log.add(contentsOf: indexProblems)
        try log.throwIfErrors()
        clock.lap("index")

        let (pages, renderProblems) = PageRenderer(content: content, index: index, templates: templates!, strings: strings!).renderAll()
        log.add(contentsOf: renderProblems)
        try log.throwIfErrors()
        clock.lap("render")

        let files = staticFiles(content)
        do {
            try SiteWriter(output: output).write(pages: pages, files: files)
        } catch {
            throw BuildFailure(log.diagnostics + [error])
        }
        clock.lap("write")

        return BuildReport(caseCount: index.cases.count, pageCount: pages.count, fileCount: files.count,
                           warnings: log.warnings, timings: clock.laps)
    }

    /// Assets from `Templates/assets/` and media from `Content/media/`, copied as they are.
    func staticFiles(_ content: SiteContent) -> [(path: String, source: URL)] {
        let assets = root.appendingPathComponent("Templates/assets")
        let media = root.appendingPathComponent("Content/media")
        return ContentLoader.filesBelow(assets).map { ("assets/\($0)", assets.appendingPathComponent($0)) }
            + content.media.map { ("media/\($0)", media.appendingPathComponent($0)) }
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
