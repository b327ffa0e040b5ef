/// Which version of the site an output folder holds, and which files changed from the version
/// before it: what lets an incremental build bring `.Public.previous` up to date without
/// touching every file.
public struct OutputGeneration: Sendable, Equatable {
    /// Random, so that no two versions, in any folder, are taken for each other.
    public var id: UInt64
    public var previous: UInt64?
    /// The paths written or removed since `previous`; nil when unknown, as after a full build.
    public var changed: [String]?

    init(previous: UInt64?) {
        self.id = UInt64.random(in: 1...UInt64.max)
        self.previous = previous
        self.changed = previous == nil ? nil : []
    }

    init(from reader: inout ByteReader) throws(ByteReader.Malformed) {
        id = try reader.number()
        previous = try reader.bool() ? try reader.number() : nil
        changed = try reader.bool() ? try reader.strings() : nil
    }

    func write(to writer: inout ByteWriter) {
        writer.number(id)
        writer.bool(previous != nil)
        if let previous { writer.number(previous) }
        writer.bool(changed != nil)
        if let changed { writer.strings(changed) }
    }
}
