import Glibc
import GongshiContent
import GongshiFiles
import GongshiModel
import GongshiRender

/// The running program's size and modification time: a new Gongshi may make
/// different pages from the same inputs, so it makes every page again and reads
/// no report or notice from the caches the old one left.
enum ProgramStamp {
    static let value: UInt64 = {
        var info = stat()
        let path = FileTree.realPath("/proc/self/exe") ?? CommandLine.arguments.first ?? ""
        guard stat(path, &info) == 0 else { return 0 }
        var hash = ContentHash()
        hash.combine(path)
        hash.combine(UInt64(bitPattern: Int64(info.st_size)))
        hash.combine(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
        hash.combine(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
        return hash.value
    }()
}

public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    /// `--as-of`; wins over site.yaml.
    public var asOf: CalendarDate?
    /// The date when neither `--as-of` nor site.yaml gives one.
    public var today: CalendarDate
    public var includeDrafts: Bool
    /// Reuse what earlier builds left in the cache folder (`--full` turns it off).
    public var incremental: Bool
    /// How many changed files may go into the output by renames, one by one, when
    /// there is no spare tree to exchange (0: always exchange whole trees; `--atomic`).
    public var inPlaceLimit = OutputWriter.defaultInPlaceLimit
    /// Set by the command line, which exits right after the build: the build's data
    /// is left for the process exit to drop instead of freed object by object.
    public var exitsAfterBuild = false
    /// Stands for the program that builds: caches and pages made under another stamp are
    /// not reused. nil (always, outside tests) is the running binary's `ProgramStamp`;
    /// a test hook, so a test can act as a new version of Gongshi.
    public var programStamp: UInt64? = nil
    /// The language of what is said to the person running Gongshi (`serve`'s log and error page);
    /// chosen once by the command line. It never changes the site that is built.
    public var language: Language = .chinese

    public init(content: String = "content", templates: String = "site-templates", output: String = "public",
                asOf: CalendarDate? = nil, today: CalendarDate, includeDrafts: Bool = false, incremental: Bool = true) {
        self.content = content; self.templates = templates; self.output = output
        self.asOf = asOf; self.today = today; self.includeDrafts = includeDrafts; self.incremental = incremental
    }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var asOf: CalendarDate?
    public var files = 0
    public var stats: OutputWriter.Stats?
    /// Reports read from their files; the others came from the cache.
    public var reportsRead = 0
    /// Notices read from their files; the others came from the cache.
    public var noticesRead = 0
    /// Files made this build; the others were known unchanged from their inputs.
    public var filesMade = 0
    /// Report pages left as the previous build wrote them, not even looked at (`OutputFile.Contents.kept`).
    public var filesKept = 0
    /// Seconds per named step, in order.
    public var timings: [(step: String, seconds: Double)] = []
    /// (issue 12) Photos resized this build, and photos whose sizes came from the cache.
    public var photosEncoded = 0
    /// Report bodies rendered for the search index; the others' text came from the last build.
    public var searchTextsRendered = 0
    public var photosReused = 0

    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// The pipeline, step by step: load → compute → theme → render → write.
/// Any error stops it before the write step, so `public/` is never touched by a failed build.
public enum SiteBuilder {
    /// Validates content (and the theme) without writing anything.
    public static func check(_ options: BuildOptions) -> BuildReport {
        var report = BuildReport(diagnostics: [])
        // The theme too, where there is one: without --templates, check also runs where there is no site-templates.
        let prepared = prepare(options, &report, withTheme: FileTree.isDirectory(options.templates))
        if let (content, loaded, _) = prepared {
            // (issue 12) Photos the build could not publish, found without writing anything; those the
            // last build published unchanged are not read again.
            var photos = Diagnostics()
            PhotoStep.check(assets: content.reports.flatMap(\.assets) + content.notices.flatMap(\.assets), stamps: loaded.assetStamps,
                            content: options.content, cacheFolder: OutputWriter(output: options.output).cacheFolder, diagnostics: &photos)
            report.diagnostics = (report.diagnostics + photos.all).sorted()
        }
        if options.exitsAfterBuild, let prepared { LeftForExit.keep([prepared.0, prepared.1]) }
        return report
    }

    /// - Parameter memory: what `serve` keeps between builds (issue 13); nil for a build on its own.
    public static func build(_ options: BuildOptions, memory: BuildMemory? = nil) -> BuildReport {
        var report = BuildReport(diagnostics: [])
        if let problem = overlap(options) {
            report.diagnostics.append(.error(SourceLocation(path: options.output), problem.chinese, en: problem.english))
            return report
        }
        let writer = OutputWriter(output: options.output, inPlaceLimit: options.inPlaceLimit)
        do {
            // The whole build holds the lock: what it reuses (cache, spare tree) must not change under it.
            try writer.withLock { try build(options, writer, memory: options.incremental ? memory : nil, &report) }
        } catch {
            let (chinese, english) = messages(for: error)
            report.diagnostics.append(.error(SourceLocation(path: options.output), chinese, en: english))
        }
        return report
    }

    /// What stopped a build, in Chinese and in English: the writer's refusals, what the file system refused.
    static func messages(for error: any Error) -> (chinese: String, english: String) {
        switch error {
        case let failure as OutputWriter.Failure:
            return (failure.description, failure.english)
        case let failure as FileError:
            return ("读写 \(failure.path) 时出错：\(reason(failure.code))；请检查输出文件夹的权限和磁盘空间，再重新运行", "\(failure)")
        default:
            return ("\(error)", "\(error)")
        }
    }

    /// What errno means, for staff.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "文件或文件夹不存在"
        case EACCES, EPERM: return "没有权限"
        case ENOSPC: return "磁盘空间不足"
        case EDQUOT: return "超出了磁盘配额"
        case EROFS: return "磁盘是只读的"
        case EEXIST: return "同名的文件或文件夹已经存在"
        case ENOTDIR: return "路径中有一段不是文件夹"
        case EISDIR: return "这是一个文件夹"
        case EMFILE, ENFILE: return "同时打开的文件太多"
        case EBUSY: return "正被占用"
        case EIO: return "磁盘读写错误"
        default: return String(cString: strerror(code))
        }
    }

