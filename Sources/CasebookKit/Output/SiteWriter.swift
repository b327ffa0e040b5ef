import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a built site so that the output folder is always either the old site or the whole new one.
///
/// A full build writes every file into a staging folder beside the output (`.Public.tmp-<pid>`).
/// An incremental build works in `.Public.previous`, the version of the site before the current
/// one, which the last incremental build left there: it brings that folder up to the current
/// version (the files that changed between the two are hard-linked from the output), then writes
/// what changed now. Either folder takes the output's place only when every file is written: in
/// one atomic exchange where the system offers it (Linux `renameat2`), else by renames; the folder
/// that was the output then becomes `.Public.previous`. Staging and retired folders that a killed
/// build left behind are cleared by the next build (and a retired site is put back if the kill fell
/// between two renames). A folder that does not carry Casebook's marker file is never replaced or removed.
public struct SiteWriter: Sendable {
    public let output: URL
    /// The site root, which the output must neither contain nor sit in the sources of.
    public let root: URL?

    /// Marks a folder as Casebook's output, so a later build may replace it.
    public static let markerName = ".casebook-output"
    /// In `.Public.previous`: which version of the site the folder holds.
    static let generationName = ".casebook-generation"
    static let markerText = "This folder is written by `casebook build`; each build replaces all of it.\n"

