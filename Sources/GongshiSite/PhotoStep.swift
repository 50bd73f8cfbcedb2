import GongshiContent
import GongshiFiles
import GongshiImages
import GongshiModel

/// (issue 12) The build's photo step: every photo a published report or notice uses is
/// resized (a phone size and a large size, never enlarged) and stripped of its metadata by
/// libvips (`GongshiImages`); the pages then show the resized copies (`PhotoMarkup`) and the
/// file itself is not published.
///
/// Encoded sizes wait in the cache folder (`photos/<key>-<width>.<ext>`), named by the hash
/// of the source's bytes and of how they were made (`PhotoSettings`, the encoder's version,
/// libvips's version), so a photo is encoded once, whatever it is called and wherever it
/// moves. The index (`photos.cache`) remembers each photo file's stamp and hash: a photo whose
/// stamp is unchanged is not even read. The step never decides what is published: that
/// stays with `SiteRenderer.closingFiles`, which emits the sizes in place of the file.
enum PhotoStep {
    static let indexFile = "photos.cache"
    static let folder = "photos"
    static let format = "gongshi-photo-cache 1"

    struct Outcome {
        var photos = PublishedPhotos()
        /// The index to save after the site is in place; nil when nothing changed.
        var index: [UInt8]? = nil
        /// Photos encoded this build, and photos whose sizes came from the cache.
        var encoded = 0
        var reused = 0
        /// Cache files no photo of this build uses (removed when the index is saved).
        var stale: [String] = []
    }

    /// One photo file as the index remembers it.
    struct Entry: Sendable, Equatable {
        var sourcePath: String
        var stamp: FileStamp
        var sourceHash: UInt64
        var format: PhotoFormat
        /// Each size and the hash of its encoded bytes (a damaged cache file is not published).
        var sizes: [(width: Int, height: Int, hash: UInt64)]

        static func == (a: Entry, b: Entry) -> Bool {
            a.sourcePath == b.sourcePath && a.stamp == b.stamp && a.sourceHash == b.sourceHash && a.format == b.format
                && a.sizes.map(\.width) == b.sizes.map(\.width) && a.sizes.map(\.height) == b.sizes.map(\.height)
                && a.sizes.map(\.hash) == b.sizes.map(\.hash)
        }
    }

    /// Hash of how sizes are made: a cached size is used only when this is the same.
    static func settingsKey(_ settings: PhotoSettings) -> UInt64 {
        var hash = ContentHash()
        hash.combine(format)
        hash.combine(UInt64(PhotoSettings.encoderVersion))
        hash.combine(Photos.libraryVersion)
        hash.combine(UInt64(settings.quality))
        for width in settings.widths { hash.combine(UInt64(width)) }
        return hash.value
    }

    /// The published name of one size: `photo.heic` 1280 px wide as JPEG is `photo-1280.jpg`.
    static func sizeName(_ name: String, width: Int, format: PhotoFormat) -> String {
        let slash = name.lastIndex(of: "/")
        let folder = slash.map { String(name[...$0]) } ?? ""
        let file = slash.map { String(name[name.index(after: $0)...]) } ?? name
        let stem = file.lastIndex(of: ".").map { $0 == file.startIndex ? file : String(file[..<$0]) } ?? file
        return "\(folder)\(stem)-\(width).\(format.fileExtension)"
    }

    static func cacheFile(key: UInt64, width: Int, format: PhotoFormat) -> String {
        "\(folder)/\(String(key, radix: 16))-\(width).\(format.fileExtension)"
    }

