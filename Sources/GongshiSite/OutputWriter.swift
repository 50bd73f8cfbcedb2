import GongshiFiles
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
/// What the build does depends on what the spare holds (`Spare.State`): nothing
/// (just made), what its manifest says, or nothing known. In the last two cases,
/// when the output's manifest is known, the spare only stages the files that
/// differ from the output; when they are few (`inPlaceLimit`) they are renamed
/// into the output one by one, when many the unchanged files are hard-linked
/// from the output into the spare and the trees are exchanged as usual. See
/// docs/decisions.md, "Writing". The system calls are `FileSystem`'s.
public struct OutputWriter: Sendable {
    public let output: String
    public var spare: String { sibling("gongshi-spare") }
    public var lockPath: String { sibling("gongshi-lock") }

    public struct Stats: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    /// The writer's own refusals; what the file system refuses is a `FileError`.
    /// `description` is the Chinese text, `english` the same for `--lang en`.
    public enum Failure: Error, CustomStringConvertible {
        case locked(String)
        case unsafePath(String)

        public var description: String {
            switch self {
            case .locked(let path): return "另一个 gongshi 正在生成网站，写的是同一个输出文件夹（锁文件 \(path)）；请等它完成后再运行"
            case .unsafePath(let path): return "拒绝写入 \(path)：它会写到输出文件夹之外；请检查内容里的文件名和文件夹名"
            }
        }

        public var english: String {
            switch self {
            case .locked(let path): return "another gongshi build is writing this output (lock \(path)); try again when it has finished"
            case .unsafePath(let path): return "refusing to write \(path): it would land outside the output folder"
            }
        }

        /// The text in `language`.
        public func message(in language: Language) -> String { language.pick(description, english) }
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
        return try FileSystem.withExclusiveLock(lockPath, busy: Failure.locked(lockPath), body)
    }

    /// The folder for what one build leaves the next: tree manifests and the content cache.
    public var cacheFolder: String { sibling("gongshi-cache") }

    /// A file of the finished site. `bytes` is nil when the caller knows the
    /// target tree already holds exactly this file (same hash in its manifest).
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

    /// The spare tree as this build finds it.
    public struct Spare: Sendable {
        /// What the spare holds, and so how this build writes and finishes. Each
        /// state has one path through `Publication.write` and `Publication.finish`.
        public enum State: Sendable {
            /// Just made, empty: every file is written without looking; nothing to remove;
            /// the spare is recorded and exchanged with the output.
            case fresh
            /// Holds exactly what its manifest says: only files whose hash differs are
            /// written, files no longer produced are removed; recorded and exchanged.
            case known(TreeManifest)
            /// Holds nothing known, but the output tree's manifest is known (`output`):
            /// the spare only stages the files that differ from the output. `finish`
            /// renames them into the output one by one when, with the files that went,
            /// they are at most `inPlaceLimit` (no exchange); else it completes the
            /// spare with hard links to the output's unchanged files, removes whatever
            /// else it holds unless `spareWasEmpty`, and exchanges the trees.
            case staging(output: TreeManifest, spareWasEmpty: Bool)
            /// Holds nothing known (left by a killed build, an in-place build, or an older
            /// Gongshi) and the output is not compared with (unknown too, or `--full`):
            /// every file's bytes are compared with what is there, everything else is
            /// removed; recorded and exchanged.
            case unknown
        }

        public var state: State
        var identity: String

        /// The manifest of the tree this build's pages are compared with: the spare's, or
        /// the output's when the spare stages changes to it.
        public var target: TreeManifest? {
            switch state {
            case .known(let manifest), .staging(output: let manifest, spareWasEmpty: _): manifest
            case .fresh, .unknown: nil
            }
        }

        /// The output's manifest when this build writes the output itself (`.staging`):
        /// the only case where a page may be kept without being looked at.
        public var live: TreeManifest? {
            if case .staging(let output, _) = state { output } else { nil }
        }
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
        var outputManifest: TreeManifest?
    }

