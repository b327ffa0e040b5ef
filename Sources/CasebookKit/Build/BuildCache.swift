import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the previous build read and wrote, kept in the site's `.casebook/` folder (see
/// `SiteWriter.cacheFile`), so the next build can skip the work whose inputs did not change.
///
/// - `inputs`: the stamp (`FileStamp`) of every file under `Content/` and `Templates/`.
///   When all are the same, nothing changed and the build ends there.
/// - `cases`: each case file as read (front matter without the body) and its diagnostics, reused
///   when the file's stamp is the same as in `inputs`.
/// - `generation`: which version of the output folder this is, for `SiteWriter`.
/// - `outputs`: for each output file, a fingerprint (of the inputs of a page, or of the bytes of
///   other files) and the warnings its rendering gave; a page whose fingerprint is unchanged is
///   not rendered again.
/// - `searchOrder` and `postings`: the search index by case, patched for the cases whose text changed.
/// - `reusable`: what the indexes worked out that the next build can take as it is (related
///   cases, Simplified spellings), each with a fingerprint of what it follows from.
///
/// The cache belongs to one version of the tool and one set of options; anything else, or a cache
/// that does not parse, is ignored and the build starts from scratch. So is a damaged one: its
/// head, its tables and its postings each end in a fingerprint of their bytes.
struct BuildCache {
    static let magic = "casebook-cache 14"

    var tool: String
    var options: String
    var inputs: [String: FileStamp]
    var generation: OutputGeneration
    /// Written without their bodies.
    var cases: [CaseFile]
    var outputs: [String: CachedOutput]
    var searchOrder: [SearchedCase]
    var reusable: SiteIndex.Reusable
    /// Warnings not tied to one output: from reading, indexing, and the site settings.
    var warnings: [Diagnostic]
    /// What the build made, so that a build with nothing to do can say so without reading further.
    var summary = Summary(cases: 0, pages: 0, files: 0, warnings: [])

    struct Summary {
        var cases: Int
        var pages: Int
        var files: Int
        /// Every warning of the build, as it was reported.
        var warnings: [Diagnostic]
        var notes = BuildNotes()
    }

    /// A case as the search numbers it, with the fingerprint of its file's text: the search
    /// postings of a case whose text is the same need not be made again.
    struct SearchedCase: Equatable {
        var path: String
        var sourceHash: UInt64
    }

    struct CachedOutput {
        var fingerprint: UInt64
        var warnings: [Diagnostic]
    }

    /// Whether the case file the cache read as `file` is there now as it was then.
    func isUnchanged(_ file: CaseFile, stamps: [String: FileStamp]) -> Bool {
        guard let stamp = stamps[file.path] else { return false }
        return inputs[file.path] == stamp
    }

    /// The warnings of `outputs`, in the order of their paths; only the few with any are sorted.
    static func warnings(of outputs: [String: CachedOutput]) -> [Diagnostic] {
        outputs.filter { !$0.value.warnings.isEmpty }.sorted { $0.key < $1.key }.flatMap(\.value.warnings)
    }

    /// The build's own identity: a new binary invalidates every cache.
    /// When the executable cannot be found, an identity no other run shares, so no cache is trusted.
    static let toolIdentity: String = {
        var status = stat()
        #if os(Linux)
        let executable = "/proc/self/exe"
        #else
        let executable = Bundle.main.executablePath ?? ""
        #endif
        guard stat(executable, &status) == 0 else { return "casebook unknown \(getpid()) \(DispatchTime.now().uptimeNanoseconds)" }
        return "casebook \(status.st_size) \(FileStamp(status).modified)"
    }()

