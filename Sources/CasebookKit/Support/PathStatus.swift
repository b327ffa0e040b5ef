import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the system says about a path itself, a final symbolic link not followed: who owns it, and
/// whether other users could have put something in it.
struct PathStatus {
    var owner: uid_t
    /// The permission bits, such as 0o700.
    var permissions: mode_t
    var isSymbolicLink: Bool
    var isFolder: Bool

    /// Nil when nothing is at `path`.
    init?(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        owner = status.st_uid
        permissions = status.st_mode & 0o7777
        isSymbolicLink = status.st_mode & S_IFMT == S_IFLNK
        isFolder = status.st_mode & S_IFMT == S_IFDIR
    }

    /// Owned by the user this process runs as.
    var isOwnedByUs: Bool { owner == geteuid() }
}
