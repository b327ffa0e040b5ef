import Foundation

/// Maps request paths to files of a built site, and to nothing outside it: `..` segments (also
/// percent-encoded), hidden files such as the build cache, and symbolic links that lead out of the
/// folder all find no file.
public struct SiteFiles: Sendable {
    /// The site folder as given; it may not exist until the first build.
    public let folder: URL
    /// The most folders a request path may go down, the file's name not counted: a site's pages
    /// lie a few folders deep, and each folder costs a look-up of the file system.
    static let maximumDepth = 32

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// The file a request path names, or nil. A folder stands for its `index.html`.
    /// - Parameter requestPath: the path as sent, still percent-encoded, without the query.
    public func file(for requestPath: String) -> URL? {
        guard requestPath.hasPrefix("/"), let decoded = requestPath.removingPercentEncoding,
              !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        // A leading dot covers `..` as well as hidden files such as the build cache.
        guard segments.count <= Self.maximumDepth + 1, !segments.contains(where: { $0.hasPrefix(".") }),
              let root = Self.realPath(folder.path) else { return nil }
        var candidate = segments.reduce(URL(fileURLWithPath: root, isDirectory: true)) { $0.appendingPathComponent(String($1)) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
            candidate.appendPathComponent("index.html")
        }
        // Where the path really leads, links followed, must still be inside the folder, and be
        // no hidden file there either (a link may lead to the build cache).
        guard let real = Self.realPath(candidate.path), real.hasPrefix(root + "/"),
              !real.dropFirst(root.count + 1).split(separator: "/").contains(where: { $0.hasPrefix(".") }),
              FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return URL(fileURLWithPath: real)
    }

    /// `path` with every symbolic link resolved, or nil when it does not exist. Looked up on each
    /// request, as the folder may come into being, or be made again, after the server starts.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The media type for a file name's extension.
    public static func contentType(of file: URL) -> String {
        switch file.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        default: return "application/octet-stream"
        }
    }
}
