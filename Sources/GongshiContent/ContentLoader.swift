import GongshiFiles
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
    /// Hashes of the inputs other than reports, by group, for pages' fingerprints.
    public var inputHashes = InputHashes()
    /// Per report of `content.reports`: its source hash and whether it came from the cache (without its body).
    public var reportSources = ReportSources()
    /// How many reports were read from their files (the rest came from the cache).
    public var reportsRead = 0
    /// Notices as read this time, for the next build; nil when there were errors.
    public var noticeCache: NoticeCache? = nil
    /// How many notices were read from their files.
    public var noticesRead = 0
    /// Seconds per part of loading, for `--timings`.
    public var timings: [(step: String, seconds: Double)] = []
    /// (issue 12) The stamps of reports' and notices' bundle files (photos), by path, from the walk.
    public var assetStamps: [String: FileStamp] = [:]
    /// The bodies of the reports read this build, when `load` was given a spill folder (their `bodyHTML` is then empty).
    public var reportBodies: ReportBodies? = nil

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum ContentLoader {
    /// A file that was listed but could not be read (removed meanwhile, or no permission).
    public static let cannotRead = "无法读取这个文件（可能刚被删除或移动，或没有读取权限）；请检查后重新运行"
    static let noSiteYAML = "内容文件夹里没有 site.yaml；请在网站的内容文件夹里运行，或用 --content 指定它"
    /// - Parameters:
    ///   - root: the content folder.
    ///   - asOf: `--as-of`, which wins over site.yaml's `as_of`.
    ///   - today: used when neither gives a date; passed in so builds stay reproducible.
    ///   - program: stands for the program that reads (its build): cached reports and
    ///     notices are reused only when it is the one that cached them, since another
    ///     version of Gongshi may read the same file differently (excerpts, notice HTML).
    ///   - reservedFolders: the site's own top-level folders (the render stage's), which free pages may not take.
    ///   - cache: what the previous build read; entries whose files are unchanged are reused.
    ///   - memory: what `serve`'s last load kept, told what changed since (see `ContentMemory`).
    public static func load(root: String, asOf override: CalendarDate?, today: CalendarDate,
                            includeDrafts: Bool = false, reservedFolders: Set<String>, program: UInt64 = 0, cache pendingCache: @autoclosure () -> ReportCache? = nil,
                            noticeCache pendingNoticeCache: @autoclosure () -> NoticeCache? = nil,
                            spillFolder: String? = nil, memory: ContentMemory? = nil) -> LoadedSite {
        var diagnostics = Diagnostics()
        var timings: [(step: String, seconds: Double)] = []
        var clock = ContinuousClock.now
        func lap(_ name: String) {
            let now = ContinuousClock.now
            timings.append((name, (now - clock).seconds))
            clock = now
        }
        guard FileTree.isDirectory(root) else {
            diagnostics.error(SourceLocation(path: root), "找不到内容文件夹", en: "content folder not found")
            return LoadedSite(content: nil, asOf: override ?? today, diagnostics: diagnostics.sorted, staticFiles: [])
        }
        let (stamped, restamped) = memory?.files(root, diagnostics: &diagnostics)
            ?? (FileTree.stampedFiles(under: root, diagnostics: &diagnostics), nil)
        lap(restamped == nil ? "  walk" : "  list")
        let layout: ContentLayout
        if let restamped, var known = memory?.layout {
            memory?.layout = nil  // so the stamps are changed in place, not in a copy of a million documents
            layout = known.restamp(restamped)
            diagnostics.append(contentsOf: known.diagnostics)
            memory?.layout = known
        } else {
            var problems = Diagnostics()
            layout = ContentLayout.classify(stamped, diagnostics: &problems)
            diagnostics.append(contentsOf: problems.all)
            memory?.layout = .init(layout: layout, diagnostics: problems.all)
        }
        lap("  classify")
        func read(_ path: String) -> [UInt8]? { FileTree.read(root + "/" + path) }

        guard layout.hasSiteYAML, let siteBytes = read(SiteConfigReader.path) else {
            diagnostics.error(SourceLocation(path: SiteConfigReader.path), noSiteYAML, en: "site.yaml not found in the content folder")
            return LoadedSite(content: nil, asOf: override ?? today, diagnostics: diagnostics.sorted, staticFiles: layout.staticFiles)
        }
        guard let siteText = TextDecoding.utf8(siteBytes, path: SiteConfigReader.path, diagnostics: &diagnostics),
              let siteConfig = SiteConfigReader.read(siteText, diagnostics: &diagnostics) else {
            return LoadedSite(content: nil, asOf: override ?? today, diagnostics: diagnostics.sorted, staticFiles: layout.staticFiles)
        }
        // (r2) The catalogues of `deductions` components are part of the scoring settings. When one is
        // missing or wrong, deductions.csv is not read: every row naming its items would be reported.
        let errorsBeforeCatalogues = diagnostics.errors.count
        let (config, catalogueHash) = DeductionCatalogues.read(paths: layout.catalogues, into: siteConfig, siteText: siteText, bytes: read,
                                                               diagnostics: &diagnostics)
        let dataFiles = diagnostics.errors.count == errorsBeforeCatalogues ? layout.dataFiles
            : layout.dataFiles.filter { !$0.hasPrefix("data/deductions.") }
        let asOf = override ?? config.asOf ?? today
        let markdown = MarkdownRenderer()
        let noticeMarkdown = MarkdownRenderer(embeddedBlockNames: NoticeReader.blockNames)

        // Units first: every other file refers to them. (r2) Their histories name notices by path.
        let noticePaths = Set(layout.notices.map(\.urlPath))
        // In `serve`, a unit whose file, settings and notices are unchanged since the last load is not read again.
        var unitsKey = ContentHash()
        unitsKey.combine(siteBytes)
        unitsKey.combine(catalogueHash)
        for path in noticePaths.sorted() { unitsKey.combine(path) }
        let knownUnits = restamped != nil && memory?.units?.key == unitsKey.value ? memory?.units?.read ?? [:] : [:]
        let unitResults = Parallel.map(layout.units) { path -> (Unit?, [Diagnostic], UInt64) in
            if let known = knownUnits[path], restamped?[path] == nil { return known }
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + path) else {
                d.error(SourceLocation(path: path), Self.cannotRead, en: "cannot read the file")
                return (nil, d.all, 0)
            }
            return (UnitReader.read(path: path, bytes: bytes, config: config, markdown: markdown, notices: noticePaths, diagnostics: &d), d.all,
                    ContentHash.of(bytes))
        }
        if let memory {
            memory.units = .init(key: unitsKey.value, read: Dictionary(zip(layout.units, unitResults).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
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
        var inputHashes = InputHashes()
        inputHashes.settings = ContentHash.of(siteBytes)
        if !layout.catalogues.isEmpty {
            var settings = ContentHash()
            settings.combine(inputHashes.settings)
            settings.combine(catalogueHash)
            inputHashes.settings = settings.value
        }
        inputHashes.units = reportKey.value
        // A unit whose file has errors is still a known id, so its reports don't pile up "unknown unit" errors.
        var directoryUnits = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for path in layout.units {
            let id = String(path.dropFirst("units/".count).dropLast(".md".count))
            if directoryUnits[id] == nil, Identifier.isValid(id) {
                directoryUnits[id] = Unit(id: id, name: id, category: config.categories.first?.id ?? "")
            }
        }
        let directory = UnitDirectory(units: directoryUnits)

        // Plans and score sheets are read on another core while the reports are read; in `serve`,
        // only when one of them, the units or the settings changed since the last load.
        var sheetsKey = reportKey
        sheetsKey.combine(catalogueHash)
        let sheetFiles = layout.plans + dataFiles
        for path in sheetFiles { sheetsKey.combine(path) }
        let knownSheets = restamped.flatMap { changed in
            memory?.sheets.flatMap { $0.key == sheetsKey.value && !sheetFiles.contains { changed[$0] != nil } ? $0.value : nil }
        }
        let pendingSheets = Pending { () -> LoadedSheets in
            if let knownSheets { return knownSheets }
            var sheets = LoadedSheets()
            func bytes(_ path: String) -> [UInt8]? {
                guard let bytes = FileTree.read(root + "/" + path) else { return nil }
                sheets.read.append((path, ContentHash.of(bytes)))
                return bytes
            }
            for path in layout.plans {
                guard let data = bytes(path) else { sheets.diagnostics.error(SourceLocation(path: path), Self.cannotRead, en: "cannot read the file"); continue }
                if let plan = PlanReader.read(path: path, bytes: data, units: directory, slips: config.slips, diagnostics: &sheets.diagnostics) { sheets.plans.append(plan) }
            }
            // `bytes` writes to `sheets`, so the sheets' problems are collected apart while it is in use.
            var problems = Diagnostics()
            let rows = DataSheets.read(files: dataFiles, config: config, units: directory, bytes: bytes, diagnostics: &problems)
            sheets.rows = rows
            sheets.diagnostics.append(contentsOf: problems.all)
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
            // Boxed: inline, a report and its cache entry made every outcome a kilobyte or more, and the array of a
            // million outcomes (nearly all `.cached`) a gigabyte of fresh pages on every build.
            indirect case read(Report?, UInt64, [Diagnostic], ReportCache.Entry?, SpillFile.Place?)
        }
        let spill = spillFolder.flatMap { SpillFile(folder: $0) }
        let outcomes = Parallel.map(positions) { position -> Outcome in
            let source = layout.reports[position]
            let assetsKey = source.assetsKey
            let stamp = source.stamp
            let known = aligned ? position : index[source.sourcePath]
            // Compared in place: copying entries here would make both cores bump one shared reference count.
            if let stamp, let known, usable[known].stamp == stamp, usable[known].assetsKey == assetsKey { return .cached(known) }
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + source.sourcePath) else {
                d.error(SourceLocation(path: source.sourcePath), Self.cannotRead, en: "cannot read the file")
                return .read(nil, 0, d.all, nil, nil)
            }
            guard var report = ReportReader.read(source, bytes: bytes, config: config, units: directory, markdown: markdown,
                                                 diagnostics: &d) else { return .read(nil, 0, d.all, nil, nil) }
            var place: SpillFile.Place? = nil
            if let spill {
                var body = report.bodyHTML
                place = body.withUTF8 { spill.append(UnsafeRawBufferPointer($0)) }
                if place != nil { report.bodyHTML = "" }
            }
            var hash = ContentHash()
            hash.combine(bytes)
            hash.combine(source.sourcePath)
            hash.combine(assetsKey)
            guard let stamp, !d.hasErrors else { return .read(report, hash.value, d.all, nil, place) }
            var cached = report
            if place == nil { cached.bodyHTML = "" }
            return .read(report, hash.value, d.all, ReportCache.Entry(sourcePath: source.sourcePath, stamp: stamp, assetsKey: assetsKey,
                                                                      report: cached, sourceHash: hash.value, warnings: d.warnings), place)
        }
        lap("  reports")
        var reports: [Report] = []
        reports.reserveCapacity(outcomes.count)
        var nextCache = ReportCache(key: reportKey.value)
        nextCache.entries.reserveCapacity(outcomes.count)
        var reportsRead = 0
        var sources = ReportSources()
        sources.hashes.reserveCapacity(outcomes.count)
        sources.cached.reserveCapacity(outcomes.count)
        var places: [SpillFile.Place?] = []
        places.reserveCapacity(spill == nil ? 0 : outcomes.count)
        for (position, outcome) in outcomes.enumerated() {
            switch outcome {
            case .cached(let known):
                let entry = usable[known]
                var report = entry.report
                // The cached report keeps only the bundle files its page uses (the only ones published).
                let assets = layout.reports[position].assets
                if !assets.isEmpty {
                    let used = Set(entry.report.assets.map(\.name))
                    report.assets = assets.filter { used.contains($0.name) }
                }
                diagnostics.append(contentsOf: entry.warnings)
                reports.append(report)
                if spill != nil { places.append(nil) }
                sources.hashes.append(entry.sourceHash)
                sources.cached.append(true)
                nextCache.entries.append(entry)
            case .read(let report, let hash, let problems, let entry, let place):
                diagnostics.append(contentsOf: problems)
                if let report {
                    reports.append(report)
                    if spill != nil { places.append(place) }
                    sources.hashes.append(hash)
                    sources.cached.append(false)
                    reportsRead += 1
                }
                if let entry { nextCache.entries.append(entry) }
            }
        }
        let reportBodies = spill.map { ReportBodies(spill: $0, places: places) }
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
                d.error(SourceLocation(path: source.sourcePath), Self.cannotRead, en: "cannot read the file")
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
        var noticeInputs = ContentHash()
        noticeInputs.combine(noticeKey)
        for (source, (notice, problems, hash, entry, read)) in zip(layout.notices, noticeResults) {
            diagnostics.append(contentsOf: problems)
            if let notice { notices.append(notice) }
            if let entry { nextNoticeCache.entries.append(entry) }
            if read { noticesRead += 1 }
            noticeInputs.combine(source.sourcePath)
            noticeInputs.combine(hash)
        }
        inputHashes.notices = noticeInputs.value
        lap("  notices")
        var pages: [Page] = []
        var pageInputs = ContentHash()
        for path in layout.pages {
            guard let bytes = read(path) else { diagnostics.error(SourceLocation(path: path), Self.cannotRead, en: "cannot read the file"); continue }
            pageInputs.combine(path)
            pageInputs.combine(ContentHash.of(bytes))
            if let page = FreePageReader.read(path: path, bytes: bytes, reserved: reservedFolders, markdown: markdown, diagnostics: &diagnostics) { pages.append(page) }
        }

        inputHashes.pages = pageInputs.value
        lap("  pages")
        let sheets = pendingSheets.value
        memory?.sheets = (sheetsKey.value, sheets)
        lap("  plans, sheets (wait)")
        diagnostics.append(contentsOf: sheets.diagnostics.all)
        // Plans and sheets are read against site.yaml and the units.
        var planInputs = reportKey, sheetInputs = reportKey
        for (path, hash) in sheets.read {
            if path.hasBytePrefix("rectification/") {
                planInputs.combine(path); planInputs.combine(hash)
            } else {
                sheetInputs.combine(path); sheetInputs.combine(hash)
            }
        }
        inputHashes.plans = planInputs.value
        inputHashes.sheets = sheetInputs.value
        var content = SiteContent(config: config, units: units.sorted { $0.id < $1.id }, reports: reports, notices: notices,
                                  pages: pages, plans: sheets.plans.sorted { $0.unit < $1.unit })
        for rows in sheets.rows { rows.store(into: &content) }
        SiteChecks.run(content, root: root, dataFiles: layout.dataFiles, asOf: asOf, includeDrafts: includeDrafts,
                       diagnostics: &diagnostics)
        let failed = diagnostics.hasErrors
        var loaded = LoadedSite(content: failed ? nil : content, asOf: asOf, diagnostics: diagnostics.sorted,
                                staticFiles: layout.staticFiles)
        loaded.reportCache = failed ? nil : nextCache
        loaded.noticeCache = failed ? nil : nextNoticeCache
        loaded.noticesRead = noticesRead
        loaded.inputHashes = inputHashes
        loaded.reportSources = sources
        loaded.reportsRead = reportsRead
        loaded.reportBodies = failed ? nil : reportBodies
        loaded.timings = timings
        loaded.assetStamps = layout.assetStamps
        return loaded
    }

    /// The HTML body of a report that came from the cache without it.
    /// The front matter is only split off, not read: the cached report was read from the same file
    /// (the search index asks for a thousand bodies when it remakes a group; YAML was half the time).
    public static func reportBody(_ report: Report, root: String) -> String {
        var ignored = Diagnostics()
        guard let bytes = FileTree.read(root + "/" + report.sourcePath),
              let text = TextDecoding.utf8(bytes, path: report.sourcePath, diagnostics: &ignored),
              case .success(let document) = FrontMatterDocument.split(text)
        else { return "" }
        return MarkdownRenderer().render(document.body).html()
    }
}

/// Plans and score sheets as read, on their way into `SiteContent`.
struct LoadedSheets: Sendable {
    var plans: [RectificationPlan] = []
    /// Rows of the data sheets, by file.
    var rows: [SheetRows] = []
    var diagnostics = Diagnostics()
    /// Path and content hash of each file read, in order, for `inputHashes`.
    var read: [(String, UInt64)] = []
}
