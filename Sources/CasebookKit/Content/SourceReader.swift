import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Turns whatever an editor saved into text, or into a diagnostic that says what the file is instead.
///
/// Accepts a UTF-8 byte order mark and CRLF or CR line endings (normalised to LF, so every later
/// step sees one kind of line). Refuses files over `sizeLimit`, binary files (Word documents, PDFs,
/// images) and text in another encoding, naming the first byte that is not UTF-8.
public enum SourceReader {
    /// The largest input file read: far above any real case, far below what could exhaust memory.
    public static let sizeLimit = 5 * 1024 * 1024

    /// Reads `path` (relative to `root`). A symbolic link that leads outside the root is refused.
    static func read(root: URL, path: String) -> Result<SourceFile, Diagnostic> {
        if let escape = linkOutOfRoot(root: root, path: path) { return .failure(escape) }
        return read(file: fullPath(root: root, path), shownAs: path)
    }

    /// The file system path of `path` (relative to `root`): joined as text, since building a URL
    /// for each of ten thousand files costs more than reading them.
    static func fullPath(root: URL, _ path: String) -> String {
        let base = root.path
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// Reads a text file from anywhere, such as an article to import, with the same checks as a
    /// site's own files: a regular file, within the size limit, UTF-8.
    /// - Parameter path: the file, and how diagnostics name it.
    public static func read(file fullPath: String, shownAs path: String) -> Result<SourceFile, Diagnostic> {
        // Without blocking, so that a named pipe where a file belongs is refused instead of waited on.
        let descriptor = open(fullPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(unreadable(path, fullPath: fullPath, isFolder: false, errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(.error("this is not a regular file", at: SourceLocation(path: path, line: 1)))
        }
        let size = Int(status.st_size)
        if size > sizeLimit { return .failure(tooLarge(path: path, size: size)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        // A file that shrank while it was read is taken as far as it was read.
        if filled < size { bytes.removeLast(size - filled) }
        return decode(path: path, bytes: bytes)
    }

    /// Decodes the bytes of an input file; `path` only names the file in diagnostics.
    public static func decode(path: String, bytes: [UInt8]) -> Result<SourceFile, Diagnostic> {
        let start = SourceLocation(path: path, line: 1)
        if bytes.count > sizeLimit { return .failure(tooLarge(path: path, size: bytes.count)) }
        if let kind = binaryKind(bytes) {
            return .failure(.error("this is \(kind), not a text file", at: start,
                                   hint: "copy its text into a UTF-8 .md file; put images and documents in Content/media/"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        // One validating pass over the bytes; only a file that fails it is walked again to find where.
        guard var text = String(validating: body, as: UTF8.self) else { return .failure(notUTF8(path: path, bytes: bytes, body: body)) }
        if body.withUnsafeBufferPointer({ bytes in bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(SourceFile(path: path, text: text))
    }

    /// Where `body` (the file's bytes after any byte order mark) stops being UTF-8, and a hint.
    private static func notUTF8(path: String, bytes: [UInt8], body: ArraySlice<UInt8>) -> Diagnostic {
        let offset = firstInvalidUTF8(body) ?? 0
        let badOffset = offset + (bytes.count - body.count)
        let before = body[body.startIndex..<(body.startIndex + offset)]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? body.startIndex
        let column = String(decoding: body[lineStart..<(body.startIndex + offset)], as: UTF8.self).unicodeScalars.count + 1
        let lineEnd = body[(body.startIndex + offset)...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
        let shown = String(decoding: body[lineStart..<lineEnd], as: UTF8.self).replacingOccurrences(of: "\r", with: "")
        return .error(
            "this file is not UTF-8 text: byte \(badOffset) (0x\(String(bytes[badOffset], radix: 16, uppercase: true))) cannot start or continue a UTF-8 character",
            at: SourceLocation(path: path, line: line, column: column), sourceLine: shown,
            hint: "it was probably saved as GBK/GB18030, the Windows Notepad default: in Notepad choose 文件 → 另存为, set 编码 to UTF-8 and save; or convert it with `iconv -f GB18030 -t UTF-8 \(path.split(separator: "/").last ?? "") > new.md`")
    }

    /// Fills in the source line of diagnostics that know their place but not its text (those made
    /// after reading, such as unknown terms), reading each named file once.
    static func attachSourceLines(_ diagnostics: [Diagnostic], root: URL) -> [Diagnostic] {
        var files: [String: SourceFile?] = [:]
        return diagnostics.map { diagnostic in
            guard diagnostic.sourceLine == nil, let location = diagnostic.location, location.path.hasSuffix(".md") || location.path.hasSuffix(".yml")
                    || location.path.hasSuffix(".mustache") else { return diagnostic }
            if files[location.path] == nil {
                files[location.path] = try? read(root: root, path: location.path).get()
            }
            var filled = diagnostic
            filled.sourceLine = files[location.path]??.line(location.line)
            return filled
        }
    }

    /// Whether there is anything at `path` (relative to `root`), a symbolic link that leads nowhere
    /// included: that is for reading it to report.
    static func exists(root: URL, path: String) -> Bool {
        var status = stat()
        return lstat(fullPath(root: root, path), &status) == 0
    }

    /// When `path` (relative to `root`) resolves outside `root` through a symbolic link, the error to report.
    static func linkOutOfRoot(root: URL, path: String) -> Diagnostic? {
        let file = fullPath(root: root, path)
        var status = stat()
        // A link that leads nowhere is reported by whatever tries to read it, with the reason.
        guard lstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK, let resolved = realPath(file) else { return nil }
        guard let base = realPath(root.path),
              resolved == base || resolved.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            return .error("this is a symbolic link to a place outside the site folder; Casebook does not follow it",
                          at: SourceLocation(path: path, line: 1), hint: "copy the file into the site folder instead")
        }
        return nil
    }

    /// Why `path` (shown as it is written; `fullPath` on disk) cannot be read, from the `errno` of
    /// the call that failed, as an error at the path.
    static func unreadable(_ path: String, fullPath: String, isFolder: Bool, _ code: Int32) -> Diagnostic {
        let location = SourceLocation(path: path, line: 1)
        var status = stat()
        if code == ENOENT, lstat(fullPath, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
            return .error("this is a symbolic link to something that does not exist", at: location,
                          hint: isFolder ? "point the link at a folder inside the site folder, or delete it"
                              : "point the link at a file inside the site folder, or delete it")
        }
        let hint: Message? = switch code {
        case EACCES: "let the user running casebook read it, e.g. chmod -R u+rX \(path)"
        case ELOOP: isFolder ? "the symbolic links here lead round in a loop; point them at a real folder"
            : "the symbolic links here lead round in a loop; point them at a real file"
        default: nil
        }
        let reason = Message.systemError(code)
        return .error(isFolder ? "cannot read this folder: \(reason)" : "cannot read this file: \(reason)", at: location, hint: hint)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The size and the limit in bytes, exactly: in megabytes rounded down, a file one byte over
    /// the limit would seem to be as large as the limit.
    private static func tooLarge(path: String, size: Int) -> Diagnostic {
        .error("this file is \(grouped(size)) bytes; Casebook reads files of at most \(grouped(sizeLimit)) bytes (\(sizeLimit / 1024 / 1024) MB)",
               at: SourceLocation(path: path, line: 1), hint: "split the case, or move large material to Content/media/")
    }

    /// `5242880` as `5,242,880`.
    private static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }

    /// What a binary file looks like it is, from its first bytes, or nil for text.
    static func binaryKind(_ bytes: [UInt8]) -> Message? {
        for (signature, kind) in binarySignatures where bytes.starts(with: signature) { return kind }
        let zero = bytes.withUnsafeBytes { buffer -> Int? in
            guard let start = buffer.baseAddress, let found = memchr(start, 0, min(buffer.count, 8192)) else { return nil }
            return UnsafeRawPointer(found) - start
        }
        return zero.map { "a binary file (byte \($0) is zero)" }
    }

    private static let binarySignatures: [([UInt8], Message)] = [
        ([0x50, 0x4B, 0x03, 0x04], "a Word (.docx) document or another ZIP archive"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an old Word (.doc) or Excel document"),
        (Array("%PDF".utf8), "a PDF document"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        (Array("{\\rtf".utf8), "an RTF document"),
    ]

    /// The offset (from the slice's start) of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
