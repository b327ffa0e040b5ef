import Foundation

/// What a build has to do, decided in one place from the inputs' stamps and the last build's
/// cache: nothing, only what the changed case files touch, or everything.
enum BuildPlan {
    /// Every input is as the last build read it.
    case upToDate(BuildCache)
    /// Only files in `Content/cases/` changed, came or went: cases whose stamp is unchanged are
    /// taken from the cache, and only outputs whose fingerprint changed are made again. The
    /// cache's search postings come when they are read.
    case casesChanged(BuildCache, postings: Promised<SearchIndex.Postings?>)
    /// Anything else (a template, a string, a setting, a vocabulary, a free page, an asset or a
    /// media file changed; no usable cache; or `--full`): everything is made.
    case full

    /// The plan for inputs with `stamps`, from the cache being read (none with `--full`).
    static func make(loading: BuildCache.Loading?, stamps: [String: FileStamp]) -> BuildPlan {
        guard let loading, let head = loading.head.value else { return .full }
        // One pass over ten thousand stamps says whether nothing changed or only case files did;
        // the cache's inputs are gone through again only when some of them are gone.
        var same = 0, present = 0
        for (path, stamp) in stamps {
            let known = head.inputs[path]
            if known != nil { present += 1 }
            if known == stamp {
                same += 1
            } else if !isCaseFile(path) {
                loading.abandon()
                return .full
            }
        }
        if same == stamps.count, same == head.inputs.count {
            loading.abandon()
            return .upToDate(head)
        }
        guard present == head.inputs.count || head.inputs.keys.allSatisfy({ stamps[$0] != nil || isCaseFile($0) }) else {
            loading.abandon()
            return .full
        }
        guard let cache = loading.whole, cache.cases.contains(where: { cache.isUnchanged($0, stamps: stamps) }) else {
            loading.abandon()
            return .full
        }
        return .casesChanged(cache, postings: loading.postings)
    }

    private static func isCaseFile(_ path: String) -> Bool {
        path.hasPrefix("Content/cases/") && path.hasSuffix(".md") && !path.dropFirst("Content/cases/".count).contains("/")
    }

    private var cache: BuildCache? {
        if case .casesChanged(let cache, _) = self { cache } else { nil }
    }

    /// The case files the cache read with the same stamps as now, as it read them (without bodies).
    func knownCases(stamps: [String: FileStamp]) -> [String: CaseFile] {
        guard let cache else { return [:] }
        var known = [String: CaseFile](minimumCapacity: cache.cases.count)
        for file in cache.cases where cache.isUnchanged(file, stamps: stamps) { known[file.path] = file }
        return known
    }

    /// Whether the output at `path`, whose inputs now have `fingerprint`, must be made again.
    func isStale(_ path: String, fingerprint: UInt64) -> Bool {
        cache?.outputs[path]?.fingerprint != fingerprint
    }

    /// How many outputs the last build made, none without a cache: about as many as this one makes.
    var outputCount: Int { cache?.outputs.count ?? 0 }

    /// What the last build recorded for an output that is not made again.
    func kept(_ path: String) -> BuildCache.CachedOutput? {
        cache?.outputs[path]
    }

    /// Assets and media, which only a full build copies.
    var copiesStaticFiles: Bool { cache == nil }

    /// The search postings of the last build, when its cases stood in the same order, and which
    /// of `cases` changed their text since: only their postings need making again. Nil when the
    /// order changed (a case came, went or moved), and every case's postings are made anew.
    func searchBase(_ cases: [CaseStudy]) -> (postings: SearchIndex.Postings, changed: [Int])? {
        guard case .casesChanged(let cache, let postings) = self, cache.searchOrder.count == cases.count,
              cache.searchOrder.indices.allSatisfy({ cache.searchOrder[$0].path == cases[$0].sourcePath }),
              let postings = postings.value else { return nil }
        return (postings, cases.indices.filter { cache.searchOrder[$0].sourceHash != cases[$0].sourceHash })
    }

    /// What the last build's indexes worked out, for `SiteIndex.build` to keep where it still holds.
    var reusable: SiteIndex.Reusable? { cache?.reusable }

    /// The version of the output folder the cache describes, which an incremental build starts from.
    var generation: OutputGeneration? { cache?.generation }
}
