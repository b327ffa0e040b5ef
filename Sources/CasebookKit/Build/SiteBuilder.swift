import Foundation

/// What a finished build did: counts, the warnings to show, and how long each step took.
public struct BuildReport: Sendable {
    public var caseCount: Int
    public var pageCount: Int
    public var fileCount: Int
    public var warnings: [Diagnostic]
    public var timings: [(step: Message, seconds: Double)]
    public var notes = BuildNotes()
}

/// What a build or check leaves out on purpose: said in a line after it, not as a warning, since
/// nothing is wrong (and `--strict` ignores it).
public struct BuildNotes: Sendable, Equatable {
    /// Cases marked `draft: true` that were not built (none with `--drafts`).
    public var draftsLeftOut = 0
    /// No feed and sitemap are made, for want of `base_url`: what a bulletin read from a USB
    /// stick does without.
    public var feedLeftOut = false

    public init(draftsLeftOut: Int = 0, feedLeftOut: Bool = false) {
        (self.draftsLeftOut, self.feedLeftOut) = (draftsLeftOut, feedLeftOut)
    }

    /// The notes of building `content`, with or without its drafts.
    init(_ content: SiteContent, includeDrafts: Bool) {
        draftsLeftOut = includeDrafts ? 0 : content.caseFiles.count(where: \.isDraft)
        feedLeftOut = content.config.baseURL == nil
    }
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
    /// With a build cache in the output (see `BuildPlan`), a build whose inputs are unchanged ends
    /// after comparing file stamps, and one where only case files changed renders just the pages
    /// whose inputs changed and keeps the rest. The output is the same, byte for byte, as a full
    /// build's, and is replaced in one step: an interrupted build of either kind leaves the previous
    /// site as it was.
    @discardableResult
    public func build(useCache: Bool = true) throws(BuildFailure) -> BuildReport {
        var clock = StepClock()
        let writer = SiteWriter(output: output, root: root)
        // One build at a time writes an output: the cache it reads must be the last build's.
        let lock = writer.lockOutput()
        defer { lock.release() }
        // Before the build cache is read: another user's output could hold a forged one.
        do { try writer.checkOwner() } catch { throw BuildFailure([error]) }
        // The cache is read on another core while the inputs are stamped.
        let loading = useCache ? BuildCache.startLoading(for: writer, options: options) : nil
        let stamps = FileStamp.scan(root: root)
        let plan = BuildPlan.make(loading: loading, stamps: stamps)
        if case .upToDate(let cache) = plan {
            writer.clearLeftovers()
            clock.lap("nothing changed")
            let summary = cache.summary
            return BuildReport(caseCount: summary.cases, pageCount: summary.pages, fileCount: summary.files,
                               warnings: summary.warnings, timings: clock.laps, notes: summary.notes)
        }
        let known = plan.knownCases(stamps: stamps)
        let root = self.root
        // Bodies are kept from reading to rendering up to `keptBodyBytes`; the others are read
        // again in their case's one pass, so a large site's Markdown never sits in memory whole.
        let budget = Locked(Self.keptBodyBytes)
        let readCase: @Sendable (String) -> CaseFile = { path in
            // Cases the cache knows come without their bodies.
            if let file = known[path] { return file }
            var file = ContentLoader.readCase(root: root, path: path)
            let size = file.study?.body.utf8.count ?? 0
            let kept = budget.withLock { left in
                guard size <= left else { return false }
                left -= size
                return true
            }
            if !kept { file.study?.body = "" }
            return file
        }
        let (site, problems) = try prepare(readCase: readCase, known: plan.reusable, clock: &clock)
        var log = problems
        if log.hasErrors {
            // Nothing will be written, but what only rendering finds is reported with the rest.
            log.add(contentsOf: renderingProblems(site))
            try stop(&log)
        }
        let outputs = try write(site, plan: plan, stamps: stamps, log: &log, clock: &clock)
        var made = report(outputs: outputs, caseCount: site.index.cases.count, warnings: log.warnings, clock: clock)
        made.notes = BuildNotes(site.content, includeDrafts: includeDrafts)
        // The values of ten thousand cases take tens of milliseconds to free: they are let go on
        // another thread, so that neither the report nor a command that exits next waits for it.
        let leftovers = (site, plan, known, stamps, outputs)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(leftovers) {} }
        return made
    }

    /// Reads and checks everything a build would, renders every Markdown body to find broken
    /// links and media, and writes nothing. Every step runs whatever the steps before it found, so
    /// one run reports every problem.
    @discardableResult
    public func check() throws(BuildFailure) -> BuildReport {
        var clock = StepClock()
        let (site, problems) = try prepare(readCase: nil, known: nil, clock: &clock)
        var log = problems
        log.add(contentsOf: renderingProblems(site))
        try stop(&log, finally: true)
        clock.lap("render")
        return BuildReport(caseCount: site.index.cases.count, pageCount: site.pages(searchShards: 0).count, fileCount: 0,
                           warnings: SourceReader.attachSourceLines(log.warnings, root: root), timings: clock.laps,
                           notes: BuildNotes(site.content, includeDrafts: includeDrafts))
    }

    /// What rendering finds without writing: broken links and media in every Markdown body, and
    /// assets and media that cannot be copied; errors first.
    private func renderingProblems(_ site: SiteRenderer) -> [Diagnostic] {
        let bodies = Array(site.index.cases.indices).parallelMap { id in
            // A build reads the cases without their bodies, and each body again when it renders it.
            let study = site.index.cases[id]
            return site.caseBody(id, markdown: study.body.isEmpty ? try? readBody(of: study) : nil).1
        }
        let pages = site.content.pages.map { TextPage(page: $0).content(in: site).problems }
        let found = (bodies + pages).flatMap { $0 }
        let (_, fileProblems) = staticFiles(site.content)
        return Collector.sorted(found.filter { $0.isError }) + fileProblems + found.filter { !$0.isError }
    }

    /// How many bytes of case bodies a build keeps in memory between reading and rendering: all
    /// of a site of ten thousand cases, a fraction of a site of a hundred thousand.
    static let keptBodyBytes = 128 << 20

    /// The build's options, which a build cache must have been made with.
    private var options: String { "drafts=\(includeDrafts) strict=\(strict)" }

    /// Everything up to rendering: content, templates and strings, indexes. Each step runs on what
    /// the steps before it could read, whatever errors they found (a case with errors is left
    /// out, missing templates or strings are left empty), so that every problem is found in one
    /// run; the caller stops before writing when there are errors. With `strict`, warnings stop
    /// the build only once every step has had its say.
    private func prepare(readCase: (@Sendable (String) -> CaseFile)?, known: SiteIndex.Reusable?, clock: inout StepClock)
        throws(BuildFailure) -> (SiteRenderer, DiagnosticLog)
    {
        var log = DiagnosticLog()
        let theme = SiteTheme(root: root)
        let languages = UIStrings.available(theme: theme)
        let (content, contentProblems) = try ContentLoader.load(root: root, languages: languages, includeDrafts: includeDrafts,
                                                                readCase: readCase)
        log.add(contentsOf: contentProblems)
        clock.lap("read content")

        let (strings, stringProblems) = UIStrings.load(theme: theme, language: content.config.language)
        let (templates, templateProblems) = TemplateSet.load(theme: theme)
        log.add(contentsOf: stringProblems + templateProblems + theme.staleDataScripts() + theme.outdatedTemplates())
        if let strings, let templates { log.add(contentsOf: templates.missingStrings(in: strings)) }
        clock.lap("read templates")

        let (index, indexProblems) = SiteIndex.build(content, known: known)
        log.add(contentsOf: indexProblems)
        let site = SiteRenderer(content: content, index: index, templates: templates ?? TemplateSet(library: TemplateLibrary(), stringUses: [:]),
                                strings: strings ?? UIStrings(language: content.config.language, values: [:]))
        clock.lap("index")
        return (site, log)
    }

    /// Throws when `log` has errors, or at the end (`finally`) with `strict` and any warning,
    /// the pages' `warnings` included.
    private func stop(_ log: inout DiagnosticLog, finally: Bool = false, warnings: [Diagnostic] = []) throws(BuildFailure) {
        guard log.hasErrors || (finally && strict && !(log.warnings + warnings).isEmpty) else { return }
        let diagnostics = SourceReader.attachSourceLines(log.diagnostics + warnings, root: root)
        throw BuildFailure(strict ? diagnostics.map(\.asError) : diagnostics)
    }

    /// Renders and writes what `plan` says is stale, in this order: each case in one pass (its
    /// page, its search postings and texts), the search shards, the data files, every other page,
    /// the assets and media, and last the build cache. Everything goes into a folder that takes
    /// the output's place when all is written.
    private func write(_ site: SiteRenderer, plan: BuildPlan, stamps: [String: FileStamp], log: inout DiagnosticLog,
                       clock: inout StepClock) throws(BuildFailure) -> [String: BuildCache.CachedOutput]
    {
        let collected = Collector(expected: plan.outputCount)
        var outputs: [String: BuildCache.CachedOutput] = [:]
        var failure: BuildFailure?
        var problems = log
        let fill = { (folder: SiteWriter.Folder) throws in
            // The cache's two largest parts are made beside the rest of the writing, each as soon
            // as it is final: the case records now, the postings once every case is filed.
            // Also when the build stops early: no encoding outlives the build that started it.
            let caseRecords = Promised.making { BuildCache.encodedCases(site.content.caseFiles) }
            defer { _ = caseRecords.value }
            let postings = try writeCases(site, plan: plan, into: folder, collected: collected)
            let postingRecords = Promised.making { BuildCache.encodedPostings(postings) }
            defer { _ = postingRecords.value }
            let (shards, shardCount) = postings.shardFiles()
            for file in shards { try collected.write(file, fingerprint: file.fingerprint, plan: plan, into: folder) }
            // The shards the postings did not make again are as the last build left them.
            let made = Set(shards.map(\.path))
            for path in (0..<shardCount).map(SearchIndex.shardPath) where !made.contains(path) { collected.keep(path, plan: plan) }
            // The data files and every other page, on all cores; the data files, the largest, go first.
            let pages = site.pages(searchShards: shardCount)
            let dataJobs: [@Sendable () throws -> Void] = DataFile.all(in: site, pagePaths: pages.map(\.path)).map { file in {
                try collected.make(file.path, fingerprint: file.fingerprint(in: site), plan: plan, into: folder) {
                    RenderedPage(file: file.render(in: site), problems: [])
                }
            } }
            let pageJobs: [@Sendable () throws -> Void] = pages.filter { !($0 is CasePage) }.map { page in {
                try collected.make(page.path, fingerprint: page.fingerprint(in: site), plan: plan, into: folder) { site.render(page) }
            } }
            try (dataJobs + pageJobs).parallelMap { job in Result { try job() } }.forEach { try $0.get() }
            let (files, fileProblems) = staticFiles(site.content)
            for (path, source) in files {
                if plan.copiesStaticFiles {
                    switch source {
                    case .file(let file): try folder.copy(file, to: path)
                    case .text(let text): try folder.write(path, Array(text.utf8))
                    }
                }
                collected.add(path, 0, [])
            }
            problems.add(contentsOf: collected.errors + fileProblems)
            do {
                try stop(&problems, finally: true, warnings: collected.warnings)
            } catch let error as BuildFailure {
                failure = error
                throw error
            }
            outputs = collected.outputs
            // A version made from an earlier one: without the files this one does not make. A
            // folder made from scratch holds no others.
            if folder.replacing { try folder.removeEverything(except: Set(outputs.keys)) }
            var cache = BuildCache(tool: BuildCache.toolIdentity, options: options, inputs: stamps, generation: folder.generation,
                                   cases: site.content.caseFiles, outputs: outputs,
                                   searchOrder: site.index.cases.map { .init(path: $0.sourcePath, sourceHash: $0.sourceHash) },
                                   reusable: site.index.reusable, warnings: problems.warnings)
            cache.summary = summary(of: cache, notes: BuildNotes(site.content, includeDrafts: includeDrafts))
            folder.keepCache(cache.encoded(cases: caseRecords.value, postings: postingRecords.value))
        }
        do {
            let writer = SiteWriter(output: output, root: root)
            if let generation = plan.generation { try writer.update(from: generation, fill) } else { try writer.write(fill) }
        } catch {
            if let failure { throw failure }
            throw BuildFailure(problems.warnings + [error])
        }
        log = problems
        clock.lap(plan.generation == nil ? "render and write" : "render and write changes")
        return outputs
    }

    /// Each case in one pass over its Markdown: the HTML goes into its page, the plain text into
    /// the search's texts and postings. Only cases whose page, text file or postings are stale
    /// are rendered; cases are taken a batch at a time, so the rendered bodies of a large site
    /// never sit in memory together. Returns the postings of every case.
    private func writeCases(_ site: SiteRenderer, plan: BuildPlan, into folder: SiteWriter.Folder, collected: Collector) throws
        -> SearchIndex.Postings
    {
        let cases = site.index.cases
        let chunkSize = SearchIndex.chunkSize
        let chunks = stride(from: 0, to: cases.count, by: chunkSize).map { $0..<min($0 + chunkSize, cases.count) }
        let base = plan.searchBase(cases)
        let postings = Locked(base?.postings ?? SearchIndex.Postings())
        let weighed = Set(base?.changed ?? Array(cases.indices))
        let batch = 64
        let batches = stride(from: 0, to: chunks.count, by: batch).map { Array(chunks[$0..<min($0 + batch, chunks.count)]) }
        // The postings of one batch are filed on a thread of their own while the next batch
        // renders on all cores: filing is serial, and would leave cores idle between batches.
        let filing = DispatchQueue(label: "casebook.postings")
        let filed = DispatchGroup()
        // Also when a batch fails: no filing outlives the build that started it.
        defer { filed.wait() }
        for ids in batches {
            let weights = try ids.parallelMap { ids in
                Result { try writeChunk(ids, site: site, weighed: weighed, plan: plan, into: folder, collected: collected) }
            }.flatMap { try $0.get() }
            // At most one batch waits to be filed, so a large site's weights never pile up.
            filed.wait()
            filing.async(group: filed) {
                postings.withLock { postings in
                    if base == nil {
                        postings.add(weights)
                    } else {
                        postings.replace(weights)
                    }
                }
            }
        }
        filed.wait()
        return postings.withLock { $0 }
    }

    /// The cases `ids` that share one search text file: each stale page rendered and written, the
    /// text file written when stale, and the postings of the cases in `weighed`.
    private func writeChunk(_ ids: Range<Int>, site: SiteRenderer, weighed: Set<Int>, plan: BuildPlan, into folder: SiteWriter.Folder,
                            collected: Collector) throws -> [(id: Int, weights: SearchIndex.Weights)]
    {
        let chunk = ids.lowerBound / SearchIndex.chunkSize
        let textPath = SearchIndex.textChunkPath(chunk)
        var chunkPrint = Fingerprint()
        for id in ids {
            chunkPrint.add(site.index.cases[id].sourceHash)
            chunkPrint.add(site.cardPrints[id])
        }
        let textStale = plan.isStale(textPath, fingerprint: chunkPrint.value)
        var documents: [SearchIndex.Document] = []
        var weights: [(id: Int, weights: SearchIndex.Weights)] = []
        // Kept together, under one lock, rather than a case at a time.
        var kept: [String] = []
        defer { collected.keep(kept, plan: plan) }
        for id in ids {
            let page = CasePage(id: id, in: site)
            let pagePrint = page.fingerprint(in: site)
            let pageStale = plan.isStale(page.path, fingerprint: pagePrint)
            guard pageStale || textStale || weighed.contains(id) else {
                kept.append(page.path)
                continue
            }
            let study = site.index.cases[id]
            let body = site.caseBody(id, markdown: study.body.isEmpty ? try readBody(of: study) : nil)
            if pageStale {
                let rendered = site.render(page, content: CasePage(id: id, in: site, body: body).content(in: site))
                try collected.write(rendered, fingerprint: pagePrint, into: folder)
            } else {
                kept.append(page.path)
            }
            let document = site.searchDocument(id, text: body.0.text)
            documents.append(document)
            if weighed.contains(id) { weights.append((id, SearchIndex.Weights(document))) }
        }
        if textStale {
            try collected.write(SearchIndex.textChunk(chunk, documents[...]), fingerprint: chunkPrint.value, into: folder)
        } else {
            collected.keep(textPath, plan: plan)
        }
        return weights
    }

    /// The Markdown body of a case that was not kept, read again from its file.
    private func readBody(of study: CaseStudy) throws(Diagnostic) -> String {
        try FrontMatter.split(try SourceReader.read(root: root, path: study.sourcePath).get()).body
    }

    private func report(outputs: [String: BuildCache.CachedOutput], caseCount: Int, warnings: [Diagnostic], clock: StepClock) -> BuildReport {
        let pageCount = outputs.keys.count(where: { $0.hasSuffix(".html") })
        let renderWarnings = BuildCache.warnings(of: outputs)
        return BuildReport(caseCount: caseCount, pageCount: pageCount, fileCount: outputs.count - pageCount,
                           warnings: SourceReader.attachSourceLines(warnings + renderWarnings, root: root), timings: clock.laps)
    }

    /// What a build with nothing to do reports: the same counts, warnings and notes as the build that made `cache`.
    private func summary(of cache: BuildCache, notes: BuildNotes) -> BuildCache.Summary {
        let made = report(outputs: cache.outputs, caseCount: cache.searchOrder.count, warnings: cache.warnings, clock: StepClock())
        return BuildCache.Summary(cases: made.caseCount, pages: made.pageCount, files: made.fileCount, warnings: made.warnings, notes: notes)
    }

    /// Where a file copied into the site comes from.
    enum StaticSource {
        case file(URL)
        /// A built-in asset of the theme.
        case text(String)
    }

    /// The theme's assets (the site's own from `Templates/assets/`, else the built-in ones) and
    /// media from `Content/media/` (listed as content is read), copied as they are. What cannot be
    /// read is an error, and so is a symbolic link that leads out of the site root, which is never
    /// followed, and a name too long to be written in the output.
    func staticFiles(_ content: SiteContent) -> ([(path: String, source: StaticSource)], [Diagnostic]) {
        let theme = SiteTheme(root: root)
        var sources: [(path: String, shown: String, source: StaticSource)] = theme.paths(under: "assets").map { asset in
            let path = "assets/\(asset)"
            let source: StaticSource = theme.isOverridden(path)
                ? .file(root.appendingPathComponent("\(SiteTheme.folder)/\(path)")) : .text(BuiltinTheme.files[path] ?? "")
            return ("assets/\(asset)", theme.shownPath(path), source)
        }
        sources += content.media.map { ("media/\($0)", "Content/media/\($0)", .file(root.appendingPathComponent("Content/media/\($0)"))) }
        let tooLong = sources.compactMap { path, shown, _ in
            SitePath.lengthProblem(of: path, in: output.path).map {
                Diagnostic.error("this file cannot be copied into the site: \($0)", at: SourceLocation(path: shown, line: 1),
                                 hint: "give it a shorter name, or build into a folder with a shorter path")
            }
        }
        // The theme was listed, and its problems reported, when its templates were read.
        return (sources.map { ($0.path, $0.source) }, tooLong)
    }
}

