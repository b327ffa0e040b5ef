/// China's official administrative divisions down to county level, as Casebook carries them (see
/// `scripts/make-divisions.py`): each province, city and county with its code and coordinates.
///
/// A code's digits say where a division lies: two for the province, four for the city, six for
/// the county (`420202` 黄石港区 lies in `4202` 黄石市 of `42` 湖北省). A county with no city
/// above it, such as one of a municipality (北京市 东城区) or a county-level city that a province
/// governs directly (湖北省 仙桃市), belongs to its province.
public struct DivisionTable: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case province, city, county

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Division: Sendable, Hashable {
        /// Six digits, such as 420202.
        public let code: Int
        public let name: String
        public let level: Level
        /// Nil for the few the data gives no place for.
        public let longitude: Double?
        public let latitude: Double?
    }

    public let divisions: [Division]
    private let byCode: [Int: Int]
    private let byName: [String: [Int]]
    private let byParent: [Int: [Int]]
    /// Every name by its first character, longest first: for finding names in running text.
    /// Made when first asked for, since only an import looks names up this way.
    private let byFirstCharacter = Locked<[Character: [String]]?>(nil)

    /// The table Casebook carries, read once per run, by the first build step that checks a district.
    public static let official = DivisionTable(data: data)

    /// Read by its UTF-8 bytes, not by characters: every build reads it.
    init(data: String) {
        var divisions: [Division] = []
        divisions.reserveCapacity(4_096)  // the table has about 3,200 rows
        for line in data.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(Substring.init)
            guard fields.count == 4, let code = Int(fields[0]) else { continue }
            let level: Level = code % 10_000 == 0 ? .province : code % 100 == 0 ? .city : .county
            divisions.append(Division(code: code, name: String(fields[1]), level: level,
                                      longitude: Double(fields[2]), latitude: Double(fields[3])))
        }
        self.divisions = divisions
        byCode = Dictionary(uniqueKeysWithValues: divisions.indices.map { (divisions[$0].code, $0) })
        byName = Dictionary(grouping: divisions.indices, by: { divisions[$0].name })
        var byParent: [Int: [Int]] = [:]
        for index in divisions.indices {
            if let parent = Self.parentCode(of: divisions[index], in: byCode) { byParent[parent, default: []].append(index) }
        }
        self.byParent = byParent
    }

    /// The names that start with `character`, longest first.
    public func names(startingWith character: Character) -> [String] {
        byFirstCharacter.withLock { index in
            if index == nil {
                index = Dictionary(grouping: Set(divisions.map(\.name)), by: { $0.first! })
                    .mapValues { $0.sorted { ($0.count, $1) > ($1.count, $0) } }
            }
            return index?[character] ?? []
        }
    }

    private static func parentCode(of division: Division, in byCode: [Int: Int]) -> Int? {
        let province = division.code / 10_000 * 10_000, city = division.code / 100 * 100
        switch division.level {
        case .province: return nil
        case .city: return province
        case .county: return byCode[city] != nil ? city : province
        }
    }

    public func division(code: Int) -> Division? {
        byCode[code].map { divisions[$0] }
    }

    /// Every division of that name: more than one where two places share it (朝阳区 in 北京市 and
    /// in 长春市).
    public func named(_ name: String) -> [Division] {
        (byName[name] ?? []).map { divisions[$0] }
    }

    /// The division directly above: a county's city, or its province when it has none; a city's
    /// province; nil for a province.
    public func parent(of division: Division) -> Division? {
        Self.parentCode(of: division, in: byCode).flatMap { self.division(code: $0) }
    }

    /// The divisions directly below: a province's cities and the counties it governs directly, a
    /// city's counties.
    public func children(of division: Division) -> [Division] {
        (byParent[division.code] ?? []).map { divisions[$0] }
    }

    /// The ways to read a district list that starts below its province (`[黄石港区, 南岳社区]`):
    /// for each city or county its first name could be, the chain from the province down to it
    /// with the rest of the list after it. When the table knows the list's next name, only the
    /// places it lies below are kept. Empty when the first name is no city or county.
    public func readings(of path: [String]) -> [[String]] {
        guard let first = path.first else { return [] }
        let below = path.dropFirst().first.map { named($0).map { chain(to: $0).map(\.name) } } ?? []
        return named(first).filter { $0.level != .province }.map { chain(to: $0).map(\.name) }
            .filter { chain in below.isEmpty || below.contains { $0.starts(with: chain) } }
            .map { $0 + path.dropFirst() }
    }

    /// The deepest division a district list reaches, read from its province down the way a build
    /// checks it (`[北京市, 北京市, 东城区]` reaches 东城区); nil when it does not start at a province.
    /// - Returns: the division and the position of its name in the list.
    public func place(of path: [String]) -> (division: Division, index: Int)? {
        guard let first = path.first, let province = named(first).first(where: { $0.level == .province }) else { return nil }
        var reached = (division: province, index: 0)
        for (index, name) in path.enumerated().dropFirst() where reached.division.level != .county {
            if name == reached.division.name { continue }
            guard let child = children(of: reached.division).first(where: { $0.name == name }) else { break }
            reached = (child, index)
        }
        return reached
    }

    /// The divisions from the province down to `division`: [湖北省, 黄石市, 黄石港区], [北京市, 东城区].
    public func chain(to division: Division) -> [Division] {
        var chain = [division]
        while let above = parent(of: chain[0]) { chain.insert(above, at: 0) }
        return chain
    }
}
