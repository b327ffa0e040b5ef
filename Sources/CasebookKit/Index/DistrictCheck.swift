/// Checks the levels of a case's `district` that the official division list covers (province,
/// city, county) against it: a name it does not know, a name under the wrong parent, a list that
/// starts below its province. Levels below the county (街道, 社区) are free, and so is any place
/// the site lists in its own `districts.yml` (a new district, a development zone).
struct DistrictCheck {
    /// What is wrong with one name of a district list.
    struct Finding: Equatable {
        /// The position of the name in the list.
        var index: Int
        var message: Message
        var hint: Message?
    }

    let table: DivisionTable
    /// Names the site knows on its own: these are never reported.
    let isSitePlace: (String) -> Bool

    /// The first problem of `path`, if any: after it, the places below cannot be placed either.
    func check(_ path: [String]) -> Finding? {
        var parent: DivisionTable.Division?
        for (index, name) in path.enumerated() {
            let matches = table.named(name)
            guard let above = parent else {
                if let province = matches.first(where: { $0.level == .province }) {
                    parent = province
                    continue
                }
                if isSitePlace(name) { return nil }
                if let found = startBelowProvince(path) { return found }
                let provinces = table.divisions.filter { $0.level == .province }.map(\.name)
                return Finding(index: index, message: "'\(name)' is not a province, autonomous region or municipality in the division list",
                                hint: suggestion(for: name, among: provinces))
            }
            if above.level == .county { return nil }
            // 北京市 written twice, as the municipality and as its city.
            if name == above.name { continue }
            if let child = table.children(of: above).first(where: { $0.name == name }) {
                parent = child
                continue
            }
            if isSitePlace(name) { return nil }
            if let elsewhere = matches.first(where: { $0.level != .province }) {
                let chain = table.chain(to: elsewhere).map(\.name)
                return Finding(index: index, message: "'\(name)' is not in \(above.name): it lies in \(chain.dropLast().joined(separator: " "))",
                                hint: "write [\((chain + path.dropFirst(index + 1)).joined(separator: ", "))]")
            }
            let belowProvince = above.level == .province
            if Self.isBelowCounty(name) {
                return belowProvince
                    ? Finding(index: index, message: "the district list goes from \(above.name) to \(name) without the city or county between them",
                              hint: "name the city or county of \(above.name) that \(name) lies in, or add \(name) to districts.yml")
                    : Finding(index: index, message: "the district list goes from \(above.name) to \(name) without the county between them",
                              hint: "name the county of \(above.name) that \(name) lies in, or add \(name) to districts.yml")
            }
            let hint = suggestion(for: name, among: table.children(of: above).map(\.name))
                ?? "if it is new, or a zone of the site's own, add it to districts.yml"
            return belowProvince
                ? Finding(index: index, message: "'\(name)' is not a city or county of \(above.name) in the division list", hint: hint)
                : Finding(index: index, message: "'\(name)' is not a county of \(above.name) in the division list", hint: hint)
        }
        return nil
    }

    /// A list that starts with a city or county: the full chain to write, or the choices when
    /// the places that follow leave more than one reading.
    private func startBelowProvince(_ path: [String]) -> Finding? {
        let readings = table.readings(of: path)
        guard let only = readings.first else { return nil }
        let name = path[0]
        if readings.count > 1 {
            return Finding(index: 0, message: "the district list starts at \(name), below its province, and \(name) is the name of \(readings.count) places",
                           hint: "write the whole chain, one of: \(readings.map { "[\($0.joined(separator: ", "))]" }.joined(separator: "; "))")
        }
        return Finding(index: 0, message: "the district list starts at \(name), below its province",
                       hint: "write [\(only.joined(separator: ", "))]")
    }

    /// "did you mean …?" for the nearest names, by edit distance or as the start of a name (湖北 → 湖北省).
    private func suggestion(for name: String, among names: [String]) -> Message? {
        let started = names.filter { $0.hasPrefix(name) && $0.count - name.count <= 3 }
        let nearest = started.isEmpty ? nearestWord(to: name, in: names).map { [$0] } ?? [] : started
        return nearest.isEmpty ? nil : "did you mean \(Self.either(nearest[...]))?"
    }

    /// `a or b or c`.
    private static func either(_ names: ArraySlice<String>) -> Message {
        names.count == 1 ? "\(names[names.startIndex])" : "\(either(names.dropLast())) or \(names[names.endIndex - 1])"
    }

    /// Names of streets, towns, communities and villages, which lie below every county.
    static func isBelowCounty(_ name: String) -> Bool {
        ["街道", "社区", "镇", "乡", "村", "居委会", "办事处"].contains { name.hasSuffix($0) }
    }
}