    private static let cacheFile = "reports.cache"
    private static let noticeCacheFile = "notices.cache"
    /// Reports read from their files that do not yet make the cache worth rewriting.
    static let rereadAllowance = 64

    private static func build(_ options: BuildOptions, _ writer: OutputWriter, memory: BuildMemory?, _ report: inout BuildReport) throws {
        let cachePath = writer.cacheFolder + "/" + cacheFile
        // Decoded on another core while the loader lists and reads the other files (in `serve`, kept from the last build).
        let pending = options.incremental
            ? Pending { [kept = memory?.reportCache] in kept ?? FileTree.read(cachePath).flatMap(ReportCache.decode) } : nil
        let noticeCachePath = writer.cacheFolder + "/" + noticeCacheFile
        let pendingNotices = options.incremental
            ? Pending { [kept = memory?.noticeCache] in kept ?? FileTree.read(noticeCachePath).flatMap(NoticeCache.decode) } : nil
        // What the output trees hold is read on another core too.
        let survey = Pending { [incremental = options.incremental] in writer.survey(useOutput: incremental) }
        let prepared = prepare(options, &report, withTheme: true, cache: pending?.value, noticeCache: pendingNotices?.value,
                               spillFolder: writer.cacheFolder, memory: memory?.content)
        if let memory, let loaded = prepared?.1 {
            if let next = loaded.reportCache { memory.reportCache = next }
            if let next = loaded.noticeCache { memory.noticeCache = next }
            memory.readsSinceSaved += loaded.reportsRead
        }
        guard case (let content, var loaded, let theme?)? = prepared else { return }
        let cache = pending?.value
        report.reportsRead = loaded.reportsRead
        report.noticesRead = loaded.noticesRead
        // The next build's cache is encoded on another core while pages are made; saved at the end.
        // A few reports read again are cheaper to read again next time than a 20k-entry cache is
        // to rewrite (a tenth of an incremental build), so small changes leave the cache as it is.
        // It is written beside the cache at once (at a million reports its bytes are hundreds of
        // megabytes, not to be held while pages are made) and renamed over it at the end.
        var nextCache: Pending<Bool>? = nil
        let stagedCachePath = cachePath + ".next"
        if options.incremental, let next = loaded.reportCache,
           (memory?.readsSinceSaved ?? loaded.reportsRead) > Self.rereadAllowance || cache?.key != next.key
            || cache?.entries.count != next.entries.count {
            nextCache = Pending { [folder = writer.cacheFolder] in
                (try? FileSystem.makeDirectories(folder)) != nil && (try? FileSystem.write(stagedCachePath, pieces: { try next.encode($0) })) != nil
            }
        }
        // Done before the build returns, whatever stops it: the next build (in `serve`, the same process) writes the same file.
        defer { _ = nextCache?.value }
        // The entries are the encoder's alone now: at a million reports their array is a hundred megabytes or more.
        loaded.reportCache = nil

        let spare = try step("open spare", &report) { try writer.openSpare(survey.value) }
        let previous = options.incremental ? spare.target : nil
        let computation = step("compute", &report) {
            SiteComputation(content: content, asOf: loaded.asOf, includeDrafts: options.includeDrafts)
        }
        // (issue 12) Photos resized and stripped, or taken from the cache; a photo that can't be read stops the build here.
        var photoProblems = Diagnostics()
        let photos = step("photos", &report) {
            PhotoStep.run(assets: SiteRenderer.publishedAssets(content: content, computation: computation, includeDrafts: options.includeDrafts),
                          stamps: loaded.assetStamps, content: options.content, cacheFolder: writer.cacheFolder, incremental: options.incremental,
                          program: options.programStamp ?? ProgramStamp.value,
                          needed: { [previous] path, print in previous?.previous(path)?.fingerprint != print }, diagnostics: &photoProblems)
        }
        report.photosEncoded = photos.encoded
        report.photosReused = photos.reused
        guard !photoProblems.hasErrors else {
            report.diagnostics = (report.diagnostics + photoProblems.all).sorted()
            return
        }
        let program = options.programStamp ?? ProgramStamp.value
        let searchTexts = SearchTextStore.memo(cacheFolder: writer.cacheFolder, program: program, incremental: options.incremental)
        let renderer = step("pages", &report) {
            SiteRenderer(content: content, computation: computation, theme: theme, includeDrafts: options.includeDrafts,
                         inputs: loaded.inputHashes, sources: loaded.reportSources, programStamp: options.programStamp ?? ProgramStamp.value,
                         previous: { [previous] in previous?.previous($0) },
                         body: { [root = options.content, bodies = loaded.reportBodies] report, position in
                             bodies?.body(at: position) ?? ContentLoader.reportBody(report, root: root)
                         },
                         // Only when the output itself is written (in place): the spare is a build behind.
                         kept: spare.live?.kept, photos: photos.photos, searchTexts: searchTexts)
        }
        /// Output files to bytes, hashed; nil for a file that cannot be read.
        func materialize(_ files: [OutputFile]) -> [OutputWriter.PublishedFile?] {
            Parallel.map(files) { file -> OutputWriter.PublishedFile? in
                let bytes: [UInt8]
                switch file.contents {
                case .unchanged, .kept:
                    return nil  // never materialized: `handle` passes these straight to the publication
                case .text(let text): bytes = Array(text.utf8)
                case .bytes(let data): bytes = data
                case .copy(let source, let path):
                    let root = switch source {
                    case .content: options.content
                    case .theme: options.templates
                    case .cache: writer.cacheFolder
                    }
                    guard let data = FileTree.read(root + "/" + path) else { return nil }
                    bytes = data
                }
                return OutputWriter.PublishedFile(path: file.path, bytes: bytes, hash: ContentHash.of(bytes), fingerprint: file.fingerprint)
            }
        }

        // Pages are made and written a batch at a time, so memory holds one batch of
        // pages, not the whole site. Nothing is swapped in until every batch is
        // written and no two sources wrote the same file.
        let publication = try writer.begin(spare)
        var records: [OutputWriter.Publication.Record] = []
        // Which source writes each path, to find two that write the same one. Keyed by the path's hash: a String
        // key is hashed by Swift's Hasher with Unicode normalization, once per file of the site on every build.
        // Paths whose hash another path has too (never seen) are kept by path in `sharingAHash`.
        var owners: [UInt64: (path: String, origin: String)] = [:]
        var sharingAHash: [String: String] = [:]
        owners.reserveCapacity(renderer.count + loaded.staticFiles.count + 64)
        records.reserveCapacity(owners.capacity)
        /// The other source that writes `path`, if any; else `origin` now owns it.
        func claim(_ path: String, by origin: String) -> String? {
            let key = ContentHash.of(path)
            guard let known = owners[key] else { owners[key] = (path, origin); return nil }
            if known.path == path { return known.origin }
            guard let other = sharingAHash[path] else { sharingAHash[path] = origin; return nil }
            return other
        }
        var collisions = Diagnostics()
        var pages: [String] = []
        // Recipes kept until the manifest is written share one copy each: a report page's recipe names
        // its report by a placeholder, so a million report pages have a handful of recipes, not a
        // million arrays of a hundred bytes.
        // Keyed by their hash rather than hashed by Swift's Hasher as array keys; compared on a match.
        var recipes: [UInt64: [UInt8]] = [:]
        func shared(_ recipe: [UInt8]) -> [UInt8] {
            let key = ContentHash.of(recipe)
            if let known = recipes[key] { return known == recipe ? known : recipe }
            recipes[key] = recipe
            return recipe
        }
        var renderTime = Duration.zero, writeTime = Duration.zero, collectTime = Duration.zero
        func handle(_ files: [OutputFile]) throws {
            let collectStart = ContinuousClock.now
            for file in files {
                if let other = claim(file.path, by: file.origin) {
                    collisions.error(SourceLocation(path: file.origin), "会生成 \(file.path)，而 \(other) 也生成这个文件；请给其中一个改名",
                                     en: "writes \(file.path), which \(other) writes too")
                }
                if file.path.hasByteSuffix("index.html") { pages.append(file.path) }
            }
            // Only files with contents go through the cores; most files of an incremental build are known unchanged.
            let ready = materialize(files.filter {
                switch $0.contents { case .unchanged, .kept: false; default: true }
            })
            var made = ready.makeIterator()
            var batch: [OutputWriter.PublishedFile] = []
            batch.reserveCapacity(files.count)
            for file in files {
                if case .kept = file.contents {
                    publication.kept.append(file.path)
                    continue
                }
                if case .unchanged(let hash) = file.contents {
                    batch.append(OutputWriter.PublishedFile(path: file.path, bytes: nil, hash: hash, fingerprint: file.fingerprint))
                    records.append(.init(path: file.path, hash: hash, fingerprint: file.fingerprint, recipe: shared(file.recipe), made: false))
                    continue
                }
                guard let published = made.next() ?? nil else {
                    report.diagnostics.append(.error(SourceLocation(path: file.origin), ContentLoader.cannotRead, en: "cannot read the file"))
                    continue
                }
                batch.append(published)
                records.append(.init(path: published.path, hash: published.hash, fingerprint: published.fingerprint, recipe: shared(file.recipe), made: true))
            }
            collectTime += ContinuousClock.now - collectStart
            guard report.succeeded, !collisions.hasErrors else { return }
            let start = ContinuousClock.now
            try publication.write(batch)
            writeTime += ContinuousClock.now - start
        }
        // The next batch is made while this one is written: writing is mostly the
        // kernel's work and waits on folder locks, so the cores have room to render.
        var next = renderer.batchCount > 0 ? Pending { renderer.render(batch: 0) } : nil
        for batch in 0..<renderer.batchCount {
            let start = ContinuousClock.now
            let files = next!.value
            renderTime += ContinuousClock.now - start
            // What the batches' threads freed is given back now and then (see `Allocator`).
            if batch % 128 == 127 { Allocator.releaseFreeMemory() }
            next = batch + 1 < renderer.batchCount ? Pending { [batch] in renderer.render(batch: batch + 1) } : nil
            try handle(files)
        }
        let closingStart = ContinuousClock.now
        var closing = renderer.closingFiles(pages: pages)
        closing += loaded.staticFiles.map {
            OutputFile(path: $0, contents: .copy(source: .content, path: "static/" + $0), origin: "static/" + $0)
        }
        let closingTime = ContinuousClock.now - closingStart
        // A few hundred at a time: photos and other bundle files are read into memory to be written.
        for start in stride(from: 0, to: closing.count, by: 256) {
            try handle(Array(closing[start..<min(closing.count, start + 256)]))
        }
        report.timings.append(("render", renderTime.seconds))
        report.timings.append(("  sitemap, assets", closingTime.seconds))
        report.timings.append(("  hash, check", collectTime.seconds))
        report.timings.append(("write", writeTime.seconds))
        guard !collisions.hasErrors else {
            report.diagnostics = (report.diagnostics + collisions.all).sorted()
            return
        }
        guard report.succeeded else { return }
        report.filesMade = records.reduce(0) { $0 + ($1.made ? 1 : 0) }  // no copy of a million records
        publication.keptRecord = renderer.keptRecord
        report.stats = try step("finish", &report) { try publication.finish(records) }
        PhotoStep.save(photos, cacheFolder: writer.cacheFolder)
        SearchTextStore.save(searchTexts, groups: renderer.searchReportGroups, cacheFolder: writer.cacheFolder, program: program)
        report.searchTextsRendered = searchTexts.rendered
        if options.exitsAfterBuild { LeftForExit.keep([content, loaded, computation, renderer, records, owners]) }
        report.files = records.count + publication.kept.count
        report.filesKept = publication.kept.count
        // Saved after the site is in place; a build killed before this leaves the old
        // cache, whose stamps no longer match the changed files, so they are read again.
        if let nextCache {
            step("cache", &report) {
                if nextCache.value, (try? FileSystem.rename(stagedCachePath, to: cachePath)) != nil { memory?.readsSinceSaved = 0 }
            }
        }
        if options.incremental, let notices = loaded.noticeCache, loaded.noticesRead > 0 || pendingNotices?.value?.key != notices.key
            || pendingNotices?.value?.entries.count != notices.entries.count {
            try? FileSystem.replaceAtomically(noticeCachePath, notices.encoded())
        }
    }

