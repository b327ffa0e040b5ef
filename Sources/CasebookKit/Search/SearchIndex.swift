import Foundation

/// The offline full-text search: which cases hold which tokens, written as plain JavaScript data
/// files that `assets/search.js` loads with `<script>` elements, so it works from `file://`.
///
/// Chinese needs no dictionary: every Han character and every pair of neighbouring characters is a
/// token, so any substring of two or more characters is found through its pairs. Latin words and
/// numbers are whole lowercased tokens. Tokens are spread over shards by a hash of their bytes; a
/// query loads only the shards of its own tokens, then the texts of the cases it shows, to confirm
/// the exact phrase and cut a snippet. `assets/search.js` must tokenise and hash exactly as here.
struct SearchIndex: Sendable {
    /// One case as the search sees it.
    struct Document: Sendable {
        var title: String
        var path: String
        var place: String
        var date: String
        /// Title, summary, place, terms and figures: hits here rank above hits in the body.
        var fields: [(text: String, weight: Int)]
        /// The body's plain text, as UTF-8.
        var body: [UInt8]
    }

    static let shardFolder = "search"
    /// A shard holds about this many bytes of postings; a query loads one shard per token.
    static let shardTarget = 16 * 1024
    static let maximumShards = 4096
    /// A token's weight in one case is capped, so one long body cannot drown a title hit.
    static let maximumWeight = 60
    /// Cases whose texts share one `search/text-N.js`, compressed together.
    static let chunkSize = 8

    static func textChunkPath(_ number: Int) -> String { "\(shardFolder)/text-\(number).js" }

    static func shardPath(_ number: Int) -> String { "\(shardFolder)/shard-\(number).js" }

    /// `search/text-N.js`: title, address, place and date of each case in the clear, and their
    /// texts as one JSON array, compressed with raw DEFLATE and written in base64. The texts are
    /// what a query's phrases are confirmed against and its snippets cut from.
    static func textChunk(_ number: Int, _ documents: ArraySlice<Document>) -> RenderedFile {
        let records = documents.map { document in
            "[" + [document.title, document.path, document.place, document.date].map(Escape.json).joined(separator: ",") + "]"
        }
        // Each text is everything searchable, as the snippet and the phrase check read it: the
        // fields and the body, a line each.
        var texts: [UInt8] = [UInt8(ascii: "[")]
        texts.reserveCapacity(documents.reduce(2) { size, document in
            size + document.body.count + document.fields.reduce(4) { $0 + $1.text.utf8.count + 2 }
        })
        for document in documents {
            if texts.count > 1 { texts.append(UInt8(ascii: ",")) }
            texts.append(UInt8(ascii: "\""))
            for (field, _) in document.fields {
                Escape.jsonCharacters(field, into: &texts)
                texts.append(contentsOf: "\\n".utf8)
            }
            document.body.withUnsafeBufferPointer { Escape.jsonCharacters($0, into: &texts) }
            texts.append(UInt8(ascii: "\""))
        }
        texts.append(UInt8(ascii: "]"))
        let packed = Data(Deflate.compress(texts)).base64EncodedString()
        return RenderedFile(path: textChunkPath(number),
                            text: "casebookSearch.text(\(number),[\(records.joined(separator: ",\n"))],\n\"\(packed)\");\n")
    }

    /// `search/shard-N.js`: each token of the shard with its posting list (`PostingList`), sorted by token.
    static func shardFile(_ number: Int, _ entries: [(token: String, list: PostingList)]) -> RenderedFile {
        var text: [UInt8] = Array("casebookSearch.shard(\(number),{".utf8)
        text.reserveCapacity(entries.reduce(64) { $0 + $1.token.utf8.count + 8 + $1.list.packed.count })
        for (position, entry) in entries.sorted(by: { $0.token.utf8.lexicographicallyPrecedes($1.token.utf8) }).enumerated() {
            if position > 0 { text += ",\n".utf8 }
            Escape.json(entry.token, into: &text)
            text += ":\"".utf8
            text += entry.list.packed
            text += "\"".utf8
        }
        text += "});\n".utf8
        return RenderedFile(path: shardPath(number), bytes: text)
    }

    /// FNV-1a of the token's UTF-8 bytes, modulo the number of shards.
    static func shard(of token: String, count: Int) -> Int {
        var hash = ShardHash()
        for byte in token.utf8 { hash.add(byte) }
        return hash.shard(count: count)
    }

    /// FNV-1a, 32 bits, fed a byte at a time: what `assets/search.js` computes for a query's tokens.
    struct ShardHash {
        private var value: UInt32 = 0x811c_9dc5

        @inline(__always)
        mutating func add(_ byte: UInt8) {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }

        func shard(count: Int) -> Int { Int(value % UInt32(count)) }
    }
}
