import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a built site so that the output folder is either the old site or the whole new one.
///
/// Pages go into a temporary folder beside the output, which replaces the output only when every
/// file is written. A folder that does not carry Casebook's marker file is never replaced.
public struct SiteWriter {
    public let output: URL

    /// Marks a folder as Casebook's output, so a later build may replace it.
    public static let markerName = ".casebook-output"
    static let markerText = "This folder is written by `casebook build`; each build replaces all of it.\n"

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// Writes `pages` and copies `files` (output path → source file), then swaps the result in.
    public func write(pages: [RenderedPage], files: [(path: String, source: URL)]) throws(Diagnostic) {
        try checkReplaceable()
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).tmp-\(getpid())")
        let manager = FileManager.default
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            try createFolders(for: pages.map(\.path) + files.map(\.path) , in: staging)
            try writeFile(staging.appendingPathComponent(Self.markerName).path, Array(Self.markerText.utf8))
            let failures = pages.parallelMap { page -> String? in
                do {
                    try writeFile(staging.appendingPathComponent(page.path).path, Array(page.html.utf8))
                    return nil
                } catch {
                    return "\(page.path): \(error)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
            for file in files {
                try manager.copyItem(at: file.source, to: staging.appendingPathComponent(file.path))
            }
            try swap(staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw .error("could not write the site into \(output.path): \(error.localizedDescription)")
        }
    }

    /// Refuses an existing output that is not an empty folder or an earlier Casebook output.
    func checkReplaceable() throws(Diagnostic) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw .error("the output \(output.path) is a file, not a folder; choose another --output")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        if !entries.isEmpty, !entries.contains(Self.markerName) {
            throw .error("the output folder \(output.path) was not made by casebook (it has no \(Self.markerName)); casebook will not replace it. Empty it or choose another --output")
        }
    }

    private func createFolders(for paths: [String], in base: URL) throws {
        let folders = Set(paths.compactMap { path -> String? in
            let parts = path.split(separator: "/").dropLast()
            return parts.isEmpty ? nil : parts.joined(separator: "/")
        })
        for folder in folders.sorted() {
            try FileManager.default.createDirectory(at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// Moves the old output aside, the new one in, and only then deletes the old one.
    private func swap(_ staging: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: output.path) else {
            try manager.moveItem(at: staging, to: output)
            return
        }
        let retired = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        try? manager.removeItem(at: retired)
        try manager.moveItem(at: output, to: retired)
        do {
            try manager.moveItem(at: staging, to: output)
        } catch {
            try? manager.moveItem(at: retired, to: output)
            throw error
        }
        try? manager.removeItem(at: retired)
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
