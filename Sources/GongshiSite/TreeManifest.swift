import GongshiFiles

/// What one output tree holds: each file's content hash and the fingerprint of
/// the inputs it was made from. Kept in the cache folder, named by the tree's
/// identity (inode and birth time), so a build knows what its spare tree holds
/// without reading or walking it. Deleted before a build writes into the tree
/// and written after, so it never vouches for a half-written tree.
public struct TreeManifest: Sendable {
    public struct Entry: Sendable, Equatable {
        public var hash: UInt64
        public var fingerprint: UInt64
    }

    public var identity: String
    public var entries: [String: Entry] = [:]
    /// The global inputs' hash (`SiteRenderer.globalHash`) of the build that last wrote the tree.
    public var globalHash: UInt64 = 0

    static let header = "gongshi-tree-manifest 3"

    static func fileName(_ identity: String) -> String { "tree-\(identity).manifest" }

    init(identity: String) { self.identity = identity }

    /// A header line and the global hash (8 bytes), then per file: hash and fingerprint (8 bytes each, little-endian),
    /// the path's length (4 bytes) and the path. Binary: the text form (hex digits,
    /// one line per file) took a tenth of an incremental build to write and read.
    func write(to path: String) throws {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 64 + 64)
        out.append(contentsOf: (Self.header + " " + identity + "\n").utf8)
        Self.append(globalHash, to: &out)
        for (file, entry) in entries {  // unsorted: it is read back into a dictionary
            Self.append(entry.hash, to: &out)
            Self.append(entry.fingerprint, to: &out)
            let count = UInt32(file.utf8.count)
            withUnsafeBytes(of: count.littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: file.utf8)
        }
        try FileSystem.replaceAtomically(path, out)
    }

    private static func append(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    static func read(_ path: String, identity: String) -> TreeManifest? {
        guard let bytes = FileTree.read(path) else { return nil }
        let expected = Array((header + " " + identity + "\n").utf8)
        guard bytes.count >= expected.count, bytes[..<expected.count].elementsEqual(expected) else { return nil }
        var manifest = TreeManifest(identity: identity)
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            guard raw.count >= expected.count + 8 else { return false }
            manifest.globalHash = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: expected.count, as: UInt64.self))
            var offset = expected.count + 8
            manifest.entries.reserveCapacity(raw.count / 64)
            while offset < raw.count {
                guard offset + 20 <= raw.count else { return false }
                let hash = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let fingerprint = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self)))
                offset += 20
                guard count > 0, offset + count <= raw.count else { return false }
                let file = String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]), as: UTF8.self)
                manifest.entries[file] = Entry(hash: hash, fingerprint: fingerprint)
                offset += count
            }
            return true
        }
        return ok ? manifest : nil
    }
}
