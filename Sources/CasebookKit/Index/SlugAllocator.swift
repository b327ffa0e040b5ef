/// Hands out unique slugs within one folder, deterministically: the first claimant keeps a slug,
/// later ones get `-2`, `-3`… and a warning that says who collided.
struct SlugAllocator {
    /// `Slug.reserved` is kept in every folder for the folder's own overview page.
    private var owners: [String: String] = [Slug.reserved: "the overview page"]
    private(set) var collisions: [(name: String, wanted: String, got: String, owner: String)] = []

    /// Claims `wanted` (or the next free variant of it) for `name`.
    mutating func claim(_ wanted: String, for name: String) -> String {
        var slug = wanted
        var suffix = 2
        while owners[slug] != nil {
            slug = "\(wanted)-\(suffix)"
            suffix += 1
        }
        if slug != wanted { collisions.append((name, wanted, slug, owners[wanted]!)) }
        owners[slug] = name
        return slug
    }
}
