import Foundation

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

/// A folder as the file system knows it: its device, inode and change time. A rename changes the
/// change time, and so does adding or removing an entry, so a folder made again in the same place
/// (even with the inode of the one before) is never taken for the folder it replaced.
struct FolderIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var changed: Int64

    /// The folder at `path`, following links; nil when there is none.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        changed = FileStamp(status).changed
    }

    static let byteCount = 24

    var bytes: [UInt8] {
        withUnsafeBytes(of: (device.littleEndian, inode.littleEndian, UInt64(bitPattern: changed).littleEndian)) { Array($0) }
    }
}