    /// - Parameters:
    ///   - assets: the bundle files of the published reports and notices; only images are taken.
    ///   - stamps: their stamps from the content walk.
    ///   - incremental: whether what earlier builds left may be used (`--full` turns it off).
    ///   - program: the program's stamp: a new Gongshi publishes every size again (from the cache: the
    ///     encoding is named by `PhotoSettings.encoderVersion`, not by the program).
    ///   - needed: whether the tree being written lacks a file of this path and fingerprint
    ///     (a size it already holds needs no bytes, so its cache file is not looked for).
    static func run(assets: [BundleAsset], stamps: [String: FileStamp], content: String, cacheFolder: String,
                    incremental: Bool, program: UInt64 = 0, settings: PhotoSettings = .standard,
                    needed: @escaping @Sendable (String, UInt64) -> Bool, diagnostics: inout Diagnostics) -> Outcome {
        var outcome = Outcome()
        var seen = Set<String>()
        let images = assets.filter { Photos.isImage(name: $0.name) && seen.insert($0.sourcePath).inserted }
        let key = settingsKey(settings)
        let indexPath = cacheFolder + "/" + indexFile
        // Read by `--full` builds too, only to tell whether it must be rewritten: the index always
        // describes the last build that finished, which `PublishedPhoto.unchanged` relies on.
        let stored = FileTree.read(indexPath).flatMap { decode($0, key: key) }
        let previous = incremental ? stored ?? [] : []
        guard !images.isEmpty || !(stored ?? []).isEmpty else { return outcome }
        let byPath = Dictionary(previous.map { ($0.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        let byHash = Dictionary(previous.map { ($0.sourceHash, $0) }, uniquingKeysWith: { a, _ in a })

        @Sendable func sizes(_ entry: Entry, asset: BundleAsset) -> [PublishedPhoto.Size] {
            let photoKey = Self.photoKey(entry.sourceHash, settings: key)
            return entry.sizes.map { size in
                var print = ContentHash()
                print.combine(photoKey); print.combine(program); print.combine(UInt64(size.width)); print.combine(entry.format.fileExtension)
                return PublishedPhoto.Size(name: sizeName(asset.name, width: size.width, format: entry.format), width: size.width,
                                           height: size.height, cacheFile: cacheFile(key: photoKey, width: size.width, format: entry.format),
                                           fingerprint: print.value | 1)
            }
        }
        /// Whether the cache holds every size the tree being written lacks, as it was encoded.
        @Sendable func cached(_ entry: Entry, asset: BundleAsset) -> Bool {
            let folder = String(asset.sourcePath.dropLast(asset.name.count))
            return zip(sizes(entry, asset: asset), entry.sizes).allSatisfy { size, known in
                guard needed(folder + size.name, size.fingerprint) else { return true }
                return FileTree.read(cacheFolder + "/" + size.cacheFile).map { ContentHash.of($0) == known.hash } ?? false
            }
        }

        enum Result: Sendable {
            case reused(Entry, unchanged: Bool)
            case encoded(Entry)
            case failed(PhotoFailure)
            case unreadable
        }
        // Unchanged photos first, without reading them; the rest on both cores.
        var results = [Result?](repeating: nil, count: images.count)
        var work: [Int] = []
        for (index, asset) in images.enumerated() {
            if let stamp = stamps[asset.sourcePath], let known = byPath[asset.sourcePath], known.stamp == stamp, cached(known, asset: asset) {
                results[index] = .reused(known, unchanged: true)
            } else {
                work.append(index)
            }
        }
        if !work.isEmpty { try? FileSystem.makeDirectories(cacheFolder + "/" + folder) }
        let made = Parallel.map(work) { index -> Result in
            let asset = images[index]
            guard let bytes = FileTree.read(content + "/" + asset.sourcePath) else { return .unreadable }
            let hash = ContentHash.of(bytes)
            let stamp = stamps[asset.sourcePath] ?? FileStamp(size: -1, modified: 0, changed: 0, inode: 0)
            // The same bytes under another name or stamp (copied, renamed, touched): encoded already.
            if let known = byHash[hash], cached(known, asset: asset) {
                var entry = known
                entry.sourcePath = asset.sourcePath
                entry.stamp = stamp
                return .reused(entry, unchanged: false)
            }
            switch Photos.encode(bytes, settings: settings) {
            case .failure(let failure):
                return .failed(failure)
            case .success(let encoded):
                guard let first = encoded.first else { return .failed(.broken(detail: "")) }
                let photoKey = Self.photoKey(hash, settings: key)
                for size in encoded {
                    let path = cacheFolder + "/" + cacheFile(key: photoKey, width: size.width, format: first.format)
                    // A size that cannot be cached is reported when it is published ("cannot read").
                    try? FileSystem.replaceAtomically(path, size.bytes)
                }
                return .encoded(Entry(sourcePath: asset.sourcePath, stamp: stamp, sourceHash: hash, format: first.format,
                                      sizes: encoded.map { ($0.width, $0.height, ContentHash.of($0.bytes)) }))
            }
        }
        for (index, result) in zip(work, made) { results[index] = result }

        var entries: [Entry] = []
        for (asset, result) in zip(images, results) {
            switch result! {
            case .reused(let entry, let unchanged):
                outcome.reused += 1
                entries.append(entry)
                outcome.photos.bySource[asset.sourcePath] = PublishedPhoto(sizes: sizes(entry, asset: asset), unchanged: unchanged)
            case .encoded(let entry):
                outcome.encoded += 1
                entries.append(entry)
                outcome.photos.bySource[asset.sourcePath] = PublishedPhoto(sizes: sizes(entry, asset: asset), unchanged: false)
            case .failed(let failure):
                diagnostics.error(SourceLocation(path: asset.sourcePath), failure.message, en: failure.english)
            case .unreadable:
                diagnostics.error(SourceLocation(path: asset.sourcePath), ContentLoader.cannotRead, en: "cannot read the file")
            }
        }
        if entries != stored ?? [] {
            outcome.index = encode(entries, key: key)
            let kept = Set(entries.flatMap { entry in
                entry.sizes.map { cacheFile(key: photoKey(entry.sourceHash, settings: key), width: $0.width, format: entry.format) }
            })
            outcome.stale = (FileTree.names(in: cacheFolder + "/" + folder) ?? []).map { folder + "/" + $0 }.filter { !kept.contains($0) }
        }
        return outcome
    }

    /// Names a photo's cached sizes: its bytes and how they are made.
    static func photoKey(_ sourceHash: UInt64, settings: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine(sourceHash)
        hash.combine(settings)
        return hash.value
    }

    /// Saves the index and removes the cache files no photo uses any more (after the site is in place).
    static func save(_ outcome: Outcome, cacheFolder: String) {
        guard let index = outcome.index else { return }
        try? FileSystem.makeDirectories(cacheFolder)
        try? FileSystem.replaceAtomically(cacheFolder + "/" + indexFile, index)
        for file in outcome.stale { _ = FileSystem.removeFile(cacheFolder + "/" + file) }
    }

    /// Reads the headers of every image among `assets` (for `gongshi check`, which writes nothing):
    /// what cannot be read, or is refused, is reported as the build would. A photo the last build
    /// published (its stamp is in the index) is not read again.
    static func check(assets: [BundleAsset], stamps: [String: FileStamp], content: String, cacheFolder: String,
                      settings: PhotoSettings = .standard, diagnostics: inout Diagnostics) {
        let known = FileTree.read(cacheFolder + "/" + indexFile).flatMap { decode($0, key: settingsKey(settings)) } ?? []
        let published = Dictionary(known.map { ($0.sourcePath, $0.stamp) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        let images = assets.filter {
            Photos.isImage(name: $0.name) && seen.insert($0.sourcePath).inserted
                && (stamps[$0.sourcePath] == nil || published[$0.sourcePath] != stamps[$0.sourcePath])
        }
        let failures = Parallel.map(images) { asset -> PhotoFailure? in
            guard let bytes = FileTree.read(content + "/" + asset.sourcePath) else { return nil }
            if case .failure(let failure) = Photos.probe(bytes) { return failure }
            return nil
        }
        for (asset, failure) in zip(images, failures) {
            if let failure { diagnostics.error(SourceLocation(path: asset.sourcePath), failure.message, en: failure.english) }
        }
    }

    static func encode(_ entries: [Entry], key: UInt64) -> [UInt8] {
        var w = ByteWriter()
        w.string(format)
        w.uint(key)
        w.uint(UInt64(entries.count))
        for entry in entries {
            w.string(entry.sourcePath)
            w.int(Int(entry.stamp.size)); w.int(Int(entry.stamp.modified)); w.int(Int(entry.stamp.changed)); w.uint(entry.stamp.inode)
            w.uint(entry.sourceHash)
            w.uint(UInt64(entry.format.rawValue))
            w.uint(UInt64(entry.sizes.count))
            for size in entry.sizes { w.uint(UInt64(size.width)); w.uint(UInt64(size.height)); w.uint(size.hash) }
        }
        return w.bytes
    }

    /// nil for anything unreadable or made with other settings: the index is only ever a shortcut.
    static func decode(_ bytes: [UInt8], key: UInt64) -> [Entry]? {
        var r = ByteReader(bytes)
        guard r.string() == format, r.uint() == key else { return nil }
        let count = Int(clamping: r.uint())
        guard !r.failed, count < 10_000_000 else { return nil }
        var entries: [Entry] = []
        for _ in 0..<count {
            let path = r.string()
            let stamp = FileStamp(size: Int64(r.int()), modified: Int64(r.int()), changed: Int64(r.int()), inode: r.uint())
            let hash = r.uint()
            guard let format = PhotoFormat(rawValue: UInt8(truncatingIfNeeded: r.uint())) else { return nil }
            var sizes: [(width: Int, height: Int, hash: UInt64)] = []
            for _ in 0..<min(Int(clamping: r.uint()), 16) { sizes.append((Int(clamping: r.uint()), Int(clamping: r.uint()), r.uint())) }
            guard !r.failed else { return nil }
            entries.append(Entry(sourcePath: path, stamp: stamp, sourceHash: hash, format: format, sizes: sizes))
        }
        guard r.isAtEnd else { return nil }
        return entries
    }
}
