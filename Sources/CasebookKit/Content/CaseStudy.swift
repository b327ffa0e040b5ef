/// A calendar day as written in front matter, free of time zones.
public struct CaseDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, rejecting days that do not exist (2019-02-30) and anything but ASCII
    /// digits between the hyphens (`2019-+1-01`).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= CaseDate.days(inMonth: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// What to write instead of a date that does not parse: the same day as `YYYY-MM-DD` when the
    /// text names one (`2019年11月20日`, `2019/11/20`, `2019-11-2`), else the rule. The numbers are
    /// kept as written until they are known to be short, so no length of digits can overflow.
    public static func advice(for text: String) -> Message {
        let numbers = text.split(whereSeparator: { !$0.isASCII || !$0.isNumber })
        if numbers.count == 3, numbers[0].count >= 4 {
            guard numbers[0].count == 4, let year = Int(numbers[0]) else {
                return "the year \(numbers[0]) is out of range: a year has four digits, as in 2019-11-20"
            }
            guard numbers[1].count <= 2, let month = Int(numbers[1]), (1...12).contains(month) else {
                return "there is no month \(numbers[1]); dates are written 2019-11-20"
            }
            let candidate = CaseDate(year: year, month: month, day: numbers[2].count <= 2 ? Int(numbers[2]) ?? 0 : 0)
            if let date = CaseDate(candidate.description) { return "write it as \(date)" }
            return "\(candidate.description.prefix(7)) has only \(days(inMonth: month, year: year)) days"
        }
        if numbers.count == 2, numbers.allSatisfy({ $0.count <= 2 }) {
            return "the year is needed too: dates are written 2019-11-20"
        }
        return "dates are written 2019-11-20: a four-digit year, then month and day with two digits each"
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The year with four digits, as every output writes it: `0999`, never `999`.
    public var yearText: String {
        DateFormat.year.text(of: self)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        DateFormat.iso.text(of: self)
    }

    public static func < (lhs: CaseDate, rhs: CaseDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A key number of a case, shown as a card: `新增充电桩 20 个`, or `投诉 1500 → 700 件`.
public struct Figure: Sendable, Hashable {
    public var label: String
    /// The number as the editor wrote it, so that it prints exactly so.
    public var value: String
    public var before: String?
    public var unit: String?
}

/// One practice case: front matter and Markdown body of a file in `Content/cases/`. Its fields
/// (`Fields`) are read and changed as its own properties: `study.title`.
///
/// A value like any other, but its fields live in one shared box, copied only when a copy is
/// changed: the index, the cards and the cache each copy ten thousand cases, and copying the
/// fields themselves cost a reference count for each of its twelve strings and arrays.
@dynamicMemberLookup
public struct CaseStudy: Sendable, Hashable {
    /// What a case holds, as its front matter and body give it.
    public struct Fields: Sendable, Hashable {
        /// The path relative to the site root, e.g. `Content/cases/tianshui-sifang.md`.
        public var sourcePath: String
        public var slug: String
        public var title: String
        public var date: CaseDate
        /// From the largest area to the smallest: 省, 市, 区, 街道, 社区.
        public var district: [String]
        public var mechanisms: [String]
        public var outcomes: [String]
        public var summary: String?
        public var source: String?
        public var sourceURL: String?
        public var figures: [Figure]
        public var draft: Bool
        /// The Markdown after the front matter, and the file line it starts on.
        public var body: String
        public var bodyFirstLine: Int
        /// Where each district, mechanism and outcome name is first written, for messages about it.
        public var mentions: NameLocations
        /// A fingerprint of the file's bytes, which tells an incremental build whether its page changed.
        public var sourceHash: UInt64
        /// A fingerprint of the front matter alone, which tells whether the data files listing the case changed.
        public var frontMatterHash: UInt64
    }

    private var box: Box

    /// A case with these fields; the fingerprints are filled in by the reader.
    public init(sourcePath: String, slug: String, title: String, date: CaseDate, district: [String], mechanisms: [String],
                outcomes: [String], summary: String?, source: String?, sourceURL: String?, figures: [Figure], draft: Bool,
                body: String, bodyFirstLine: Int, mentions: NameLocations, sourceHash: UInt64 = 0, frontMatterHash: UInt64 = 0) {
        box = Box(Fields(sourcePath: sourcePath, slug: slug, title: title, date: date, district: district, mechanisms: mechanisms,
                         outcomes: outcomes, summary: summary, source: source, sourceURL: sourceURL, figures: figures, draft: draft,
                         body: body, bodyFirstLine: bodyFirstLine, mentions: mentions, sourceHash: sourceHash,
                         frontMatterHash: frontMatterHash))
    }

    /// A field of the case, read or changed as a property of its own: `study.title`.
    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        // Read in place: a plain getter copied all the fields, a reference count for each, to read one.
        _read { yield box.fields[keyPath: field] }
        _modify {
            // A copy gets a box of its own before it is changed, unless it has one already.
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields[keyPath: field]
        }
    }

    /// The file name without `.md`: the slug unless front matter overrides it.
    public var fileStem: String { SitePath.fileStem(box.fields.sourcePath) }

    /// Cases are equal when their fields are; two copies of one case are, without comparing them.
    public static func == (lhs: CaseStudy, rhs: CaseStudy) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    /// Hashes the fields, as a case without a box would.
    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    /// Never changed while shared: the subscript copies it first.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }
}
