import GongshiModel

/// One file of the finished site.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case text(String)
        case bytes([UInt8])
        /// Made from the same inputs as the file the target tree already holds (whose hash this is): not made again.
        case unchanged(hash: UInt64)
        /// A report's page the output tree holds as the previous build left it: the report came
        /// from the cache unchanged and nothing else report pages read has changed (see `SiteRenderer.keptRecord`).
        /// Not made, looked up or recorded: 20,000 of these were most of an incremental build's bookkeeping.
        case kept
        /// Copied from a file, given relative to its folder (content or theme).
        case copy(source: Source, path: String)
    }
    /// `cache`: the build's cache folder, where resized photos wait (`PublishedPhoto.Size.cacheFile`).
    public enum Source: Sendable { case content, theme, cache }

    /// Relative to the output folder.
    public var path: String
    public var contents: Contents
    /// What wrote it, for collision messages.
    public var origin: String
    /// Hash of everything the file is made from; 0 when not known (always made).
    public var fingerprint: UInt64 = 0
    /// What the file was made from (`Recipe`), for the next build to check; empty when not known.
    public var recipe: [UInt8] = []

    public init(path: String, contents: Contents, origin: String, fingerprint: UInt64 = 0, recipe: [UInt8] = []) {
        self.path = path; self.contents = contents; self.origin = origin; self.fingerprint = fingerprint; self.recipe = recipe
    }
}

/// What the tree being written holds at a path: its fingerprint, content hash and recipe.
public struct PreviousFile: Sendable {
    public var fingerprint: UInt64
    public var hash: UInt64
    public var recipe: [UInt8]
    public init(fingerprint: UInt64, hash: UInt64, recipe: [UInt8]) { self.fingerprint = fingerprint; self.hash = hash; self.recipe = recipe }
}

/// What report pages read besides their own report, and its hash when the tree was written
/// (see `OutputFile.Contents.kept`).
public struct KeptRecord: Sendable, Equatable {
    public var recipe: [UInt8]
    public var hash: UInt64
    public init(recipe: [UInt8], hash: UInt64) { self.recipe = recipe; self.hash = hash }
}

/// The render stage: a validated site and its computed numbers in, every
/// output file out. Pure: no file system access. Each kind of page is a
/// `PageKind` in `Pages/`; this makes them, skipping pages whose recorded
/// inputs are unchanged.
public final class SiteRenderer: Sendable {
    /// Every kind of page and data file, in the order they are made.
    /// Kinds with a `menu` label are in the navigation in this order.
    /// `data/reports.json` comes early: at a million reports it is some 270 MB, best made before the
    /// build's records of a million written files have grown.
    static let kinds: [any PageKind.Type] = [
        HomePage.self, NoticesIndexPage.self, RankingsIndexPage.self, UnitsIndexPage.self, ReportListPage.self, RectificationPage.self,
        NotFoundPage.self, UnitsJSON.self, ReportsJSON.self, Feed.self, UnitPage.self, UnitReportsPage.self, ReportPage.self, KindPage.self,
        CommunityPage.self, NoticePage.self, RankingPage.self, RankingData.self, FreePage.self,
        VolunteerPage.self,
        IntersectionsIndexPage.self, IntersectionPage.self, CriteriaPage.self,
        SearchPage.self, SearchFile.self,
    ]

    /// The navigation: (section, label, folder) of each kind with a `menu` label.
    static var navigation: [(section: String, label: String, folder: String)] {
        kinds.compactMap { kind in
            guard let page = kind as? any HTMLPage.Type, let label = page.menu else { return nil }
            return (page.section, label, page.folder)
        }
    }

    /// Top-level names a free page may not take: the kinds' folders, the theme's assets, `index`,
    /// and `sitemaps` (a large site's sitemap files, `Sitemap`).
    public static var reservedFolders: Set<String> {
        Set(kinds.map { $0.folder }.filter { !$0.isEmpty } + ["assets", "index", Sitemap.folder])
    }

    /// The templates the kinds use, which the theme must have.
    public static var templates: [String] {
        kinds.compactMap { ($0 as? any HTMLPage.Type)?.template } + ["layouts/base", "partials/ranking-block", "partials/rectification-block"]
    }

