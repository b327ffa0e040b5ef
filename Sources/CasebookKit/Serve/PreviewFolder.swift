import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PreviewServer {
    /// The preview's own folder for a site: `casebook-<uid>/serve-<hash of the root>` in the
    /// temporary folder, the same each time so that a restarted preview can use its build cache.
    ///
    /// The temporary folder is shared by every user of the computer, so `casebook-<uid>` is made
    /// readable by its user alone and is used only when it is a real folder that the user owns and
    /// nobody else can enter: otherwise another user could have made it first and planted pages or
    /// scripts in the preview.
    /// - Throws: a `Diagnostic` naming the folder when it cannot be made or is not safe to use.
    public static func defaultOutput(for root: URL, in temporary: URL = FileManager.default.temporaryDirectory) throws(Diagnostic) -> URL {
        let own = temporary.appendingPathComponent("casebook-\(geteuid())", isDirectory: true)
        if mkdir(own.path, 0o700) != 0, errno != EEXIST {
            throw .error("could not create the preview folder \(own.path): \(Message.systemError(errno))",
                         hint: "give a folder for the preview with --output")
        }
        guard let status = PathStatus(own.path) else {
            throw .error("the preview folder \(own.path) disappeared while it was checked", hint: "run casebook serve again")
        }
        let elsewhere: Message = "give another folder for the preview with --output"
        if status.isSymbolicLink || !status.isFolder {
            let found: Message = status.isSymbolicLink ? "a symbolic link" : "a file"
            throw .error("the preview folder \(own.path) is not a folder but \(found); someone may have put it there to take over the preview",
                         hint: "remove it, or \(elsewhere)")
        }
        if !status.isOwnedByUs {
            throw .error("the preview folder \(own.path) belongs to another user (uid \(status.owner)), who may have made it to take over the preview",
                         hint: "ask them or an administrator to remove it, or \(elsewhere)")
        }
        if status.permissions & 0o077 != 0 {
            throw .error("the preview folder \(own.path) is open to other users (mode \(String(status.permissions, radix: 8)))",
                         hint: "look through it and run `chmod 700 \(own.path)`, or remove it, or \(elsewhere)")
        }
        let key = String(Fingerprint(of: Array(root.standardizedFileURL.path.utf8)).value, radix: 16)
        return own.appendingPathComponent("serve-\(key)", isDirectory: true)
    }
}
