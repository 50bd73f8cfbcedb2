import GongshiModel

/// Reports as the last build read them, so a build after editing one report
/// reads and renders that one file, not 20,000. An entry is used only when the
/// file's stamp and its bundle's file names are unchanged and `key` (site.yaml
/// and the unit files, everything a report is checked against) is the same.
/// Entries hold no body: the renderer asks for a body only for pages it makes.
public struct ReportCache: Sendable {
    public struct Entry: Sendable {
        public var sourcePath: String
        public var stamp: FileStamp
        public var assetsKey: UInt64
        public var report: Report
        /// Warnings the file gave when it was read; errors are never cached.
        public var warnings: [Diagnostic]
        /// The entry's bytes as read from the cache, written back unchanged: saving
        /// the cache then costs a copy, not 20,000 encodings.
        var raw: ArraySlice<UInt8>? = nil

        public init(sourcePath: String, stamp: FileStamp, assetsKey: UInt64, report: Report, warnings: [Diagnostic]) {
            self.sourcePath = sourcePath; self.stamp = stamp; self.assetsKey = assetsKey; self.report = report; self.warnings = warnings
        }
    }

    static let format = "gongshi-report-cache 2"

    public var key: UInt64
    /// In the order the loader met the files, so the next build can match them by position.
    public var entries: [Entry]

    public init(key: UInt64, entries: [Entry] = []) {
        self.key = key
        self.entries = entries
    }

    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.string(Self.format)
        w.uint(key)
        w.uint(UInt64(entries.count))
        for entry in entries {
            if let raw = entry.raw { w.raw(raw); continue }
            w.string(entry.sourcePath)
            w.int(Int(entry.stamp.size)); w.int(Int(entry.stamp.modified)); w.int(Int(entry.stamp.changed)); w.uint(entry.stamp.inode)
            w.uint(entry.assetsKey)
            let r = entry.report
            w.string(r.path); w.string(r.title); w.string(r.unit)
            w.int(r.date.year); w.int(r.date.month); w.int(r.date.day)
            w.string(r.kind)
            w.uint(UInt64(r.figures.count))
            for (name, value) in r.figures {
                w.string(name); w.int(value.significand); w.int(value.scale)
            }
            w.optionalString(r.community)
            w.uint(UInt64(r.tags.count))
            for tag in r.tags { w.string(tag) }
            w.bool(r.draft)
            w.string(r.excerpt)
            w.uint(UInt64(r.assets.count))
            for asset in r.assets { w.string(asset.sourcePath); w.string(asset.name) }
            w.uint(r.sourceHash)
            w.uint(UInt64(entry.warnings.count))
            for warning in entry.warnings {
                w.int(warning.location.line); w.int(warning.location.column); w.string(warning.message)
            }
        }
        return w.bytes
    }

    /// nil for anything unreadable: a cache is only ever a shortcut.
    public static func decode(_ bytes: [UInt8]) -> ReportCache? {
        var r = ByteReader(bytes)
        guard r.string() == format else { return nil }
        let key = r.uint()
        let count = Int(clamping: r.uint())
        guard !r.failed, count < 10_000_000 else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let start = r.offset
            let sourcePath = r.string()
            let stamp = FileStamp(size: Int64(r.int()), modified: Int64(r.int()), changed: Int64(r.int()), inode: r.uint())
            let assetsKey = r.uint()
            let path = r.string(), title = r.string(), unit = r.string()
            let year = r.int(), month = r.int(), day = r.int()
            let kind = r.string()
            var figures: [String: ExactDecimal] = [:]
            for _ in 0..<min(Int(clamping: r.uint()), 1000) {
                let name = r.string(), significand = r.int(), scale = r.int()
                guard (0...18).contains(scale) else { return nil }
                figures[name] = ExactDecimal(significand: significand, scale: scale)
            }
            let community = r.optionalString()
            var tags: [String] = []
            for _ in 0..<min(Int(clamping: r.uint()), 10_000) { tags.append(r.string()) }
            let draft = r.bool()
            let excerpt = r.string()
            var assets: [BundleAsset] = []
            for _ in 0..<min(Int(clamping: r.uint()), 100_000) { assets.append(BundleAsset(sourcePath: r.string(), name: r.string())) }
            let sourceHash = r.uint()
            var warnings: [Diagnostic] = []
            for _ in 0..<min(Int(clamping: r.uint()), 10_000) {
                let line = r.int(), column = r.int(), message = r.string()
                warnings.append(.warning(SourceLocation(path: sourcePath, line: line, column: column), message))
            }
            guard !r.failed, let date = CalendarDate(year: year, month: month, day: day) else { return nil }
            var report = Report(path: path, sourcePath: sourcePath, title: title, unit: unit, date: date, kind: kind,
                                figures: figures, community: community, tags: tags, draft: draft, excerpt: excerpt, assets: assets)
            report.sourceHash = sourceHash
            report.bodyLoaded = false
            var entry = Entry(sourcePath: sourcePath, stamp: stamp, assetsKey: assetsKey, report: report, warnings: warnings)
            entry.raw = bytes[start..<r.offset]
            entries.append(entry)
        }
        guard r.isAtEnd else { return nil }
        return ReportCache(key: key, entries: entries)
    }
}
