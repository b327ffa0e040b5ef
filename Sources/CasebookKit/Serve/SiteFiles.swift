import Foundation

/// Maps request paths to files of a built site, and to nothing outside it: `..` segments (also
/// percent-encoded), hidden files such as the build cache, and symbolic links that lead out of the
/// folder all find no file.
public struct SiteFiles: Sendable {
    /// The site folder with every symbolic link in its path resolved.
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder.resolvingSymlinksInPath().standardizedFileURL
    }

    /// The file a request path names, or nil. A folder stands for its `index.html`.
    /// - Parameter requestPath: the path as sent, still percent-encoded, without the query.
    public func file(for requestPath: String) -> URL? {
        guard requestPath.hasPrefix("/"), let decoded = requestPath.removingPercentEncoding,
              !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        // A leading dot covers `..` as well as hidden files such as the build cache.
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return nil }
        var candidate = segments.reduce(folder) { $0.appendingPathComponent(String($1)) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
            candidate.appendPathComponent("index.html")
        }
        // Where the path really leads, links followed, must still be inside the folder.
        let real = candidate.resolvingSymlinksInPath().standardizedFileURL
        guard real.path.hasPrefix(folder.path + "/"),
              FileManager.default.fileExists(atPath: real.path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return real
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