/// Times the steps of a build.
struct StepClock {
    private var last = DispatchTime.now()
    private(set) var laps: [(step: Message, seconds: Double)] = []

    mutating func lap(_ step: Message) {
        let now = DispatchTime.now()
        laps.append((step, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}

/// Gathers what the parallel renderers hand back: each output's fingerprint and warnings, and
/// the errors found. Pages with errors are not written; the build stops after rendering.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outputs: [String: BuildCache.CachedOutput] = [:]
    private var found: [Diagnostic] = []

    /// Room for `expected` outputs: an edit keeps ten thousand, which would grow the table a dozen times.
    init(expected: Int) { outputs.reserveCapacity(expected) }

    /// The errors, in a stable order whatever order the pages were rendered in.
    var errors: [Diagnostic] { lock.withLock { Self.sorted(found) } }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { ($0.location?.path ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0, $0.message)
            < ($1.location?.path ?? "", $1.location?.line ?? 0, $1.location?.column ?? 0, $1.message) }
    }

    /// The pages' warnings, by output path: they live with their outputs, so a page not rendered
    /// again still reports its warnings from the cache.
    var warnings: [Diagnostic] {
        lock.withLock { BuildCache.warnings(of: outputs) }
    }

    func add(_ path: String, _ fingerprint: UInt64, _ problems: [Diagnostic]) {
        lock.withLock {
            outputs[path] = BuildCache.CachedOutput(fingerprint: fingerprint, warnings: problems.filter { !$0.isError })
            found += problems.filter(\.isError)
        }
    }

    /// Keeps an output of the last build as it is.
    func keep(_ path: String, plan: BuildPlan) {
        keep([path], plan: plan)
    }

    /// Keeps outputs of the last build as they are.
    func keep(_ paths: [String], plan: BuildPlan) {
        let kept = paths.compactMap { path in plan.kept(path).map { (path, $0) } }
        lock.withLock { for (path, output) in kept { outputs[path] = output } }
    }

    /// Writes a page unless it has errors.
    func write(_ page: RenderedPage, fingerprint: UInt64, into folder: SiteWriter.Folder) throws {
        add(page.file.path, fingerprint, page.problems)
        if !page.problems.contains(where: \.isError) { try folder.write(page.file) }
    }

    /// Writes a data file whose bytes changed, and keeps it otherwise.
    func write(_ file: RenderedFile, fingerprint: UInt64, plan: BuildPlan, into folder: SiteWriter.Folder) throws {
        add(file.path, fingerprint, [])
        if plan.isStale(file.path, fingerprint: fingerprint) { try folder.write(file) }
    }

    func write(_ file: RenderedFile, fingerprint: UInt64, into folder: SiteWriter.Folder) throws {
        add(file.path, fingerprint, [])
        try folder.write(file)
    }

    /// Makes and writes the output at `path` when its fingerprint changed, and keeps it otherwise.
    func make(_ path: String, fingerprint: UInt64, plan: BuildPlan, into folder: SiteWriter.Folder, _ made: () -> RenderedPage) throws {
        guard plan.isStale(path, fingerprint: fingerprint) else {
            keep(path, plan: plan)
            return
        }
        try write(made(), fingerprint: fingerprint, into: folder)
    }
}
