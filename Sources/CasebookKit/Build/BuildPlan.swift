import Foundation

/// What a build has to do, decided in one place from the inputs' stamps and the last build's
/// cache: nothing, only what the changed case files touch, or everything.
enum BuildPlan {
    /// Every input is as the last build read it.
    case upToDate(BuildCache)
    /// Only files in `Content/cases/` changed, came or went: cases whose stamp is unchanged are
    /// taken from the cache, and only outputs whose fingerprint changed are made again.
    case casesChanged(BuildCache)
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
        guard let cache = loading.whole, cache.cases.contains(where: { stamps[$0.file.path] == $0.stamp }) else { return .full }
        return .casesChanged(cache)
    }

    private static func isCaseFile(_ path: String) -> Bool {
        path.hasPrefix("Content/cases/") && path.hasSuffix(".md") && !path.dropFirst("Content/cases/".count).contains("/")
    }

    private var cache: BuildCache? {
        if case .casesChanged(let cache) = self { cache } else { nil }
    }

    /// The case files the cache read with the same stamps as now, as it read them (without bodies).
    func knownCases(stamps: [String: FileStamp]) -> [String: CaseFile] {
        guard let cache else { return [:] }
        var known = [String: CaseFile](minimumCapacity: cache.cases.count)
        for cached in cache.cases where stamps[cached.file.path] == cached.stamp { known[cached.file.path] = cached.file }
        return known
    }

    /// Whether the output at `path`, whose inputs now have `fingerprint`, must be made again.
    func isStale(_ path: String, fingerprint: UInt64) -> Bool {
        cache?.outputs[path]?.fingerprint != fingerprint
    }

    /// What the last build recorded for an output that is not made again.
    func kept(_ path: String) -> BuildCache.CachedOutput? {
        cache?.outputs[path]
    }

    /// Outputs of the last build that this one does not make: files to remove.
    func obsolete(keeping outputs: [String: BuildCache.CachedOutput]) -> [String] {
        (cache?.outputs.keys.filter { outputs[$0] == nil } ?? []).sorted()
    }

    /// Assets and media, which only a full build copies.
    var copiesStaticFiles: Bool { cache == nil }

    /// The search postings of the last build, when its cases stood in the same order, and which
    /// of `cases` changed since: only their postings need making again. Nil when the order
    /// changed (a case came, went or moved), and every case's postings are made anew.
    func searchBase(_ cases: [CaseStudy]) -> (postings: SearchIndex.Postings, changed: [Int])? {
        guard let cache, cache.searchOrder.elementsEqual(cases.lazy.map(\.sourcePath)) else { return nil }
        let hashes = Dictionary(cache.cases.map { ($0.file.path, $0.file.study?.sourceHash) }, uniquingKeysWith: { first, _ in first })
        return (cache.postings, cases.indices.filter { hashes[cases[$0].sourcePath] != cases[$0].sourceHash })
    }

    /// The related cases of the last build, for `SiteIndex.build` to keep if the terms still list the same cases.
    var knownRelated: SiteIndex.KnownRelated? { cache?.related }

    /// The version of the output folder the cache describes, which an incremental build starts from.
    var generation: OutputGeneration? { cache?.generation }
}
