import Glibc
import CGongshiSys
import GongshiModel

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }

/// What tells a changed file from an unchanged one without reading it: size,
/// modification and change times (ctime cannot be set back by a user) and inode.
public struct FileStamp: Sendable, Hashable {
    public var size: Int64
    public var modified: Int64
    public var changed: Int64
    public var inode: UInt64

    public init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        self.size = size; self.modified = modified; self.changed = changed; self.inode = inode
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

/// What is at a path itself (symbolic links not followed): the kinds `gongshi_scan_folder` reports.
public enum FileKind: UInt8, Sendable {
    case file = 0, folder = 1, link = 2, other = 3
}

/// Reading the file system: listing, stat, reading, real paths. Used by loading
/// (content and templates), writing (the trees, the caches) and serving. What
/// changes the file system is `FileSystem`.
///
/// Symbolic links: `isDirectory` follows them (what opening the path would find: a
/// content or output folder may be a link to one); `kind(of:)` and `exists` do not
/// (the writer must never walk or write through a link).
public enum FileTree {
    public struct Entry: Sendable, Hashable {
        /// Relative to the root, `/`-separated.
        public var path: String
        public var isDirectory: Bool
    }

    /// Every file below `root` (hidden names skipped), sorted by path so the
    /// build never depends on directory order. Symbolic links are followed only
    /// to files inside the root; others are reported.
    public static func files(under root: String, diagnostics: inout Diagnostics, reportAs prefix: String = "") -> [String] {
        stampedFiles(under: root, diagnostics: &diagnostics, reportAs: prefix).map(\.path).sorted()
    }

    /// Like `files(under:)`, with each file's stamp, in a fixed order (each folder's
    /// names sorted by bytes, folders depth first) rather than sorted by whole path:
    /// sorting 20,000 paths that share long prefixes cost more than the walk. Folders
    /// are scanned level by level, each level's folders on every core, each by one C
    /// call that lists and stats (`gongshi_scan_folder`): per-entry Swift strings and
    /// calls were most of the walk, which was a fifth of an incremental build.
    public static func stampedFiles(under root: String, diagnostics: inout Diagnostics, reportAs prefix: String = "")
        -> [(path: String, stamp: FileStamp)] {
        var sawLink = false
        return stampedFiles(under: root, diagnostics: &diagnostics, reportAs: prefix, sawLink: &sawLink)
    }

    /// `stampedFiles`, also saying whether a symbolic link was met (`FileListing` keeps no listing with one).
    static func stampedFiles(under root: String, diagnostics: inout Diagnostics, reportAs prefix: String = "", sawLink: inout Bool)
        -> [(path: String, stamp: FileStamp)] {
        let realRoot = realPath(root) ?? root
        func join(_ relative: String, _ name: String) -> String { relative.isEmpty ? name : relative + "/" + name }
        var scanned: [String: [ScannedEntry]] = [:]
        var level = [""]
        while !level.isEmpty {
            let results = Parallel.map(level) { relative in scan(relative.isEmpty ? root : root + "/" + relative) }
            var next: [String] = []
            for (relative, entries) in zip(level, results) {
                scanned[relative] = entries
                for entry in entries where entry.kind == .folder { next.append(join(relative, entry.name)) }
            }
            level = next
        }
        var result: [(path: String, stamp: FileStamp)] = []
        func visit(_ relative: String) {
            let entries = scanned[relative] ?? []
            for entry in entries {
                let path = join(relative, entry.name)
                switch entry.kind {
                case .file: result.append((path, entry.stamp))
                case .link:
                    sawLink = true
                    let full = root + "/" + path
                    guard let target = realPath(full), target.hasPrefix(realRoot + "/") else {
                        diagnostics.error(SourceLocation(path: prefix + path), "这是指向文件夹之外的符号链接，不会被读取；请把文件本身复制到这里",
                                          en: "symbolic link points outside the content folder; it is not read")
                        continue
                    }
                    var targetInfo = stat()
                    if stat(full, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG {
                        result.append((path, FileStamp(targetInfo)))
                    } else {
                        diagnostics.error(SourceLocation(path: prefix + path), "这个符号链接指向文件夹（或指向的文件已不存在），不会被读取；请把文件本身复制到这里",
                                          en: "symbolic links to folders are not followed")
                    }
                case .folder, .other: continue
                }
            }
            for entry in entries where entry.kind == .folder { visit(join(relative, entry.name)) }
        }
        visit("")
        return result
    }

    struct ScannedEntry {
        var name: String
        var kind: FileKind
        var stamp: FileStamp
    }

    /// One folder's visible entries, sorted, with files' stamps; empty when it cannot be read.
    static func scan(_ directory: String) -> [ScannedEntry] {
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var length: UInt = 0
        let count = gongshi_scan_folder(directory, &buffer, &length)
        guard count >= 0, let buffer else { return [] }
        defer { free(buffer) }
        var entries: [ScannedEntry] = []
        entries.reserveCapacity(count)
        let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(length))
        var offset = 0
        while offset + 3 <= bytes.count {
            let kind = FileKind(rawValue: bytes[offset]) ?? .other
            let nameLength = Int(bytes[offset + 1]) | Int(bytes[offset + 2]) << 8
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(offset + 3)..<(offset + 3 + nameLength)]), as: UTF8.self)
            let fields = offset + 3 + nameLength
            func field(_ i: Int) -> Int64 { bytes.loadUnaligned(fromByteOffset: fields + 8 * i, as: Int64.self) }
            entries.append(ScannedEntry(name: name, kind: kind,
                                        stamp: FileStamp(size: field(0), modified: field(1), changed: field(2), inode: UInt64(bitPattern: field(3)))))
            offset = fields + 32
        }
        return entries
    }

    /// A folder's entries with their types, for the `serve` watcher.
    public static func entriesForWatch(in directory: String) -> [(name: String, type: UInt8)] { entries(in: directory) ?? [] }

    private static let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!

    /// A folder's entries with their types (DT_DIR, DT_REG, ...; DT_UNKNOWN where the file system does not say).
    static func entries(in directory: String) -> [(name: String, type: UInt8)]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var result: [(name: String, type: UInt8)] = []
        while let entry = readdir(dir) {
            let raw = UnsafeRawPointer(entry)
            let name = String(cString: raw.advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { result.append((name, raw.load(fromByteOffset: typeOffset, as: UInt8.self))) }
        }
        return result
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// The entries of a folder, `.` and `..` excepted, hidden ones included; nil when it cannot be read.
    public static func names(in directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            // Read the name in place: readdir's entries are only d_reclen bytes long, so
            // copying a whole `dirent` (entry.pointee) can read past the end of the
            // mapped buffer and crash (it did, on a 20k-file folder).
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A folder is at `path`, following symbolic links (stat(2)). The one meaning of
    /// "is a directory" in Gongshi; code that must not follow links asks `kind(of:)`.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// What is at `path` itself, a symbolic link not followed (lstat(2)); nil when nothing is.
    public static func kind(of path: String) -> FileKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return kind(info.st_mode)
    }

    static func kind(_ mode: mode_t) -> FileKind {
        switch mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .folder
        case S_IFLNK: .link
        default: .other
        }
    }

    /// Something is at `path`, a dangling symbolic link too (lstat(2)).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The whole file, or nil when it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while true {
            if offset == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096)) }
            let n = bytes.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            offset += n
        }
        bytes.removeSubrange(offset...)
        return bytes
    }
}