    let site: RenderSite
    /// Every kind's pages, in the order of `kinds`; `offsets[k]` is where kind `k` starts in the whole list.
    let lists: [KindPages]
    let offsets: [Int]
    /// How many pages and data files there are.
    public let count: Int
    /// The target tree's file at a path; a page whose recorded inputs hash to its fingerprint is not made again.
    let previous: @Sendable (String) -> PreviousFile?
    /// Pages of reports that came from the cache are `.kept` (see `init`).
    let keepReports: Bool
    private let kept: KeptRecord?
    private let reportRecipes = RecipeUnion()
    /// (issue 13) The most URLs one sitemap file lists (the protocol's 50,000; tests give fewer).
    let sitemapLimit: Int

    /// - Parameters:
    ///   - programStamp: the program itself: a new Gongshi may make other pages from the same inputs.
    ///   - inputs, sources: what the loader knows about the inputs (`LoadedSite`).
    ///   - previous: the file at an output path in the tree being written; nil for none.
    ///   - body: the body of a report whose `bodyHTML` is empty (it came from the cache without it, or
    ///     the loader put it aside), given the report and its position in `content.reports`.
    ///   - kept: when the target tree is the output itself (written in place), its `KeptRecord`; report
    ///     pages of cached reports are then `.kept` when what report pages read is unchanged.
    public init(content: SiteContent, computation: SiteComputation, theme: Theme, includeDrafts: Bool,
                inputs: InputHashes = InputHashes(), sources: ReportSources? = nil, programStamp: UInt64 = 0,
                previous: @escaping @Sendable (String) -> PreviousFile? = { _ in nil },
                body: @escaping @Sendable (Report, Int) -> String = { report, _ in report.bodyHTML }, kept: KeptRecord? = nil,
                batchSize: Int = SiteRenderer.defaultBatchSize, photos: PublishedPhotos = PublishedPhotos(),
                searchTexts: SearchTextMemo = SearchTextMemo(), sitemapLimit: Int = Sitemap.urlLimit) {
        self.batchSize = max(1, batchSize)
        self.sitemapLimit = max(1, sitemapLimit)
        var hash = ContentHash()
        hash.combine(programStamp)
        hash.combine(theme.fingerprint)
        hash.combine(computation.asOf.description)
        hash.combine(includeDrafts ? 1 : 0)
        let site = RenderSite(content: content, computation: computation, inputs: inputs,
                              sources: sources ?? .allRead(content.reports.count), theme: theme,
                              globalHash: hash.value, includeDrafts: includeDrafts, loadBody: body, photos: photos,
                              searchTexts: searchTexts)
        self.site = site
        self.previous = previous
        lists = Self.kinds.map { KindPages($0, site) }
        var offsets: [Int] = [], total = 0
        for list in lists { offsets.append(total); total += list.count }
        self.offsets = offsets
        count = total
        if let kept, let (coarse, items) = Recipe.decode(kept.recipe, subject: Self.noSubject) {
            keepReports = site.fingerprint(kind: "kept", subject: Self.noSubject, coarse: coarse, items: items) == kept.hash
        } else {
            keepReports = false
        }
        self.kept = keepReports ? kept : nil
        // Where each search group's files end in the whole list (`SearchFile.all`: a group's files are together).
        let searchStart = offsets[Self.kinds.firstIndex { $0 == SearchFile.self }!]
        var ends: [Int] = [], end = searchStart
        for file in SearchFile.all(in: site) {
            if file.group == ends.count { ends.append(end) }
            end += 1
            ends[file.group] = end
        }
        searchGroupStarts = ends.indices.map { $0 == 0 ? searchStart : ends[$0 - 1] }
        searchGroupEnds = ends
    }

    /// The positions in the whole list of each search group's files: `searchGroupStarts[g]..<searchGroupEnds[g]`.
    let searchGroupStarts: [Int]
    let searchGroupEnds: [Int]

    /// How many report groups the search index has (`SearchTextStore` keeps a file for each).
    public var searchReportGroups: Int { site.search.reportGroups }

    /// Matches no subject: the report pages' shared record names none.
    static let noSubject = "\u{0}"

    // A build takes the files batch by batch (`render(batch:)`, then `closingFiles(pages:)`),
    // so only one batch of pages is in memory at a time.

    /// How many pages and data files there are to make, in batches of `batchSize`.
    public var batchCount: Int { (count + batchSize - 1) / batchSize }
    /// Small enough that a batch of the largest pages (notices with a ranking of a thousand units,
    /// a few hundred kilobytes each) and its search groups are a hundred megabytes or so.
    public static let defaultBatchSize = 256
    public let batchSize: Int

