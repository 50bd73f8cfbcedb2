import GongshiFiles
import GongshiModel
import GongshiRender

/// What one output tree holds: each file's content hash and the fingerprint of
/// the inputs it was made from. Kept in the cache folder, named by the tree's
/// identity (inode and birth time), so a build knows what its spare tree holds
/// without reading or walking it. Deleted before a build writes into the tree
/// and written after, so it never vouches for a half-written tree.
public struct TreeManifest: Sendable {
    public struct Entry: Sendable, Equatable {
        public var hash: UInt64
        public var fingerprint: UInt64
        /// Index in `recipes`: what the file was made from (see `Recipe` in GongshiRender).
        public var recipe: UInt32 = 0
    }

    public var identity: String
    public var entries: [String: Entry] = [:]
    /// Distinct recipes of the tree's files; the first is the empty one (file not fingerprinted).
    public var recipes: [[UInt8]] = [[]]
    /// What the report pages of the tree read besides their own report (`SiteRenderer.keptRecord`).
    public var kept = KeptRecord(recipe: [], hash: 0)

    static let header = "gongshi-tree-manifest 4"

    static func fileName(_ identity: String) -> String { "tree-\(identity).manifest" }

    init(identity: String) { self.identity = identity }

    private var recipeIndex: [[UInt8]: UInt32] = [[]: 0]

    /// The index of a recipe in `recipes`, added when new.
    mutating func intern(_ recipe: [UInt8]) -> UInt32 {
        if let known = recipeIndex[recipe] { return known }
        let index = UInt32(recipes.count)
        recipes.append(recipe)
        recipeIndex[recipe] = index
        return index
    }

    /// A header line; the kept record (hash, recipe); the recipes (count, then each as length and bytes);
    /// then per file: hash and fingerprint (8 bytes each, little-endian), the recipe's index (4 bytes),
    /// the path's length (4 bytes) and the path. Binary: the text form (hex digits,
    /// one line per file) took a tenth of an incremental build to write and read.
    func write(to path: String) throws {
        try write(to: path, records: [], recipeIndices: [])
    }

    /// Writes the manifest's entries and then one per record (recipe `recipeIndices[i]`, interned
    /// here), as if they were entries: a fresh tree's manifest is written from the build's records
    /// with no dictionary of a million paths beside them.
    func write(to path: String, records: [OutputWriter.Publication.Record], recipeIndices: [UInt32]) throws {
        // In pieces of a megabyte: at a million files the whole encoding is some 70 MB, held at the
        // build's fullest moment.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        out.append(contentsOf: (Self.header + " " + identity + "\n").utf8)
        Self.append(kept.hash, to: &out)
        Self.append(kept.recipe, to: &out)
        Self.append(UInt32(recipes.count), to: &out)
        for recipe in recipes { Self.append(recipe, to: &out) }
        try FileSystem.replaceAtomically(path, pieces: { put in
            func add(_ file: String, hash: UInt64, fingerprint: UInt64, recipe: UInt32) throws {
                Self.append(hash, to: &out)
                Self.append(fingerprint, to: &out)
                Self.append(recipe, to: &out)
                Self.append(UInt32(file.utf8.count), to: &out)
                out.append(contentsOf: file.utf8)
                if out.count >= 1 << 20 {
                    try put(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            for (file, entry) in entries {  // unsorted: it is read back into a dictionary
                try add(file, hash: entry.hash, fingerprint: entry.fingerprint, recipe: entry.recipe)
            }
            for (record, recipe) in zip(records, recipeIndices) {
                try add(record.path, hash: record.hash, fingerprint: record.fingerprint, recipe: recipe)
            }
            try put(out)
        })
    }

    private static func append(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ value: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        append(UInt32(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }

    static func read(_ path: String, identity: String) -> TreeManifest? {
        guard let bytes = FileTree.read(path) else { return nil }
        let expected = Array((header + " " + identity + "\n").utf8)
        guard bytes.count >= expected.count, bytes[..<expected.count].elementsEqual(expected) else { return nil }
        var manifest = TreeManifest(identity: identity)
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            var offset = expected.count
            func word() -> UInt64? {
                guard offset + 8 <= raw.count else { return nil }
                defer { offset += 8 }
                return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            func count() -> Int? {
                guard offset + 4 <= raw.count else { return nil }
                defer { offset += 4 }
                return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            }
            func bytes() -> [UInt8]? {
                guard let count = count(), offset + count <= raw.count else { return nil }
                defer { offset += count }
                return Array(raw[offset..<(offset + count)])
            }
            guard let keptHash = word(), let keptRecipe = bytes(), let recipeCount = count(), recipeCount >= 1 else { return false }
            manifest.kept = KeptRecord(recipe: keptRecipe, hash: keptHash)
            manifest.recipes = []
            manifest.recipeIndex = [:]
            for _ in 0..<recipeCount {
                guard let recipe = bytes() else { return false }
                _ = manifest.intern(recipe)
            }
            guard manifest.recipes.count == recipeCount else { return false }
            manifest.entries.reserveCapacity(raw.count / 64)
            while offset < raw.count {
                guard let hash = word(), let fingerprint = word(), let recipe = count(), recipe < recipeCount,
                      let length = count(), length > 0, offset + length <= raw.count else { return false }
                let file = String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]), as: UTF8.self)
                manifest.entries[file] = Entry(hash: hash, fingerprint: fingerprint, recipe: UInt32(recipe))
                offset += length
            }
            return true
        }
        return ok ? manifest : nil
    }

    /// The file at `path` as the previous build left it, for the renderer.
    func previous(_ path: String) -> PreviousFile? {
        guard let entry = entries[path] else { return nil }
        return PreviousFile(fingerprint: entry.fingerprint, hash: entry.hash, recipe: recipes[Int(entry.recipe)])
    }
}
