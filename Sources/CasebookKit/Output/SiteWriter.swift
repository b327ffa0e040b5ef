import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a built site so that the output folder is always either the old site or the whole new one.
///
/// Pages go into a staging folder beside the output (`.Public.tmp-<pid>`), which takes the output's
/// place only when every file is written: in one atomic exchange where the system offers it
/// (Linux `renameat2`), else by two renames. Staging and retired folders that a killed build left
/// behind are cleared by the next build (and a retired site is put back if the kill fell between
/// the two renames). A folder that does not carry Casebook's marker file is never replaced or removed.
public struct SiteWriter {
    public let output: URL
    /// The site root, which the output must neither contain nor sit in the sources of.
    public let root: URL?

    /// Marks a folder as Casebook's output, so a later build may replace it.
    public static let markerName = ".casebook-output"
    static let markerText = "This folder is written by `casebook build`; each build replaces all of it.\n"

    public init(output: URL, root: URL? = nil) {
        self.output = output.standardizedFileURL
        self.root = root?.standardizedFileURL
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private func sibling(_ kind: String, _ pid: Int32 = getpid()) -> URL {
        parent.appendingPathComponent(".\(output.lastPathComponent).\(kind)-\(pid)")
    }

    /// Makes a staging folder, lets `fill` write the site into it (from any number of threads),
    /// then swaps it in. If `fill` throws, the staging folder is removed and the output is untouched.
    public func write(_ fill: (Folder) throws -> Void) throws(Diagnostic) {
        try checkPlace()
        try checkReplaceable()
        clearLeftovers()
        let staging = sibling("tmp")
        removeIfOurs(staging)
        guard mkdir(staging.path, 0o755) == 0 else {
            throw .error("could not create \(staging.path): \(String(cString: strerror(errno)))",
                         hint: "check that the folder \(parent.path) is writable")
        }
        Interruption.begin(staging, stopped: sibling("stop"))
        do {
            let folder = Folder(staging)
            try folder.write(Self.markerName, Array(Self.markerText.utf8))
            try fill(folder)
            try Interruption.whileSwapping { try swap(staging) }
        } catch let problem as Diagnostic {
            Interruption.end()
            removeIfOurs(staging)
            throw problem
        } catch {
            Interruption.end()
            removeIfOurs(staging)
            throw .error("could not write the site into \(output.path): \(error.localizedDescription)",
                         hint: "check that the folder is writable and the disk is not full; the previous site is unchanged")
        }
        Interruption.end()
    }

    /// Changes an existing output in place, for an incremental build: each file is written beside
    /// its place and renamed over it, so no file is ever half-written. The build cache is removed
    /// first and `cache` written last, so a build stopped half-way leaves no cache, and the next
    /// build starts from scratch instead of trusting a site that is part old, part new.
    func update(writing files: [RenderedFile], removing obsolete: [String], cache: [UInt8]) throws(Diagnostic) {
        let folder = Folder(output)
        do {
            try checkPlace()
            try checkReplaceable()
            clearLeftovers()
            unlink(output.appendingPathComponent(BuildCache.fileName).path)
            let failures = files.parallelMap { file -> String? in
                do {
                    try folder.replace(file.path, Array(file.text.utf8))
                    return nil
                } catch {
                    return "\(file.path): \(error)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
            for path in obsolete { unlink(output.appendingPathComponent(path).path) }
            try folder.replace(BuildCache.fileName, cache)
        } catch let problem as Diagnostic {
            throw problem
        } catch {
            throw .error("could not update the site in \(output.path): \(error.localizedDescription)",
                         hint: "check that the folder is writable and the disk is not full; the next build rebuilds it whole")
        }
    }

    /// A folder being written: creates subfolders as files need them, from any thread.
    public final class Folder: @unchecked Sendable {
        let base: URL
        private let lock = NSLock()
        private var made: Set<String> = [""]

        init(_ base: URL) { self.base = base }

        public func write(_ file: RenderedFile) throws { try write(file.path, Array(file.text.utf8)) }

        func write(_ path: String, _ bytes: [UInt8]) throws {
            try makeFolders(for: path)
            try writeFile(base.appendingPathComponent(path).path, bytes)
        }

        /// Copies a file as it is.
        func copy(_ source: URL, to path: String) throws {
            try write(path, [UInt8](try Data(contentsOf: source)))
        }

        /// Writes beside `path`, then renames over it.
        func replace(_ path: String, _ bytes: [UInt8]) throws {
            try makeFolders(for: path)
            let target = base.appendingPathComponent(path).path
            let temporary = "\(target).tmp-\(getpid())"
            try writeFile(temporary, bytes)
            guard rename(temporary, target) == 0 else {
                let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                unlink(temporary)
                throw error
            }
        }

        /// Creates the folders of `path` one level at a time, parents first, never recreating
        /// `base`: once Ctrl-C has moved a staging folder away, nothing can bring it back.
        private func makeFolders(for path: String) throws {
            let parts = path.split(separator: "/").dropLast()
            guard !parts.isEmpty else { return }
            lock.lock()
            defer { lock.unlock() }
            var folder = ""
            for part in parts {
                folder += folder.isEmpty ? String(part) : "/\(part)"
                guard !made.contains(folder) else { continue }
                if mkdir(base.appendingPathComponent(folder).path, 0o755) != 0 && errno != EEXIST {
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                made.insert(folder)
            }
        }
    }

    /// Refuses outputs that would overwrite the sources: the site root itself, a folder holding it,
    /// a place inside `Content/` or `Templates/`, or a symbolic link.
    func checkPlace() throws(Diagnostic) {
        var status = stat()
        if lstat(output.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
            throw .error("the output \(output.path) is a symbolic link; casebook does not replace links",
                         hint: "give the folder the link points to as --output")
        }
        guard let root else { return }
        let out = output.resolvingSymlinksInPath().path + "/"
        let base = root.resolvingSymlinksInPath().path + "/"
        if base.hasPrefix(out) {
            throw .error("the output \(output.path) holds the site's own Content/ and Templates/; casebook will not replace it",
                         hint: "write the site into a folder of its own, such as Public/")
        }
        for source in ["Content/", "Templates/"] where out.hasPrefix(base + source) {
            throw .error("the output \(output.path) is inside \(source); a build would read its own output",
                         hint: "write the site into a folder of its own, such as Public/")
        }
    }

    /// Refuses an existing output that is not an empty folder or an earlier Casebook output.
    func checkReplaceable() throws(Diagnostic) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw .error("the output \(output.path) is a file, not a folder", hint: "choose another --output")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        if !entries.isEmpty, !entries.contains(Self.markerName) {
            throw .error("the output folder \(output.path) was not made by casebook (it has no \(Self.markerName)); casebook will not replace it",
                         hint: "choose another --output, or empty the folder yourself if it really is the site's")
        }
    }

    /// Staging and retired folders of builds that no longer run: a retired site is put back when
    /// the output is missing (a build was killed between its two renames); the rest is removed.
    func clearLeftovers() {
        let prefix = ".\(output.lastPathComponent)."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names.sorted() where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.lastIndex(of: "-"), let pid = Int32(rest[rest.index(after: dash)...]) else { continue }
            let kind = rest[..<dash]
            guard ["tmp", "old", "stop"].contains(kind), pid == getpid() || !isRunning(pid) else { continue }
            let leftover = parent.appendingPathComponent(name)
            if kind == "old", !FileManager.default.fileExists(atPath: output.path), isOurs(leftover) {
                try? FileManager.default.moveItem(at: leftover, to: output)
            } else if isOurs(leftover) {
                removeIfOurs(leftover)
            } else {
                removeEmptyFolders(leftover)
            }
        }
    }

    private func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    private func isOurs(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(Self.markerName).path)
    }

    /// Removes a folder only if it carries the marker, so no mistake here can delete anyone's files.
    private func removeIfOurs(_ folder: URL) {
        if isOurs(folder) { try? FileManager.default.removeItem(at: folder) }
    }

    /// A folder of a build stopped before it wrote the marker holds nothing but empty folders;
    /// `rmdir` removes exactly those and fails on anything else, so no file can be lost.
    private func removeEmptyFolders(_ folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names { removeEmptyFolders(folder.appendingPathComponent(name)) }
        rmdir(folder.path)
    }

    /// Puts `staging` in the output's place and deletes the old site.
    private func swap(_ staging: URL) throws {
        let manager = FileManager.default
        if (try? manager.contentsOfDirectory(atPath: output.path))?.isEmpty == true {
            try manager.removeItem(at: output)
        }
        guard manager.fileExists(atPath: output.path) else {
            try manager.moveItem(at: staging, to: output)
            return
        }
        if exchange(staging.path, output.path) {
            removeIfOurs(staging)
            return
        }
        let retired = sibling("old")
        removeIfOurs(retired)
        try manager.moveItem(at: output, to: retired)
        do {
            try manager.moveItem(at: staging, to: output)
        } catch {
            try? manager.moveItem(at: retired, to: output)
            throw error
        }
        removeIfOurs(retired)
    }

    /// Swaps two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`); false where unsupported.
    private func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameAt2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameAt2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
        return false
        #endif
    }
}

/// Lets Ctrl-C remove the staging folder of a build in progress, but never in the middle of the swap.
public enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var staging: (folder: URL, stopped: URL)?

    /// - Parameters:
    ///   - folder: the staging folder being written.
    ///   - stopped: where to move it when stopped, so that writers still running cannot add to it.
    static func begin(_ folder: URL, stopped: URL) { lock.withLock { staging = (folder, stopped) } }
    static func end() { lock.withLock { staging = nil } }

    static func whileSwapping<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer {
            staging = nil
            lock.unlock()
        }
        return try body()
    }

    /// For a signal handler: waits for a swap in progress to finish, removes the staging folder of
    /// an unfinished build (which this process created), and exits with `status`.
    public static func stop(status: Int32) -> Never {
        lock.lock()
        if let staging, rename(staging.folder.path, staging.stopped.path) == 0 {
            try? FileManager.default.removeItem(at: staging.stopped)
        }
        exit(status)
    }
}

/// POSIX open/write/close: many times cheaper than `FileManager.createFile` for thousands of pages.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
        let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
        guard result > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        written += result
    }
}
