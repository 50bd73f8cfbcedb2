#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GongshiContent
import GongshiModel

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

    static let header = "gongshi-tree-manifest 1"

    static func fileName(_ identity: String) -> String { "tree-\(identity).manifest" }

    init(identity: String) { self.identity = identity }

    /// One line per file: hash, fingerprint (16 hex digits each), path. Built as bytes:
    /// 21,000 lines through String appends took a tenth of an incremental build.
    func write(to path: String) throws {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 96 + 64)
        out.append(contentsOf: (Self.header + " " + identity + "\n").utf8)
        for (file, entry) in entries {  // unsorted: it is read back into a dictionary
            Self.appendHex(entry.hash, to: &out)
            out.append(0x20)
            Self.appendHex(entry.fingerprint, to: &out)
            out.append(0x20)
            out.append(contentsOf: file.utf8)
            out.append(0x0A)
        }
        try FileSystem.replaceAtomically(path, out)
    }

    private static func appendHex(_ value: UInt64, to out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        for shift in stride(from: 60, through: 0, by: -4) {
            out.append(digits.utf8Start[Int((value >> UInt64(shift)) & 0xF)])
        }
    }

    static func read(_ path: String, identity: String) -> TreeManifest? {
        guard let bytes = FileTree.read(path) else { return nil }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), String(decoding: first, as: UTF8.self) == header + " " + identity else { return nil }
        var manifest = TreeManifest(identity: identity)
        manifest.entries.reserveCapacity(lines.count)
        for line in lines {
            guard line.count > 34, let hash = parseHex(line.prefix(16)), let fingerprint = parseHex(line.dropFirst(17).prefix(16)) else { return nil }
            manifest.entries[String(decoding: line.dropFirst(34), as: UTF8.self)] = Entry(hash: hash, fingerprint: fingerprint)
        }
        return manifest
    }

    private static func parseHex(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