    /// - Parameter useOutput: when the spare holds nothing known, compare with the output tree instead.
    public func survey(useOutput: Bool = true) -> Survey {
        var result = Survey()
        if FileTree.kind(of: spare) == .folder, let identity = try? FileSystem.treeIdentity(spare) {
            result.spareIdentity = identity
            result.spareManifest = TreeManifest.read(cacheFolder + "/" + TreeManifest.fileName(identity), identity: identity)
        }
        if result.spareManifest == nil, useOutput, FileTree.kind(of: output) == .folder, let outputIdentity = try? FileSystem.treeIdentity(output) {
            result.outputManifest = TreeManifest.read(cacheFolder + "/" + TreeManifest.fileName(outputIdentity), identity: outputIdentity)
        }
        return result
    }

    /// Makes sure the spare tree exists and says what it holds, from `survey`.
    public func openSpare(_ survey: Survey) throws -> Spare {
        let made = try FileSystem.makeFolderUnlessPresent(spare)
        let identity = try FileSystem.treeIdentity(spare)
        let state: Spare.State
        // The survey stands only for the tree it looked at (the lock keeps other builds out).
        if !made, survey.spareIdentity == identity, let manifest = survey.spareManifest {
            state = .known(manifest)
        } else if let output = survey.outputManifest {
            state = .staging(output: output, spareWasEmpty: made)
        } else {
            state = made ? .fresh : .unknown
        }
        return Spare(state: state, identity: identity)
    }

    /// Starts writing into the spare tree, batch by batch; `finish` swaps it in.
    public func begin(_ spare: Spare) throws -> Publication {
        let manifestPath = cacheFolder + "/" + TreeManifest.fileName(spare.identity)
        // Forget what the spare held before touching it: a build killed while
        // writing must leave no manifest that would vouch for a half-written tree.
        FileSystem.removeFile(manifestPath)
        return Publication(writer: self, spare: spare, manifestPath: manifestPath)
    }

    /// One build's writing into the spare tree. Pages arrive in batches, so a
    /// 100,000-report site never holds all its pages in memory at once.
    public final class Publication {
        let writer: OutputWriter
        let spare: Spare
        let manifestPath: String
        var stats = Stats()
        /// Files written that the compared manifest did not have (`.known`, `.staging`).
        var added = 0
        /// The folders made so far (`.fresh`), by the hash of their path: at a million pages, each in its own
        /// folder, the paths themselves were some 90 MB. Two folders with one hash (odds about 1 in
        /// 30 million at a million) would leave the second unmade, and its files' writes would fail, not go astray.
        var madeFolders = Set<UInt64>()
        /// Files written into the spare to go into the output (`.staging`).
        var staged: [String] = []
        /// Files of the output left as they are without being made or recorded (`OutputFile.Contents.kept`; `.staging` only).
        public var kept: [String] = []
        /// Recorded in the manifest: what the tree's report pages read (`SiteRenderer.keptRecord`).
        public var keptRecord = KeptRecord(recipe: [], hash: 0)

        init(writer: OutputWriter, spare: Spare, manifestPath: String) {
            self.writer = writer; self.spare = spare; self.manifestPath = manifestPath
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
            switch spare.state {
            case .fresh: try writeEverything(files)
            case .known(let manifest): try writeChanges(files, from: manifest)
            case .staging(let output, _): try stage(files, from: output)
            case .unknown: try writeComparingBytes(files)
            }
        }

