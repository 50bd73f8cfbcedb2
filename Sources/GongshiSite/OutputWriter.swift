#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGongshiSys
import GongshiContent
import GongshiModel
import GongshiRender

/// Writes a finished site without ever showing a half-built one.
///
/// Two trees are used in turn: the output folder and a hidden spare beside it
/// (`.public.gongshi-spare`). A build brings the spare up to date, writing only
/// files whose bytes changed and deleting files no longer produced, then the
/// two are exchanged in one atomic rename. Deleting and re-creating a 20k-page
/// tree costs seconds on these disks; this costs what changed.
///
/// When the spare holds nothing known (the first build after a cold one), a
/// second whole tree would cost as much as a cold build. Then the changed files
/// are written into the spare as a staging area and, when they are few
/// (`inPlaceLimit`), renamed into the output one by one; when they are many, the
/// unchanged files are hard-linked from the output into the spare and the trees
/// are exchanged as usual. See docs/decisions.md, "Incremental builds".
public struct OutputWriter: Sendable {
    public let output: String
    public var spare: String { sibling("gongshi-spare") }
    public var lockPath: String { sibling("gongshi-lock") }

    public struct Stats: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public enum Failure: Error, CustomStringConvertible {
        case locked(String)
        case io(String, Int32)
        case unsafePath(String)

        public var description: String {
            switch self {
            case .locked(let path): return "another gongshi build is writing this output (lock \(path)); try again when it has finished"
            case .io(let path, let code): return "\(path): \(String(cString: strerror(code)))"
            case .unsafePath(let path): return "refusing to write \(path): it would land outside the output folder"
            }
        }
    }

    public init(output: String, inPlaceLimit: Int = OutputWriter.defaultInPlaceLimit) {
        self.inPlaceLimit = inPlaceLimit
        var path = output
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.output = path
    }

    private func sibling(_ suffix: String) -> String {
        let slash = output.lastIndex(of: "/")
        let parent = slash.map { String(output[..<$0]) } ?? "."
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        return (parent.isEmpty ? "" : parent) + "/." + name + "." + suffix
    }

