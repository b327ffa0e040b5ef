@testable import CasebookKit

// What a build makes of the search, case by case in `SiteBuilder.writeCases`, made here in one
// call for tests that look at the search data of a few documents.
extension SearchIndex {
    /// The shard and text files of `documents`, the number of shards, and the postings.
    static func files(_ documents: [Document]) -> (files: [RenderedFile], shardCount: Int, postings: Postings) {
        let postings = Postings(weighing: documents)
        let (shards, shardCount) = postings.shardFiles()
        let chunks = stride(from: 0, to: documents.count, by: chunkSize).map { first in
            textChunk(first / chunkSize, documents[first..<min(first + chunkSize, documents.count)])
        }
        return (shards + chunks, shardCount, postings)
    }
}

extension SearchIndex.Postings {
    /// The postings of `documents`, filed in order three at a time, as a build files its batches.
    init(weighing documents: [SearchIndex.Document]) {
        self.init()
        let weighed = documents.enumerated().map { (id: $0.offset, weights: SearchIndex.Weights($0.element)) }
        for start in stride(from: 0, to: weighed.count, by: 3) { add(Array(weighed[start..<min(start + 3, weighed.count)])) }
    }
}
