import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An article's text for `casebook import`. Articles copied from Chinese web pages and saved with
/// Windows Notepad are often GB18030 (GBK) rather than UTF-8; such a file is converted, and the
/// import says so, where a case file would be refused.
public enum ArticleText {
    /// The article at `fullPath` as text, and the encoding it was converted from, if any.
    public static func read(file fullPath: String, shownAs path: String) -> Result<(file: SourceFile, convertedFrom: String?), Diagnostic> {
        let asUTF8 = SourceReader.read(file: fullPath, shownAs: path)
        guard case .failure = asUTF8, let bytes = FileManager.default.contents(atPath: fullPath).map(Array.init),
              String(validating: bytes, as: UTF8.self) == nil, let converted = convert(bytes, from: "GB18030"),
              case .success(let file) = SourceReader.decode(path: path, bytes: converted)
        else { return asUTF8.map { ($0, nil) } }
        return .success((file, "GB18030"))
    }

    /// `bytes` in `encoding` as UTF-8, through the C library's iconv; nil when they are not valid in it.
    static func convert(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        // A GB18030 character grows to at most one and a half times its bytes in UTF-8 (two to three).
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 4)
        var input = bytes
        let written = input.withUnsafeMutableBufferPointer { source -> Int? in
            output.withUnsafeMutableBufferPointer { target -> Int? in
                var inPointer = UnsafeMutableRawPointer(source.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var outPointer = UnsafeMutableRawPointer(target.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var inLeft = source.count, outLeft = target.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return target.count - outLeft
            }
        }
        return written.map { Array(output[..<$0]) }
    }
}
