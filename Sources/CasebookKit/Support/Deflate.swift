import CDeflate

/// Raw DEFLATE (RFC 1951, no zlib or gzip header) through libdeflate: what the browser's
/// `DecompressionStream('deflate-raw')` reads back.
enum Deflate {
    /// libdeflate's level 1: the texts of every case pass through here, and compressing them was
    /// the largest single part of a build (a tenth of it) at level 3. Level 1 takes two thirds of
    /// that time, for text files 3.7 % larger on the sample site (12 % on the synthetic benchmark
    /// cases, which repeat themselves more than real text does): the site as a whole grows by a
    /// thousandth.
    static let level: Int32 = 1

    /// The compressed bytes of `bytes`, the same for the same input on every run with one version
    /// of libdeflate (the committed sample site's search texts are those of libdeflate 1.14).
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let compressor = spares.take { Compressor(level: level) }
        defer { spares.giveBack(compressor) }
        let bound = libdeflate_deflate_compress_bound(compressor.pointer, bytes.count)
        var output = [UInt8](repeating: 0, count: bound)
        let count = bytes.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                libdeflate_deflate_compress(compressor.pointer, source.baseAddress, source.count, target.baseAddress, target.count)
            }
        }
        precondition(count > 0, "libdeflate_deflate_compress_bound leaves room for the whole stream")
        output.removeSubrange(count...)
        return output
    }

    /// A compressor keeps its tables between texts, one for each thread
    /// compressing at a time: made afresh, they took a third as long as the compression.
    private static let spares = Spares<Compressor>()

    /// Unchecked: a compressor is used by one thread at a time, the one that took it from `spares`.
    private final class Compressor: @unchecked Sendable {
        let pointer: OpaquePointer

        init(level: Int32) {
            guard let pointer = libdeflate_alloc_compressor(level) else {
                fatalError("libdeflate has no memory for a compressor")
            }
            self.pointer = pointer
        }

        deinit { libdeflate_free_compressor(pointer) }
    }
}
