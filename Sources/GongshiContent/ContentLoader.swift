import GongshiMarkdown
import GongshiModel

/// The load, parse and validate stages: a content folder in, a typed
/// `SiteContent` (or the full list of problems) out.
public struct LoadedSite: Sendable {
    /// nil when there were errors.
    public var content: SiteContent?
    public var asOf: CalendarDate
    /// Sorted by path, line and column.
    public var diagnostics: [Diagnostic]
    /// Files under `static/`, relative to it.
    public var staticFiles: [String]
    /// What the next build may reuse; nil when there were errors.
    public var reportCache: ReportCache? = nil
    /// Hash of every input except reports (site.yaml, units, notices, pages,
    /// sheets, plans, static files): any page may show any of them.
    public var inputsHash: UInt64 = 0
    /// How many reports were read from their files (the rest came from the cache).
    public var reportsRead = 0
    /// Notices as read this time, for the next build; nil when there were errors.
    public var noticeCache: NoticeCache? = nil
    /// How many notices were read from their files.
    public var noticesRead = 0
    /// Seconds per part of loading, for `--timings`.
    public var timings: [(step: String, seconds: Double)] = []

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum ContentLoader {
    /// - Parameters:
    ///   - root: the content folder.
    ///   - asOf: `--as-of`, which wins over site.yaml's `as_of`.
    ///   - today: used when neither gives a date; passed in so builds stay reproducible.
    ///   - program: stands for the program that reads (its build): cached reports and
    ///     notices are reused only when it is the one that cached them, since another
    ///     version of Gongshi may read the same file differently (excerpts, notice HTML).
    ///   - cache: what the previous build read; entries whose files are unchanged are reused.
    public static func load(root: String, asOf override: CalendarDate?, today: CalendarDate,
                            includeDrafts: Bool = false, program: UInt64 = 0, cache pendingCache: @autoclosure () -> ReportCache? = nil,
                            noticeCache pendingNoticeCache: @autoclosure () -> NoticeCache? = nil) -> LoadedSite {
        var diagnostics = Diagnostics()
        var timings: [(step: String, seconds: Double)] = []
        var clock = ContinuousClock.now
        func lap(_ name: String) {
            let now = ContinuousClock.now
            timings.append((name, (now - clock).seconds))
            clock = now
        }
        guard FileTree.isDirectory(root) else {
            diagnostics.error(SourceLocation(path: root), "content folder not found")
            return LoadedSite(content: nil, asOf: override ?? today, diagnostics: diagnostics.sorted, staticFiles: [])
        }
        let stamped = FileTree.stampedFiles(under: root, diagnostics: &diagnostics)
        lap("  walk")
        let layout = ContentLayout.classify(stamped, diagnostics: &diagnostics)
        lap("  classify")
        func read(_ path: String) -> [UInt8]? { FileTree.read(root + "/" + path) }

        guard layout.hasSiteYAML, let siteBytes = read(SiteConfigReader.path) else {
            diagnostics.error(SourceLocation(path: SiteConfigReader.path), "site.yaml not found in the content folder")
            return LoadedSite(content: nil, asOf: override ?? today, diagnostics: diagnostics.sorted, staticFiles: layout.staticFiles)
        }
        guard let siteText = TextDecoding.utf8(siteBytes, path: SiteConfigReader.path, diagnostics: &diagnostics),
              let config = SiteConfigReader.read(siteText, diagnostics: &diagnostics) else {
            return LoadedSite(content: nil, asOf: override ?? today, diagnostics: diagnostics.sorted, staticFiles: layout.staticFiles)
        }
        let asOf = override ?? config.asOf ?? today
        let markdown = MarkdownRenderer()
        let noticeMarkdown = MarkdownRenderer(embeddedBlockNames: NoticeReader.blockNames)

        // Units first: every other file refers to them.
        let unitResults = Parallel.map(layout.units) { path -> (Unit?, [Diagnostic], UInt64) in
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + path) else {
                d.error(SourceLocation(path: path), "cannot read the file")
                return (nil, d.all, 0)
            }
            return (UnitReader.read(path: path, bytes: bytes, config: config, markdown: markdown, diagnostics: &d), d.all,
                    ContentHash.of(bytes))
        }
        lap("  units")
        // What every report is checked against: site.yaml and the units; and the program that reads it.
        var reportKey = ContentHash()
        reportKey.combine(ReportCache.format)
        reportKey.combine(program)
        reportKey.combine(siteBytes)
        var units: [Unit] = []
        for (path, (unit, problems, hash)) in zip(layout.units, unitResults) {
            diagnostics.append(contentsOf: problems)
            if let unit { units.append(unit) }
            reportKey.combine(path)
            reportKey.combine(hash)
        }
        var inputs = reportKey
        func note(_ path: String, _ bytes: [UInt8]) { inputs.combine(path); inputs.combine(ContentHash.of(bytes)) }
        // A unit whose file has errors is still a known id, so its reports don't pile up "unknown unit" errors.
        var directoryUnits = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for path in layout.units {
            let id = String(path.dropFirst("units/".count).dropLast(".md".count))
            if directoryUnits[id] == nil, Identifier.isValid(id) {
                directoryUnits[id] = Unit(id: id, name: id, category: config.categories.first?.id ?? "")
            }
        }
        let directory = UnitDirectory(units: directoryUnits)

        // Plans and score sheets are read on another core while the reports are read.
        struct Sheets: Sendable {
            var plans: [RectificationPlan] = []
            var assessments: [AssessmentRow] = [], duty: [DutyRow] = [], volunteer: [VolunteerRow] = []
            var diagnostics = Diagnostics()
            /// Path and content hash of each file read, in order, for `inputsHash`.
            var read: [(String, UInt64)] = []
        }
        let pendingSheets = Pending { () -> Sheets in
            var sheets = Sheets()
            func bytes(_ path: String) -> [UInt8]? {
                guard let bytes = FileTree.read(root + "/" + path) else { return nil }
                sheets.read.append((path, ContentHash.of(bytes)))
                return bytes
            }
            for path in layout.plans {
                guard let data = bytes(path) else { sheets.diagnostics.error(SourceLocation(path: path), "cannot read the file"); continue }
                if let plan = PlanReader.read(path: path, bytes: data, units: directory, diagnostics: &sheets.diagnostics) { sheets.plans.append(plan) }
            }
            if let path = layout.assessments, let data = bytes(path) {
                sheets.assessments = DataReaders.assessments(path: path, bytes: data, config: config, units: directory, diagnostics: &sheets.diagnostics)
            }
            if let path = layout.duty, let data = bytes(path) {
                sheets.duty = DataReaders.duty(path: path, bytes: data, config: config, units: directory, diagnostics: &sheets.diagnostics)
            }
            if let path = layout.volunteer, let data = bytes(path) {
                sheets.volunteer = DataReaders.volunteer(path: path, bytes: data, config: config, units: directory, diagnostics: &sheets.diagnostics)
            }
            return sheets
        }
        let planUnits = Set(layout.plans.map { String($0.dropFirst("rectification/".count).dropLast(".yaml".count)) })

        // Reports: the bulk of the work, read and rendered on every core, or
        // taken from the cache when neither the file nor what it is checked against changed.
        let cache = pendingCache()  // read on another thread while the files above were listed and parsed
        lap("  cache (wait)")
        let usable = cache?.key == reportKey.value ? cache?.entries ?? [] : []
        // Entries are in the order files were met; unless files were added or removed, position finds them.
        let aligned = usable.count == layout.reports.count && zip(usable, layout.reports).allSatisfy { $0.sourcePath == $1.sourcePath }
        let index = aligned ? [:] : Dictionary(usable.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        let positions = Array(layout.reports.indices)
        enum Outcome: Sendable {
            /// Unchanged: the cache entry at this position in `usable` stands.
            case cached(Int)
            case read(Report?, [Diagnostic], ReportCache.Entry?)
        }
        let outcomes = Parallel.map(positions) { position -> Outcome in
            let source = layout.reports[position]
            let assetsKey = source.assetsKey
            let stamp = source.stamp
            let known = aligned ? position : index[source.sourcePath]
            // Compared in place: copying entries here would make both cores bump one shared reference count.
            if let stamp, let known, usable[known].stamp == stamp, usable[known].assetsKey == assetsKey { return .cached(known) }
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + source.sourcePath) else {
                d.error(SourceLocation(path: source.sourcePath), "cannot read the file")
                return .read(nil, d.all, nil)
            }
            guard var report = ReportReader.read(source, bytes: bytes, config: config, units: directory, markdown: markdown,
                                                 diagnostics: &d) else { return .read(nil, d.all, nil) }
            var hash = ContentHash()
            hash.combine(bytes)
            hash.combine(source.sourcePath)
            hash.combine(assetsKey)
            report.sourceHash = hash.value
            guard let stamp, !d.hasErrors else { return .read(report, d.all, nil) }
            var cached = report
            cached.bodyHTML = ""
            cached.bodyLoaded = false
            return .read(report, d.all, ReportCache.Entry(sourcePath: source.sourcePath, stamp: stamp, assetsKey: assetsKey, report: cached,
                                                          warnings: d.warnings))
        }
        lap("  reports")
        var reports: [Report] = []
        reports.reserveCapacity(outcomes.count)
        var nextCache = ReportCache(key: reportKey.value)
        nextCache.entries.reserveCapacity(outcomes.count)
        var reportsRead = 0
        for (position, outcome) in outcomes.enumerated() {
            switch outcome {
            case .cached(let known):
                let entry = usable[known]
                var report = entry.report
                let assets = layout.reports[position].assets
                if !assets.isEmpty { report.assets = assets }
                diagnostics.append(contentsOf: entry.warnings)
                reports.append(report)
                nextCache.entries.append(entry)
            case .read(let report, let problems, let entry):
                diagnostics.append(contentsOf: problems)
                if let report {
                    reports.append(report)
                    reportsRead += 1
                }
                if let entry { nextCache.entries.append(entry) }
            }
        }
        lap("  reports (collect)")
        // Notices, from the cache when neither the file nor what it is checked against changed.
        let noticeKey = NoticeCache.key(reportKey: reportKey.value, planUnits: planUnits, asOf: asOf)
        let knownNotices: [String: NoticeCache.Entry] = {
            guard let cache = pendingNoticeCache(), cache.key == noticeKey else { return [:] }
            return Dictionary(cache.entries.map { ($0.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        }()
        let noticeResults = Parallel.map(layout.notices) { source -> (Notice?, [Diagnostic], UInt64, NoticeCache.Entry?, Bool) in
            let assetsKey = source.assetsKey
            if let stamp = source.stamp, let known = knownNotices[source.sourcePath], known.stamp == stamp, known.assetsKey == assetsKey {
                return (known.notice, known.warnings, known.contentHash, known, false)
            }
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + source.sourcePath) else {
                d.error(SourceLocation(path: source.sourcePath), "cannot read the file")
                return (nil, d.all, 0, nil, true)
            }
            let notice = NoticeReader.read(source, bytes: bytes, config: config, units: directory, planUnits: planUnits,
                                           asOf: asOf, markdown: noticeMarkdown, diagnostics: &d)
            var hash = ContentHash()
            hash.combine(bytes)
            hash.combine(assetsKey)
            guard let notice, let stamp = source.stamp, !d.hasErrors else { return (notice, d.all, hash.value, nil, true) }
            return (notice, d.all, hash.value, NoticeCache.Entry(sourcePath: source.sourcePath, stamp: stamp, assetsKey: assetsKey,
                                                                 notice: notice, warnings: d.warnings, contentHash: hash.value), true)
        }
        var notices: [Notice] = []
        var nextNoticeCache = NoticeCache(key: noticeKey)
        var noticesRead = 0
        for (source, (notice, problems, hash, entry, read)) in zip(layout.notices, noticeResults) {
            diagnostics.append(contentsOf: problems)
            if let notice { notices.append(notice) }
            if let entry { nextNoticeCache.entries.append(entry) }
            if read { noticesRead += 1 }
            inputs.combine(source.sourcePath)
            inputs.combine(hash)
        }
        lap("  notices")
        var pages: [Page] = []
        for path in layout.pages {
            guard let bytes = read(path) else { diagnostics.error(SourceLocation(path: path), "cannot read the file"); continue }
            note(path, bytes)
            if let page = PageReader.read(path: path, bytes: bytes, markdown: markdown, diagnostics: &diagnostics) { pages.append(page) }
        }

        lap("  pages")
        let sheets = pendingSheets.value
        lap("  plans, sheets (wait)")
        diagnostics.append(contentsOf: sheets.diagnostics.all)
        for (path, hash) in sheets.read { inputs.combine(path); inputs.combine(hash) }
        let (plans, assessments, duty, volunteer) = (sheets.plans, sheets.assessments, sheets.duty, sheets.volunteer)
        let content = SiteContent(config: config, units: units.sorted { $0.id < $1.id }, reports: reports, notices: notices,
                                  pages: pages, assessments: assessments, duty: duty, volunteer: volunteer,
                                  plans: plans.sorted { $0.unit < $1.unit })
        let stamps = Dictionary(stamped.filter { $0.path.hasBytePrefix("static/") }.map { ($0.path, $0.stamp) }, uniquingKeysWith: { a, _ in a })
        for file in layout.staticFiles {
            inputs.combine("static/" + file)
            if let stamp = stamps["static/" + file] {
                inputs.combine(UInt64(bitPattern: stamp.size)); inputs.combine(UInt64(bitPattern: stamp.modified))
                inputs.combine(UInt64(bitPattern: stamp.changed)); inputs.combine(stamp.inode)
            }
        }
        let failed = diagnostics.hasErrors
        var loaded = LoadedSite(content: failed ? nil : content, asOf: asOf, diagnostics: diagnostics.sorted,
                                staticFiles: layout.staticFiles)
        loaded.reportCache = failed ? nil : nextCache
        loaded.noticeCache = failed ? nil : nextNoticeCache
        loaded.noticesRead = noticesRead
        loaded.inputsHash = inputs.value
        loaded.reportsRead = reportsRead
        lap("  static")
        loaded.timings = timings
        return loaded
    }

    /// The HTML body of a report that came from the cache without it.
    public static func reportBody(_ report: Report, root: String) -> String {
        var ignored = Diagnostics()
        guard let bytes = FileTree.read(root + "/" + report.sourcePath),
              let document = ParsedDocument.parse(path: report.sourcePath, bytes: bytes, diagnostics: &ignored)
        else { return "" }
        return MarkdownRenderer().render(document.body).html()
    }
}
