import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the folders of a site, saying what cannot be read rather than passing over it: a folder
/// without permission, a symbolic link that leads nowhere or round in a loop, a pipe or device where
/// a file belongs, a link out of the site. Hidden files and folders are left out.
enum SourceFolder {
    /// A file or folder directly in a listed folder; a symbolic link counts as what it leads to.
    struct Entry: Sendable {
        /// Relative to the listed folder.
        let name: String
        let isFolder: Bool
    }

    /// The entries directly in `folder` (relative to `root`), sorted by name, and an error for each
    /// that cannot be read and for the folder itself when it cannot be. A folder that does not
    /// exist has no entries and no error. The paths in `except` (relative to `root`) are left out.
    /// Files that are read next, whose reading says that they cannot be, are listed without
    /// asking whether they can (`checkingFiles: false`): ten thousand cases cost as many look-ups.
    static func entries(root: URL, folder: String, except: Set<String> = [], checkingFiles: Bool = true)
        -> (entries: [Entry], problems: [Diagnostic])
    {
        if let escape = SourceReader.linkOutOfRoot(root: root, path: folder) { return ([], [escape]) }
        let path = SourceReader.fullPath(root: root, folder)
        var status = stat()
        guard lstat(path, &status) == 0 else { return ([], []) }
        guard let stream = opendir(path) else { return ([], [SourceReader.unreadable(folder, fullPath: path, isFolder: true, errno)]) }
        defer { closedir(stream) }
        var entries: [Entry] = []
        var problems: [Diagnostic] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasPrefix(".") { continue }
            let entryPath = folder.isEmpty ? name : "\(folder)/\(name)"
            if except.contains(entryPath) { continue }
            // The listing says what most entries are; only a link, or an entry of a kind the file
            // system does not say, is looked at further.
            let kind = entry.pointee.d_type
            let mode: mode_t
            if kind == UInt8(DT_REG) || kind == UInt8(DT_DIR) {
                mode = kind == UInt8(DT_REG) ? S_IFREG : S_IFDIR
            } else {
                if let escape = SourceReader.linkOutOfRoot(root: root, path: entryPath) {
                    problems.append(escape)
                    continue
                }
                // Followed: a link is read as what it leads to, and one that leads nowhere fails here.
                guard fstatat(dirfd(stream), name, &status, 0) == 0 else {
                    let code = errno
                    problems.append(SourceReader.unreadable(entryPath, fullPath: "\(path)/\(name)", isFolder: false, code))
                    continue
                }
                mode = status.st_mode & S_IFMT
            }
            switch mode {
            case S_IFDIR:
                entries.append(Entry(name: name, isFolder: true))
            case S_IFREG:
                guard !checkingFiles || faccessat(dirfd(stream), name, R_OK, 0) == 0 else {
                    let code = errno
                    problems.append(SourceReader.unreadable(entryPath, fullPath: "\(path)/\(name)", isFolder: false, code))
                    continue
                }
                entries.append(Entry(name: name, isFolder: false))
            default:
                problems.append(.error("this is not a regular file", at: SourceLocation(path: entryPath, line: 1),
                                       hint: "only files and folders are read here; remove it or replace it with a copy of the file"))
            }
        }
        return (entries.sorted { $0.name < $1.name }, problems)
    }

    /// Every file below `folder` (relative to `root`), as paths relative to it, sorted; linked folders
    /// inside the site are walked, each once, and what `except` names (relative to `folder`) not
    /// at all. With an error for whatever cannot be read.
    static func files(root: URL, folder: String, except: Set<String> = []) -> (files: [String], problems: [Diagnostic]) {
        let except = Set(except.map { folder.isEmpty ? $0 : "\(folder)/\($0)" })
        var files: [String] = []
        var problems: [Diagnostic] = []
        var walked: Set<[UInt64]> = []
        func walk(_ relative: String) {
            let full = relative.isEmpty || folder.isEmpty ? folder + relative : "\(folder)/\(relative)"
            var status = stat()
            // A folder reached twice through links is walked once: links can make a cycle.
            guard stat(SourceReader.fullPath(root: root, full), &status) != 0
                    || walked.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else { return }
            let (entries, found) = entries(root: root, folder: full, except: except)
            problems += found
            for entry in entries {
                let path = relative.isEmpty ? entry.name : "\(relative)/\(entry.name)"
                if entry.isFolder { walk(path) } else { files.append(path) }
            }
        }
        walk("")
        return (files.sorted(), problems)
    }
}
