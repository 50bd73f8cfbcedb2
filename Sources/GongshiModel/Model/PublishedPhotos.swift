/// A bundle photo as the site publishes it: resized copies with no metadata, in place
/// of the file staff put beside `index.md` (which is not published). Made by the build's
/// photo step (`GongshiSite/PhotoStep.swift`); pages read it to write `<img srcset>`.
public struct PublishedPhoto: Sendable, Hashable {
    public struct Size: Sendable, Hashable {
        /// Relative to the page's folder, like `BundleAsset.name`: `photo-640.jpg`.
        public var name: String
        public var width: Int
        public var height: Int
        /// Relative to the build's cache folder: where the encoded bytes wait.
        public var cacheFile: String
        /// Hash of how the file is made (the source's hash, the settings, the size): a tree
        /// that holds a file with this fingerprint need not get it again.
        public var fingerprint: UInt64
        public init(name: String, width: Int, height: Int, cacheFile: String, fingerprint: UInt64) {
            self.name = name; self.width = width; self.height = height; self.cacheFile = cacheFile; self.fingerprint = fingerprint
        }
    }

    /// Smallest first: the phone size, then the large size (one size for a photo no wider than the phone size).
    public var sizes: [Size]
    /// Whether the file is as the previous build found it (same stamp): a page showing
    /// only unchanged photos may be left as that build wrote it.
    public var unchanged: Bool

    public init(sizes: [Size], unchanged: Bool) { self.sizes = sizes; self.unchanged = unchanged }

    /// What a page shows of the photo: the names and sizes of its files.
    public var pageHash: UInt64 {
        var hash = ContentHash()
        hash.combine(UInt64(sizes.count))
        for size in sizes {
            hash.combine(size.name); hash.combine(UInt64(size.width)); hash.combine(UInt64(size.height))
        }
        return hash.value
    }
}

/// Every published photo of a build, by the source file's path (relative to the content folder).
public struct PublishedPhotos: Sendable {
    public var bySource: [String: PublishedPhoto]
    public init(bySource: [String: PublishedPhoto] = [:]) { self.bySource = bySource }

    public var isEmpty: Bool { bySource.isEmpty }

    /// The photos among a page's bundle files, by their name in the bundle.
    public func photos(in assets: [BundleAsset]) -> [String: PublishedPhoto] {
        guard !bySource.isEmpty, !assets.isEmpty else { return [:] }
        var result: [String: PublishedPhoto] = [:]
        for asset in assets { if let photo = bySource[asset.sourcePath] { result[asset.name] = photo } }
        return result
    }

    /// Hash of what pages show of a bundle's photos (0 when it has none), and whether all are unchanged.
    public func value(of assets: [BundleAsset]) -> (hash: UInt64, unchanged: Bool) {
        guard !bySource.isEmpty, !assets.isEmpty else { return (0, true) }
        var hash = ContentHash(), unchanged = true, any = false
        for asset in assets {
            guard let photo = bySource[asset.sourcePath] else { continue }
            any = true
            hash.combine(asset.name)
            hash.combine(photo.pageHash)
            unchanged = unchanged && photo.unchanged
        }
        return any ? (hash.value, unchanged) : (0, true)
    }
}
