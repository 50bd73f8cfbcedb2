/// What the load stage tells the render stage about where the model came from,
/// for pages' fingerprints. Build bookkeeping, kept out of `SiteContent`.
public struct InputHashes: Sendable, Equatable {
    /// site.yaml.
    public var settings: UInt64 = 0
    /// site.yaml and every unit file: what units, and every report, are read against.
    public var units: UInt64 = 0
    /// Every notice file, and what notices are read against (units, plans, the as-of date).
    public var notices: UInt64 = 0
    /// Free pages.
    public var pages: UInt64 = 0
    /// Rectification plans.
    public var plans: UInt64 = 0
    /// The score sheets under `data/`.
    public var sheets: UInt64 = 0

    public init() {}
}

/// Per report, by position in `SiteContent.reports`: the hash of its source (file,
/// path, bundle file names) and whether it came from the cache, without its body.
public struct ReportSources: Sendable {
    public var hashes: [UInt64]
    public var cached: [Bool]

    public init(hashes: [UInt64] = [], cached: [Bool] = []) { self.hashes = hashes; self.cached = cached }

    /// Every report read from its file this build (a model made without the loader).
    public static func allRead(_ count: Int) -> ReportSources {
        ReportSources(hashes: Array(repeating: 0, count: count), cached: Array(repeating: false, count: count))
    }
}
