import Foundation

/// The districts overview's map, drawn at build time as inline SVG: a dot for each county that
/// has cases, its area growing with their number and linking to the county's page, over the
/// provinces' names at their places. No tiles and nothing from the network; it prints. The tree
/// below it on the page lists the same numbers as text.
struct DistrictMap: Sendable {
    struct Dot: Sendable {
        var name: String
        /// The county's page, from the site's root.
        var path: String
        var count: Int
        var longitude: Double
        var latitude: Double
    }

    var title: String
    var dots: [Dot]
    var provinces: [(name: String, longitude: Double, latitude: Double)]

    /// Mainland China, Hainan and Taiwan, in degrees.
    static let west = 73.0, east = 135.5, north = 53.8, south = 17.5
    /// Pixels per degree of latitude; a degree of longitude is shorter by the cosine of 36°N, the
    /// middle of the map, which keeps shapes close to what readers know.
    static let scale = 9.6
    static let squeeze = cos(36 * Double.pi / 180)
    static let width = (east - west) * squeeze * scale, height = (north - south) * scale

    /// The dots of the counties the district tree reaches; nil when it reaches none (a site whose
    /// places are all its own, or that names no county).
    init?(tree: DistrictTree, table: DivisionTable = .official, title: String) {
        var dots: [Dot] = []
        for node in tree.allNodes {
            guard let (reached, index) = table.place(of: node.path), let longitude = reached.longitude, let latitude = reached.latitude
            else { continue }
            // A county, or one below a city that the division list (as of its date) does not have
            // yet, such as 章丘区: it is drawn at its city.
            let isCounty = reached.level == .county && index == node.path.count - 1
            let isNewerCounty = reached.level == .city && index == node.path.count - 2 && !DistrictCheck.isBelowCounty(node.name)
            guard isCounty || isNewerCounty else { continue }
            dots.append(Dot(name: node.path.joined(separator: " "), path: SitePath.districtPage(node.slugPath), count: node.count,
                            longitude: longitude, latitude: latitude))
        }
        guard !dots.isEmpty else { return nil }
        // The largest first, so that small dots lie on top and can still be clicked.
        self.dots = dots.sorted { ($1.count, $0.name) < ($0.count, $1.name) }
        self.title = title
        provinces = table.divisions.filter { $0.level == .province && !$0.name.hasSuffix("特别行政区") }.compactMap { province in
            guard let longitude = province.longitude, let latitude = province.latitude else { return nil }
            return (Self.shortName(province.name), longitude, latitude)
        }
    }

    /// 湖北省 → 湖北, 广西壮族自治区 → 广西, 北京市 → 北京.
    static func shortName(_ name: String) -> String {
        for suffix in ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// Where the provinces' names go: at the capital, or, where that would cover a name already
    /// placed (北京 and 天津, 江苏 and 安徽), at the nearest of a few places around it that is free.
    static func labelPlaces(_ provinces: [(name: String, longitude: Double, latitude: Double)]) -> [(name: String, x: Double, y: Double)] {
        let lineHeight = 12.0, characterWidth = 11.0
        var placed: [(name: String, x: Double, y: Double)] = []
        func overlaps(_ name: String, _ x: Double, _ y: Double) -> Bool {
            placed.contains { other in
                abs(other.x - x) < (Double(other.name.count + name.count) * characterWidth) / 2 && abs(other.y - y) < lineHeight
            }
        }
        // From the east, where the provinces are small and many, so that their names stay nearest their places.
        for province in provinces.sorted(by: { ($1.longitude, $0.name) < ($0.longitude, $1.name) }) {
            let (x, y) = point(province.longitude, province.latitude)
            let width = Double(province.name.count) * characterWidth
            let tries = [(0.0, 0.0), (0, lineHeight), (0, -lineHeight), (width, 0), (-width, 0), (0, 2 * lineHeight), (0, -2 * lineHeight)]
            let (dx, dy) = tries.first { !overlaps(province.name, x + $0.0, y + $0.1) } ?? (0, 0)
            placed.append((province.name, x + dx, y + dy))
        }
        return placed.sorted { $0.name < $1.name }
    }

    static func point(_ longitude: Double, _ latitude: Double) -> (x: Double, y: Double) {
        ((longitude - west) * squeeze * scale, (north - latitude) * scale)
    }

    /// The SVG; `root` leads from the page to the site's root, for the dots' links.
    func svg(root: String) -> String {
        let number = { (value: Double) in String(format: "%.1f", value) }
        let largest = Double(dots.map(\.count).max() ?? 1)
        var svg = "<svg class=\"district-map\" viewBox=\"0 0 \(number(Self.width)) \(number(Self.height))\" role=\"img\" aria-labelledby=\"district-map-title\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"district-map-title\">\(Escape.xml(title))</title>"
        svg += "<rect class=\"land\" x=\"0\" y=\"0\" width=\"\(number(Self.width))\" height=\"\(number(Self.height))\"/>"
        for label in Self.labelPlaces(provinces) {
            svg += "<text class=\"province\" x=\"\(number(label.x))\" y=\"\(number(label.y))\">\(Escape.xml(label.name))</text>"
        }
        for dot in dots {
            let (x, y) = Self.point(dot.longitude, dot.latitude)
            // The area, not the radius, grows with the count.
            let radius = 3 + 9 * (Double(dot.count) / largest).squareRoot()
            svg += "<a href=\"\(Escape.xml(root + dot.path))\"><circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(radius))\">"
            svg += "<title>\(Escape.xml(dot.name)) \(dot.count)</title></circle></a>"
        }
        return svg + "</svg>"
    }
}
