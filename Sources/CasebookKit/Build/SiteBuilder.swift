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
    ///
    /// With a build cache in the output (see `BuildCache`), a build whose inputs are unchanged ends
    /// after comparing file stamps, and one where only case files changed renders just the pages
    /// that show them and updates the output in place. The output is the same, byte for byte, as a
    /// full build's. Any other change, or `useCache: false`, builds everything into a staging folder.
    @discardableResult
    public func build(useCache: Bool = true) throws(BuildFailure) -> BuildReport {
        var clock = StepClock()
        let stamps = FileStamp.scan(root: root)
        let cache = useCache ? BuildCache.load(output: output, options: options, stamps: stamps) : nil
        if let cache, cache.inputs == stamps {
            SiteWriter(output: output, root: root).clearLeftovers()
            clock.lap("nothing changed")
            let summary = cache.summary
            return BuildReport(caseCount: summary.cases, pageCount: summary.pages, fileCount: summary.files,
                               warnings: summary.warnings, timings: clock.laps)
        }
        var reuse: [String: (study: CaseStudy, diagnostics: [Diagnostic])] = [:]
        if let cache, Set(stamps.keys).union(cache.inputs.keys).allSatisfy({ stamps[$0] == cache.inputs[$0] || Self.isCaseFile($0) }) {
            for (path, cached) in cache.cases where stamps[path] == cached.stamp { reuse[path] = (cached.study, cached.diagnostics) }
        }
        let incremental = reuse.isEmpty ? nil : cache
        var (prepared, log) = try prepare(reuse: reuse, clock: &clock)
        let outputs: [String: BuildCache.CachedOutput]
        if let incremental {
            outputs = try update(prepared, cache: incremental, stamps: stamps, log: &log)
            clock.lap("render and write changes")
        } else {
            outputs = try writeAll(prepared, stamps: stamps, log: &log)
            clock.lap("render and write")
        }
        return report(outputs: outputs, caseCount: prepared.index.cases.count, warnings: log.warnings, clock: clock)
    }

    /// Reads and checks everything a build would, renders every page in memory to find broken
    /// links and media, and writes nothing.
    @discardableResult
    public func check() throws(BuildFailure) -> BuildReport {
        var clock = StepClock()
        var (prepared, log) = try prepare(reuse: [:], clock: &clock)
        let collected = Collector()
        prepared.renderer.renderAll { file, problems in collected.add(file.path, 0, problems) }
        let (_, fileProblems) = staticFiles(prepared.content)
        log.add(contentsOf: collected.errors + fileProblems + collected.warnings)
        try stop(&log, finally: true)
        clock.lap("render")
        let pageCount = prepared.renderer.jobs(searchShards: 0).count
        return BuildReport(caseCount: prepared.index.cases.count, pageCount: pageCount, fileCount: 0,
                           warnings: SourceReader.attachSourceLines(log.warnings, root: root), timings: clock.laps)
    }

    /// The build's options, which a build cache must have been made with.
    private var options: String { "drafts=\(includeDrafts) strict=\(strict)" }

    private static func isCaseFile(_ path: String) -> Bool {
        path.hasPrefix("Content/cases/") && path.hasSuffix(".md") && !path.dropFirst("Content/cases/".count).contains("/")
    }

    /// What a build has read, checked and indexed, ready to render.
    struct Prepared {
        var content: SiteContent
        var index: SiteIndex
        var renderer: PageRenderer
    }

    /// Everything up to rendering. Errors stop at the end of their step, since later steps need
    /// what they could not make; with `strict`, warnings stop the build only once every step has
    /// had its say.
    private func prepare(reuse: [String: (study: CaseStudy, diagnostics: [Diagnostic])], clock: inout StepClock)
        throws(BuildFailure) -> (Prepared, DiagnosticLog)
    {
        var log = DiagnosticLog()
        let languages = UIStrings.available(root: root)
        let content: SiteContent
        do {
            let (loaded, contentWarnings) = try ContentLoader.load(root: root, languages: languages, includeDrafts: includeDrafts, reuse: reuse)
            content = loaded
            log.add(contentsOf: contentWarnings + Feeds.skipped(loaded.config))
        } catch {
            log.add(contentsOf: error.diagnostics)
            try stop(&log)
            throw error
        }
        clock.lap("read content")

        let (strings, stringProblems) = UIStrings.load(root: root, language: content.config.language)
        let (templates, templateProblems) = TemplateSet.load(root: root)
        log.add(contentsOf: stringProblems + templateProblems)
        if let strings, let templates { log.add(contentsOf: templates.missingStrings(in: strings)) }
        try stop(&log)
        clock.lap("read templates")

        let (index, indexProblems) = SiteIndex.build(content)
        log.add(contentsOf: indexProblems)
        try stop(&log)
        let renderer = PageRenderer(content: content, index: index, templates: templates!, strings: strings!)
        clock.lap("index")
        return (Prepared(content: content, index: index, renderer: renderer), log)
    }

    /// Throws when `log` has errors, or at the end (`finally`) with `strict` and any warning,
    /// the pages' `warnings` included.
    private func stop(_ log: inout DiagnosticLog, finally: Bool = false, warnings: [Diagnostic] = []) throws(BuildFailure) {
        guard log.hasErrors || (finally && strict && !(log.warnings + warnings).isEmpty) else { return }
        let diagnostics = SourceReader.attachSourceLines(log.diagnostics + warnings, root: root)
        throw BuildFailure(strict ? diagnostics.map(\.asError) : diagnostics)
    }

    /// A full build: renders everything straight into a staging folder, with a new build cache,
    /// and swaps it in when nothing went wrong.
    private func writeAll(_ prepared: Prepared, stamps: [String: FileStamp], log: inout DiagnosticLog)
        throws(BuildFailure) -> [String: BuildCache.CachedOutput]
    {
        let renderer = prepared.renderer
        let collected = Collector()
        var outputs: [String: BuildCache.CachedOutput] = [:]
        var failure: BuildFailure?
        do {
            try SiteWriter(output: output, root: root).write { folder in
                let (searchFiles, shardCount, postings) = SearchIndex.files(renderer.searchDocuments(Array(prepared.index.cases.indices)))
                let jobs = renderer.jobs(searchShards: shardCount)
                let fixed = searchFiles + renderer.dataFiles(pagePaths: jobs.map(renderer.path))
                for file in fixed { collected.add(file.path, file.fingerprint, []) }
                try fixed.parallelMap { file in Result { try folder.write(file) } }.forEach { try $0.get() }
                renderer.render(jobs) { number, file, problems in
                    collected.add(file.path, renderer.fingerprint(of: jobs[number]) ?? file.fingerprint, problems)
                    if !problems.contains(where: \.isError) { collected.attempt { try folder.write(file) } }
                }
                let (files, fileProblems) = staticFiles(prepared.content)
                for (path, source) in files {
                    try folder.copy(source, to: path)
                    collected.add(path, 0, [])
                }
                log.add(contentsOf: collected.errors + fileProblems)
                if let error = collected.writeError { throw error }
                do {
                    try stop(&log, finally: true, warnings: collected.warnings)
                } catch let error as BuildFailure {
                    failure = error
                    throw error
                }
                outputs = collected.outputs
                var cache = BuildCache(tool: BuildCache.toolIdentity, options: options, inputs: stamps,
                                       cases: cachedCases(prepared.content, stamps: stamps), outputs: outputs,
                                       searchOrder: prepared.index.cases.map(\.sourcePath), postings: postings, warnings: log.warnings)
                cache.summary = summary(of: cache)
                try folder.write(BuildCache.fileName, cache.encoded())
            }
        } catch {
            if let failure { throw failure }
            throw BuildFailure(log.warnings + [error])
        }
        return outputs
    }

    /// An incremental build: renders only the pages whose fingerprints changed (and the few that
    /// list every case), patches the search index for the changed cases, and writes only files
    /// whose bytes differ.
    private func update(_ prepared: Prepared, cache: BuildCache, stamps: [String: FileStamp], log: inout DiagnosticLog)
        throws(BuildFailure) -> [String: BuildCache.CachedOutput]
    {
        let cases = prepared.index.cases
        let changed = cases.indices.filter { cache.cases[cases[$0].sourcePath]?.study.sourceHash != cases[$0].sourceHash
            || cache.cases[cases[$0].sourcePath]?.stamp != stamps[cases[$0].sourcePath] }
        let order = cases.map(\.sourcePath)
        let sameOrder = order == cache.searchOrder
        let chunkSize = SearchIndex.chunkSize
        let chunks = sameOrder ? Set(changed.map { $0 / chunkSize }) : Set(stride(from: 0, to: cases.count, by: chunkSize).map { $0 / chunkSize })

        // Which pages to render: a job whose fingerprint is unchanged keeps its file.
        let allJobs = prepared.renderer.jobs(searchShards: 0)
        let stale = allJobs.indices.filter { number in
            guard let print = prepared.renderer.fingerprint(of: allJobs[number]) else { return true }
            return cache.outputs[prepared.renderer.path(of: allJobs[number])]?.fingerprint != print
        }
        var needBodies = Set(changed)
        for number in stale { if case .casePage(let id) = allJobs[number] { needBodies.insert(id) } }
        for chunk in chunks { needBodies.formUnion(chunk * chunkSize..<min((chunk + 1) * chunkSize, cases.count)) }
        if !sameOrder { needBodies.formUnion(cases.indices) }
        var loaded = prepared.renderer
        do {
            loaded.loadBodies(try loadBodies(Array(needBodies).sorted(), of: cases))
        } catch {
            log.add(error)
            try stop(&log)
        }
        let renderer = loaded

        var postings = cache.postings
        if sameOrder {
            postings.remove(Set(changed))
            for (id, document) in zip(changed, renderer.searchDocuments(changed)) { postings.add(SearchIndex.Weights(document), as: id) }
        } else {
            postings = SearchIndex.Postings(renderer.searchDocuments(Array(cases.indices)).parallelMap(SearchIndex.Weights.init))
        }
        let (shards, shardCount) = postings.shardFiles()
        let textFiles = chunks.sorted().parallelMap { chunk in
            let ids = Array(chunk * chunkSize..<min((chunk + 1) * chunkSize, cases.count))
            return SearchIndex.textChunk(chunk, renderer.searchDocuments(ids)[...])
        }

        let jobs = renderer.jobs(searchShards: shardCount)
        let collected = Collector()
        let toRender = stale.map { jobs[$0] }
        renderer.render(toRender) { number, file, problems in
            collected.add(file.path, renderer.fingerprint(of: toRender[number]) ?? file.fingerprint, problems)
            collected.keep(file)
        }
        let fixed = shards + textFiles + renderer.dataFiles(pagePaths: jobs.map(renderer.path))
        for file in fixed {
            collected.add(file.path, file.fingerprint, [])
            collected.keep(file)
        }
        log.add(contentsOf: collected.errors)
        try stop(&log, finally: true, warnings: collected.warnings)

        // Pages not rendered again keep their entries, and so do the files copied from assets and
        // media (fingerprint 0), which only a full build writes.
        var outputs = collected.outputs
        let unchangedPaths = Set(jobs.map(renderer.path)).union((0..<(cases.count + chunkSize - 1) / chunkSize).map { "\(SearchIndex.shardFolder)/text-\($0).js" })
        for (path, cached) in cache.outputs where outputs[path] == nil && (unchangedPaths.contains(path) || cached.fingerprint == 0) {
            outputs[path] = cached
        }
        let writes = collected.kept.filter { cache.outputs[$0.path]?.fingerprint != outputs[$0.path]?.fingerprint }
        let obsolete = cache.outputs.keys.filter { outputs[$0] == nil }.sorted()
        var newCache = BuildCache(tool: BuildCache.toolIdentity, options: options, inputs: stamps,
                                  cases: cachedCases(prepared.content, stamps: stamps), outputs: outputs,
                                  searchOrder: order, postings: postings, warnings: log.warnings)
        newCache.summary = summary(of: newCache)
        do {
            try SiteWriter(output: output, root: root).update(writing: writes, removing: obsolete, cache: newCache.encoded())
        } catch {
            throw BuildFailure(log.warnings + [error])
        }
        return outputs
    }

    /// The Markdown bodies of the cases `ids`, read again from their files.
    private func loadBodies(_ ids: [Int], of cases: [CaseStudy]) throws(Diagnostic) -> [Int: String] {
        let results = ids.parallelMap { id -> Result<String, Diagnostic> in
            SourceReader.read(root: root, path: cases[id].sourcePath).flatMap { file in
                Result { () throws(Diagnostic) -> String in try FrontMatter.split(file).body }
            }
        }
        var bodies: [Int: String] = [:]
        for (id, result) in zip(ids, results) { bodies[id] = try result.get() }
        return bodies
    }

    private func cachedCases(_ content: SiteContent, stamps: [String: FileStamp]) -> [String: BuildCache.CachedCase] {
        var cases: [String: BuildCache.CachedCase] = [:]
        for (study, diagnostics) in content.caseFiles {
            guard let stamp = stamps[study.sourcePath] else { continue }
            var bare = study
            bare.body = ""
            cases[study.sourcePath] = BuildCache.CachedCase(stamp: stamp, study: bare, diagnostics: diagnostics)
        }
        return cases
    }

    private func report(outputs: [String: BuildCache.CachedOutput], caseCount: Int, warnings: [Diagnostic], clock: StepClock) -> BuildReport {
        let pageCount = outputs.keys.count(where: { $0.hasSuffix(".html") })
        let renderWarnings = outputs.sorted(by: { $0.key < $1.key }).flatMap(\.value.warnings)
        return BuildReport(caseCount: caseCount, pageCount: pageCount, fileCount: outputs.count - pageCount,
                           warnings: SourceReader.attachSourceLines(warnings + renderWarnings, root: root), timings: clock.laps)
    }

    /// What a build with nothing to do reports: the same counts and warnings as the build that made `cache`.
    private func summary(of cache: BuildCache) -> BuildCache.Summary {
        let made = report(outputs: cache.outputs, caseCount: cache.searchOrder.count, warnings: cache.warnings, clock: StepClock())
        return BuildCache.Summary(cases: made.caseCount, pages: made.pageCount, files: made.fileCount, warnings: made.warnings)
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

/// Gathers what parallel renderers hand back: each output's fingerprint and warnings, the
/// errors found, the files kept for writing later, and the first write error.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outputs: [String: BuildCache.CachedOutput] = [:]
    private var found: [Diagnostic] = []
    private(set) var kept: [RenderedFile] = []
    private(set) var writeError: Error?

    /// The errors, in a stable order whatever order the pages were rendered in.
    var errors: [Diagnostic] {
        found.sorted { ($0.location?.path ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0, $0.message)
            < ($1.location?.path ?? "", $1.location?.line ?? 0, $1.location?.column ?? 0, $1.message) }
    }

    /// The pages' warnings, by output path: they live with their outputs, so a page not rendered
    /// again still reports its warnings from the cache.
    var warnings: [Diagnostic] {
        outputs.sorted { $0.key < $1.key }.flatMap(\.value.warnings)
    }

    func add(_ path: String, _ fingerprint: UInt64, _ problems: [Diagnostic]) {
        lock.withLock {
            outputs[path] = BuildCache.CachedOutput(fingerprint: fingerprint, warnings: problems.filter { !$0.isError })
            found += problems.filter(\.isError)
        }
    }

    func keep(_ file: RenderedFile) {
        lock.withLock { kept.append(file) }
    }

    func attempt(_ body: () throws -> Void) {
        do { try body() } catch { lock.withLock { if writeError == nil { writeError = error } } }
    }
}