    private static func prepare(_ options: BuildOptions, _ report: inout BuildReport,
                                withTheme: Bool, cache: @autoclosure () -> ReportCache? = nil,
                                noticeCache: @autoclosure () -> NoticeCache? = nil, spillFolder: String? = nil,
                                memory: ContentMemory? = nil) -> (SiteContent, LoadedSite, Theme?)? {
        let loaded = step("load", &report) {
            ContentLoader.load(root: options.content, asOf: options.asOf, today: options.today, includeDrafts: options.includeDrafts,
                               reservedFolders: SiteRenderer.reservedFolders,
                               program: options.programStamp ?? ProgramStamp.value, cache: cache(), noticeCache: noticeCache(),
                               spillFolder: spillFolder, memory: memory)
        }
        report.timings += loaded.timings
        Allocator.releaseFreeMemory()
        report.asOf = loaded.asOf
        report.diagnostics = loaded.diagnostics
        var theme: Theme? = nil
        if withTheme {
            var diagnostics = Diagnostics()
            theme = step("theme", &report) { loadTheme(options.templates, &diagnostics) }
            report.diagnostics = (report.diagnostics + diagnostics.all).sorted()
        }
        guard let content = loaded.content, report.succeeded else { return nil }
        return (content, loaded, theme)
    }

