import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the previous build read and wrote, kept in the output folder as `.casebook-cache`, so the
/// next build can skip the work whose inputs did not change.
///
/// - `inputs`: the size, modification time and inode of every file under `Content/` and `Templates/`.
///   When all are the same, nothing changed and the build ends there.
/// - `cases`: each case file as read (front matter without the body) and its diagnostics, reused
///   when the file's stamp is unchanged.
/// - `generation`: which version of the output folder this is, for `SiteWriter`.
/// - `outputs`: for each output file, a fingerprint (of the inputs of a page, or of the bytes of
///   other files) and the warnings its rendering gave; a page whose fingerprint is unchanged is
///   not rendered again.
/// - `searchOrder` and `postings`: the search index by case, patched for the cases that changed.
///
/// The cache belongs to one version of the tool and one set of options; anything else, or a cache
/// that does not parse, is ignored and the build starts from scratch.
struct BuildCache {
    static let fileName = ".casebook-cache"
    static let magic = "casebook-cache 2"

    var tool: String
    var options: String
    var inputs: [String: FileStamp]
    var generation: OutputGeneration
    var cases: [String: CachedCase]
    var outputs: [String: CachedOutput]
    var searchOrder: [String]
    var postings: SearchIndex.Postings
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
    }

    struct CachedCase {
        var stamp: FileStamp
        /// Without its body, which is read again only when a page needs it.
        var file: CaseFile
    }

    struct CachedOutput {
        var fingerprint: UInt64
        var warnings: [Diagnostic]
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

    /// The cache in `output`, if there is one this tool can use with these options. Unless
    /// `stamps` differ from the cache's inputs, only its head is decoded.
    static func load(output: URL, options: String, stamps: [String: FileStamp]) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(fileName).path) else { return nil }
        let bytes = [UInt8](data)
        var reader = ByteReader(bytes)
        guard var cache = try? decodeHead(&reader), cache.tool == toolIdentity, cache.options == options else { return nil }
        if cache.inputs == stamps { return cache }
        guard (try? cache.decodeBody(&reader)) != nil else { return nil }
        return cache
    }

    func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.string(Self.magic)
        writer.string(tool)
        writer.string(options)
        writer.int(inputs.count)
        for (path, stamp) in inputs.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            stamp.write(to: &writer)
        }
        generation.write(to: &writer)
        writer.int(summary.cases)
        writer.int(summary.pages)
        writer.int(summary.files)
        Self.write(summary.warnings, to: &writer)
        writer.int(cases.count)
        for (path, cached) in cases.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            cached.stamp.write(to: &writer)
            writer.bool(cached.file.study != nil)
            if let study = cached.file.study { Self.write(study, to: &writer) }
            Self.write(cached.file.diagnostics, to: &writer)
            writer.bool(cached.file.isDraft)
        }
        writer.int(outputs.count)
        for (path, output) in outputs.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.number(output.fingerprint)
            Self.write(output.warnings, to: &writer)
        }
        writer.strings(searchOrder)
        let keyedLists = postings.keyedLists
        writer.int(keyedLists.count)
        for (key, list) in keyedLists {
            writer.number(key)
            Self.write(list, to: &writer)
        }
        writer.int(postings.words.count)
        for (word, list) in postings.words {
            writer.string(word)
            Self.write(list, to: &writer)
        }
        Self.write(warnings, to: &writer)
        return writer.bytes
    }

    /// Everything up to the summary: enough to tell that nothing changed.
    static func decodeHead(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> BuildCache {
        guard try reader.string() == magic else { throw ByteReader.Malformed() }
        let tool = try reader.string(), options = try reader.string()
        var inputs: [String: FileStamp] = [:]
        for _ in 0..<(try reader.count()) { inputs[try reader.string()] = try FileStamp(from: &reader) }
        let generation = try OutputGeneration(from: &reader)
        let summary = Summary(cases: try reader.int(), pages: try reader.int(), files: try reader.int(), warnings: try readDiagnostics(&reader))
        return BuildCache(tool: tool, options: options, inputs: inputs, generation: generation, cases: [:], outputs: [:], searchOrder: [],
                          postings: SearchIndex.Postings(), warnings: [], summary: summary)
    }

    /// The rest, which an incremental build needs.
    mutating func decodeBody(_ reader: inout ByteReader) throws(ByteReader.Malformed) {
        for _ in 0..<(try reader.count()) {
            let path = try reader.string()
            let stamp = try FileStamp(from: &reader)
            let study = try reader.bool() ? try Self.readStudy(&reader) : nil
            let file = CaseFile(path: path, study: study, diagnostics: try Self.readDiagnostics(&reader), isDraft: try reader.bool())
            cases[path] = CachedCase(stamp: stamp, file: file)
        }
        for _ in 0..<(try reader.count()) {
            let path = try reader.string()
            outputs[path] = CachedOutput(fingerprint: try reader.number(), warnings: try Self.readDiagnostics(&reader))
        }
        searchOrder = try reader.strings()
        let keyed = try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in
            let key = try reader.number()
            guard key != 0 else { throw ByteReader.Malformed() }
            return (key: key, list: try Self.readList(&reader))
        }
        var words: [String: [UInt32]] = [:]
        for _ in 0..<(try reader.count()) { words[try reader.string()] = try Self.readList(&reader) }
        postings = SearchIndex.Postings(keyed: keyed, words: words)
        warnings = try Self.readDiagnostics(&reader)
        guard reader.isAtEnd else { throw ByteReader.Malformed() }
    }

    private static func write(_ list: [UInt32], to writer: inout ByteWriter) {
        writer.int(list.count)
        for entry in list { writer.number(UInt64(entry)) }
    }

    private static func readList(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> [UInt32] {
        try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in UInt32(truncatingIfNeeded: try reader.number()) }
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
        for (name, location) in study.mentions.sorted(by: { $0.key < $1.key }) {
            writer.string(name)
            write(location, to: &writer)
        }
        writer.number(study.sourceHash)
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
        var mentions: [String: SourceLocation] = [:]
        for _ in 0..<(try reader.count()) { mentions[try reader.string()] = try readLocation(&reader) }
        return CaseStudy(sourcePath: sourcePath, slug: slug, title: title, date: date, district: district, mechanisms: mechanisms,
                         outcomes: outcomes, summary: summary, source: source, sourceURL: sourceURL, figures: figures, draft: draft,
                         body: "", bodyFirstLine: bodyFirstLine, mentions: mentions, sourceHash: try reader.number())
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
            writer.string(diagnostic.message)
            writer.bool(diagnostic.location != nil)
            if let location = diagnostic.location { write(location, to: &writer) }
            writer.optional(diagnostic.hint)
            writer.optional(diagnostic.sourceLine)
        }
    }

    private static func readDiagnostics(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> [Diagnostic] {
        try (0..<reader.count()).map { _ throws(ByteReader.Malformed) in
            let severity: Diagnostic.Severity = try reader.bool() ? .error : .warning
            let message = try reader.string()
            let location = try reader.bool() ? try readLocation(&reader) : nil
            let hint = try reader.optional()
            return Diagnostic(severity, message, at: location, sourceLine: try reader.optional(), hint: hint)
        }
    }
}

/// What tells a file changed without reading it: size, modification time in nanoseconds, inode.
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var inode: UInt64

    init(_ status: stat) {
        size = Int64(status.st_size)
        #if os(Linux)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #else
        modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #endif
        inode = UInt64(status.st_ino)
    }

    init(from reader: inout ByteReader) throws(ByteReader.Malformed) {
        size = Int64(try reader.int())
        modified = Int64(try reader.int())
        inode = try reader.number()
    }

    func write(to writer: inout ByteWriter) {
        writer.int(Int(size))
        writer.int(Int(modified))
        writer.number(inode)
    }

    /// Every file below the site's `Content/` and `Templates/`, by root-relative path; symbolic
    /// links are stamped themselves, not followed.
    static func scan(root: URL) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        func walk(_ relative: String) {
            guard let folder = opendir(root.appendingPathComponent(relative).path) else { return }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name == "." || name == ".." { continue }
                let path = "\(relative)/\(name)"
                var status = stat()
                guard lstat(root.appendingPathComponent(path).path, &status) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR { walk(path) } else { stamps[path] = FileStamp(status) }
            }
        }
        walk("Content")
        walk("Templates")
        return stamps
    }
}
