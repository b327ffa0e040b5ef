/// Where each district, mechanism and outcome name of a case is first written, for messages about
/// it: a small map from names to places in the file.
///
/// A case names a dozen or so, so they are kept in the order they were noted and found by a look
/// along them: hashing a Chinese name, which Swift first brings to a normal form, costs more than
/// comparing it with a dozen others, and every case of a site is read and copied on each build. A
/// case over the limits may name thousands: from `indexedFrom` names on, they are found through a
/// table instead.
public struct NameLocations: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    private var names: [String] = []
    private var locations: [SourceLocation] = []
    /// The position of each name, once there are `indexedFrom` of them.
    private var positions: [String: Int]?

    static let indexedFrom = 32

    public init() {}

    public init(dictionaryLiteral elements: (String, SourceLocation)...) {
        for (name, location) in elements { self[name] = location }
    }

    public var count: Int { names.count }

    /// Where `name` is first written. Setting it notes a new name after the others, or gives a
    /// noted one another place in the file, where it stays in the order.
    public subscript(name: String) -> SourceLocation? {
        get { position(of: name).map { locations[$0] } }
        set {
            switch (position(of: name), newValue) {
            case (let position?, let location?):
                locations[position] = location
            case (let position?, nil):
                names.remove(at: position)
                locations.remove(at: position)
                positions = nil
                index()
            case (nil, let location?):
                positions?[name] = names.count
                names.append(name)
                locations.append(location)
                if positions == nil { index() }
            case (nil, nil):
                break
            }
        }
    }

    private func position(of name: String) -> Int? {
        if let positions { return positions[name] }
        return names.firstIndex(of: name)
    }

    private mutating func index() {
        guard positions == nil, names.count >= Self.indexedFrom else { return }
        positions = Dictionary(uniqueKeysWithValues: zip(names, names.indices))
    }

    public func makeIterator() -> some IteratorProtocol<(name: String, location: SourceLocation)> {
        zip(names, locations).lazy.map { (name: $0, location: $1) }.makeIterator()
    }

    /// Equal when they note the same names at the same places, in whatever order, as a dictionary would be.
    public static func == (lhs: NameLocations, rhs: NameLocations) -> Bool {
        lhs.count == rhs.count && zip(lhs.names, lhs.locations).allSatisfy { rhs[$0] == $1 }
    }

    /// In no particular order, as `==` takes them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(zip(names, locations).reduce(0) { $0 &+ ($1.0.hashValue ^ $1.1.hashValue) })
    }
}
