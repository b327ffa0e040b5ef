import Foundation

/// Paths of pages inside the output folder, and the relative links between them.
///
/// Every link Casebook writes is relative and names a file, never a folder, so that one output
/// works from `file://`, at a server's root and under any subpath.
public enum SitePath {
    public static let home = "index.html"
    public static let allCases = "cases/index.html"
    public static let notFound = "404.html"
    public static let search = "search.html"
    public static let stats = "stats.html"

    public static func casePage(_ slug: String) -> String { "cases/\(slug).html" }
    public static func overview(_ kind: IndexKind) -> String { "\(kind.rawValue)/index.html" }
    public static func termPage(_ kind: IndexKind, _ slug: String) -> String { "\(kind.rawValue)/\(slug).html" }
    public static func districtPage(_ slugPath: [String]) -> String { "districts/\(slugPath.joined(separator: "/")).html" }
    public static func freePage(_ slug: String) -> String { "pages/\(slug).html" }

    /// The longest name a file of the site may have, in bytes: file systems allow 255, and a build
    /// first writes each file under its name with a temporary suffix.
    public static let fileNameLimit = 200

    /// Why a file cannot be written at `path` (from the output root) in the folder `output`, or nil:
    /// a name longer than `fileNameLimit`, or a whole path that reaches the system's `PATH_MAX`.
    static func lengthProblem(of path: String, in output: String) -> Message? {
        if let name = path.split(separator: "/").first(where: { $0.utf8.count > fileNameLimit }) {
            return "the name '\(name.prefix(16))…' has \(name.utf8.count) bytes, more than the \(fileNameLimit) a file of the site may have"
        }
        // The temporary suffix a build adds, `.tmp-` and a process number, is counted too.
        let length = output.utf8.count + 1 + path.utf8.count + 16
        guard length >= Int(PATH_MAX) else { return nil }
        return "its path in \(output) would have \(length) bytes, which the system's limit of \(PATH_MAX) does not allow"
    }

    /// The file name of a path without its `.md`: `Content/cases/a-b.md` is `a-b`.
    public static func fileStem(_ path: String) -> String {
        // Split by bytes rather than characters: it runs for every case of every build.
        let name = path.utf8.split(separator: UInt8(ascii: "/")).last.map(Substring.init) ?? Substring(path)
        return String(name.hasSuffix(".md") ? name.dropLast(3) : name)
    }

    /// The prefix that leads from a page back to the output root: `""`, `"../"`, `"../../"`…
    public static func rootPrefix(of page: String) -> String {
        String(repeating: "../", count: depth(of: page))
    }

    /// How many folders down from the output root `page` stands: the number of `/` in its path.
    static func depth(of page: String) -> Int {
        page.utf8.count { $0 == UInt8(ascii: "/") }
    }

    /// The link from page `from` to file `to`, both given from the output root.
    /// `relative(from: "cases/a.html", to: "cases/b.html")` is `"b.html"`.
    public static func relative(from: String, to: String) -> String {
        let fromFolders = from.split(separator: "/").dropLast()
        let target = to.split(separator: "/")
        var shared = 0
        while shared < fromFolders.count, shared < target.count - 1, fromFolders[shared] == target[shared] { shared += 1 }
        let ups = Array(repeating: "..", count: fromFolders.count - shared)
        return (ups + target[shared...].map(String.init)).joined(separator: "/")
    }

    /// Whether a link or image destination names a file on a computer rather than on the web: a
    /// Windows path (`C:\Users\me\p.jpg`, `\\server\share\p.jpg`) or a `file:` address.
    public static func isPathOnAComputer(_ destination: String) -> Bool {
        let start = Array(destination.unicodeScalars.prefix(3))
        let drive = start.count == 3 && (("A"..."Z").contains(start[0]) || ("a"..."z").contains(start[0]))
            && start[1] == ":" && (start[2] == "\\" || start[2] == "/")
        return drive || destination.hasPrefix("\\\\") || destination.lowercased().hasPrefix("file:")
    }

    /// The site-root path that a relative destination in the Markdown of `source` names, resolved
    /// against `source`'s folder (`../media/a.png` in `Content/cases/x.md` is `Content/media/a.png`),
    /// without `?query` or `#fragment` and percent-decoded. Nil for an absolute URL, a bare
    /// fragment, or a path that climbs out of the site.
    public static func sourceRelative(_ destination: String, from source: String) -> String? {
        let cut = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? destination.endIndex
        let raw = destination[..<cut]
        guard !raw.isEmpty, !raw.hasPrefix("/") else { return nil }
        if let colon = raw.firstIndex(of: ":"), !raw[..<colon].contains("/") { return nil }
        let decoded = raw.removingPercentEncoding ?? String(raw)
        var parts = source.split(separator: "/").dropLast().map(String.init)
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