        /// Removes what the site no longer has, records what the tree holds, and swaps it in
        /// (or, staging a few changes, renames them into the output).
        public func finish(_ records: [Record]) throws -> Stats {
            switch spare.state {
            case .fresh:
                return try recordAndSwap(TreeManifest(identity: spare.identity), adding: records)
            case .known(var manifest):
                // Every manifest path still produced? Then nothing went, and no set of 20,000 paths is needed.
                if records.count - added != manifest.entries.count {
                    let keep = Set(records.map(\.path))
                    for path in manifest.entries.keys.filter({ !keep.contains($0) }).sorted() {
                        if FileSystem.removeFile(writer.spare + "/" + path) { stats.removed += 1 }
                        FileSystem.removeEmptyFolders(above: path, in: writer.spare)
                        manifest.entries[path] = nil
                    }
                }
                // Files not made this time hold what the manifest says; update only the others.
                for record in records where record.made {
                    let recipe = manifest.intern(record.recipe)
                    manifest.entries[record.path] = .init(hash: record.hash, fingerprint: record.fingerprint, recipe: recipe)
                }
                return try recordAndSwap(manifest)
            case .staging(let output, let spareWasEmpty):
                return try finishStaging(output, spareWasEmpty: spareWasEmpty, records)
            case .unknown:
                stats.removed = try FileSystem.removeAll(under: writer.spare, except: Set(records.map(\.path)))
                return try recordAndSwap(TreeManifest(identity: spare.identity), adding: records)
            }
        }

        // MARK: One path per state

        /// `.fresh`: make each folder once, then write, with no checks.
        private func writeEverything(_ files: [PublishedFile]) throws {
            let spare = writer.spare
            var folders = Set<String>()
            for file in files {
                if let slash = file.path.lastIndex(of: "/") {
                    let folder = String(file.path[..<slash])
                    if madeFolders.insert(ContentHash.of(folder)).inserted { folders.insert(folder) }
                }
            }
            // One thread per parent folder: two threads making folders in the same
            // parent wait on its lock (a fifth of a 20k-page build went there).
            let byParent = Dictionary(grouping: folders.sorted()) { folder in folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? "" }
            let groups = byParent.keys.sorted().map { byParent[$0]! }
            let made = Parallel.map(groups) { group -> (any Error)? in
                do { for folder in group { try FileSystem.makeDirectories(spare + "/" + folder) } } catch { return error }
                return nil
            }
            if let failure = made.compactMap({ $0 }).first { throw failure }
            let results = Parallel.map(files) { file -> (any Error)? in
                guard let bytes = file.bytes else { return FileError.missing(spare + "/" + file.path) }
                do { try FileSystem.write(spare + "/" + file.path, bytes) } catch { return error }
                return nil
            }
            if let failure = results.compactMap({ $0 }).first { throw failure }
            stats.written += files.count
        }

