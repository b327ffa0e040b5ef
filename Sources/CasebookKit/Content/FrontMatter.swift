/// A Markdown file split into its YAML front matter and its body, with the line each starts on.
struct FrontMatter {
    let yaml: String
    /// The line of the file on which the YAML's first line stands.
    let yamlFirstLine: Int
    let body: String
    /// The line of the file on which the body's first line stands.
    let bodyFirstLine: Int

    /// Splits at the first line that is exactly `---` after the opening `---` line.
    /// Scans bytes rather than searching strings: it runs once per case and must stay cheap.
    static func split(_ file: SourceFile) throws(Diagnostic) -> FrontMatter {
        var bytes = Array(file.text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard isDelimiterLine(bytes, from: 0) != nil else {
            throw file.error("a case file must begin with a '---' line that opens its YAML front matter", line: 1)
        }
        var lineStart = lineEnd(bytes, from: 0) + 1
        var line = 2
        while lineStart <= bytes.count {
            if let after = isDelimiterLine(bytes, from: lineStart) {
                let yamlStart = lineEnd(bytes, from: 0) + 1
                let yaml = String(decoding: bytes[yamlStart..<lineStart], as: UTF8.self)
                let bodyStart = min(after + 1, bytes.count)
                let body = String(decoding: bytes[bodyStart...], as: UTF8.self)
                return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: line + 1)
            }
            lineStart = lineEnd(bytes, from: lineStart) + 1
            line += 1
        }
        throw file.error("the front matter opened on line 1 is never closed: add a line with only '---' after it", line: 1)
    }

    /// The index of the line break ending the line that starts at `start` (or the end of the bytes).
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    /// If the line at `start` is `---` (trailing spaces and CR allowed), the index of its line break.
    private static func isDelimiterLine(_ bytes: [UInt8], from start: Int) -> Int? {
        let end = lineEnd(bytes, from: start)
        var content = bytes[start..<end]
        while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") || last == UInt8(ascii: "\t") {
            content = content.dropLast()
        }
        return content.elementsEqual("---".utf8) ? end : nil
    }
}
