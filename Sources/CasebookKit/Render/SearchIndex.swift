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

    let documents: [Document]

    /// The data files: `search/shard-N.js` for the postings, `search/doc-N.js` for each case's text,
    /// and the number of shards, which the search page states for the script.
    func files() -> (files: [RenderedFile], shardCount: Int) {
        // Each case's tokens and weights, on all cores; then one pass files them by token, in case order.
        let weighed = documents.parallelMap { document -> [(token: String, weight: Int)] in
            var weights: [String: Int] = [:]
            for (text, weight) in document.fields + [(document.body, 1)] {
                var seen: [String: Int] = [:]
                for token in Self.tokens(in: text) { seen[token, default: 0] += 1 }
                for (token, count) in seen { weights[token, default: 0] += weight * min(count, 3) }
            }
            return weights.map { ($0.key, min($0.value, Self.maximumWeight)) }
        }
        var postings: [String: [(document: Int, weight: Int)]] = [:]
        for (id, tokens) in weighed.enumerated() {
            for (token, weight) in tokens { postings[token, default: []].append((id, weight)) }
        }
        let totalBytes = postings.reduce(0) { $0 + $1.key.utf8.count + 6 + $1.value.count * 5 }
        let shardCount = max(1, min(Self.maximumShards, totalBytes / Self.shardTarget))
        var shards = Array(repeating: [(token: String, list: [(document: Int, weight: Int)])](), count: shardCount)
        for (token, list) in postings { shards[Self.shard(of: token, count: shardCount)].append((token, list)) }

        let shardFiles = Array(shards.enumerated()).parallelMap { number, entries in
            RenderedFile(path: "\(Self.shardFolder)/shard-\(number).js", text: Self.shardScript(number, entries))
        }
        let documentFiles = Array(documents.enumerated()).parallelMap { id, document in
            let record = [("t", document.title), ("u", document.path), ("p", document.place), ("d", document.date), ("x", document.text)]
                .map { "\(Escape.json($0.0)):\(Escape.json($0.1))" }.joined(separator: ",")
            return RenderedFile(path: "\(Self.shardFolder)/doc-\(id).js", text: "casebookSearch.doc(\(id),{\(record)});\n")
        }
        return (shardFiles + documentFiles, shardCount)
    }

    /// One shard: each token with its case numbers as gaps from the previous one, and weights.
    private static func shardScript(_ number: Int, _ entries: [(token: String, list: [(document: Int, weight: Int)])]) -> String {
        var text = "casebookSearch.shard(\(number),{"
        for (position, entry) in entries.sorted(by: { $0.token.utf8.lexicographicallyPrecedes($1.token.utf8) }).enumerated() {
            if position > 0 { text += ",\n" }
            text += Escape.json(entry.token)
            text += ":["
            var previous = 0
            for (index, posting) in entry.list.enumerated() {
                if index > 0 { text += "," }
                text += String(posting.document - previous)
                text += ","
                text += String(posting.weight)
                previous = posting.document
            }
            text += "]"
        }
        return text + "});\n"
    }

    /// The tokens of `text` for the index: each Han character, each pair of neighbouring Han
    /// characters, and each run of other letters and digits, after NFKC folding and lowercasing.
    static func tokens(in text: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        var previousHan: Unicode.Scalar?
        func endWord() {
            if !word.isEmpty { tokens.append(String(word)) }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in normalized(text).unicodeScalars {
            if isHan(scalar) {
                endWord()
                tokens.append(String(scalar))
                if let previous = previousHan { tokens.append(String(String.UnicodeScalarView([previous, scalar]))) }
                previousHan = scalar
            } else {
                previousHan = nil
                if isWordCharacter(scalar) { word.append(scalar) } else { endWord() }
            }
        }
        endWord()
        return tokens
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
