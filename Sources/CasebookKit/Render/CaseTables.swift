/// Every published case's metadata for re-use elsewhere: `cases.json` and `cases.csv`.
enum CaseTables {
    static let jsonPath = "cases.json"
    static let csvPath = "cases.csv"

    /// One JSON object per case, one case per line, keys in a fixed order.
    static func json(_ cases: [CaseStudy]) -> RenderedFile {
        func list(_ values: [String]) -> String { "[" + values.map(Escape.json).joined(separator: ",") + "]" }
        func optional(_ value: String?) -> String { value.map(Escape.json) ?? "null" }
        let records = cases.map { study in
            let figures = study.figures.map { figure in
                "{\"label\":\(Escape.json(figure.label)),\"value\":\(Escape.json(figure.value)),"
                    + "\"before\":\(optional(figure.before)),\"unit\":\(optional(figure.unit))}"
            }
            return "{\"slug\":\(Escape.json(study.slug)),\"title\":\(Escape.json(study.title)),"
                + "\"date\":\"\(study.date)\",\"district\":\(list(study.district)),"
                + "\"mechanisms\":\(list(study.mechanisms)),\"outcomes\":\(list(study.outcomes)),"
                + "\"summary\":\(optional(study.summary)),\"source\":\(optional(study.source)),"
                + "\"source_url\":\(optional(study.sourceURL)),\"page\":\(Escape.json(SitePath.casePage(study.slug))),"
                + "\"figures\":[\(figures.joined(separator: ","))]}"
        }
        return RenderedFile(path: jsonPath, text: "[\n" + records.joined(separator: ",\n") + "\n]\n")
    }

    static let csvColumns = ["slug", "title", "date", "province", "city", "district", "mechanisms", "outcomes",
                             "summary", "source", "source_url", "page", "figures"]

    /// RFC 4180 CSV with a byte order mark, so spreadsheet software reads it as UTF-8.
    static func csv(_ cases: [CaseStudy]) -> RenderedFile {
        var rows = [csvColumns]
        for study in cases {
            let figures = study.figures.map { figure in
                "\(figure.label) \(figure.before.map { "\($0) → " } ?? "")\(figure.value)\(figure.unit.map { " \($0)" } ?? "")"
            }
            rows.append([study.slug, study.title, study.date.description, study.district.first ?? "",
                         study.district.count > 1 ? study.district[1] : "", study.district.joined(separator: " / "),
                         study.mechanisms.joined(separator: "; "), study.outcomes.joined(separator: "; "),
                         study.summary ?? "", study.source ?? "", study.sourceURL ?? "", SitePath.casePage(study.slug),
                         figures.joined(separator: "; ")])
        }
        return RenderedFile(path: csvPath, text: "\u{FEFF}" + rows.map { $0.map(csvCell).joined(separator: ",") + "\r\n" }.joined())
    }

    /// Quotes a cell when it needs it. A cell that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@` first) is kept as text with a leading apostrophe.
    static func csvCell(_ value: String) -> String {
        // Bytes, not characters: every byte looked for is ASCII, and "\r\n" is one Character.
        let startsFormula = value.utf8.first.map { "=+-@\t\r".utf8.contains($0) } ?? false
        let cell = startsFormula ? "'" + value : value
        guard cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
