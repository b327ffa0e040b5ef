import Foundation

/// A horizontal bar chart drawn at build time as inline SVG: no script, sharp on paper, and a
/// `<title>` and `<desc>` for screen readers (the page adds the numbers as a table too).
struct BarChart: Sendable {
    /// One row: a label and one bar, or two bars (before and after) when `before` is set.
    struct Row: Sendable {
        var label: String
        var value: Double
        var valueText: String
        var before: Double? = nil
        var beforeText: String? = nil
        /// A longer name for the row, shown as the bar's tooltip.
        var detail: String? = nil
    }

    var id: String
    var title: String
    var description: String
    /// What the bars measure (the value axis) and what the rows are (the category axis).
    var valueAxis: String
    var categoryAxis: String
    var rows: [Row]
    /// Each row on its own scale, for figures in different units.
    var scalePerRow = false

    static let width = 640.0
    static let labelWidth = 168.0
    static let rightMargin = 56.0
    static let rowHeight = 28.0
    static let top = 28.0
    static let bottom = 44.0
    static let labelLength = 11

    var svg: String {
        let plotWidth = Self.width - Self.labelWidth - Self.rightMargin
        let rowHeight = Self.rowHeight * (rows.contains { $0.before != nil } ? 1.5 : 1)
        let plotHeight = rowHeight * Double(rows.count)
        let height = Self.top + plotHeight + Self.bottom
        let globalMaximum = rows.map { max($0.value, $0.before ?? 0) }.max() ?? 0
        let ticks = scalePerRow ? [] : Self.ticks(upTo: globalMaximum)
        let scaleMaximum = scalePerRow ? 0 : (ticks.last ?? 1)

        var svg = "<svg class=\"chart\" id=\"\(id)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
        svg += "viewBox=\"0 0 \(Self.number(Self.width)) \(Self.number(height))\" width=\"\(Self.number(Self.width))\" height=\"\(Self.number(height))\">"
        svg += "<title id=\"\(id)-title\">\(Escape.xml(title))</title><desc id=\"\(id)-desc\">\(Escape.xml(description))</desc>"
        svg += "<text class=\"axis-title\" x=\"0\" y=\"16\">\(Escape.xml(categoryAxis))</text>"
        let left = Self.labelWidth
        for tick in ticks {
            let x = left + tick / scaleMaximum * plotWidth
            svg += "<line class=\"grid\" x1=\"\(Self.number(x))\" y1=\"\(Self.number(Self.top))\" x2=\"\(Self.number(x))\" y2=\"\(Self.number(Self.top + plotHeight))\"/>"
            svg += "<text class=\"tick\" x=\"\(Self.number(x))\" y=\"\(Self.number(Self.top + plotHeight + 16))\" text-anchor=\"middle\">\(Self.number(tick))</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = Self.top + rowHeight * Double(index)
            let maximum = scalePerRow ? max(row.value, row.before ?? 0) : scaleMaximum
            // A share of the maximum, never above 1, then widened: `plotWidth / maximum` first
            // would be infinite for a tiny maximum.
            let width = { (value: Double) in maximum > 0 ? value / maximum * plotWidth : 0 }
            let label = row.label.count > Self.labelLength ? row.label.prefix(Self.labelLength - 1) + "…" : row.label
            svg += "<g class=\"row\"><title>\(Escape.xml(row.detail ?? row.label))</title>"
            svg += "<text class=\"label\" x=\"\(Self.number(left - 8))\" y=\"\(Self.number(y + rowHeight / 2 + 5))\" text-anchor=\"end\">\(Escape.xml(String(label)))</text>"
            if let before = row.before {
                let barHeight = (rowHeight - 10) / 2
                svg += bar(x: left, y: y + 4, width: width(before), height: barHeight, text: row.beforeText ?? Self.number(before), kind: "bar before")
                svg += bar(x: left, y: y + 4 + barHeight + 1, width: width(row.value), height: barHeight, text: row.valueText, kind: "bar")
            } else {
                svg += bar(x: left, y: y + 5, width: width(row.value), height: rowHeight - 10, text: row.valueText, kind: "bar")
            }
            svg += "</g>"
        }
        svg += "<line class=\"axis\" x1=\"\(Self.number(left))\" y1=\"\(Self.number(Self.top))\" x2=\"\(Self.number(left))\" y2=\"\(Self.number(Self.top + plotHeight))\"/>"
        svg += "<text class=\"axis-title\" x=\"\(Self.number(left + plotWidth / 2))\" y=\"\(Self.number(height - 6))\" text-anchor=\"middle\">\(Escape.xml(valueAxis))</text>"
        return svg + "</svg>"
    }

    private func bar(x: Double, y: Double, width: Double, height: Double, text: String, kind: String) -> String {
        "<rect class=\"\(kind)\" x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 1)))\" height=\"\(Self.number(height))\"/>"
            + "<text class=\"value\" x=\"\(Self.number(x + max(width, 1) + 4))\" y=\"\(Self.number(y + height / 2 + 4))\">\(Escape.xml(text))</text>"
    }

    /// Round tick values from 0 that cover `maximum` in about four steps: 0, 2, 4, 6…
    static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let rough = maximum / 4
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let roundStep = step < 1 && maximum >= 1 ? 1 : step
        var ticks = [0.0]
        while ticks.last! < maximum { ticks.append(ticks.last! + roundStep) }
        return ticks
    }

    /// A coordinate or tick with at most one decimal, and none when it is whole.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? wholeNumber(rounded) : String(rounded)
    }

    /// A whole number in decimal digits, however large: `Int(_:)` would trap beyond 2^63.
    static func wholeNumber(_ value: Double) -> String {
        if abs(value) < 1e15 { return String(Int(value)) }
        return value.isFinite ? String(format: "%.0f", value) : String(value)
    }
}
