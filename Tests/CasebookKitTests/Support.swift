import Foundation
import Testing
@testable import CasebookKit

/// Fixture sites and scratch folders for end-to-end tests.
enum Fixture {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh scratch folder in this test run's folder under the system's temporary folder.
    static func scratchFolder() throws -> URL {
        let folder = runFolder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The folder that holds this run's scratch folders; it is deleted when the run ends, and the
    /// folders of runs that were killed are deleted when the next run starts.
    private static let runFolder: URL = {
        let temporary = FileManager.default.temporaryDirectory
        let prefix = "casebook-tests-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            // A folder of a run still going (its process exists) is left alone.
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) == 0 || errno == EPERM { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
        let folder = temporary.appendingPathComponent("\(prefix)\(getpid())")
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory
                .appendingPathComponent("casebook-tests-\(getpid())"))
        }
        return folder
    }()

    /// A copy of `Fixtures/<name>`, ready to build with the built-in theme.
    static func site(_ name: String) throws -> URL {
        let root = try scratchFolder().appendingPathComponent(name)
        try FileManager.default.copyItem(at: testsFolder.appendingPathComponent("Fixtures/\(name)"), to: root)
        return root
    }

    /// Runs `body` with a RAM disk of `kilobytes` mounted at `folder` (created if need be), for
    /// tests of a full disk or a mount point, which run as root only.
    static func withSmallDisk(at folder: URL, kilobytes: Int, _ body: () throws -> Void) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let status = run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])
        try #require(status == 0, "mount -t tmpfs failed (\(status))")
        defer { run("/bin/umount", [folder.path]) }
        try body()
    }

    /// Runs a program and returns its exit status (-1 when it cannot be started).
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func write(_ text: String, to path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func read(_ path: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func exists(_ path: String, in root: URL) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Expects two folders to hold the same files with the same bytes.
    /// - Parameter ignoring: file names left out, such as the build cache, which records file stamps.
    static func expectIdentical(_ first: URL, _ second: URL, ignoring: Set<String> = [],
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let files = filesBelow(first).filter { !ignoring.contains($0) }
        #expect(files == filesBelow(second).filter { !ignoring.contains($0) }, sourceLocation: sourceLocation)
        #expect(foldersBelow(first) == foldersBelow(second), "the folders differ", sourceLocation: sourceLocation)
        for file in files {
            #expect(FileManager.default.contents(atPath: first.appendingPathComponent(file).path)
                == FileManager.default.contents(atPath: second.appendingPathComponent(file).path), "\(file) differs",
                sourceLocation: sourceLocation)
        }
    }

    /// Every file below `folder`, hidden ones included, relative to it and sorted.
    static func filesBelow(_ folder: URL) -> [String] { entriesBelow(folder, folders: false) }

    /// Every folder below `folder`, relative to it and sorted.
    static func foldersBelow(_ folder: URL) -> [String] { entriesBelow(folder, folders: true) }

    private static func entriesBelow(_ folder: URL, folders: Bool) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var entries: [String] = []
        while let path = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder), isFolder.boolValue == folders {
                entries.append(path)
            }
        }
        return entries.sorted()
    }

    /// Reads one case file's text as the loader would.
    static func caseStudy(_ text: String, path: String = "Content/cases/example.md") -> (CaseStudy?, [Diagnostic]) {
        CaseStudyReader.read(SourceFile(path: path, text: text))
    }

    /// The parts of `diagnostic` that would be said in English in a Chinese run: templates with
    /// words but no catalogue entry. Empty when it reads wholly in Chinese (but for values such as
    /// names, paths and what the system says).
    static func untranslated(_ diagnostic: Diagnostic) -> [String] {
        func missing(_ message: Message) -> [String] {
            // What the system says is shown as it says it.
            guard message.template != "{1}" else { return [] }
            let own = message.template.contains(where: \.isLetter) && MessageCatalogue.chinese[message.template] == nil
            let inner = message.values.flatMap { value -> [String] in
                switch value {
                case .message(let nested): return missing(nested)
                // A message of the catalogue passed in as a plain text stays English in Chinese.
                case .text(let text): return text.contains(" ") && MessageCatalogue.chinese[text] != nil ? [text] : []
                }
            }
            return (own ? [message.template] : []) + inner
        }
        return missing(diagnostic.problem) + (diagnostic.advice.map(missing) ?? [])
    }

    /// The `casebook` tool of this package's debug build, which `swift test` builds too.
    static let tool = repositoryRoot.appendingPathComponent(".build/debug/casebook")

    /// The environment of a tool run whose messages are in `language`: its locale says so.
    static func environment(_ language: Language) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = language == .english ? "en_US.UTF-8" : "zh_CN.UTF-8"
        return environment
    }

    /// Starts `casebook build --root root` as a process of its own, its output discarded.
    static func startBuild(_ root: URL) throws -> Process {
        let process = Process()
        process.executableURL = tool
        process.environment = environment(.english)
        process.arguments = ["build", "--root", root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `casebook build --root root` to its end; returns what it printed and its exit status.
    static func runBuild(_ root: URL, language: Language = .english) throws -> (output: String, status: Int32) {
        try runTool(["build", "--root", root.path], language: language)
    }

    /// Runs the casebook tool with `arguments` to its end, its messages in `language`; returns what
    /// it printed (both streams) and its exit status.
    static func runTool(_ arguments: [String], language: Language = .english) throws -> (output: String, status: Int32) {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = tool
        process.environment = environment(language)
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), process.terminationStatus)
    }

    /// Every file below `folder`, hidden ones included, with its bytes; `ignoring` leaves out such
    /// files as the build cache, which records file stamps.
    static func snapshot(_ folder: URL, ignoring: Set<String> = []) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in filesBelow(folder) where !ignoring.contains(path) {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    /// Builds `root`, returning the thrown failure's diagnostics, or nil on success.
    static func buildFailure(_ builder: SiteBuilder) -> [Diagnostic]? {
        do {
            try builder.build()
            return nil
        } catch {
            return error.diagnostics
        }
    }
}

/// SplitMix64: random test inputs that are the same on every run, so a failure can be replayed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ mixed >> 30) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ mixed >> 27) &* 0x94D0_49BB_1331_11EB
        return mixed ^ mixed >> 31
    }
}

extension MarkdownRenderer.Rendered {
    /// The HTML as a string, for comparing with what a test expects.
    var htmlText: String { String(decoding: html, as: UTF8.self) }
    /// The plain text as a string.
    var plainText: String { String(decoding: text, as: UTF8.self) }
}

extension SearchIndex.Document {
    /// The body as a string, for tests that write and change it as one.
    var bodyText: String {
        get { String(decoding: body, as: UTF8.self) }
        set { body = Array(newValue.utf8) }
    }
}
