import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates `file` with `text` unless something is already at its path (then false): the check and
/// the creation are one step (`O_EXCL`), so a file made meanwhile is never replaced. A file that
/// cannot be written whole is removed again.
func writeNewFile(_ file: URL, _ text: String) throws -> Bool {
    let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if descriptor < 0, errno == EEXIST { return false }
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do {
        try handle.write(contentsOf: Data(text.utf8))
        try handle.synchronize()
    } catch {
        unlink(file.path)
        throw error
    }
    return true
}
