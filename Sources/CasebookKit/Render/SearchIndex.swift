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
        var body: String

        /// Everything searchable, as the snippet and the phrase check read it.
        var text: String { (fields.map(\.text) + [body]).joined(separator: "\n") }
    }

    static let shardFolder = "search"
    /// A shard holds about this many bytes of postings; a query loads one shard per token.
    static let shardTarget = 16 * 1024
    static let maximumShards = 4096
    /// A token's weight in one case is capped, so one long body cannot drown a title hit.
    static let maximumWeight = 60
    /// Cases whose texts share one `search/text-N.js`, compressed together.
    static let chunkSize = 8

    /// The data files: `search/shard-N.js` for the postings, `search/text-N.js` for the texts of
    /// each `chunkSize` cases, and the number of shards, which the search page states for the script.
    static func files(_ documents: [Document]) -> (files: [RenderedFile], shardCount: Int, postings: Postings) {
        let postings = Postings(documents.parallelMap(Weights.init))
        let (shards, shardCount) = postings.shardFiles()
        let chunks = Array(stride(from: 0, to: documents.count, by: chunkSize)).parallelMap { first in
            textChunk(first / chunkSize, documents[first..<min(first + chunkSize, documents.count)])
        }
        return (shards + chunks, shardCount, postings)
    }

    /// `search/text-N.js`: title, address, place and date of each case in the clear, and their
    /// texts as one JSON array, compressed with raw DEFLATE and written in base64. The texts are
    /// what a query's phrases are confirmed against and its snippets cut from.
    static func textChunk(_ number: Int, _ documents: ArraySlice<Document>) -> RenderedFile {
        let records = documents.map { document in
            "[" + [document.title, document.path, document.place, document.date].map(Escape.json).joined(separator: ",") + "]"
        }
        let texts = "[" + documents.map { Escape.json($0.text) }.joined(separator: ",") + "]"
        let packed = Data(Deflate.compress(Array(texts.utf8))).base64EncodedString()
        return RenderedFile(path: "\(shardFolder)/text-\(number).js",
                            text: "casebookSearch.text(\(number),[\(records.joined(separator: ",\n"))],\n\"\(packed)\");\n")
    }

    /// One case's tokens with their weights: each field's count of a token (at most 3) times the
    /// field's weight, summed over the fields and capped at `maximumWeight`. Han tokens are kept as
    /// numbers (`Token.key`) rather than millions of small strings.
    struct Weights: Sendable {
        var han: [(key: UInt64, weight: UInt8)]
        var words: [(word: String, weight: UInt8)]

        init(_ document: Document) {
            var han: [UInt64: Int] = [:]
            var words: [String: Int] = [:]
            han.reserveCapacity(document.body.utf8.count / 3)
            for (text, weight) in document.fields + [(document.body, 1)] {
                var hanCounts: [UInt64: Int] = [:]
                var wordCounts: [String: Int] = [:]
                SearchIndex.forEachToken(in: text, han: { hanCounts[$0, default: 0] += 1 }, word: { wordCounts[$0, default: 0] += 1 })
                for (key, count) in hanCounts { han[key, default: 0] += weight * min(count, 3) }
                for (word, count) in wordCounts { words[word, default: 0] += weight * min(count, 3) }
            }
            self.han = han.map { ($0.key, UInt8(min($0.value, SearchIndex.maximumWeight))) }
            self.words = words.map { ($0.key, UInt8(min($0.value, SearchIndex.maximumWeight))) }
        }
    }

    /// Which cases hold each token, with its weight: each entry is `case << 8 | weight`, by case.
    struct Postings: Sendable {
        var han: [UInt64: [UInt32]] = [:]
        var words: [String: [UInt32]] = [:]

        init(han: [UInt64: [UInt32]] = [:], words: [String: [UInt32]] = [:]) {
            self.han = han
            self.words = words
        }

        /// Files the cases' tokens in case order.
        init(_ weighed: [Weights]) {
            for (id, weights) in weighed.enumerated() { add(weights, as: id) }
        }

        /// Adds a case's tokens; ids added out of order are put in their place.
        mutating func add(_ weights: Weights, as id: Int) {
            for (key, weight) in weights.han { Self.insert(UInt32(id) << 8 | UInt32(weight), into: &han[key, default: []]) }
            for (word, weight) in weights.words { Self.insert(UInt32(id) << 8 | UInt32(weight), into: &words[word, default: []]) }
        }

        private static func insert(_ entry: UInt32, into list: inout [UInt32]) {
            if let last = list.last, last >= entry {
                var low = 0, high = list.count
                while low < high {
                    let middle = (low + high) / 2
                    if list[middle] < entry { low = middle + 1 } else { high = middle }
                }
                list.insert(entry, at: low)
            } else {
                list.append(entry)
            }
        }

        /// Drops every entry of the cases in `ids`, and tokens left with none.
        mutating func remove(_ ids: Set<Int>) {
            guard !ids.isEmpty else { return }
            let keep = { (entry: UInt32) in !ids.contains(Int(entry >> 8)) }
            han = han.compactMapValues { list in Self.filtered(list, keep) }
            words = words.compactMapValues { list in Self.filtered(list, keep) }
        }

        private static func filtered(_ list: [UInt32], _ keep: (UInt32) -> Bool) -> [UInt32]? {
            guard !list.allSatisfy(keep) else { return list }
            let kept = list.filter(keep)
            return kept.isEmpty ? nil : kept
        }

        /// The shard files and their number, which follows from the size of the postings.
        func shardFiles() -> ([RenderedFile], Int) {
            var entries: [(token: String, list: [UInt32])] = han.map { (Token.text(of: $0.key), $0.value) }
            entries += words.map { ($0.key, $0.value) }
            let totalBytes = entries.reduce(0) { $0 + $1.token.utf8.count + 6 + $1.list.count * 2 }
            let shardCount = max(1, min(SearchIndex.maximumShards, totalBytes / SearchIndex.shardTarget))
            var shards = Array(repeating: [(token: String, list: [UInt32])](), count: shardCount)
            for entry in entries { shards[SearchIndex.shard(of: entry.token, count: shardCount)].append(entry) }
            let files = Array(shards.enumerated()).parallelMap { number, entries in
                RenderedFile(path: "\(SearchIndex.shardFolder)/shard-\(number).js", text: SearchIndex.shardScript(number, entries))
            }
            return (files, shardCount)
        }
    }

    /// Han tokens as numbers: a character is its scalar value; a pair is both, with bit 42 set.
    enum Token {
        static func key(_ scalar: Unicode.Scalar) -> UInt64 { UInt64(scalar.value) }
        static func key(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt64 {
            1 << 42 | UInt64(first.value) << 21 | UInt64(second.value)
        }
        static func text(of key: UInt64) -> String {
            let mask: UInt64 = (1 << 21) - 1
            var scalars = String.UnicodeScalarView()
            if key & (1 << 42) != 0 { scalars.append(Unicode.Scalar(UInt32(key >> 21 & mask))!) }
            scalars.append(Unicode.Scalar(UInt32(key & mask))!)
            return String(scalars)
        }
    }

    /// One shard: each token with its posting list packed into a string. Each entry is the gap
    /// from the previous case number times 16 plus the weight's code (`weightSteps`), written as a
    /// base64 VLQ: five bits a character, low bits first, the sixth bit saying more follow. A case
    /// next to the previous one with any weight takes one byte.
    static func shardScript(_ number: Int, _ entries: [(token: String, list: [UInt32])]) -> String {
        var text = "casebookSearch.shard(\(number),{"
        text.reserveCapacity(entries.reduce(64) { $0 + $1.token.utf8.count + 8 + $1.list.count * 2 })
        var packed: [UInt8] = []
        for (position, entry) in entries.sorted(by: { $0.token.utf8.lexicographicallyPrecedes($1.token.utf8) }).enumerated() {
            if position > 0 { text += ",\n" }
            text += Escape.json(entry.token)
            packed.removeAll(keepingCapacity: true)
            var previous: UInt32 = 0
            for posting in entry.list {
                var value = (posting >> 8 - previous) << 4 | UInt32(weightCode(Int(posting & 0xFF)))
                previous = posting >> 8
                repeat {
                    let digit = value & 31
                    value >>= 5
                    packed.append(vlqDigits[Int(value > 0 ? digit | 32 : digit)])
                } while value > 0
            }
            text += ":\""
            text += String(decoding: packed, as: UTF8.self)
            text += "\""
        }
        return text + "});\n"
    }

    static let vlqDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    /// The weights a posting can carry, by code; a weight is stored as the largest step not above it.
    static let weightSteps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 28, 40, 60]

    static func weightCode(_ weight: Int) -> Int {
        weightSteps.lastIndex { $0 <= weight } ?? 0
    }

    /// The tokens of `text` for the index: each Han character, each pair of neighbouring Han
    /// characters, and each run of other letters and digits, after NFKC folding and lowercasing.
    static func tokens(in text: String) -> [String] {
        var tokens: [String] = []
        forEachToken(in: text, han: { tokens.append(Token.text(of: $0)) }, word: { tokens.append($0) })
        return tokens
    }

    /// Calls `han` with the key of each Han character and pair, `word` with each other word, in order.
    static func forEachToken(in text: String, han: (UInt64) -> Void, word emit: (String) -> Void) {
        var word = String.UnicodeScalarView()
        var previousHan: Unicode.Scalar?
        func endWord() {
            guard !word.isEmpty else { return }
            emit(String(word))
            word.removeAll(keepingCapacity: true)
        }
        for scalar in normalized(text).unicodeScalars {
            if isHan(scalar) {
                endWord()
                han(Token.key(scalar))
                if let previous = previousHan { han(Token.key(previous, scalar)) }
                previousHan = scalar
            } else {
                previousHan = nil
                if isWordCharacter(scalar) { word.append(scalar) } else { endWord() }
            }
        }
        endWord()
    }

    /// Full-width forms to ASCII, compatibility characters to their plain forms, lowercase.
    static func normalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// Chinese, Japanese and Korean characters: each is a token on its own.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }

    /// Letters, digits and marks outside the Han ranges: they make up words.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// FNV-1a of the token's UTF-8 bytes, modulo the number of shards.
    static func shard(of token: String, count: Int) -> Int {
        var hash: UInt32 = 0x811c_9dc5
        for byte in token.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(count))
    }
}