    static func loadTheme(_ root: String, _ diagnostics: inout Diagnostics) -> Theme? {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard FileTree.isDirectory(root) else {
            diagnostics.error(SourceLocation(path: root), "找不到模板文件夹；请在网站文件夹里运行，或用 --templates 指定它", en: "template folder not found")
            return nil
        }
        let paths = FileTree.files(under: root, diagnostics: &diagnostics, reportAs: prefix)
        var files: [(path: String, bytes: [UInt8])] = []
        for path in paths {
            guard let bytes = FileTree.read(root + "/" + path) else {
                diagnostics.error(SourceLocation(path: prefix + path), ContentLoader.cannotRead, en: "cannot read the file")
                continue
            }
            files.append((path, bytes))
        }
        return Theme(files: files, reportAs: prefix, diagnostics: &diagnostics)
    }

    /// The output must not be, or be inside, the folders the build reads.
    static func overlap(_ options: BuildOptions) -> (chinese: String, english: String)? {
        guard let output = FileTree.realPath(options.output) ?? absolute(options.output) else { return nil }
        for (name, chinese, folder) in [("content", "内容", options.content), ("templates", "模板", options.templates)] {
            guard let real = FileTree.realPath(folder) else { continue }
            if output == real || output.hasPrefix(real + "/") || real.hasPrefix(output + "/") {
                return ("输出文件夹与\(chinese)文件夹 \(folder) 重叠，生成的网站会和原文件混在一起；请用 --output 另选一个文件夹",
                        "the output folder overlaps the \(name) folder \(folder); choose another --output")
            }
        }
        return nil
    }

    private static func absolute(_ path: String) -> String? {
        if path.hasPrefix("/") { return path }
        guard let cwd = FileTree.realPath(".") else { return nil }
        return cwd + "/" + path
    }

    private static func step<T>(_ name: String, _ report: inout BuildReport, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            report.timings.append((name, elapsed.seconds))
        }
        return try body()
    }
}


/// Holds a finished build's data until the process exits (see `BuildOptions.exitsAfterBuild`).
enum LeftForExit {
    nonisolated(unsafe) static var kept: [Any] = []
    static func keep(_ values: [Any]) { kept.append(contentsOf: values) }
}