    public init(output: URL, root: URL? = nil) {
        self.output = output.standardizedFileURL
        self.root = root?.standardizedFileURL
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private func sibling(_ kind: String, _ pid: Int32 = getpid()) -> URL {
        parent.appendingPathComponent(".\(output.lastPathComponent).\(kind)-\(pid)")
    }

    /// The folder that holds the version of the site before the current one.
    private var previousVersion: URL {
        parent.appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// Where the build cache of this output is kept: in the site's own `.casebook/` folder, which is
    /// never published (the cache names every source file, drafts included), one file for each
    /// output folder; beside the output when there is no site root.
    public var cacheFile: URL {
        guard let root else { return parent.appendingPathComponent(".\(output.lastPathComponent).cache") }
        let key = String(Fingerprint(of: Array(Self.resolved(output.path).utf8)).value, radix: 16)
        return root.appendingPathComponent(".casebook/cache-\(key)")
    }

    /// Waits until no other build writes into the output's folder, and keeps the others out until
    /// `release`. Two builds at once would each swap folders the other is filling. The lock is on
    /// the folder that holds the output (where its staging and previous versions live), so no
    /// file is made for it; builds into other outputs of that folder wait too. Without a folder to
    /// lock there is nothing to write into either, and the build says so.
    func lockOutput() -> OutputLock { OutputLock(folder: parent.path) }

    /// The part of a cache file that describes the output, when the output is still the folder it
    /// was written for; nil when the output was replaced since (by hand, or by a build stopped
    /// between its swap and its cache).
    func cacheBody(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard bytes.count >= FolderIdentity.byteCount, let folder = FolderIdentity(path: output.path),
              bytes.prefix(FolderIdentity.byteCount).elementsEqual(folder.bytes) else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes.dropFirst(FolderIdentity.byteCount))
    }

    /// Writes the cache that `folder` kept beside its place, with a blank head, before the folder
    /// becomes the output: what is left to do once it is, heading it with the output's identity
    /// and renaming it (`placeCache`), takes microseconds rather than the writing of megabytes, so
    /// that a build is seldom stopped between its swap and its cache. Returns the file's path.
    private func stageCache(of folder: Folder) -> String? {
        guard let parts = folder.cache else { return nil }
        let temporary = "\(cacheFile.path).tmp-\(getpid())"
        try? FileManager.default.createDirectory(at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try writeFile(temporary, [[UInt8](repeating: 0, count: FolderIdentity.byteCount)] + parts)
            return temporary
        } catch {
            unlink(temporary)
            return nil
        }
    }

    /// Heads the staged cache with the identity of the output, which its folder now is, and puts it
    /// in place. A failure leaves the last cache, which names another folder and is not trusted.
    private func placeCache(_ staged: String?) {
        guard let staged else { return }
        let identity = FolderIdentity(path: output.path)?.bytes ?? []
        let descriptor = open(staged, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        let headed = descriptor >= 0 && identity.count == FolderIdentity.byteCount
            && identity.withUnsafeBytes { pwrite(descriptor, $0.baseAddress!, $0.count, 0) } == identity.count
        if descriptor >= 0 { close(descriptor) }
        if !headed || rename(staged, cacheFile.path) != 0 { unlink(staged) }
    }

    /// Removes a staged cache that will not be placed.
    private func discardCache(_ staged: String?) {
        if let staged { unlink(staged) }
    }

    /// Makes a staging folder, lets `fill` write the site into it (from any number of threads),
    /// then swaps it in. If `fill` throws, the staging folder is removed and the output is untouched.
    public func write(_ fill: (Folder) throws -> Void) throws(Diagnostic) {
        try checkOutput()
        clearLeftovers()
        let staging = sibling("tmp")
        removeIfOurs(staging)
        // Registered before the folder exists, so that Ctrl-C at any moment from here removes it.
        Interruption.begin(staging, stopped: sibling("stop"))
        guard mkdir(staging.path, 0o755) == 0 else {
            let code = errno
            Interruption.end()
            throw .error("could not create \(staging.path): \(Message.systemError(code))",
                         hint: code == ENOENT ? "the folder \(parent.path) does not exist: create it, or build into a folder that does"
                             : "check that the folder \(parent.path) is writable")
        }
        let folder = Folder(staging, generation: OutputGeneration(previous: nil), replacing: false)
        var staged: String?
        do {
            try folder.write(Self.markerName, Array(Self.markerText.utf8))
            try fill(folder)
            staged = stageCache(of: folder)
            // Ctrl-C waits for the cache as for the swap: a site without its cache is built again in full.
            try Interruption.whileSwapping {
                try swap(staging)
                placeCache(staged)
            }
        } catch let problem as Diagnostic {
            Interruption.end()
            discardCache(staged)
            removeIfOurs(staging)
            throw problem
        } catch {
            Interruption.end()
            discardCache(staged)
            removeIfOurs(staging)
            throw .error("could not write the site into \(output.path): \(Self.describe(error))",
                         hint: "check that the folder is writable and the disk is not full; the previous site is unchanged")
        }
        Interruption.end()
        // The site before, which the swap put in the staging folder's place.
        removeIfOurs(staging)
        // The version before this one is unknown to the next incremental build, which would make
        // its folder anew (its generation file names no version before this one) if it were left.
        removeIfOurs(previousVersion)
    }

    /// Writes the next version of the site from the current one, which is `current`: `fill` writes
    /// the files that changed and removes those that are gone; every other file stays as it is.
    /// The output is replaced at once when `fill` is done; if it throws, or the build is killed,
    /// the output is untouched.
    func update(from current: OutputGeneration, _ fill: (Folder) throws -> Void) throws(Diagnostic) {
        let previous = previousVersion
        var staged: String?
        do {
            try checkOutput()
            clearLeftovers()
            try prepare(previous, toMirror: current)
            let folder = Folder(previous, generation: OutputGeneration(previous: current.id), replacing: true, keptFrom: output)
            try fill(folder)
            staged = stageCache(of: folder)
            try Interruption.whileSwapping {
                try exchange(previous, with: output)
                placeCache(staged)
            }
            staged = nil
            try folder.write(Self.generationName, Array(String(current.id).utf8))
        } catch let problem as Diagnostic {
            discardCache(staged)
            throw problem
        } catch {
            discardCache(staged)
            throw .error("could not update the site in \(output.path): \(Self.describe(error))",
                         hint: "check that the folder is writable and the disk is not full; the previous site is unchanged")
        }
    }

    /// What went wrong in writing, naming the file where the system's account does not.
    private static func describe(_ error: Error) -> Message {
        (error as? FileError)?.message ?? Message(verbatim: error.localizedDescription)
    }

    /// Makes `folder` hold exactly the files of the output, which is `current`. When it holds the
    /// version before (its generation file says so), only the files `current` changed are linked
    /// or removed; otherwise, or when that fails (someone changed the folder: a file that cannot
    /// be removed must not stay), it is made anew with a hard link to every file of the output.
    private func prepare(_ folder: URL, toMirror current: OutputGeneration) throws {
        let generationFile = folder.appendingPathComponent(Self.generationName).path
        let held = (try? String(contentsOfFile: generationFile, encoding: .utf8)).flatMap(UInt64.init)
        // From here on the folder is neither version until the build is done.
        unlink(generationFile)
        if let held, held == current.previous, let changed = current.changed, isOurs(folder) {
            let mirror = Folder(folder, generation: OutputGeneration(previous: nil), replacing: true)
            do {
                // Once every link is made: a folder removed while another file is linked into it
                // would make that link fail.
                for path in try link(changed, into: mirror) { try mirror.removeFoldersLeftEmpty(by: path) }
                return
            } catch {
                // Whatever stood in the way is gone with the folder, or is reported below by
                // what cannot be removed.
            }
        }
        removeIfOurs(folder)
        guard mkdir(folder.path, 0o755) == 0 else {
            let code = errno
            guard code == EEXIST else { throw FileError(folder.path, code: code) }
            guard isOurs(folder) else {
                throw Diagnostic.error("\(folder.path) is not a folder casebook made (it has no \(Self.markerName)), so it is not replaced",
                                       hint: "casebook keeps the version of the site before the current one there: move that folder away or remove it")
            }
            throw Self.removalFailure(in: folder) ?? FileError(folder.path, code: code)
        }
        let mirror = Folder(folder, generation: OutputGeneration(previous: nil), replacing: false)
        _ = try link(Self.entriesBelow(output), into: mirror)
    }

    /// Why `folder`, which is ours, is still there after `removeIfOurs`: tries again to remove
    /// each of its files but the marker (the folder stays ours), and gives the first that stays.
    private static func removalFailure(in folder: URL) -> FileError? {
        for path in entriesBelow(folder) where path != markerName {
            let file = folder.appendingPathComponent(path).path
            if unlink(file) != 0 && errno != ENOENT { return FileError(file, code: errno) }
        }
        return nil
    }

    /// Links each of `paths` of the output into `mirror`, on all cores. Returns the paths the
    /// output no longer has, which `mirror` no longer has either.
    private func link(_ paths: [String], into mirror: Folder) throws -> [String] {
        let outputPath = output.path + "/"
        return try paths.parallelMap { path in Result { try mirror.link(outputPath + path, to: path) ? nil : path } }
            .compactMap { try $0.get() }
    }

    /// Every file below `folder`, hidden ones included, relative to it; links and other special
    /// files are left out, as a build makes none.
    private static func entriesBelow(_ folder: URL) -> [String] {
        var files: [String] = []
        func walk(_ relative: String) {
            for (name, kind) in folderEntries(relative.isEmpty ? folder.path : folder.appendingPathComponent(relative).path) ?? [] {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                switch kind {
                case .folder: walk(path)
                case .file: files.append(path)
                case .other, .misnamed: break
                }
            }
        }
        walk("")
        return files
    }

    /// A folder being written: creates subfolders as files need them, from any thread, and
    /// records what it wrote and removed as the version of the site it becomes.
    public final class Folder: @unchecked Sendable {
        let base: URL
        /// `base` as a file system path ending in `/`, which each file's path is appended to.
        private let basePath: String
        /// Whether files may already stand where one is written, so each is written beside its
        /// place and renamed over it (never changing a file that another version shares).
        let replacing: Bool
        private let lock = NSLock()
        private var made: Set<String> = [""]
        private var record: OutputGeneration
        /// The build cache of this version, written once the version is the output.
        private var kept: [[UInt8]]?

        /// The folder of the version this one comes after, ending in `/`: where a file this
        /// version keeps but lacks is linked from (`removeEverything`).
        private let keptFrom: String?

        init(_ base: URL, generation: OutputGeneration, replacing: Bool, keptFrom: URL? = nil) {
            self.base = base
            self.basePath = base.path.hasSuffix("/") ? base.path : base.path + "/"
            self.record = generation
            self.replacing = replacing
            self.keptFrom = keptFrom.map { $0.path + "/" }
        }

        /// The version of the site this folder holds, with the paths changed so far.
        var generation: OutputGeneration { lock.withLock { record } }

        /// Keeps the build cache of this version, made of `parts`, to be written when the version
        /// is the output: it describes that folder, not the site's own.
        func keepCache(_ parts: [[UInt8]]) { lock.withLock { kept = parts } }

        var cache: [[UInt8]]? { lock.withLock { kept } }

        public func write(_ file: RenderedFile) throws { try write(file.path, file.bytes) }

        func write(_ path: String, _ bytes: [UInt8]) throws { try write(path, parts: [bytes]) }

        /// Writes a file made of `parts`, one after another, which are never joined in memory.
        func write(_ path: String, parts: [[UInt8]]) throws {
            try makeFolders(for: path)
            let target = basePath + path
            if replacing {
                let temporary = "\(target).tmp-\(getpid())"
                try removingOnError(temporary) {
                    try writeFile(temporary, parts)
                    try rename(temporary, over: target)
                }
            } else {
                try writeFile(target, parts)
            }
            note(path)
        }

        /// Copies a file as it is.
        func copy(_ source: URL, to path: String) throws {
            try write(path, [UInt8](try Data(contentsOf: source)))
        }

        /// Removes every file but the marker and those of `keeping`, and the folders that hold
        /// none of them: in a version made from an earlier one, the files that version had and
        /// this one has not, and anything someone put in the output (which a build from scratch
        /// would not carry over either). Only once no file is being written: a folder removed
        /// between the making of a file's folders and its writing fails that write.
        ///
        /// A file of `keeping` that the folder lacks, or holds as a link or other special file
        /// (which is removed), is linked from `keptFrom`: someone removed it, or put a link in the
        /// place of its folder, in the version this one was made from.
        func removeEverything(except keeping: Set<String>) throws {
            var found = 0
            /// Whether the folder at `relative` is left empty.
            func clear(_ relative: String) throws -> Bool {
                guard let entries = folderEntries(basePath + relative) else { throw FileError(basePath + relative, code: errno) }
                var isEmpty = true
                for (name, kind) in entries {
                    let path = relative.isEmpty ? name : "\(relative)/\(name)"
                    switch kind {
                    case .folder:
                        guard try clear(path) else {
                            isEmpty = false
                            continue
                        }
                        guard rmdir(basePath + path) == 0 else { throw FileError(basePath + path, code: errno) }
                        lock.withLock { _ = made.remove(path) }
                    case .file where keeping.contains(path):
                        found += 1
                        isEmpty = false
                    case .file where path == SiteWriter.markerName:
                        isEmpty = false
                    case .file, .other:
                        try removeFile(path)
                        note(path)
                    case .misnamed(let bytes):
                        let target = Array((basePath + relative).utf8) + (relative.isEmpty ? [] : [UInt8(ascii: "/")]) + bytes
                        let code = removeTree(target)
                        guard code == 0 else { throw FileError(String(decoding: target, as: UTF8.self), code: code) }
                    }
                }
                return isEmpty
            }
            _ = try clear("")
            guard found < keeping.count, let keptFrom else { return }
            let held = Set(SiteWriter.entriesBelow(base))
            for path in keeping.subtracting(held).sorted() {
                guard try link(keptFrom + path, to: path) else { throw FileError(keptFrom + path, code: ENOENT) }
            }
        }

        /// Removes the file at `path` if there is one. A file that stays (a folder the user may not
        /// change) would be a page of the old version in the new one, so that is an error.
        private func removeFile(_ path: String) throws {
            let target = basePath + path
            guard unlink(target) == 0 || errno == ENOENT else { throw FileError(target, code: errno) }
        }

        /// Removes the folders of `path` that hold nothing, deepest first, never `base`; the walk
        /// ends at the first that holds something. An empty folder that cannot be removed is an
        /// error: a build from scratch does not make it.
        func removeFoldersLeftEmpty(by path: String) throws {
            var folder = Substring(path)
            lock.lock()
            defer { lock.unlock() }
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                let target = basePath + folder
                guard rmdir(target) == 0 else {
                    let code = errno
                    // Where the folder above may not be changed, `rmdir` says so before it looks
                    // whether the folder is empty.
                    if code == ENOTEMPTY || code == EEXIST || code == ENOENT || !isEmptyFolder(target) { return }
                    throw FileError(target, code: code)
                }
                made.remove(String(folder))
            }
        }

        /// Puts a hard link to `source` at `path` (a copy where the file system has no hard
        /// links). When `source` does not exist, removes `path` instead and returns false.
        func link(_ source: String, to path: String) throws -> Bool {
            var status = stat()
            guard lstat(source, &status) == 0 else {
                try removeFile(path)
                return false
            }
            try makeFolders(for: path)
            let target = basePath + path
            let temporary = replacing ? "\(target).tmp-\(getpid())" : target
            try removingOnError(temporary) {
                if systemLink(source, temporary) != 0 {
                    guard errno == EPERM || errno == EXDEV || errno == EMLINK || errno == ENOTSUP else {
                        throw FileError(temporary, code: errno)
                    }
                    try writeFile(temporary, [[UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))])
                }
                if replacing { try rename(temporary, over: target) }
            }
            return true
        }

        private func rename(_ temporary: String, over target: String) throws {
            guard systemRename(temporary, target) == 0 else { throw FileError(target, code: errno) }
        }

        /// Runs `body`, and removes `file` if it throws: a full disk must leave no half-written
        /// file in a folder that becomes the site.
        private func removingOnError(_ file: String, _ body: () throws -> Void) throws {
            do {
                try body()
            } catch {
                unlink(file)
                throw error
            }
        }

        private func note(_ path: String) {
            lock.withLock { record.changed?.append(path) }
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
                let target = basePath + folder
                if mkdir(target, 0o755) != 0 {
                    guard errno == EEXIST else { throw FileError(target, code: errno) }
                    // A link (or file) where a folder belongs, in a version someone changed, is
                    // replaced by a folder: nothing is ever written through a link.
                    var status = stat()
                    if lstat(target, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
                        guard replacing, unlink(target) == 0, mkdir(target, 0o755) == 0 else { throw FileError(target, code: EEXIST) }
                    }
                }
                made.insert(folder)
            }
        }
    }

    /// Refuses an output that a build must not replace: see `checkPlace`, `checkOwner` and
    /// `checkReplaceable`. `serve` asks before it starts, builds before they write.
    public func checkOutput() throws(Diagnostic) {
        try checkPlace()
        try checkOwner()
        try checkReplaceable()
    }

    /// Refuses outputs that would overwrite the sources: the site root itself, a folder holding it,
    /// a place inside `Content/` or `Templates/`, or a symbolic link.
    func checkPlace() throws(Diagnostic) {
        if PathStatus(output.path)?.isSymbolicLink == true {
            throw .error("the output \(output.path) is a symbolic link; casebook does not replace links",
                         hint: "give the folder the link points to as --output")
        }
        guard let root else { return }
        let out = Self.resolved(output.path) + "/"
        let base = Self.resolved(root.path) + "/"
        if base.hasPrefix(out) {
            throw .error("the output \(output.path) holds the site's own Content/ and Templates/; casebook will not replace it",
                         hint: "write the site into a folder of its own, such as Public/")
        }
        for source in ["Content/", "Templates/"]
        where out.hasPrefix(base + source) || out.hasPrefix(Self.resolved(root.appendingPathComponent(source).path) + "/") {
            throw .error("the output \(output.path) is inside \(source); a build would read its own output",
                         hint: "write the site into a folder of its own, such as Public/")
        }
    }

    /// Refuses an output folder that another user owns: they could have put pages and scripts in
    /// it that the build would keep, or take the site back after it is written.
    func checkOwner() throws(Diagnostic) {
        guard let status = PathStatus(output.path), !status.isOwnedByUs else { return }
        throw .error("the output \(output.path) belongs to another user (uid \(status.owner)); casebook does not build into other users' folders",
                     hint: "choose a folder of your own with --output, or remove that one if it should not be there")
    }

    /// `path` with every symbolic link resolved, in the folders that exist and in the output's
    /// own name: `LINK/site` is where `LINK` leads, even before `site` exists.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while existing.path != "/" {
            if let real = realpath(existing.path, nil) {
                defer { free(real) }
                return rest.reversed().reduce(String(cString: real)) { $0 == "/" ? "/\($1)" : "\($0)/\($1)" }
            }
            rest.append(existing.lastPathComponent)
            existing.deleteLastPathComponent()
        }
        return path
    }

    /// Refuses an existing output that is not an empty folder or an earlier Casebook output, and
    /// a mount point, which cannot be swapped for a new folder.
    func checkReplaceable() throws(Diagnostic) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw .error("the output \(output.path) is a file, not a folder", hint: "choose another --output")
        }
        var status = stat(), parentStatus = stat()
        if stat(output.path, &status) == 0, stat(parent.path, &parentStatus) == 0, status.st_dev != parentStatus.st_dev {
            throw .error("the output \(output.path) is a mount point (a USB stick, a shared folder or a volume); casebook puts each new site in place of the old output folder, which cannot be done to a mount point",
                         hint: "build into a folder inside it: --output \(output.appendingPathComponent("bulletin").path)")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        if !entries.isEmpty, !entries.contains(Self.markerName) {
            throw .error("the output folder \(output.path) was not made by casebook (it has no \(Self.markerName)); casebook will not replace it",
                         hint: "choose another --output, or empty the folder yourself if it really is the site's")
        }
    }

    /// Staging and retired folders, and staged caches, of builds that no longer run: a retired site
    /// is put back when the output is missing (a build was killed between its two renames); the
    /// rest is removed.
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
                removeEmptyTree(leftover)
            }
        }
        // A cache staged by a build that was killed before it could place it.
        let cachePrefix = "\(cacheFile.lastPathComponent).tmp-"
        let cacheFolder = cacheFile.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cacheFolder.path)) ?? [] where name.hasPrefix(cachePrefix) {
            guard let pid = Int32(name.dropFirst(cachePrefix.count)), pid == getpid() || !isRunning(pid) else { continue }
            unlink(cacheFolder.appendingPathComponent(name).path)
        }
    }

    private func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Carries the marker and belongs to this user: a folder another user made is never reused or removed.
    private func isOurs(_ folder: URL) -> Bool {
        guard let status = PathStatus(folder.path), status.isOwnedByUs, status.isFolder, !status.isSymbolicLink else { return false }
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent(Self.markerName).path)
    }

    /// Removes a folder only if it carries the marker, so no mistake here can delete anyone's files.
    /// The marker goes last: a build killed while deleting leaves a folder that the next build
    /// still knows as its own and clears.
    func removeIfOurs(_ folder: URL) {
        guard isOurs(folder) else { return }
        Self.makeFoldersWritable(folder.path)
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where name != Self.markerName {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
        guard (try? manager.contentsOfDirectory(atPath: folder.path)) == [Self.markerName] else { return }
        unlink(folder.appendingPathComponent(Self.markerName).path)
        rmdir(folder.path)
    }

    /// Gives the owner write access to every folder below `path` that this user owns and may not
    /// change (a folder someone made read-only in the output, which a later build must clear);
    /// links are not followed.
    private static func makeFoldersWritable(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid() else { return }
        if status.st_mode & 0o700 != 0o700 { chmod(path, status.st_mode & 0o7777 | 0o700) }
        for (name, kind) in folderEntries(path) ?? [] where kind == .folder { makeFoldersWritable(path + "/" + name) }
    }

    /// A folder of a build stopped before it wrote the marker holds nothing but empty folders;
    /// `rmdir` removes exactly those and fails on anything else, so no file can be lost.
    private func removeEmptyTree(_ folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names { removeEmptyTree(folder.appendingPathComponent(name)) }
        rmdir(folder.path)
    }

    /// Puts `staging` in the output's place; the old site, if there was one, takes its name.
    private func swap(_ staging: URL) throws {
        let manager = FileManager.default
        if (try? manager.contentsOfDirectory(atPath: output.path))?.isEmpty == true {
            try manager.removeItem(at: output)
        }
        guard manager.fileExists(atPath: output.path) else {
            try manager.moveItem(at: staging, to: output)
            return
        }
        try exchange(staging, with: output)
    }

    /// Swaps two folders: in one step where the system can (Linux `renameat2` with
    /// `RENAME_EXCHANGE`), else by three renames through a retired name that `clearLeftovers`
    /// puts back if a build is killed between them.
    private func exchange(_ first: URL, with second: URL) throws {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        if let symbol = dlsym(nil, "renameat2") {
            let renameAt2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 2
            if renameAt2(AT_FDCWD, first.path, AT_FDCWD, second.path, renameExchange) == 0 { return }
        }
        #endif
        let manager = FileManager.default
        let retired = sibling("old", getpid())
        removeIfOurs(retired)
        try manager.moveItem(at: second, to: retired)
        do {
            try manager.moveItem(at: first, to: second)
        } catch {
            try? manager.moveItem(at: retired, to: second)
            throw error
        }
        try manager.moveItem(at: retired, to: first)
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

    /// For a signal handler: waits for a swap in progress to finish and removes the staging folder
    /// of an unfinished build (which this process created). Returns holding the lock, so that no
    /// swap can begin before the caller ends the process.
    public static func stop() {
        lock.lock()
        if let staging, rename(staging.folder.path, staging.stopped.path) == 0 {
            try? FileManager.default.removeItem(at: staging.stopped)
        }
    }
}

// The folder's own `link` and `rename` hide the system calls of those names.
private func systemLink(_ source: String, _ target: String) -> Int32 { link(source, target) }
private func systemRename(_ source: String, _ target: String) -> Int32 { rename(source, target) }

/// POSIX open/write/close: many times cheaper than `FileManager.createFile` for thousands of pages.
func writeFile(_ path: String, _ parts: [[UInt8]]) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw FileError(path, code: errno) }
    defer { close(descriptor) }
    for bytes in parts {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            guard result > 0 else { throw FileError(path, code: errno) }
            written += result
        }
    }
}