    /// Starts reading the cache of the output `writer` writes on another core, for the caller
    /// to stamp the inputs meanwhile. Only a cache this tool can use with these options, and that
    /// describes the output as it is, is read. The file is mapped, not read: the head first, then
    /// the tables and last the search postings, unless the caller has let them go by then.
    static func startLoading(for writer: SiteWriter, options: String) -> Loading {
        let loading = Loading()
        DispatchQueue.global(qos: .userInitiated).async {
            let read = mapped(writer.cacheFile.path) { file -> Bool in
                guard let bytes = writer.cacheBody(file) else { return false }
                var reader = ByteReader(bytes)
                guard var cache = try? decodeHead(&reader), cache.tool == toolIdentity, cache.options == options else { return false }
                loading.head.fulfil(cache)
                // The postings' seal is checked with the tables, and they are read after them: a
                // damaged part makes the whole cache unusable; postings that are sealed but do not
                // parse are only left out, and every case's postings are made anew.
                let lists = loading.wantsRest && (try? cache.decodeTables(&reader)) != nil ? try? reader.sealed() : nil
                loading.finish(lists != nil ? cache : nil)
                loading.postings.fulfil(loading.wantsRest ? lists.flatMap { try? decodePostings($0) } : nil)
                return true
            }
            if read != true {
                loading.head.fulfil(nil)
                loading.finish(nil)
                loading.postings.fulfil(nil)
            }
        }
        return loading
    }

    /// A cache being read on another core: the head, enough to tell that nothing changed, then
    /// the rest, read at once rather than when asked for, so that it is ready about when the inputs
    /// are stamped. Waiting for it is waiting for work on another core, as `concurrently` does, not
    /// for asynchronous code: a build runs on its caller's thread.
    final class Loading: @unchecked Sendable {
        /// The head; nil when there is no cache this build can use.
        let head = Promised<BuildCache?>()
        /// The search postings, read after the rest, while the build reads and indexes its cases:
        /// it needs them only once it renders. Nil when they do not parse or were let go.
        let postings = Promised<SearchIndex.Postings?>()
        private let restRead = DispatchGroup()
        private let rest = Locked<(wanted: Bool, cache: BuildCache?)>((true, nil))

        init() { restRead.enter() }

        /// The whole cache but its postings, once read; nil when it does not parse or was let go.
        var whole: BuildCache? {
            restRead.wait()
            return rest.withLock { $0.cache }
        }

        fileprivate var wantsRest: Bool { rest.withLock { $0.wanted } }

        fileprivate func finish(_ cache: BuildCache?) {
            rest.withLock { if $0.wanted { $0.cache = cache } }
            restRead.leave()
        }

        /// Lets the rest go when only the head, or nothing, is needed: it is not read, or, when its
        /// reading has begun, dropped as soon as it is done. What a cache of a large site holds is
        /// not kept through a build that does not use it.
        func abandon() { rest.withLock { $0 = (false, nil) } }
    }

    /// `read` of the bytes of the file at `path`, mapped into memory for the time it runs. A build
    /// never changes a cache in place (it writes a new one), so the mapping cannot shrink under it.
    /// Only a regular file is read: opening does not wait for a pipe's writer or follow a link,
    /// and anything else is no cache.
    private static func mapped<T>(_ path: String, _ read: (UnsafeRawBufferPointer) -> T?) -> T? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0,
              let start = mmap(nil, Int(status.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), start != MAP_FAILED
        else { return nil }
        defer { munmap(start, Int(status.st_size)) }
        return read(UnsafeRawBufferPointer(start: start, count: Int(status.st_size)))
    }

