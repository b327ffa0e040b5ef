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
    /// The folder that holds this version, which becomes the output as it is (a rename keeps it):
    /// a cache kept beside the output describes the output only while the output is this folder.
    public var folder: FolderIdentity?

    init(previous: UInt64?, folder: FolderIdentity? = nil) {
        self.id = UInt64.random(in: 1...UInt64.max)
        self.previous = previous
        self.changed = previous == nil ? nil : []
        self.folder = folder
    }

    init(from reader: inout ByteReader) throws(ByteReader.Malformed) {
        id = try reader.number()
        previous = try reader.bool() ? try reader.number() : nil
        changed = try reader.bool() ? try reader.strings() : nil
        folder = try reader.bool() ? FolderIdentity(device: try reader.number(), inode: try reader.number()) : nil
    }

    func write(to writer: inout ByteWriter) {
        writer.number(id)
        writer.bool(previous != nil)
        if let previous { writer.number(previous) }
        writer.bool(changed != nil)
        if let changed { writer.strings(changed) }
        writer.bool(folder != nil)
        if let folder {
            writer.number(folder.device)
            writer.number(folder.inode)
        }
    }
}

/// A folder as the file system knows it, whatever its name: its device and inode.
public struct FolderIdentity: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The folder at `path`, following links; nil when there is none.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
        self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}