    /// The pages in order, as values (for tests; rendering never boxes pages).
    var pages: [any PageKind] { lists.flatMap { list in (0..<list.count).map { list.page($0) } } }

    /// The files of one batch of pages, made on every core.
    public func render(batch: Int) -> [OutputFile] {
        let range = min(count, batch * batchSize)..<min(count, (batch + 1) * batchSize)
        // (kind, position within the kind) of each page of the batch.
        var jobs: [(kind: Int, index: Int)] = []
        jobs.reserveCapacity(range.count)
        for (k, list) in lists.enumerated() {
            let start = offsets[k]
            let lower = max(start, range.lowerBound), upper = min(start + list.count, range.upperBound)
            if lower < upper { for global in lower..<upper { jobs.append((k, global - start)) } }
        }
        // The search groups this batch makes files of are made first, a group per core: made when
        // their files were reached, the cores took the same group and waited on each other. A group
        // is let go once the batch with its last file is made, so memory holds a batch's groups.
        let groups = searchGroupStarts.indices.filter {
            searchGroupStarts[$0] < range.upperBound && searchGroupEnds[$0] > range.lowerBound && searchGroupNeeded($0)
        }
        _ = Parallel.map(groups) { [site] in site.search.group($0, site).docs.count }
        let files = Parallel.map(jobs) { self.lists[$0.kind].file(self, $0.index) }
        for group in searchGroupStarts.indices where searchGroupStarts[group] < range.upperBound && searchGroupEnds[group] <= range.upperBound {
            site.search.release(group)
        }
        for (job, file) in zip(jobs, files) where lists[job.kind].ownsReports {
            if case .kept = file.contents { reportRecipes.addKept(kept!.recipe); continue }
            reportRecipes.add(file.recipe)
        }
        return files
    }

    /// What report pages of this build read besides their own report, for the next build
    /// (call after every batch).
    public var keptRecord: KeptRecord {
        guard let (coarse, items) = reportRecipes.union else { return KeptRecord(recipe: [], hash: 0) }
        return KeptRecord(recipe: Recipe.encode(coarse: coarse, items: items, subject: Self.noSubject),
                          hash: site.fingerprint(kind: "kept", subject: Self.noSubject, coarse: coarse, items: items))
    }

    fileprivate func file<Kind: PageKind>(_ page: Kind) -> OutputFile {
        let kind = Kind.name, path = page.path, own = page.ownReport
        if keepReports, let own, site.isCached(report: own) {
            return OutputFile(path: path, contents: .kept, origin: page.origin)
        }
        if let known = previous(path), let (coarse, items) = Recipe.decode(known.recipe, subject: page.subject),
           site.fingerprint(kind: kind, subject: page.subject, ownReport: own, coarse: coarse, items: items) == known.fingerprint {
            return OutputFile(path: path, contents: .unchanged(hash: known.hash), origin: page.origin,
                              fingerprint: known.fingerprint, recipe: known.recipe)
        }
        let read = PageReader(site: site, subject: page.subject, root: Links.root(of: path))
        let contents: OutputFile.Contents
        switch page.contents(read) {
        case .text(let text):
            contents = .text(text)
        case .bytes(let bytes):
            contents = .bytes(bytes)
        case .page(let template, let title, let section, let values):
            var context = read.base(outputPath: path, title: title, section: section)
            for (key, value) in values.fields { context.fields[key] = value }
            contents = .bytes(site.theme.render(template, context))
        }
        return OutputFile(path: path, contents: contents, origin: page.origin,
                          fingerprint: site.fingerprint(kind: kind, subject: page.subject, ownReport: own, coarse: read.coarse, items: read.items),
                          recipe: Recipe.encode(coarse: read.coarse, items: read.items, subject: page.subject))
    }