    /// The file in two parts: the head with the tables, and the search postings, which are most
    /// of its bytes. The head gives the tables' length, so that reading can split the rest the
    /// same way. The case records (`encodedCases`) and the postings (`encodedPostings`) are
    /// handed in made: a build makes them beside its rendering, as soon as each is final. The
    /// parts must be `encodedCases(cases)`: the cache's own `cases` are not encoded again here.
    func encoded(cases caseParts: [[UInt8]], postings lists: [UInt8]) -> [[UInt8]] {
        let tables = tablesEncoded(caseParts)
        var writer = ByteWriter(capacity: 64 * inputs.count)
        writer.string(Self.magic)
        writer.string(tool)
        writer.string(options)
        writer.int(inputs.count)
        // Tables go in no particular order: they are read back into dictionaries, and sorting
        // ten thousand paths on every build costs more than the rest of their writing.
        for (path, stamp) in inputs {
            writer.string(path)
            stamp.write(to: &writer)
        }
        generation.write(to: &writer)
        writer.int(summary.cases)
        writer.int(summary.pages)
        writer.int(summary.files)
        Self.write(summary.warnings, to: &writer)
        writer.int(summary.notes.draftsLeftOut)
        writer.bool(summary.notes.feedLeftOut)
        // Each part ends in a fingerprint of its bytes: a damaged cache is ignored, never built from.
        writer.seal()
        writer.int(tables.reduce(0) { $0 + $1.count })
        return [writer.bytes] + tables + [lists]
    }

    /// How many cases go into one part of the tables, which are written and read on all cores.
    private static let casesPerPart = 2_500

    /// The case records of the tables, in parts of `casesPerPart`, each with its count.
    static func encodedCases(_ cases: [CaseFile]) -> [[UInt8]] {
        let parts = stride(from: 0, to: cases.count, by: casesPerPart).map { $0..<min($0 + casesPerPart, cases.count) }
        return parts.parallelMap { range in
            // More than a case takes, as room not written to costs nothing (see `encodedPostings`).
            var writer = ByteWriter(capacity: 2048 * range.count)
            writer.int(range.count)
            for file in cases[range] { write(file, to: &writer) }
            return writer.bytes
        }
    }

    /// The case records' parts, each with its length, then the other tables, and their seal: as
    /// pieces to be written one after another, the parts as they were handed in, not copied again.
    private func tablesEncoded(_ caseParts: [[UInt8]]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var writer = ByteWriter()
        writer.int(caseParts.count)
        for part in caseParts {
            writer.int(part.count)
            pieces += [writer.bytes, part]
            writer = ByteWriter()
        }
        // The same writer goes on: with no cases, it holds their count of parts.
        writer.int(outputs.count)
        for (path, output) in outputs {
            writer.string(path)
            writer.number(output.fingerprint)
            Self.write(output.warnings, to: &writer)
        }
        writer.int(searchOrder.count)
        for searched in searchOrder {
            writer.string(searched.path)
            writer.number(searched.sourceHash)
        }
        writer.number(reusable.related.print)
        writer.int(reusable.related.lists.count)
        for list in reusable.related.lists { writer.numbers(list.map(UInt64.init)) }
        writer.number(reusable.spellings.print)
        writer.strings(reusable.spellings.simplified)
        Self.write(warnings, to: &writer)
        pieces.append(writer.bytes)
        var seal = Fingerprint.OfPieces()
        for piece in pieces { seal.add(piece) }
        return pieces + [ByteWriter.seal(seal.value)]
    }

    /// The postings part.
    static func encodedPostings(_ postings: SearchIndex.Postings) -> [UInt8] {
        let keyedLists = postings.keyedLists, wordLists = postings.wordLists
        // Room for every list with its marks and the seal, so that ten megabytes are not copied
        // into a buffer twice as large when the last bytes do not fit. Room not written to costs
        // no memory: the system gives pages as they are touched.
        let room = { (list: SearchIndex.PostingList) in list.packed.count + 10 * list.marks.count + 48 }
        let listBytes = keyedLists.reduce(8) { $0 + room($1.list) } + wordLists.reduce(0) { $0 + room($1.list) + $1.word.utf8.count }
        var writer = ByteWriter(capacity: listBytes)
        writer.int(keyedLists.count)
        for (key, list) in keyedLists {
            writer.number(key)
            write(list, to: &writer)
        }
        writer.int(wordLists.count)
        for (word, list) in wordLists {
            writer.string(word)
            write(list, to: &writer)
        }
        // The digits go into the shards as they are: a damaged list must not get through, and
        // one fingerprint of the part costs far less than reading every list's digits.
        writer.seal()
        return writer.bytes
    }

