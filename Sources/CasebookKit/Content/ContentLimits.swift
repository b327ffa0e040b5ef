/// How much one case may hold. Pages list cases by their cards and every name gets a page, so
/// without limits one file could multiply into gigabytes (5,000 mechanisms, each with a page that
/// lists the case with all 5,000 of them) or name a file longer than a file system allows.
public enum ContentLimits {
    /// Names a case may list under `mechanisms`, and as many under `outcomes`.
    public static let terms = 20
    /// Places in a case's `district`: 省, 市, 区, 街道, 社区, and one more for a village group or compound.
    public static let districtLevels = 6
    /// Characters of a district, mechanism or outcome name, and of an alias: real ones have a few
    /// dozen at most.
    public static let nameLength = 100
    /// Key figures of one case.
    public static let figures = 20
    /// Characters of a title: every list that shows the case repeats it, as do its neighbours' pages.
    public static let titleLength = 100
    /// Characters of a summary, which every list that shows the case repeats too.
    public static let summaryLength = 300
}
