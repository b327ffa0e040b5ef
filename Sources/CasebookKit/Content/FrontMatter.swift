/// A Markdown file split into its YAML front matter and its body, with the line each starts on.
struct FrontMatter {
    let yaml: String
    /// The line of the file on which the YAML's first line stands.
    let yamlFirstLine: Int
    let body: String
    /// The line of the file on which the body's first line stands.
    let bodyFirstLine: Int

    /// Splits at the first line that is exactly `---` after the opening `---` line. The text has
    /// been through `SourceReader.decode`: no byte order mark, LF line breaks.
    /// Scans the text's own UTF-8 bytes, not copied, rather than searching strings: it runs once
    /// per case and must stay cheap.
    static func split(_ file: SourceFile) throws(Diagnostic) -> FrontMatter {
        var text = file.text
        return try text.withUTF8 { bytes in Result { () throws(Diagnostic) in try split(file, bytes) } }.get()
    }

    private static func split(_ file: SourceFile, _ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> FrontMatter {
        guard isDelimiterLine(bytes, from: 0) != nil else { throw missingOpening(file, bytes) }
        var lineStart = lineEnd(bytes, from: 0) + 1
        var line = 2
        while lineStart <= bytes.count {
            if let after = isDelimiterLine(bytes, from: lineStart) {
                // Both parts start and end at line breaks, so they are cut from the text as it is,
                // which is valid UTF-8 already and is not checked again.
                let utf8 = file.text.utf8
                func part(_ start: Int, _ end: Int) -> String {
                    String(file.text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
                }
                let yaml = part(lineEnd(bytes, from: 0) + 1, lineStart)
                let body = part(min(after + 1, bytes.count), bytes.count)
                return FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: line + 1)
            }
            lineStart = lineEnd(bytes, from: lineStart) + 1
            line += 1
        }
        throw file.error("the front matter opened on line 1 is never closed", line: 1,
                         hint: "add a line with only '---' after the last `key: value` line")
    }

    static let example: Message = "begin the file with front matter between two '---' lines, such as: ---, title: …, date: 2019-11-20, district: …, mechanisms: […], outcomes: […], ---"

    /// Why a file does not open with `---`: it is empty, its front matter is further down, or it has none.
    private static func missingOpening(_ file: SourceFile, _ bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) {
            return file.error("the file is empty", line: 1, hint: example)
        }
        var lineStart = 0, line = 1
        while lineStart < bytes.count {
            if let end = isDelimiterLine(bytes, from: lineStart), startsWithKey(bytes, from: end + 1) {
                return file.error("the front matter must start on the first line, but its '---' is on line \(line)", line: line,
                                  hint: "move the front matter to the top, or delete what stands above it")
            }
            lineStart = lineEnd(bytes, from: lineStart) + 1
            line += 1
        }
        return file.error("the file has no front matter", line: 1, hint: example)
    }

    /// Whether the line at `start` begins `key:`, as the first line of front matter does.
    private static func startsWithKey(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) || bytes[index] == UInt8(ascii: "_") {
            index += 1
        }
        return index > start && index < bytes.count && bytes[index] == UInt8(ascii: ":")
    }

    /// The index of the line break ending the line that starts at `start` (or the end of the bytes).
    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    /// If the line at `start` is `---` (trailing spaces and CR allowed), the index of its line break.
    private static func isDelimiterLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let end = lineEnd(bytes, from: start)
        var content = bytes[start..<end]
        while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") || last == UInt8(ascii: "\t") {
            content = content.dropLast()
        }
        return content.elementsEqual("---".utf8) ? end : nil
    }
}