    /// What comes after the pages: the sitemap (of `pages`), the theme's assets, bundle files.
    public func closingFiles(pages: [String]) -> [OutputFile] {
        var files: [OutputFile] = []
        // (issue 13) Up to `sitemapLimit` pages, one sitemap.xml; above, an index of sitemaps/<n>.xml.
        files += Sitemap.files(pages: pages, limit: sitemapLimit, site, previous: previous)
        for asset in site.theme.assets {
            if let css = site.theme.stylesheets[asset] {
                // (issue 12) Published minified; its fingerprint is its bytes, so an unchanged stylesheet is not written again.
                var hash = ContentHash()
                hash.combine(site.globalHash)  // the program among them: a new Gongshi may minify otherwise
                hash.combine(css)
                let print = hash.value | 1
                if let known = previous(asset), known.fingerprint == print {
                    files.append(OutputFile(path: asset, contents: .unchanged(hash: known.hash), origin: "site-templates/\(asset)", fingerprint: print))
                } else {
                    files.append(OutputFile(path: asset, contents: .bytes(css), origin: "site-templates/\(asset)", fingerprint: print))
                }
                continue
            }
            files.append(OutputFile(path: asset, contents: .copy(source: .theme, path: asset), origin: "site-templates/\(asset)"))
        }
        for report in site.activities.reports { files += assets(report.assets, page: report.path) }
        for notice in site.notices { files += assets(notice.assets, page: notice.path) }
        return files
    }

    private func assets(_ assets: [BundleAsset], page: String) -> [OutputFile] {
        var files: [OutputFile] = []
        for asset in assets {
            // (issue 12) A photo is published as its resized copies, never as the file itself.
            guard let photo = site.photos.bySource[asset.sourcePath] else {
                files.append(OutputFile(path: page + "/" + asset.name, contents: .copy(source: .content, path: asset.sourcePath), origin: asset.sourcePath))
                continue
            }
            for size in photo.sizes {
                let path = page + "/" + size.name
                if let known = previous(path), known.fingerprint == size.fingerprint {
                    files.append(OutputFile(path: path, contents: .unchanged(hash: known.hash), origin: asset.sourcePath, fingerprint: size.fingerprint))
                } else {
                    files.append(OutputFile(path: path, contents: .copy(source: .cache, path: size.cacheFile), origin: asset.sourcePath,
                                            fingerprint: size.fingerprint))
                }
            }
        }
        return files
    }

    /// The published reports' and notices' bundle files (the files their pages use), for the
    /// build's photo step: the same ones `closingFiles` publishes.
    public static func publishedAssets(content: SiteContent, computation: SiteComputation, includeDrafts: Bool) -> [BundleAsset] {
        var assets: [BundleAsset] = []
        for report in computation.activities.reports { assets += report.assets }
        for notice in content.notices where (includeDrafts || !notice.draft) && notice.date <= computation.asOf { assets += notice.assets }
        return assets
    }
}

/// One kind's pages, made by code that knows their type: no page is boxed (20,000 report pages were
/// 20,000 allocations a build).
struct KindPages: Sendable {
    let count: Int
    /// Whether its pages are reports' own pages (`PageKind.ownReport`).
    let ownsReports: Bool
    let page: @Sendable (Int) -> any PageKind
    let file: @Sendable (SiteRenderer, Int) -> OutputFile

    init<Kind: PageKind>(_ kind: Kind.Type, _ site: RenderSite) {
        let pages = Kind.all(in: site)
        count = pages.count
        ownsReports = pages.first?.ownReport != nil
        page = { pages[$0] }
        file = { renderer, index in renderer.file(pages[index]) }
    }
}

/// The union of what report pages read besides their own report. Pages of one
/// kind share a few recipes, so each distinct recipe is decoded once.
private final class RecipeUnion: @unchecked Sendable {
    /// Called from one thread at a time (`render(batch:)`).
    private var seen: Set<[UInt8]> = []
    private var keptAdded = false
    private var coarse: UInt8 = 0
    private var items: [Dependency] = []
    /// A report page read something named after its own subject other than its report: no shared record covers that.
    private var personal = false

    func add(_ recipe: [UInt8]) {
        guard !recipe.isEmpty, seen.insert(recipe).inserted else { return }
        merge(recipe)
    }

    func addKept(_ recipe: [UInt8]) {
        guard !keptAdded else { return }
        keptAdded = true
        merge(recipe)
    }

    private func merge(_ recipe: [UInt8]) {
        let own = Dependency.report(SiteRenderer.noSubject)
        guard let (bits, decoded) = Recipe.decode(recipe, subject: SiteRenderer.noSubject) else { personal = true; return }
        coarse |= bits
        for item in decoded where item != own && !items.contains(item) {
            if item.mentions(SiteRenderer.noSubject) { personal = true }
            items.append(item)
        }
    }

    /// nil when report pages can't be kept by one shared record.
    var union: (UInt8, [Dependency])? { personal ? nil : (coarse, items) }
}