/// A system call on a file that failed: says which file, which the system's own account does not.
struct FileError: Error {
    let path: String
    let code: Int32

    init(_ path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    var message: Message { "\(path): \(Message.systemError(code))" }
}

/// Whether `path` is a folder that holds nothing.
private func isEmptyFolder(_ path: String) -> Bool {
    folderEntries(path)?.isEmpty == true
}

/// What a name in a folder stands for: a folder, a regular file, or anything else (a link, a
/// pipe, a device), which a build never makes; or an entry whose name is not UTF-8, which no
/// page has, by the bytes of its name.
private enum EntryKind: Equatable {
    case folder, file, other
    case misnamed([UInt8])
}

/// Removes the file, or the folder and everything in it, at `path` given as bytes: a name that is
/// not UTF-8 has no `String` to pass. Links are removed, not followed. Returns 0, or the `errno`
/// of what could not be removed.
private func removeTree(_ path: [UInt8]) -> Int32 {
    let cPath = path.map { CChar(bitPattern: $0) } + [0]
    var status = stat()
    guard lstat(cPath, &status) == 0 else { return errno == ENOENT ? 0 : errno }
    guard status.st_mode & S_IFMT == S_IFDIR else { return unlink(cPath) == 0 ? 0 : errno }
    guard let entries = rawEntries(cPath) else { return errno }
    for (name, _) in entries {
        let code = removeTree(path + [UInt8(ascii: "/")] + name)
        if code != 0 { return code }
    }
    return rmdir(cPath) == 0 ? 0 : errno
}

/// The names in the folder at `path` as bytes, but `.` and `..`, with the type `readdir` gives
/// (`DT_UNKNOWN` on file systems that do not say); nil when it cannot be read. All are read
/// before any is acted on: a folder changed while it is read may be listed with names missing.
private func rawEntries(_ path: UnsafePointer<CChar>) -> [(name: [UInt8], type: Int32)]? {
    guard let stream = opendir(path) else { return nil }
    defer { closedir(stream) }
    var entries: [(name: [UInt8], type: Int32)] = []
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
        if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { entries.append((name, Int32(entry.pointee.d_type))) }
    }
    return entries
}

/// The names in the folder at `path`, and what each is (links are not followed); nil when it
/// cannot be read.
private func folderEntries(_ path: String) -> [(name: String, kind: EntryKind)]? {
    guard let raw = rawEntries(path) else { return nil }
    return raw.map { bytes, listed in
        guard let name = String(validating: bytes, as: UTF8.self) else { return (String(decoding: bytes, as: UTF8.self), .misnamed(bytes)) }
        var type = listed
        if type == Int32(DT_UNKNOWN) {
            var status = stat()
            type = lstat(path + "/" + name, &status) != 0 ? Int32(DT_UNKNOWN)
                : status.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : status.st_mode & S_IFMT == S_IFREG ? Int32(DT_REG) : Int32(DT_UNKNOWN)
        }
        return (name, type == Int32(DT_DIR) ? .folder : type == Int32(DT_REG) ? .file : .other)
    }
}

/// An exclusive `flock` on a folder, held until `release` (or the process ends).
final class OutputLock {
    private var descriptor: Int32

    init(folder: String) {
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
