import CZlib
import Foundation

/// Raw DEFLATE (RFC 1951, no zlib or gzip header) through zlib: what the browser's
/// `DecompressionStream('deflate-raw')` reads back.
enum Deflate {
    /// zlib's level 3: the texts of every case pass through here, and it takes half the time of
    /// zlib's default (6), for files 2.4 % larger on the sample's cases (14 % on the synthetic
    /// benchmark cases, which repeat themselves more than real text does).
    static let level: Int32 = 3

    /// The compressed bytes of `bytes`, the same for the same input on every run.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let windowBits: Int32 = -15
        guard deflateInit2_(&stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            fatalError("zlib could not start a deflate stream")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
        var input = bytes
        let result = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(result == Z_STREAM_END, "deflateBound leaves room for the whole stream")
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