    /// Holds an exclusive lock for the duration of `body`: two builds into the
    /// same output would otherwise write the same spare tree.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        if let slash = output.lastIndex(of: "/"), slash > output.startIndex {
            try FileSystem.makeDirectories(String(output[..<slash]))
        }
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io(lockPath, errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw Failure.locked(lockPath) }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// The folder for what one build leaves the next: tree manifests and the content cache.
    public var cacheFolder: String { sibling("gongshi-cache") }

    /// A file of the finished site. `bytes` is nil when the caller knows the
    /// spare already holds exactly this file (same hash in its manifest).
    public struct PublishedFile: Sendable {
        public var path: String
        public var bytes: [UInt8]?
        public var hash: UInt64
        /// What the file was made from, so a later build can skip making it again.
        public var fingerprint: UInt64
        public init(path: String, bytes: [UInt8]?, hash: UInt64, fingerprint: UInt64 = 0) {
            self.path = path; self.bytes = bytes; self.hash = hash; self.fingerprint = fingerprint
        }
    }

    /// The spare tree as the next build finds it.
    public struct Spare: Sendable {
        /// Just made: empty, nothing to compare or remove.
        public var fresh: Bool
        /// What the spare holds, when it is known for certain.
        public var manifest: TreeManifest?
        var identity: String
        /// What the output tree holds, when the spare holds nothing known but the
        /// output does: the build then writes only what differs from the output.
        /// Never set together with `manifest`.
        public var live: TreeManifest?

        /// The manifest of the tree this build's pages are compared with.
        public var target: TreeManifest? { manifest ?? live }
    }

    /// By default, at most this many files written or removed go into the output in
    /// place, by renames (about 10 µs each); more build a whole tree to exchange.
    public static let defaultInPlaceLimit = 1000
    /// This writer's limit; 0 never writes in place (`--atomic`).
    public let inPlaceLimit: Int

    /// What the two trees hold, read without changing anything (so it can run while content loads).
    public struct Survey: Sendable {
        var spareIdentity: String?
        var spareManifest: TreeManifest?
        var live: TreeManifest?
    }

    /// - Parameter useOutput: when the spare holds nothing known, compare with the output tree instead.
    public func survey(useOutput: Bool = true) -> Survey {
        var result = Survey()
        if FileSystem.isDirectory(spare), let identity = try? treeIdentity(spare) {
            result.spareIdentity = identity
            result.spareManifest = TreeManifest.read(cacheFolder + "/" + TreeManifest.fileName(identity), identity: identity)
        }
        if result.spareManifest == nil, useOutput, FileSystem.isDirectory(output), let outputIdentity = try? treeIdentity(output) {
            result.live = TreeManifest.read(cacheFolder + "/" + TreeManifest.fileName(outputIdentity), identity: outputIdentity)
        }
        return result
    }

    /// Makes sure the spare tree exists; what it and the output hold comes from `survey`.
    public func openSpare(_ survey: Survey) throws -> Spare {
        var fresh = false
        if !FileSystem.isDirectory(spare) {
            if FileTree.exists(spare) { throw Failure.io(spare, EEXIST) }
            try FileSystem.makeDirectories(spare)
            fresh = true
        }
        let identity = try treeIdentity(spare)
        // The survey stands only for the tree it looked at (the lock keeps other builds out).
        let manifest = !fresh && survey.spareIdentity == identity ? survey.spareManifest : nil
        return Spare(fresh: fresh, manifest: manifest, identity: identity, live: manifest == nil ? survey.live : nil)
    }

    /// Starts writing into the spare tree, batch by batch; `finish` swaps it in.
    public func begin(_ spareState: Spare) throws -> Publication {
        let manifestPath = cacheFolder + "/" + TreeManifest.fileName(spareState.identity)
        // Forget what the spare held before touching it: a build killed while
        // writing must leave no manifest that would vouch for a half-written tree.
        unlink(manifestPath)
        return Publication(writer: self, spareState: spareState, manifestPath: manifestPath)
    }

    /// One build's writing into the spare tree. Pages arrive in batches, so a
    /// 100,000-report site never holds all its pages in memory at once.
    public final class Publication {
        let writer: OutputWriter
        let spareState: Spare
        let manifestPath: String
        var stats = Stats()
        var added = 0
        var madeFolders = Set<String>()
        /// Files written into the spare when it stages changes to the output (`Spare.live`).
        var staged: [String] = []
        /// Files of the output left as they are without being made or recorded (`OutputFile.Contents.kept`).
        public var kept: [String] = []
        /// Recorded in the manifest: what the tree's report pages read (`SiteRenderer.keptRecord`).
        public var keptRecord = KeptRecord(recipe: [], hash: 0)

        init(writer: OutputWriter, spareState: Spare, manifestPath: String) {
            self.writer = writer; self.spareState = spareState; self.manifestPath = manifestPath
        }

        /// What the manifest records of each file of the finished site.
        public struct Record: Sendable {
            public var path: String
            public var hash: UInt64
            public var fingerprint: UInt64
            /// What the file was made from (`OutputFile.recipe`).
            public var recipe: [UInt8]
            /// Made this build (bytes were written or compared), not known unchanged from its inputs.
            public var made: Bool
            public init(path: String, hash: UInt64, fingerprint: UInt64, recipe: [UInt8], made: Bool) {
                self.path = path; self.hash = hash; self.fingerprint = fingerprint; self.recipe = recipe; self.made = made
            }
        }

        public func write(_ files: [PublishedFile]) throws {
            for file in files where !OutputWriter.isSafe(file.path) { throw Failure.unsafePath(file.path) }
            let spare = writer.spare
            if let live = spareState.live {
                // The spare stages what differs from the output tree; `finish` decides how it goes in.
                let results = Parallel.map(files) { file -> Result<Bool, Failure> in
                    guard let bytes = file.bytes, live.entries[file.path]?.hash != file.hash else { return .success(false) }
                    do { try FileSystem.replace(spare + "/" + file.path, bytes) } catch let error as Failure { return .failure(error) } catch {
                        return .failure(.io(file.path, EIO))
                    }
                    return .success(true)
                }
                for (file, result) in zip(files, results) {
                    switch result {
                    case .success(true):
                        staged.append(file.path)
                        if live.entries[file.path] == nil { added += 1 }
                    case .success(false): stats.unchanged += 1
                    case .failure(let error): throw error
                    }
                }
                stats.written = staged.count
            } else if spareState.fresh {
                // An empty tree: make each folder once, then write, with no checks.
                var folders = Set<String>()
                for file in files {
                    if let slash = file.path.lastIndex(of: "/") {
                        let folder = String(file.path[..<slash])
                        if !madeFolders.contains(folder) { folders.insert(folder) }
                    }
                }
                madeFolders.formUnion(folders)
                // One thread per parent folder: two threads making folders in the same
                // parent wait on its lock (a fifth of a 20k-page build went there).
                let byParent = Dictionary(grouping: folders.sorted()) { folder in folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? "" }
                let groups = byParent.keys.sorted().map { byParent[$0]! }
                let made = Parallel.map(groups) { group -> Failure? in
                    for folder in group {
                        do { try FileSystem.makeDirectories(spare + "/" + folder) } catch let error as Failure { return error } catch {
                            return .io(folder, EIO)
                        }
                    }
                    return nil
                }
                if let failure = made.compactMap({ $0 }).first { throw failure }
                let results = Parallel.map(files) { file -> Failure? in
                    guard let bytes = file.bytes else { return .io(spare + "/" + file.path, ENOENT) }
                    do { try FileSystem.write(spare + "/" + file.path, bytes); return nil } catch let error as Failure { return error } catch {
                        return .io(file.path, EIO)
                    }
                }
                if let failure = results.compactMap({ $0 }).first { throw failure }
                stats.written += files.count
            } else if let manifest = spareState.manifest {
                // A known tree: write what differs from the manifest.
                enum Outcome: Sendable { case unchanged, written, added, failed(Failure) }
                let results = Parallel.map(files) { file -> Outcome in
                    if file.bytes == nil { return .unchanged }  // known unchanged from its inputs
                    let known = manifest.entries[file.path]
                    if known?.hash == file.hash { return .unchanged }
                    guard let bytes = file.bytes else { return .failed(.io(spare + "/" + file.path, ENOENT)) }
                    do { try FileSystem.replace(spare + "/" + file.path, bytes) } catch let error as Failure { return .failed(error) } catch {
                        return .failed(.io(file.path, EIO))
                    }
                    return known == nil ? .added : .written
                }
                for result in results {
                    switch result {
                    case .written: stats.written += 1
                    case .added: stats.written += 1; added += 1
                    case .unchanged: stats.unchanged += 1
                    case .failed(let error): throw error
                    }
                }
            } else {
                // A tree left by a killed build or an older Gongshi: compare bytes.
                let results = Parallel.map(files) { file -> Result<Bool, Failure> in
                    let target = spare + "/" + file.path
                    guard let bytes = file.bytes else { return .failure(.io(target, ENOENT)) }
                    do { return .success(try FileSystem.writeIfChanged(target, bytes)) } catch let error as Failure { return .failure(error) } catch {
                        return .failure(.io(target, EIO))
                    }
                }
                for result in results {
                    switch result {
                    case .success(true): stats.written += 1
                    case .success(false): stats.unchanged += 1
                    case .failure(let error): throw error
                    }
                }
            }
        }

        /// Removes what the site no longer has, records what the tree holds, and swaps it in.
        public func finish(_ records: [Record]) throws -> Stats {
            if let live = spareState.live { return try finishFromOutput(live, records) }
            let spare = writer.spare
            var stale: [String] = []
            if spareState.fresh {
                // nothing to remove
            } else if let manifest = spareState.manifest {
                // Every manifest path still produced? Then nothing went, and no set of 20,000 paths is needed.
                if records.count - added != manifest.entries.count {
                    let keep = Set(records.map(\.path))
                    stale = manifest.entries.keys.filter { !keep.contains($0) }.sorted()
                    for path in stale {
                        if unlink(spare + "/" + path) == 0 { stats.removed += 1 }
                        FileSystem.removeEmptyFolders(above: path, in: spare)
                    }
                }
            } else {
                stats.removed = try FileSystem.removeAll(under: spare, except: Set(records.map(\.path)))
            }
            var manifest: TreeManifest
            if let known = spareState.manifest {
                // Files not made this time hold what the manifest says; update only the others.
                manifest = known
                for path in stale { manifest.entries[path] = nil }
                for record in records where record.made {
                    manifest.entries[record.path] = .init(hash: record.hash, fingerprint: record.fingerprint, recipe: manifest.intern(record.recipe))
                }
            } else {
                manifest = TreeManifest(identity: spareState.identity)
                manifest.entries.reserveCapacity(records.count)
                for record in records {
                    manifest.entries[record.path] = .init(hash: record.hash, fingerprint: record.fingerprint, recipe: manifest.intern(record.recipe))
                }
            }
            precondition(kept.isEmpty, "pages are kept only when the output is written in place")
            manifest.kept = keptRecord
            try FileSystem.makeDirectories(writer.cacheFolder)
            try manifest.write(to: manifestPath)
            try writer.swap()
            return stats
        }

        /// Finishes a build that staged its changes to the output tree (`Spare.live`).
        private func finishFromOutput(_ live: TreeManifest, _ records: [Record]) throws -> Stats {
            let spare = writer.spare, output = writer.output
            stats.unchanged += kept.count
            var stale: [String] = []
            // Every file of the output still produced (made, unchanged or kept)? Then nothing went.
            if records.count + kept.count - added != live.entries.count {
                let keep = Set(records.map(\.path)).union(kept)
                stale = live.entries.keys.filter { !keep.contains($0) }.sorted()
            }
            var manifest = live
            manifest.kept = keptRecord
            for path in stale { manifest.entries[path] = nil }
            for record in records where record.made {
                manifest.entries[record.path] = .init(hash: record.hash, fingerprint: record.fingerprint, recipe: manifest.intern(record.recipe))
            }
            try FileSystem.makeDirectories(writer.cacheFolder)
            let liveManifestPath = writer.cacheFolder + "/" + TreeManifest.fileName(live.identity)
            if staged.count + stale.count <= writer.inPlaceLimit {
                // Few changes: each file is renamed over its old version (readers see one or the
                // other). The output's manifest goes first: if this is killed midway, the next
                // build finds no tree it can trust and writes a whole one.
                unlink(liveManifestPath)
                for path in staged.sorted() {
                    let target = output + "/" + path
                    var info = stat()
                    if lstat(target, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { try FileSystem.removeTree(target) }
                    if rename(spare + "/" + path, target) != 0 {
                        guard errno == ENOENT, let slash = path.lastIndex(of: "/") else { throw Failure.io(target, errno) }
                        try FileSystem.makeDirectories(output + "/" + path[..<slash])
                        guard rename(spare + "/" + path, target) == 0 else { throw Failure.io(target, errno) }
                    }
                    FileSystem.removeEmptyFolders(above: path, in: spare)
                }
                for path in stale {
                    if unlink(output + "/" + path) == 0 { stats.removed += 1 }
                    FileSystem.removeEmptyFolders(above: path, in: output)
                }
                try manifest.write(to: liveManifestPath)
                return stats
            }
            // Many changes: the spare becomes a whole tree, its unchanged files hard links to the
            // output's (writes never truncate a linked file: see `FileSystem.replace`), and is swapped in.
            let stagedSet = Set(staged)
            let linked = manifest.entries.keys.filter { !stagedSet.contains($0) }
            let failures = Parallel.map(linked) { path -> Failure? in
                do { try FileSystem.link(output + "/" + path, spare + "/" + path) } catch let error as Failure { return error } catch {
                    return .io(path, EIO)
                }
                return nil
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            if !spareState.fresh {  // whatever else a spare nobody vouched for holds
                _ = try FileSystem.removeAll(under: spare, except: Set(manifest.entries.keys))
            }
            stats.removed = stale.count
            var whole = manifest
            whole.identity = spareState.identity
            try whole.write(to: manifestPath)
            try writer.swap()
            return stats
        }
    }

    func treeIdentity(_ path: String) throws -> String {
        var inode: UInt64 = 0
        var seconds: Int64 = 0, nanoseconds: Int64 = 0
        guard gongshi_tree_identity(path, &inode, &seconds, &nanoseconds) == 0 else { throw Failure.io(path, errno) }
        return "\(inode)-\(seconds).\(nanoseconds)"
    }

    /// Exchanges spare and output atomically; falls back to renames where the
    /// file system cannot exchange.
    func swap() throws {
        guard FileTree.exists(output) else {
            guard rename(spare, output) == 0 else { throw Failure.io(output, errno) }
            return
        }
        if gongshi_exchange_paths(spare, output) == 0 { return }
        let aside = sibling("gongshi-old")
        guard rename(output, aside) == 0 else { throw Failure.io(output, errno) }
        guard rename(spare, output) == 0 else {
            let code = errno
            _ = rename(aside, output)
            throw Failure.io(output, code)
        }
        guard rename(aside, spare) == 0 else { throw Failure.io(spare, errno) }
    }

    /// Relative, no `..`, no empty segments, no NUL.
    /// On bytes: splitting 21,000 paths into Substrings was 7% of an incremental build.
    static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard let first = bytes.first, first != UInt8(ascii: "/") else { return false }
            var start = 0
            for i in 0...bytes.count {
                if i < bytes.count, bytes[i] != UInt8(ascii: "/") {
                    if bytes[i] == 0 { return false }
                    continue
                }
                let dot = UInt8(ascii: ".")
                switch i - start {
                case 0: return false
                case 1 where bytes[start] == dot: return false
                case 2 where bytes[start] == dot && bytes[start + 1] == dot: return false
                default: break
                }
                start = i + 1
            }
            return true
        }
    }
}