    /// A case file without its body, which is read again only when a page needs it.
    private static func write(_ file: CaseFile, to writer: inout ByteWriter) {
        writer.string(file.path)
        writer.bool(file.study != nil)
        if let study = file.study { write(study, to: &writer) }
        write(file.diagnostics, to: &writer)
        writer.bool(file.isDraft)
    }

    private static func readCaseFile(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> CaseFile {
        let path = try reader.string()
        let study = try reader.bool() ? try readStudy(&reader) : nil
        return CaseFile(path: path, study: study, diagnostics: try readDiagnostics(&reader), isDraft: try reader.bool())
    }

    private static func write(_ list: SearchIndex.PostingList, to writer: inout ByteWriter) {
        writer.int(list.count)
        writer.number(UInt64(list.last))
        writer.byteArray(list.packed)
        writer.numbers(list.marks)
    }

    private static func readPostingList(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> SearchIndex.PostingList {
        let count = try reader.count(), last = try reader.number()
        let packed = try reader.byteArray(), marks = try reader.numbers()
        guard count > 0, last < 1 << 24,
              let list = SearchIndex.PostingList(packed: packed, count: count, last: UInt32(last), marks: marks) else { throw ByteReader.Malformed() }
        return list
    }

    /// Everything up to the summary: enough to tell that nothing changed.
    static func decodeHead(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> BuildCache {
        guard try reader.string() == magic else { throw ByteReader.Malformed() }
        let tool = try reader.string(), options = try reader.string()
        let inputCount = try reader.count()
        var inputs = [String: FileStamp](minimumCapacity: inputCount)
        for _ in 0..<inputCount { inputs[try reader.string()] = try FileStamp(from: &reader) }
        let generation = try OutputGeneration(from: &reader)
        let summary = Summary(cases: try reader.int(), pages: try reader.int(), files: try reader.int(), warnings: try readDiagnostics(&reader),
                              notes: BuildNotes(draftsLeftOut: try reader.int(), feedLeftOut: try reader.bool()))
        try reader.checkSeal()
        return BuildCache(tool: tool, options: options, inputs: inputs, generation: generation, cases: [], outputs: [:], searchOrder: [],
                          reusable: SiteIndex.Reusable(related: (0, []), spellings: (0, [])), warnings: [], summary: summary)
    }

    /// The tables after the head, which an incremental build needs, leaving `reader` at the postings.
    mutating func decodeTables(_ reader: inout ByteReader) throws(ByteReader.Malformed) {
        var tables = try reader.take(try reader.count()).sealed()
        (cases, outputs, searchOrder, reusable, warnings) = try Self.decodeTables(&tables)
    }

    private static func decodeTables(_ reader: inout ByteReader) throws(ByteReader.Malformed)
        -> ([CaseFile], [String: CachedOutput], [SearchedCase], SiteIndex.Reusable, [Diagnostic])
    {
        let parts = try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in try reader.take(try reader.count()) }
        let read = parts.parallelMap { part in
            Result { () throws(ByteReader.Malformed) in
                var reader = part
                let cases = try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in try readCaseFile(&reader) }
                guard reader.isAtEnd else { throw ByteReader.Malformed() }
                return cases
            }
        }
        var cases: [CaseFile] = []
        cases.reserveCapacity(parts.count * casesPerPart)
        for part in read { cases += try part.get() }
        let outputCount = try reader.count()
        var outputs = [String: CachedOutput](minimumCapacity: outputCount)
        for _ in 0..<outputCount {
            let path = try reader.string()
            outputs[path] = CachedOutput(fingerprint: try reader.number(), warnings: try readDiagnostics(&reader))
        }
        let searchOrder = try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in
            SearchedCase(path: try reader.string(), sourceHash: try reader.number())
        }
        let related = (print: try reader.number(),
                       lists: try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in try reader.numbers().map(Int.init) })
        let spellings = (print: try reader.number(), simplified: try reader.strings())
        let warnings = try readDiagnostics(&reader)
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
        return (cases, outputs, searchOrder, SiteIndex.Reusable(related: related, spellings: spellings), warnings)
    }

    /// The postings, from the part that `ByteReader.sealed` found to match its fingerprint.
    static func decodePostings(_ part: ByteReader) throws(ByteReader.Malformed) -> SearchIndex.Postings {
        var reader = part
        let keyed = try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in
            let key = try reader.number()
            guard key != 0 else { throw ByteReader.Malformed() }
            return (key: key, list: try readPostingList(&reader))
        }
        var words: [String: SearchIndex.PostingList] = [:]
        for _ in 0..<(try reader.count()) { words[try reader.string()] = try readPostingList(&reader) }
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
        return SearchIndex.Postings(keyed: keyed, words: words)
    }

    private static func write(_ study: CaseStudy, to writer: inout ByteWriter) {
        writer.string(study.sourcePath)
        writer.string(study.slug)
        writer.string(study.title)
        writer.int(study.date.year)
        writer.int(study.date.month)
        writer.int(study.date.day)
        writer.strings(study.district)
        writer.strings(study.mechanisms)
        writer.strings(study.outcomes)
        writer.optional(study.summary)
        writer.optional(study.source)
        writer.optional(study.sourceURL)
        writer.int(study.figures.count)
        for figure in study.figures {
            writer.string(figure.label)
            writer.string(figure.value)
            writer.optional(figure.before)
            writer.optional(figure.unit)
        }
        writer.bool(study.draft)
        writer.int(study.bodyFirstLine)
        writer.int(study.mentions.count)
        for (name, location) in study.mentions {
            writer.string(name)
            // Names are written in the case's own file, whose path is not repeated.
            writer.optional(location.path == study.sourcePath ? nil : location.path)
            writer.int(location.line)
            writer.int(location.column)
        }
        writer.number(study.sourceHash)
        writer.number(study.frontMatterHash)
    }

    private static func readStudy(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> CaseStudy {
        let sourcePath = try reader.string(), slug = try reader.string(), title = try reader.string()
        let date = CaseDate(year: try reader.int(), month: try reader.int(), day: try reader.int())
        let district = try reader.strings(), mechanisms = try reader.strings(), outcomes = try reader.strings()
        let summary = try reader.optional(), source = try reader.optional(), sourceURL = try reader.optional()
        let figures = try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in
            Figure(label: try reader.string(), value: try reader.string(), before: try reader.optional(), unit: try reader.optional())
        }
        let draft = try reader.bool(), bodyFirstLine = try reader.int()
        let mentionCount = try reader.count()
        var mentions = NameLocations()
        for _ in 0..<mentionCount {
            mentions[try reader.string()] = SourceLocation(path: try reader.optional() ?? sourcePath, line: try reader.int(), column: try reader.int())
        }
        return CaseStudy(sourcePath: sourcePath, slug: slug, title: title, date: date, district: district, mechanisms: mechanisms,
                         outcomes: outcomes, summary: summary, source: source, sourceURL: sourceURL, figures: figures, draft: draft,
                         body: "", bodyFirstLine: bodyFirstLine, mentions: mentions, sourceHash: try reader.number(),
                         frontMatterHash: try reader.number())
    }

    private static func write(_ location: SourceLocation, to writer: inout ByteWriter) {
        writer.string(location.path)
        writer.int(location.line)
        writer.int(location.column)
    }

    private static func readLocation(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> SourceLocation {
        SourceLocation(path: try reader.string(), line: try reader.int(), column: try reader.int())
    }

    private static func write(_ diagnostics: [Diagnostic], to writer: inout ByteWriter) {
        writer.int(diagnostics.count)
        for diagnostic in diagnostics {
            writer.bool(diagnostic.isError)
            write(diagnostic.problem, to: &writer)
            writer.bool(diagnostic.location != nil)
            if let location = diagnostic.location { write(location, to: &writer) }
            writer.bool(diagnostic.advice != nil)
            if let advice = diagnostic.advice { write(advice, to: &writer) }
            writer.optional(diagnostic.sourceLine)
        }
    }

    private static func readDiagnostics(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> [Diagnostic] {
        try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in
            let severity: Diagnostic.Severity = try reader.bool() ? .error : .warning
            let message = try readMessage(&reader)
            let location = try reader.bool() ? try readLocation(&reader) : nil
            let hint = try reader.bool() ? try readMessage(&reader) : nil
            return Diagnostic(severity, message, at: location, sourceLine: try reader.optional(), hint: hint)
        }
    }

    /// A message as its template and values, so that it is said in the language of the run that prints it.
    private static func readMessage(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> Message {
        let template = try reader.string()
        let values = try (0..<reader.count()).map { _ throws(ByteReader.Malformed) -> Message.Value in
            try reader.bool() ? .message(try readMessage(&reader)) : .text(try reader.string())
        }
        return Message(template: template, values: values)
    }

    private static func write(_ message: Message, to writer: inout ByteWriter) {
        writer.string(message.template)
        writer.int(message.values.count)
        for value in message.values {
            switch value {
            case .message(let inner):
                writer.bool(true)
                write(inner, to: &writer)
            case .text(let text):
                writer.bool(false)
                writer.string(text)
            }
        }
    }
}

/// What tells a file changed without reading it: size, modification time in nanoseconds, inode.
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modified: Int64
    /// The status change time, which every write sets and no tool can set back, unlike the
    /// modification time (`touch -r`, `cp -p`, an editor keeping it).
    var changed: Int64
    var inode: UInt64

    init(_ status: stat) {
        size = Int64(status.st_size)
        #if os(Linux)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        #else
        modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        changed = Int64(status.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(status.st_ctimespec.tv_nsec)
        #endif
        inode = UInt64(status.st_ino)
    }

    init(from reader: inout ByteReader) throws(ByteReader.Malformed) {
        size = Int64(try reader.int())
        modified = Int64(try reader.int())
        changed = Int64(try reader.int())
        inode = try reader.number()
    }

    func write(to writer: inout ByteWriter) {
        writer.int(Int(size))
        writer.int(Int(modified))
        writer.int(Int(changed))
        writer.number(inode)
    }

    /// Every file below the site's `Content/` and `Templates/`, by root-relative path. A symbolic
    /// link is stamped by what it leads to, and a linked folder is walked (but not again inside
    /// itself), so that an edit behind a link is seen; a link that leads nowhere is stamped itself. This runs for every
    /// file on every build, even one with nothing to do, so each file is stamped by its name
    /// within its open folder, not by a path the system walks again.
    static func scan(root: URL) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        // The folders being walked, by device and inode: a link back to one of them makes a cycle.
        var walking: Set<[UInt64]> = []
        let base = root.path + "/"
        func walk(_ relative: String) {
            guard let folder = opendir(base + relative) else { return }
            defer { closedir(folder) }
            var status = stat()
            guard fstat(dirfd(folder), &status) == 0 else { return }
            let identity = [UInt64(status.st_dev), UInt64(status.st_ino)]
            guard walking.insert(identity).inserted else { return }
            defer { walking.remove(identity) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name == "." || name == ".." { continue }
                guard fstatat(dirfd(folder), name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFLNK {
                    var target = stat()
                    if fstatat(dirfd(folder), name, &target, 0) == 0 { status = target }
                }
                let path = "\(relative)/\(name)"
                if (status.st_mode & S_IFMT) == S_IFDIR { walk(path) } else { stamps[path] = FileStamp(status) }
            }
        }
        walk("Content")
        walk("Templates")
        return stamps
    }
}
