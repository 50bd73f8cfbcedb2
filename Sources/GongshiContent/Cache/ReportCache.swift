import GongshiFiles
import GongshiModel

/// Reports as the last build read them, so a build after editing one report
/// reads and renders that one file, not 20,000. An entry is used only when the
/// file's stamp and its bundle's file names are unchanged and `key` (site.yaml
/// and the unit files, everything a report is checked against, and the program's
/// stamp: a new Gongshi may read the same file differently) is the same.
/// Entries hold no body: the renderer asks for a body only for pages it makes.
public struct ReportCache: Sendable {
    public struct Entry: Sendable {
        public var sourcePath: String
        public var stamp: FileStamp
        public var assetsKey: UInt64
        /// The report without its body (`Report.bodyHTML` is empty).
        public var report: Report
        /// Hash of the file, its path and its bundle's file names (`ReportSources.hashes`).
        public var sourceHash: UInt64
        /// Warnings the file gave when it was read; errors are never cached.
        public var warnings: [Diagnostic]
        /// The entry's bytes as read from the cache, written back unchanged: saving
        /// the cache then costs a copy, not 20,000 encodings.
        var raw: ArraySlice<UInt8>? = nil

        public init(sourcePath: String, stamp: FileStamp, assetsKey: UInt64, report: Report, sourceHash: UInt64, warnings: [Diagnostic]) {
            self.sourcePath = sourcePath; self.stamp = stamp; self.assetsKey = assetsKey; self.report = report
            self.sourceHash = sourceHash; self.warnings = warnings
        }
    }

    static let format = "gongshi-report-cache 3"

    public var key: UInt64
    /// In the order the loader met the files, so the next build can match them by position.
    public var entries: [Entry]

    public init(key: UInt64, entries: [Entry] = []) {
        self.key = key
        self.entries = entries
    }

    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        encode { bytes += $0 }
        return bytes
    }

    /// The same bytes as `encoded()`, handed to `sink` a megabyte or so at a time: a million
    /// reports' cache is hundreds of megabytes, not to be held whole while pages are made.
    public func encode(_ sink: ([UInt8]) throws -> Void) rethrows {
        var w = ByteWriter()
        w.string(Self.format)
        w.uint(key)
        w.uint(UInt64(entries.count))
        for entry in entries {
            if w.bytes.count >= 1 << 20 { try w.flush(sink) }
            if let raw = entry.raw { w.raw(raw); continue }
            w.string(entry.sourcePath)
            w.stamp(entry.stamp)
            w.uint(entry.assetsKey)
            let r = entry.report
            w.string(r.path); w.string(r.title); w.string(r.unit)
            w.date(r.date)
            w.string(r.kind)
            w.uint(UInt64(r.figures.count))
            for (name, value) in r.figures {
                w.string(name); w.int(value.significand); w.int(value.scale)
            }
            w.optionalString(r.community)
            w.strings(r.tags)
            w.bool(r.draft)
            w.string(r.excerpt)
            w.assets(r.assets)
            w.uint(entry.sourceHash)
            w.warnings(entry.warnings)
        }
        try w.flush(sink)
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
            let stamp = r.stamp()
            let assetsKey = r.uint()
            let path = r.string(), title = r.string(), unit = r.string()
            let date = r.date()
            let kind = r.string()
            var figures: [String: ExactDecimal] = [:]
            for _ in 0..<min(Int(clamping: r.uint()), 1000) {
                let name = r.string(), significand = r.int(), scale = r.int()
                guard (0...18).contains(scale) else { return nil }
                figures[name] = ExactDecimal(significand: significand, scale: scale)
            }
            let community = r.optionalString()
            let tags = r.strings()
            let draft = r.bool()
            let excerpt = r.string()
            let assets = r.assets()
            let sourceHash = r.uint()
            let warnings = r.warnings(path: sourcePath)
            guard !r.failed, let date else { return nil }
            let report = Report(path: path, sourcePath: sourcePath, title: title, unit: unit, date: date, kind: kind,
                                figures: figures, community: community, tags: tags, draft: draft, excerpt: excerpt, assets: assets)
            var entry = Entry(sourcePath: sourcePath, stamp: stamp, assetsKey: assetsKey, report: report, sourceHash: sourceHash, warnings: warnings)
            entry.raw = bytes[start..<r.offset]
            entries.append(entry)
        }
        guard r.isAtEnd else { return nil }
        return ReportCache(key: key, entries: entries)
    }
}
