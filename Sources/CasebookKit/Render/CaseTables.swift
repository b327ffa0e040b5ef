/// Every published case's metadata for re-use elsewhere: `cases.json` and `cases.csv`.
enum CaseTables {
    static let jsonPath = "cases.json"
    static let csvPath = "cases.csv"

    /// One JSON object per case, one case per line, keys in a fixed order. Written as bytes: at
    /// ten thousand cases, joining strings made it one of the slowest files of a build.
    static func json(_ cases: [CaseStudy]) -> RenderedFile {
        var out: [UInt8] = []
        out.reserveCapacity(cases.count * 1024)
        func raw(_ text: String) { out.append(contentsOf: text.utf8) }
        func string(_ value: String) { Escape.json(value, into: &out) }
        func optional(_ value: String?) { if let value { string(value) } else { raw("null") } }
        func list(_ values: [String]) {
            raw("[")
            for (index, value) in values.enumerated() {
                if index > 0 { raw(",") }
                string(value)
            }
            raw("]")
        }
        raw("[\n")
        for (index, study) in cases.enumerated() {
            if index > 0 { raw(",\n") }
            raw("{\"slug\":"); string(study.slug)
            raw(",\"title\":"); string(study.title)
            raw(",\"date\":\"\(study.date)\",\"district\":"); list(study.district)
            raw(",\"mechanisms\":"); list(study.mechanisms)
            raw(",\"outcomes\":"); list(study.outcomes)
            raw(",\"summary\":"); optional(study.summary)
            raw(",\"source\":"); optional(study.source)
            raw(",\"source_url\":"); optional(study.sourceURL)
            raw(",\"page\":"); string(SitePath.casePage(study.slug))
            raw(",\"figures\":[")
            for (number, figure) in study.figures.enumerated() {
                if number > 0 { raw(",") }
                raw("{\"label\":"); string(figure.label)
                raw(",\"value\":"); string(figure.value)
                raw(",\"before\":"); optional(figure.before)
                raw(",\"unit\":"); optional(figure.unit)
                raw("}")
            }
            raw("]}")
        }
        raw("\n]\n")
        return RenderedFile(path: jsonPath, bytes: out)
    }

    static let csvColumns = ["slug", "title", "date", "province", "city", "district", "mechanisms", "outcomes",
                             "summary", "source", "source_url", "page", "figures"]

    /// RFC 4180 CSV with a byte order mark, so spreadsheet software reads it as UTF-8.
    static func csv(_ cases: [CaseStudy]) -> RenderedFile {
        // Written as bytes, row by row, rather than joined from strings.
        var out = Array("\u{FEFF}".utf8)
        out.reserveCapacity(cases.count * 512)
        func row(_ cells: [String]) {
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: csvCell(cell).utf8)
            }
            out.append(contentsOf: "\r\n".utf8)
        }
        row(csvColumns)
        for study in cases {
            let figures = study.figures.map { figure in
                "\(figure.label) \(figure.before.map { "\($0) → " } ?? "")\(figure.value)\(figure.unit.map { " \($0)" } ?? "")"
            }
            row([study.slug, study.title, study.date.description, study.district.first ?? "",
                 study.district.count > 1 ? study.district[1] : "", study.district.joined(separator: " / "),
                 study.mechanisms.joined(separator: "; "), study.outcomes.joined(separator: "; "),
                 study.summary ?? "", study.source ?? "", study.sourceURL ?? "", SitePath.casePage(study.slug),
                 figures.joined(separator: "; ")])
        }
        return RenderedFile(path: csvPath, bytes: out)
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
