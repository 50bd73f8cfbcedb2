import GongshiFiles
import GongshiModel

/// Notices as the last build read them, like `ReportCache`: reading 200 notices
/// (Markdown, embedded ranking blocks) was a twentieth of every incremental
/// build. An entry is used only when the file's stamp and its bundle's file
/// names are unchanged and `key` is the same: site.yaml and the unit files, the
/// units that have plans, and the as-of date, everything a notice is checked
/// against, and the program's stamp (through the reports' key). Notices keep
/// their bodies (they are few).
public struct NoticeCache: Sendable {
    public struct Entry: Sendable {
        public var sourcePath: String
        public var stamp: FileStamp
        public var assetsKey: UInt64
        public var notice: Notice
        /// Warnings the file gave when it was read; errors are never cached.
        public var warnings: [Diagnostic]
        /// The hash of the file's bytes and its bundle's file names, which every page's fingerprint takes in.
        public var contentHash: UInt64

        public init(sourcePath: String, stamp: FileStamp, assetsKey: UInt64, notice: Notice, warnings: [Diagnostic], contentHash: UInt64) {
            self.sourcePath = sourcePath; self.stamp = stamp; self.assetsKey = assetsKey; self.notice = notice
            self.warnings = warnings; self.contentHash = contentHash
        }
    }

    static let format = "gongshi-notice-cache 3"

    public var key: UInt64
    public var entries: [Entry]

    public init(key: UInt64, entries: [Entry] = []) {
        self.key = key
        self.entries = entries
    }

    /// What a notice is checked against besides its own file.
    static func key(reportKey: UInt64, planUnits: Set<String>, asOf: CalendarDate) -> UInt64 {
        var hash = ContentHash()
        hash.combine(format)
        hash.combine(reportKey)
        for unit in planUnits.sorted() { hash.combine(unit) }
        hash.combine(asOf.description)
        return hash.value
    }

    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.string(Self.format)
        w.uint(key)
        w.uint(UInt64(entries.count))
        for entry in entries {
            w.string(entry.sourcePath)
            w.stamp(entry.stamp)
            w.uint(entry.assetsKey)
            w.uint(entry.contentHash)
            let n = entry.notice
            w.string(n.path); w.string(n.title)
            w.date(n.date)
            w.string(n.issuer); w.optionalString(n.docNumber); w.string(n.kind); w.optionalString(n.period)
            w.strings(n.cc)
            w.bool(n.draft)
            w.uint(UInt64(n.body.count))
            for part in n.body {
                switch part {
                case .html(let html): w.uint(0); w.string(html)
                case .ranking(let block):
                    w.uint(1); w.string(block.period); w.optionalString(block.category)
                    w.bool(block.top != nil); w.int(block.top ?? 0)
                    w.bool(block.bottom != nil); w.int(block.bottom ?? 0)
                case .rectification(let unit): w.uint(2); w.string(unit)
                }
            }
            w.string(n.excerpt)
            w.assets(n.assets)
            w.publicNotice(n)
            w.warnings(entry.warnings)
        }
        return w.bytes
    }

    /// nil for anything unreadable: a cache is only ever a shortcut.
    public static func decode(_ bytes: [UInt8]) -> NoticeCache? {
        var r = ByteReader(bytes)
        guard r.string() == format else { return nil }
        let key = r.uint()
        let count = Int(clamping: r.uint())
        guard !r.failed, count < 1_000_000 else { return nil }
        var entries: [Entry] = []
        for _ in 0..<count {
            let sourcePath = r.string()
            let stamp = r.stamp()
            let assetsKey = r.uint(), contentHash = r.uint()
            let path = r.string(), title = r.string()
            let date = r.date()
            let issuer = r.string(), docNumber = r.optionalString(), kind = r.string(), period = r.optionalString()
            let cc = r.strings()
            let draft = r.bool()
            var body: [Notice.BodyPart] = []
            for _ in 0..<min(Int(clamping: r.uint()), 100_000) {
                switch r.uint() {
                case 0: body.append(.html(r.string()))
                case 1:
                    let period = r.string(), category = r.optionalString(), hasTop = r.bool(), top = r.int()
                    let hasBottom = r.bool(), bottom = r.int()
                    var block = RankingBlock(period: period, category: category, top: hasTop ? top : nil)
                    block.bottom = hasBottom ? bottom : nil
                    body.append(.ranking(block))
                case 2: body.append(.rectification(unit: r.string()))
                default: return nil
                }
            }
            let excerpt = r.string()
            let assets = r.assets()
            let (publicPeriod, supervision) = r.publicNotice()
            let warnings = r.warnings(path: sourcePath)
            guard !r.failed, let date else { return nil }
            var notice = Notice(path: path, sourcePath: sourcePath, title: title, date: date, issuer: issuer, docNumber: docNumber,
                                kind: kind, period: period, cc: cc, draft: draft, body: body, excerpt: excerpt, assets: assets)
            notice.publicPeriod = publicPeriod
            notice.supervision = supervision
            entries.append(Entry(sourcePath: sourcePath, stamp: stamp, assetsKey: assetsKey, notice: notice, warnings: warnings,
                                 contentHash: contentHash))
        }
        guard r.isAtEnd else { return nil }
        return NoticeCache(key: key, entries: entries)
    }
}
