#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

/// File system access for the load stage: listing and reading, confined to one root.
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
    /// names sorted, folders depth first) rather than sorted by whole path: sorting
    /// 20,000 paths that share long prefixes cost more than the walk. Folders are
    /// listed in one thread (readdir's entry types tell folders from files); the
    /// files are then stat'ed on every core.
    public static func stampedFiles(under root: String, diagnostics: inout Diagnostics, reportAs prefix: String = "")
        -> [(path: String, stamp: FileStamp)] {
        let realRoot = realPath(root) ?? root
        // Folders first, in one thread: each folder's entries, subfolders taken in name order.
        var folders: [(relative: String, entries: [(name: String, type: UInt8)])] = []
        var stack = [""]
        while let relative = stack.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            let listed = (entries(in: directory) ?? []).filter { !$0.name.hasPrefix(".") && !$0.name.hasSuffix("~") }
            folders.append((relative, listed))
            let subfolders = listed.filter { Int32($0.type) == Int32(DT_DIR) }.map(\.name).sorted()
            stack += subfolders.reversed().map { relative.isEmpty ? $0 : relative + "/" + $0 }  // popped in name order
        }
        // Then each folder's files, stat'ed relative to the open folder (no path walk
        // per file), the folders spread over every core.
        enum Found: Sendable { case file(FileStamp), folder, outside, folderLink, none }
        let perFolder = Parallel.map(folders) { folder -> [(path: String, found: Found)] in
            let directory = folder.relative.isEmpty ? root : root + "/" + folder.relative
            let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if fd >= 0 { close(fd) } }
            var out: [(path: String, found: Found)] = []
            for (name, type) in folder.entries.sorted(by: { $0.name < $1.name }) where Int32(type) != Int32(DT_DIR) {
                guard [Int32(DT_REG), Int32(DT_LNK), Int32(DT_UNKNOWN)].contains(Int32(type)) else { continue }
                let path = folder.relative.isEmpty ? name : folder.relative + "/" + name
                var info = stat()
                guard fd >= 0, fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { out.append((path, .none)); continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: out.append((path, .file(FileStamp(info))))
                case S_IFDIR: out.append((path, .folder))
                case S_IFLNK:
                    let full = root + "/" + path
                    guard let target = realPath(full), target.hasPrefix(realRoot + "/") else { out.append((path, .outside)); continue }
                    var targetInfo = stat()
                    if stat(full, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG {
                        out.append((path, .file(FileStamp(targetInfo))))
                    } else {
                        out.append((path, .folderLink))
                    }
                default: out.append((path, .none))
                }
            }
            return out
        }
        let candidates = perFolder.flatMap { $0.map(\.path) }
        let found = perFolder.flatMap { $0.map(\.found) }
        var result: [(path: String, stamp: FileStamp)] = []
        result.reserveCapacity(candidates.count)
        for (path, kind) in zip(candidates, found) {
            switch kind {
            case .file(let stamp): result.append((path, stamp))
            case .folder:  // a folder readdir could not type: walk it the slow way
                result += stampedFiles(under: root + "/" + path, diagnostics: &diagnostics, reportAs: prefix + path + "/")
                    .map { (path + "/" + $0.path, $0.stamp) }
            case .outside:
                diagnostics.error(SourceLocation(path: prefix + path), "symbolic link points outside the content folder; it is not read")
            case .folderLink:
                diagnostics.error(SourceLocation(path: prefix + path), "symbolic links to folders are not followed")
            case .none: continue
            }
        }
        return result
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

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

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
