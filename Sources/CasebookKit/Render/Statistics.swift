/// The statistics page's charts: cases per year, mechanism, outcome and province, and the key
/// figures that give a value before and after.
struct Statistics {
    let index: SiteIndex
    let strings: UIStrings

    var charts: [ChartBlock] {
        // Keyed by the year as written, four digits, which sorts as the years do.
        var byYear: [String: Int] = [:]
        for study in index.cases { byYear[study.date.yearText, default: 0] += 1 }
        let years = byYear.sorted { $0.key < $1.key }.map { (label: $0.key, count: $0.value, path: String?.none) }
        let provinces = index.districts.roots.map { (label: $0.name, count: $0.count, path: Optional(SitePath.districtPage($0.slugPath))) }
        var charts = [
            counts("chart-years", title: strings["chart_years"], axis: strings["axis_year"], years),
            counts("chart-mechanisms", title: strings["chart_mechanisms"], axis: strings["mechanisms"], terms(index.mechanisms)),
            counts("chart-outcomes", title: strings["chart_outcomes"], axis: strings["outcomes"], terms(index.outcomes)),
            counts("chart-provinces", title: strings["chart_provinces"], axis: strings["axis_province"], provinces),
        ]
        if let figures = figures() { charts.append(figures) }
        return charts
    }

    private func terms(_ terms: TermIndex) -> [(label: String, count: Int, path: String?)] {
        terms.terms.filter { $0.count > 0 }.map { ($0.name, $0.count, SitePath.termPage($0.kind, $0.slug)) }
    }

    /// A chart of case counts with its table.
    private func counts(_ id: String, title: String, axis: String, _ items: [(label: String, count: Int, path: String?)]) -> ChartBlock {
        let rows = items.map { BarChart.Row(label: $0.label, value: Double($0.count), valueText: String($0.count)) }
        let description = items.map { "\($0.label) \($0.count)" }.joined(separator: strings["list_separator"])
        let chart = BarChart(id: id, title: title, description: description, valueAxis: strings["axis_cases"], categoryAxis: axis, rows: rows)
        return ChartBlock(id: id, title: title, svg: chart.svg, columns: [axis, strings["axis_cases"]],
                          rows: items.map { TableRow(cells: [TableCell(text: $0.label, path: $0.path), TableCell(text: String($0.count), path: nil)]) })
    }

    /// The figures chart draws the figures of this many of the newest cases, so that the page
    /// stays small however many cases the site holds; `cases.csv` and `cases.json` have them all.
    static let figureCases = 30

    /// Before and after bars for the figures whose two values are numbers, of the newest
    /// `figureCases` cases that have any; nil when no case has one.
    private func figures() -> ChartBlock? {
        var rows: [BarChart.Row] = []
        var table: [TableRow] = []
        var drawnCases = 0, total = 0
        for study in index.cases {
            let numeric = study.figures.compactMap { figure -> (figure: Figure, beforeText: String, before: Double, value: Double)? in
                guard let beforeText = figure.before, let before = Double(beforeText), let value = Double(figure.value) else { return nil }
                return (figure, beforeText, before, value)
            }
            total += numeric.count
            guard !numeric.isEmpty, drawnCases < Self.figureCases else { continue }
            drawnCases += 1
            for (figure, beforeText, before, value) in numeric {
                let unit = figure.unit ?? ""
                rows.append(BarChart.Row(label: figure.label, value: value, valueText: "\(figure.value) \(unit)",
                                         before: before, beforeText: "\(beforeText) \(unit)",
                                         detail: "\(study.title): \(figure.label)"))
                table.append(TableRow(cells: [TableCell(text: study.title, path: SitePath.casePage(study.slug)),
                                              TableCell(text: figure.label, path: nil), TableCell(text: beforeText, path: nil),
                                              TableCell(text: figure.value, path: nil), TableCell(text: unit, path: nil)]))
            }
        }
        guard !rows.isEmpty else { return nil }
        let id = "chart-figures"
        let title = strings["chart_figures"]
        let description = rows.map { "\($0.detail ?? $0.label) \($0.beforeText ?? "") → \($0.valueText)" }.joined(separator: strings["list_separator"])
        let chart = BarChart(id: id, title: title, description: description, valueAxis: strings["axis_figures"],
                             categoryAxis: strings["axis_figure"], rows: rows, scalePerRow: true)
        let note = rows.count < total
            ? strings["chart_figures_newest"].replacingOccurrences(of: "{n}", with: String(drawnCases))
                .replacingOccurrences(of: "{total}", with: String(total))
            : nil
        return ChartBlock(id: id, title: title, svg: chart.svg,
                          columns: [strings["column_case"], strings["axis_figure"], strings["column_before"], strings["column_after"], strings["column_unit"]],
                          rows: table, note: note.map { TableCell(text: $0, path: CaseTables.csvPath) })
    }
}

/// A chart and the same numbers as a table.
struct ChartBlock: TemplateContext, Sendable {
    let id: String
    let title: String
    let svg: String
    let columns: [String]
    let rows: [TableRow]
    /// What the chart leaves out, and the file that has everything.
    var note: TableCell? = nil

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .note: note.map { .object($0) }
        case .id: .text(id)
        case .title: .text(title)
        case .svg: .text(svg)
        case .columns: columns.templateValue
        case .rows: rows.templateValue
        default: nil
        }
    }
}

struct TableRow: TemplateContext, Sendable {
    let cells: [TableCell]

    func value(_ key: TemplateKey) -> TemplateValue? {
        key == .cells ? cells.templateValue : nil
    }
}

/// A table cell, linked to a page when `path` is set.
struct TableCell: TemplateContext, Sendable {
    let text: String
    let path: String?

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .text: .text(text)
        case .path: path?.templateValue
        default: nil
        }
    }
}
