import Glibc
import CGongshiSys

/// A system call that failed: the path it was about and errno.
public struct FileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var code: Int32

    public init(_ path: String, _ code: Int32) { self.path = path; self.code = code }

    /// ENOENT: no such file.
    public static func missing(_ path: String) -> FileError { FileError(path, ENOENT) }

    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// Changing the file system: every POSIX call that writes, renames, links, removes
/// or locks is here, so the writer above it is only about which file goes where.
/// Reading is `FileTree`. Linux only (renameat2, statx, flock).
///
/// Symbolic links are never followed: a link in the way is removed, not written
/// through, and walks do not descend into linked folders.
public enum FileSystem {
    /// Makes `path` and the folders above it; a folder already there is fine.
    public static func makeDirectories(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else {
            throw FileError(path, errno)
        }
        try makeDirectories(String(path[..<slash]))
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw FileError(path, errno) }
    }

    /// Makes the folder `path` unless a folder (not a link to one) is there; something
    /// else there is an error (EEXIST). Returns whether it made the folder.
    public static func makeFolderUnlessPresent(_ path: String) throws -> Bool {
        switch FileTree.kind(of: path) {
        case .folder: return false
        case nil:
            try makeDirectories(path)
            return true
        case .file, .link, .other: throw FileError(path, EEXIST)
        }
    }

    /// Creates (or truncates) `path` and writes `bytes`; the folder must exist.
    /// Only for a tree known to hold nothing at `path` (a fresh one).
    public static func write(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw FileError(path, errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path)
    }

    /// Writes `path` (replacing what is there) from pieces: `produce` calls the function it is given
    /// with each piece in turn, so the whole file is never in memory.
    public static func write(_ path: String, pieces produce: ((([UInt8]) throws -> Void)) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw FileError(path, errno) }
        defer { close(fd) }
        try produce { try writeAll(fd, $0, path) }
    }

    /// Writes `path`, making its folders and clearing a folder or link in the way.
    /// A file with other hard links (shared with the other tree) is replaced, never truncated.
    public static func replace(_ path: String, _ bytes: [UInt8]) throws {
        var info = stat()
        if lstat(path, &info) == 0 { try clear(path, info) }
        try writeMakingFolders(path, bytes)
    }

    /// Like `replace`, but only when the bytes differ, so unchanged files keep their
    /// timestamps and cost no disk writes. Returns whether it wrote.
    public static func writeIfChanged(_ path: String, _ bytes: [UInt8]) throws -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 {
            if FileTree.kind(info.st_mode) == .file, Int(info.st_size) == bytes.count, FileTree.read(path) == bytes { return false }
            try clear(path, info)
        }
        try writeMakingFolders(path, bytes)
        return true
    }

    /// Writes beside `path`, then renames over it: readers see the old file or the new one.
    public static func replaceAtomically(_ path: String, _ bytes: [UInt8]) throws {
        try replaceAtomically(path, pieces: { try $0(bytes) })
    }

    /// `replaceAtomically` from pieces (see `write(_:pieces:)`).
    public static func replaceAtomically(_ path: String, pieces produce: ((([UInt8]) throws -> Void)) throws -> Void) throws {
        let temporary = path + ".tmp"
        try write(temporary, pieces: produce)
        guard Glibc.rename(temporary, path) == 0 else { throw FileError(path, errno) }
    }

    /// Hard-links `source` at `path`, making its folders and clearing whatever is there.
    public static func link(_ source: String, _ path: String) throws {
        if Glibc.link(source, path) == 0 { return }
        let code = errno
        if code == EEXIST {
            if FileTree.kind(of: path) == .folder { try removeTree(path) } else { unlink(path) }
        } else if code == ENOENT, let slash = path.lastIndex(of: "/") {
            try makeDirectories(String(path[..<slash]))
        } else {
            throw FileError(path, code)
        }
        guard Glibc.link(source, path) == 0 else { throw FileError(path, errno) }
    }

    /// Renames `source` over `target` in one step (readers see the old file or the
    /// new one), first removing a folder in the way and making `target`'s folders.
    public static func moveOver(_ source: String, _ target: String) throws {
        if FileTree.kind(of: target) == .folder { try removeTree(target) }
        if Glibc.rename(source, target) == 0 { return }
        guard errno == ENOENT, let slash = target.lastIndex(of: "/") else { throw FileError(target, errno) }
        try makeDirectories(String(target[..<slash]))
        guard Glibc.rename(source, target) == 0 else { throw FileError(target, errno) }
    }

    /// rename(2); a failure names `reported` (the path the caller's message is about).
    public static func rename(_ source: String, to target: String, reporting reported: String? = nil) throws {
        guard Glibc.rename(source, target) == 0 else { throw FileError(reported ?? target, errno) }
    }

    /// Exchanges two paths atomically (renameat2 RENAME_EXCHANGE); false where the
    /// file system or kernel cannot.
    public static func exchange(_ a: String, _ b: String) -> Bool {
        gongshi_exchange_paths(a, b) == 0
    }

    /// Removes the file (or link) `path`; returns whether there was one.
    @discardableResult
    public static func removeFile(_ path: String) -> Bool { unlink(path) == 0 }

    /// After removing `relative`, removes its folders that are now empty, innermost first.
    public static func removeEmptyFolders(above relative: String, in root: String) {
        var path = Substring(relative)
        while let slash = path.lastIndex(of: "/") {
            path = path[..<slash]
            if rmdir(root + "/" + path) != 0 { return }
        }
    }

    /// Removes every file under `root` whose relative path is not in `keep`,
    /// then the folders left empty. Returns how many files went. Links to
    /// folders are removed like files, never walked into.
    public static func removeAll(under root: String, except keep: Set<String>) throws -> Int {
        var removed = 0
        func walk(_ relative: String) -> Bool {  // returns whether the folder is now empty
            let directory = relative.isEmpty ? root : root + "/" + relative
            guard let names = FileTree.names(in: directory) else { return false }
            var empty = true
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                let full = root + "/" + path
                if FileTree.kind(of: full) == .folder {
                    if walk(path) { rmdir(full) } else { empty = false }
                } else if keep.contains(path) {
                    empty = false
                } else {
                    unlink(full)
                    removed += 1
                }
            }
            return empty
        }
        _ = walk("")
        return removed
    }

    public static func removeTree(_ path: String) throws {
        _ = try removeAll(under: path, except: [])
        rmdir(path)
    }

    /// A folder's inode and birth time (statx), which survive renames: together they
    /// tell the two output trees apart and notice a tree deleted and made anew.
    public static func treeIdentity(_ path: String) throws -> String {
        var inode: UInt64 = 0
        var seconds: Int64 = 0, nanoseconds: Int64 = 0
        guard gongshi_tree_identity(path, &inode, &seconds, &nanoseconds) == 0 else { throw FileError(path, errno) }
        return "\(inode)-\(seconds).\(nanoseconds)"
    }

    /// Runs `body` holding an exclusive lock (flock) on the file `path`, made if
    /// missing; throws `busy` at once when another process holds it.
    public static func withExclusiveLock<T>(_ path: String, busy: @autoclosure () -> any Error, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path, errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw busy() }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Clears what `lstat` found at `path` before it is written: a folder is removed,
    /// and so is a link or a file with other hard links (truncating it would change
    /// the other tree); a plain file is left to be truncated.
    private static func clear(_ path: String, _ info: stat) throws {
        switch FileTree.kind(info.st_mode) {
        case .folder: try removeTree(path)
        case .link: unlink(path)
        case .file, .other: if info.st_nlink > 1 { unlink(path) }
        }
    }

    /// Creates or truncates `path` (never through a link), making its folders, and writes `bytes`.
    private static func writeMakingFolders(_ path: String, _ bytes: [UInt8]) throws {
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0, errno == ENOENT || errno == ENOTDIR, let slash = path.lastIndex(of: "/") {
            try makeDirectories(String(path[..<slash]))
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { throw FileError(path, errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 { if errno == EINTR { continue }; throw FileError(path, errno) }
            offset += n
        }
    }
}