        /// `.known`: write what differs from the spare's manifest.
        private func writeChanges(_ files: [PublishedFile], from manifest: TreeManifest) throws {
            let spare = writer.spare
            enum Outcome: Sendable { case unchanged, written, added, failed(any Error) }
            let results = Parallel.map(files) { file -> Outcome in
                guard let bytes = file.bytes else { return .unchanged }  // known unchanged from its inputs
                let known = manifest.entries[file.path]
                if known?.hash == file.hash { return .unchanged }
                do { try FileSystem.replace(spare + "/" + file.path, bytes) } catch { return .failed(error) }
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
        }

        /// `.staging`: the spare holds what differs from the output tree; `finishStaging` decides how it goes in.
        private func stage(_ files: [PublishedFile], from output: TreeManifest) throws {
            let spare = writer.spare
            let results = Parallel.map(files) { file -> Result<Bool, any Error> in
                guard let bytes = file.bytes, output.entries[file.path]?.hash != file.hash else { return .success(false) }
                do { try FileSystem.replace(spare + "/" + file.path, bytes) } catch { return .failure(error) }
                return .success(true)
            }
            for (file, result) in zip(files, results) {
                switch result {
                case .success(true):
                    staged.append(file.path)
                    if output.entries[file.path] == nil { added += 1 }
                case .success(false): stats.unchanged += 1
                case .failure(let error): throw error
                }
            }
            stats.written = staged.count
        }

        /// `.unknown`: compare each file's bytes with what the spare holds.
        private func writeComparingBytes(_ files: [PublishedFile]) throws {
            let spare = writer.spare
            let results = Parallel.map(files) { file -> Result<Bool, any Error> in
                let target = spare + "/" + file.path
                guard let bytes = file.bytes else { return .failure(FileError.missing(target)) }
                do { return .success(try FileSystem.writeIfChanged(target, bytes)) } catch { return .failure(error) }
            }
            for result in results {
                switch result {
                case .success(true): stats.written += 1
                case .success(false): stats.unchanged += 1
                case .failure(let error): throw error
                }
            }
        }

        /// Every state but `.staging` ends here: the spare's manifest is written, then the trees are exchanged.
        /// `.fresh` and `.unknown` give an empty manifest and the records the tree holds, written straight
        /// from them (a dictionary of a million paths was some 80 MB at the build's fullest).
        private func recordAndSwap(_ manifest: TreeManifest, adding records: [Record] = []) throws -> Stats {
            precondition(kept.isEmpty, "pages are kept only when the output is written in place")
            var manifest = manifest
            manifest.kept = keptRecord
            let recipes = records.map { manifest.intern($0.recipe) }
            try FileSystem.makeDirectories(writer.cacheFolder)
            try manifest.write(to: manifestPath, records: records, recipeIndices: recipes)
            try writer.swap()
            return stats
        }

        /// `.staging`: few changes are renamed into the output, many complete the spare to be exchanged.
        private func finishStaging(_ live: TreeManifest, spareWasEmpty: Bool, _ records: [Record]) throws -> Stats {
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
                let recipe = manifest.intern(record.recipe)
                manifest.entries[record.path] = .init(hash: record.hash, fingerprint: record.fingerprint, recipe: recipe)
            }
            try FileSystem.makeDirectories(writer.cacheFolder)
            let liveManifestPath = writer.cacheFolder + "/" + TreeManifest.fileName(live.identity)
            if staged.count + stale.count <= writer.inPlaceLimit {
                // Few changes: each file is renamed over its old version (readers see one or the
                // other). The output's manifest goes first: if this is killed midway, the next
                // build finds no tree it can trust and writes a whole one.
                FileSystem.removeFile(liveManifestPath)
                for path in staged.sorted() {
                    try FileSystem.moveOver(spare + "/" + path, output + "/" + path)
                    FileSystem.removeEmptyFolders(above: path, in: spare)
                }
                for path in stale {
                    if FileSystem.removeFile(output + "/" + path) { stats.removed += 1 }
                    FileSystem.removeEmptyFolders(above: path, in: output)
                }
                try manifest.write(to: liveManifestPath)
                return stats
            }
            // Many changes: the spare becomes a whole tree, its unchanged files hard links to the
            // output's (writes never truncate a linked file: see `FileSystem.replace`), and is swapped in.
            let stagedSet = Set(staged)
            let linked = manifest.entries.keys.filter { !stagedSet.contains($0) }
            let failures = Parallel.map(linked) { path -> (any Error)? in
                do { try FileSystem.link(output + "/" + path, spare + "/" + path) } catch { return error }
                return nil
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            if !spareWasEmpty {  // whatever else a spare nobody vouched for holds
                _ = try FileSystem.removeAll(under: spare, except: Set(manifest.entries.keys))
            }
            stats.removed = stale.count
            var whole = manifest
            whole.identity = self.spare.identity
            try whole.write(to: manifestPath)
            try writer.swap()
            return stats
        }
    }

    /// Exchanges spare and output atomically; falls back to renames where the
    /// file system cannot exchange.
    func swap() throws {
        guard FileTree.exists(output) else {
            try FileSystem.rename(spare, to: output)
            return
        }
        if FileSystem.exchange(spare, output) { return }
        let aside = sibling("gongshi-old")
        try FileSystem.rename(output, to: aside, reporting: output)
        do {
            try FileSystem.rename(spare, to: output)
        } catch {
            try? FileSystem.rename(aside, to: output)
            throw error
        }
        try FileSystem.rename(aside, to: spare)
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

