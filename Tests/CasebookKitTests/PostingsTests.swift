import Testing
@testable import CasebookKit

/// An incremental build patches the postings of the last build for the cases that changed, and
/// makes again only the shards whose tokens changed. Both must give what weighing every case
/// from scratch gives.
@Suite struct PostingsTests {
    /// Chinese bodies over a small alphabet, so that tokens recur from case to case, with a long
    /// Latin word (a token without a key) in some.
    static func body(using random: inout SeededRandom) -> String {
        let han = (0..<Int.random(in: 20...200, using: &random)).map { _ in
            Character(Unicode.Scalar(0x4E00 + UInt32.random(in: 0..<300, using: &random))!)
        }
        return String(han) + (Bool.random(using: &random) ? " neighbourhood\(Int.random(in: 0..<5, using: &random))" : "")
    }

    static func document(_ body: String) -> SearchIndex.Document {
        SearchIndex.Document(title: "", path: "", place: "", date: "", fields: [], body: Array(body.utf8))
    }

    /// The postings as the build cache keeps them and gives them back.
    static func reloaded(_ postings: SearchIndex.Postings) -> SearchIndex.Postings {
        SearchIndex.Postings(keyed: postings.keyedLists, words: Dictionary(uniqueKeysWithValues: postings.wordLists))
    }

    static func lists(_ postings: SearchIndex.Postings) -> ([UInt64: SearchIndex.PostingList], [String: SearchIndex.PostingList]) {
        (Dictionary(uniqueKeysWithValues: postings.keyedLists), Dictionary(uniqueKeysWithValues: postings.wordLists))
    }

    static func scripts(_ files: [RenderedFile]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.text) })
    }

    @Test(arguments: [1, 3, 40])
    func replacingEditedCasesGivesThePostingsAndShardsOfWeighingEveryCaseAgain(edited: Int) {
        var random = SeededRandom(seed: UInt64(edited))
        var documents = (0..<300).map { _ in Self.document(Self.body(using: &random)) }
        let before = SearchIndex.Postings(weighing: documents)
        var patched = Self.reloaded(before)
        let ids = Array((0..<documents.count).shuffled(using: &random).prefix(edited))
        for (number, id) in ids.enumerated() {
            // A new body, a body with more added, and one with a character no other case has.
            let body = Self.body(using: &random)
            documents[id].bodyText = [body, documents[id].bodyText + body, body + String(Unicode.Scalar(0x9000 + UInt32(id))!)][number % 3]
        }
        patched.replace(ids.map { ($0, SearchIndex.Weights(documents[$0])) })
        let after = SearchIndex.Postings(weighing: documents)
        #expect(Self.lists(patched) == Self.lists(after))

        let (made, count) = patched.shardFiles()
        let (old, new) = (Self.scripts(before.shardFiles().files), Self.scripts(after.shardFiles().files))
        #expect(count == new.count)
        for (path, text) in Self.scripts(made) { #expect(new[path] == text, "\(path)") }
        for (path, text) in new where old[path] != text { #expect(made.contains { $0.path == path }, "\(path) changed but was not made") }
    }

    @Test func aPackedListGivesBackItsEntriesWhateverTheGaps() {
        var random = SeededRandom(seed: 9)
        for _ in 0..<200 {
            var id: UInt32 = 0
            let entries: [UInt32] = (0..<Int.random(in: 1...40, using: &random)).enumerated().map { position, _ in
                id += position == 0 ? UInt32.random(in: 0...3, using: &random) : [1, 2, 31, 2048, 70_000][Int.random(in: 0..<5, using: &random)]
                return id << 8 | UInt32.random(in: 0...15, using: &random)
            }
            let list = SearchIndex.PostingList(entries: entries)
            #expect(list.entries == entries)
            #expect(list.count == entries.count && list.last == id)
        }
    }

    @Test func theEntriesOfAFewCasesAreFoundWithoutUnpackingTheList() {
        var random = SeededRandom(seed: 13)
        for _ in 0..<200 {
            var id: UInt32 = 0
            let entries: [UInt32] = (0..<Int.random(in: 1...40, using: &random)).map { _ in
                id += [1, 2, 31, 2048][Int.random(in: 0..<4, using: &random)]
                return id << 8 | UInt32.random(in: 0...15, using: &random)
            }
            let list = SearchIndex.PostingList(entries: entries)
            let wanted = (0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 0...Int(id) + 2, using: &random) }
            let ids = Array(Set(wanted)).sorted()
            #expect(list.entries(of: ids) == entries.filter { ids.contains(Int($0 >> 8)) })
        }
    }

    /// A long list is read from the last of its marks before the cases looked for: what is found
    /// must be what reading it from its start finds, also for the cases right at a mark.
    @Test func theEntriesOfAFewCasesInALongListAreFoundFromItsMarks() {
        var random = SeededRandom(seed: 17)
        for length in [300, 1_000, 5_000] {
            var id: UInt32 = 0
            let entries: [UInt32] = (0..<length).map { _ in
                id += [1, 1, 1, 2, 31, 2048][Int.random(in: 0..<6, using: &random)]
                return id << 8 | UInt32.random(in: 0...15, using: &random)
            }
            let list = SearchIndex.PostingList(entries: entries)
            #expect(!list.marks.isEmpty)
            #expect(list.marks.enumerated().allSatisfy { Int($1 & 0xFFFF_FFFF) >= ($0 + 1) * SearchIndex.PostingList.markSpacing })
            let atMarks = list.marks.flatMap { mark in [Int(mark >> 32), Int(mark >> 32) + 1] }
            for _ in 0..<100 {
                let wanted = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    Bool.random(using: &random) ? atMarks.randomElement(using: &random)! : Int.random(in: 0...Int(id) + 2, using: &random)
                }
                let ids = Array(Set(wanted)).sorted()
                #expect(list.entries(of: ids) == entries.filter { ids.contains(Int($0 >> 8)) })
            }
            // As the build cache keeps it; marks that do not fit the digits are refused.
            #expect(SearchIndex.PostingList(packed: list.packed, count: list.count, last: list.last, marks: list.marks) == list)
            let beyond = UInt64(list.last - 1) << 32 | UInt64(list.packed.count)
            #expect(SearchIndex.PostingList(packed: list.packed, count: list.count, last: list.last, marks: list.marks + [beyond]) == nil)
            #expect(SearchIndex.PostingList(packed: list.packed, count: list.count, last: list.last, marks: list.marks.reversed()) == nil)
        }
    }

    @Test func anEditThatLeavesEveryWeightAsItWasMakesNoShardAgain() {
        var random = SeededRandom(seed: 11)
        let documents = (0..<50).map { _ in Self.document(Self.body(using: &random)) }
        var postings = Self.reloaded(SearchIndex.Postings(weighing: documents))
        postings.replace([(7, SearchIndex.Weights(documents[7]))])
        #expect(postings.shardFiles().files.isEmpty)
    }
}