/// POSIX helpers for the write stage.
enum FileSystem {
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func makeDirectories(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else {
            throw OutputWriter.Failure.io(path, errno)
        }
        try makeDirectories(String(path[..<slash]))
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw OutputWriter.Failure.io(path, errno) }
    }

    /// Creates (or truncates) `path` and writes `bytes`; the folder must exist.
    static func write(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw OutputWriter.Failure.io(path, errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path)
    }

    /// Hard-links `source` at `path`, making its folders and clearing whatever is there.
    static func link(_ source: String, _ path: String) throws {
        if Glibc.link(source, path) == 0 { return }
        var code = errno
        if code == EEXIST {
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { try removeTree(path) } else { unlink(path) }
        } else if code == ENOENT, let slash = path.lastIndex(of: "/") {
            try makeDirectories(String(path[..<slash]))
        } else {
            throw OutputWriter.Failure.io(path, code)
        }
        guard Glibc.link(source, path) == 0 else { code = errno; throw OutputWriter.Failure.io(path, code) }
    }

    /// Writes beside `path`, then renames over it: readers see the old file or the new one.
    static func replaceAtomically(_ path: String, _ bytes: [UInt8]) throws {
        let temporary = path + ".tmp"
        try write(temporary, bytes)
        guard rename(temporary, path) == 0 else { throw OutputWriter.Failure.io(path, errno) }
    }

    /// Writes `path`, making its folders and clearing a folder or link in the way.
    /// A file with other hard links (shared with the other tree) is replaced, never truncated.
    static func replace(_ path: String, _ bytes: [UInt8]) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { try removeTree(path) }
            else if info.st_mode & S_IFMT == S_IFLNK || info.st_nlink > 1 { unlink(path) }
        }
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0, errno == ENOENT || errno == ENOTDIR, let slash = path.lastIndex(of: "/") {
            try makeDirectories(String(path[..<slash]))
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { throw OutputWriter.Failure.io(path, errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 { if errno == EINTR { continue }; throw OutputWriter.Failure.io(path, errno) }
            offset += n
        }
    }

    /// After removing `relative`, removes its folders that are now empty, innermost first.
    static func removeEmptyFolders(above relative: String, in root: String) {
        var path = Substring(relative)
        while let slash = path.lastIndex(of: "/") {
            path = path[..<slash]
            if rmdir(root + "/" + path) != 0 { return }
        }
    }

    /// Writes only when the bytes differ, so unchanged pages keep their
    /// timestamps and cost no disk writes. Returns whether it wrote.
    static func writeIfChanged(_ path: String, _ bytes: [UInt8]) throws -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { try removeTree(path) }
            else if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.count, FileTree.read(path) == bytes { return false }
            else if info.st_mode & S_IFMT == S_IFLNK || info.st_nlink > 1 { unlink(path) }
        }
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0, errno == ENOENT, let slash = path.lastIndex(of: "/") {
            try makeDirectories(String(path[..<slash]))
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { throw OutputWriter.Failure.io(path, errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 { if errno == EINTR { continue }; throw OutputWriter.Failure.io(path, errno) }
            offset += n
        }
        return true
    }

    /// Removes every file under `root` whose relative path is not in `keep`,
    /// then the folders left empty. Returns how many files went.
    static func removeAll(under root: String, except keep: Set<String>) throws -> Int {
        var removed = 0
        func walk(_ relative: String) -> Bool {  // returns whether the folder is now empty
            let directory = relative.isEmpty ? root : root + "/" + relative
            guard let names = FileTree.names(in: directory) else { return false }
            var empty = true
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                let full = root + "/" + path
                if isDirectory(full) {
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

    static func removeTree(_ path: String) throws {
        _ = try removeAll(under: path, except: [])
        rmdir(path)
    }
}
