import GongshiModel

/// One file of the finished site.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case text(String)
        case bytes([UInt8])
        /// Made from the same inputs as the file the target tree already holds (whose hash this is): not made again.
        case unchanged(hash: UInt64)
        /// A report's page the output tree holds as the previous build left it: the report came
        /// from the cache unchanged and every other input is the same (see `keptGlobalHash`).
        /// Not made, looked up or recorded: 20,000 of these were most of an incremental build's bookkeeping.
        case kept
        /// Copied from a file, given relative to its folder (content or theme).
        case copy(source: Source, path: String)
    }
    public enum Source: Sendable { case content, theme }

    /// Relative to the output folder.
    public var path: String
    public var contents: Contents
    /// What wrote it, for collision messages.
    public var origin: String
    /// Hash of everything the file is made from; 0 when not known (always made).
    public var fingerprint: UInt64 = 0

    public init(path: String, contents: Contents, origin: String, fingerprint: UInt64 = 0) {
        self.path = path; self.contents = contents; self.origin = origin; self.fingerprint = fingerprint
    }
}

/// The render stage: a validated site and its computed numbers in, every
/// output file out. Pure: no file system access.
public struct SiteRenderer: Sendable {
    public static let pageSize = 50

    let content: SiteContent
    let computation: SiteComputation
    let theme: Theme
    let includeDrafts: Bool
    let notices: [Notice]
    let communities: [String]
    /// Hash of every input but the reports (content, theme, as-of date, the program itself).
    public let globalHash: UInt64
    /// Pages of reports that came from the cache are `.kept` (see `init`).
    let keepReports: Bool
    /// Fingerprints of the files the target tree holds; a page whose fingerprint matches is not made again.
    let previous: @Sendable (String) -> (fingerprint: UInt64, hash: UInt64)?
    /// The body of a report that was loaded without it.
    let body: @Sendable (Report) -> String
    let jobs: [Job]
    let contexts: Contexts

    /// - Parameters:
    ///   - inputsHash: hash of the inputs other than reports and the theme (see `LoadedSite.inputsHash`).
    ///   - previous: the fingerprint and content hash of the file at an output path in the tree being written; nil for none.
    ///   - keptGlobalHash: the `globalHash` of the build that last wrote the target tree, when that tree is the
    ///     output itself (written in place); when it equals this build's, pages of cached reports are `.kept`.
    public init(content: SiteContent, computation: SiteComputation, theme: Theme, includeDrafts: Bool,
                inputsHash: UInt64 = 0, previous: @escaping @Sendable (String) -> (fingerprint: UInt64, hash: UInt64)? = { _ in nil },
                body: @escaping @Sendable (Report) -> String = { $0.bodyHTML }, keptGlobalHash: UInt64? = nil) {
        self.content = content
        self.computation = computation
        self.theme = theme
        self.includeDrafts = includeDrafts
        self.previous = previous
        self.body = body
        var hash = ContentHash()
        hash.combine(inputsHash)
        hash.combine(theme.fingerprint)
        hash.combine(computation.asOf.description)
        hash.combine(includeDrafts ? 1 : 0)
        globalHash = hash.value
        // The target tree was written by the previous build with the same global inputs, and a
        // report from the cache (no body loaded) has not changed since: its page there is current.
        keepReports = keptGlobalHash == globalHash
        let asOf = computation.asOf
        notices = content.notices.filter { (includeDrafts || !$0.draft) && $0.date <= asOf }
            .sorted { $0.date != $1.date ? $0.date > $1.date : $0.path < $1.path }
        var names = Set(content.units.compactMap(\.community))
        names.formUnion(computation.activities.byCommunity.keys)
        communities = names.sorted()
        jobs = Self.makeJobs(content: content, computation: computation, notices: notices, communities: communities)
        contexts = Contexts(content: content, computation: computation)
    }

    enum Job: Sendable {
        case home, unitsIndex, unit(Int), reportsPage(Int), report(Int), kindPage(Int, Int), community(Int)
        case noticesIndex, notice(Int), rankingsIndex, ranking(Int), rectification, page(Int), notFound
        case rankingJSON(Int), rankingCSV(Int), unitsJSON, feed
    }

    func pageCount(_ items: Int) -> Int { max(1, (items + Self.pageSize - 1) / Self.pageSize) }

    private static func makeJobs(content: SiteContent, computation: SiteComputation, notices: [Notice], communities: [String]) -> [Job] {
        func pageCount(_ items: Int) -> Int { max(1, (items + pageSize - 1) / pageSize) }
        var jobs: [Job] = [.home, .unitsIndex, .noticesIndex, .rankingsIndex, .rectification, .notFound, .unitsJSON, .feed]
        jobs += content.units.indices.map { .unit($0) }
        jobs += (1...pageCount(computation.activities.reports.count)).map { .reportsPage($0) }
        jobs += computation.activities.reports.indices.map { .report($0) }
        for (k, kind) in content.config.kinds.enumerated() {
            jobs += (1...pageCount(computation.activities.byKind[kind.id]?.count ?? 0)).map { .kindPage(k, $0) }
        }
        jobs += communities.indices.map { .community($0) }
        jobs += notices.indices.map { .notice($0) }
        jobs += computation.rankings.indices.flatMap { [Job.ranking($0), .rankingJSON($0), .rankingCSV($0)] }
        jobs += content.pages.indices.map { .page($0) }
        return jobs
    }

    // A build takes the files batch by batch (`render(batch:)`, then `closingFiles(pages:)`),
    // so only one batch of pages is in memory at a time.

    /// How many pages and data files there are to make, in batches of `batchSize`.
    public var batchCount: Int { (jobs.count + Self.batchSize - 1) / Self.batchSize }
    public static let batchSize = 2048

    /// The files of one batch of pages, made on every core.
    public func render(batch: Int) -> [OutputFile] {
        let all = jobs
        let slice = Array(all[min(all.count, batch * Self.batchSize)..<min(all.count, (batch + 1) * Self.batchSize)])
        return Parallel.map(slice) { render($0, contexts) }
    }

    /// What comes after the pages: the sitemap (of `pages`), the theme's assets, bundle files.
    public func closingFiles(pages: [String]) -> [OutputFile] {
        var files: [OutputFile] = []
        let sitemapPrint = fingerprint("sitemap.xml") { h in for page in pages { h.combine(page) } }
        if let known = previous("sitemap.xml"), known.fingerprint == sitemapPrint {
            files.append(OutputFile(path: "sitemap.xml", contents: .unchanged(hash: known.hash), origin: "sitemap", fingerprint: sitemapPrint))
        } else {
            files.append(OutputFile(path: "sitemap.xml", contents: .text(OpenData.sitemap(pages: pages, config: content.config)),
                                    origin: "sitemap", fingerprint: sitemapPrint))
        }
        for asset in theme.assets {
            files.append(OutputFile(path: asset, contents: .copy(source: .theme, path: asset), origin: "site-templates/\(asset)"))
        }
        for report in computation.activities.reports { files += assets(report.assets, page: report.path) }
        for notice in notices { files += assets(notice.assets, page: notice.path) }
        return files
    }

    private func assets(_ assets: [BundleAsset], page: String) -> [OutputFile] {
        assets.map { OutputFile(path: page + "/" + $0.name, contents: .copy(source: .content, path: $0.sourcePath), origin: $0.sourcePath) }
    }

    private func page(_ path: String, _ template: String, title: String, section: String, origin: String,
                      fingerprint: UInt64, _ contexts: Contexts, _ fill: (inout TemplateObject, String) -> Void) -> OutputFile {
        if let known = previous(path), known.fingerprint == fingerprint {
            return OutputFile(path: path, contents: .unchanged(hash: known.hash), origin: origin, fingerprint: fingerprint)
        }
        var context = contexts.base(outputPath: path, title: title, section: section)
        fill(&context, context.string("root") ?? "")
        return OutputFile(path: path, contents: .bytes(theme.render(template, context)), origin: origin, fingerprint: fingerprint)
    }

    /// What a page is made from besides `globalHash`: a tag naming the page and whatever report data it shows.
    private func fingerprint(_ tag: String, _ add: (inout ContentHash) -> Void = { _ in }) -> UInt64 {
        var hash = ContentHash()
        hash.combine(globalHash)
        hash.combine(tag)
        add(&hash)
        return hash.value | 1  // never 0, which means "unknown"
    }

    private func combine(_ totals: [ActivityTotal], into hash: inout ContentHash) {
        for total in totals {
            hash.combine(total.kind)
            hash.combine(UInt64(total.count))
            for (name, value) in total.figures.sorted(by: { $0.key < $1.key }) {
                hash.combine(name)
                hash.combine(UInt64(bitPattern: Int64(value.significand)))
                hash.combine(UInt64(value.scale))
            }
        }
    }

    private func combine<C: Collection>(reports indices: C, into hash: inout ContentHash) where C.Element == Int {
        hash.combine(UInt64(indices.count))
        for index in indices { hash.combine(computation.activities.reports[index].sourceHash) }
    }

    /// A file that shows nothing of reports but what `globalHash` covers; not made when unchanged.
    private func file(_ path: String, origin: String, _ make: () -> String) -> OutputFile {
        let print = fingerprint(path)
        if let known = previous(path), known.fingerprint == print {
            return OutputFile(path: path, contents: .unchanged(hash: known.hash), origin: origin, fingerprint: print)
        }
        return OutputFile(path: path, contents: .text(make()), origin: origin, fingerprint: print)
    }

    private func paged(_ folder: String, _ number: Int) -> String {
        number == 1 ? folder + "/index.html" : "\(folder)/page/\(number)/index.html"
    }

    private func render(_ job: Job, _ c: Contexts) -> OutputFile {
        let config = content.config
        let activities = computation.activities
        switch job {
        case .home:
            return page("index.html", "home", title: config.title, section: "home", origin: "home page",
                         fingerprint: fingerprint("home") { h in
                             combine(activities.siteTotals.ordered(config.kinds), into: &h)
                             h.combine(UInt64(activities.reports.count))
                         }, c) { ctx, root in
                ctx["notices"] = notices.prefix(5).map { c.noticeSummary($0, root: root) }
                if let current = computation.currentRanking {
                    ctx["leaders"] = ["periodName": current.period.name, "href": root + Links.page(Links.ranking(current.period.id)),
                                      "tables": c.rankingTables(current, category: nil, top: 3, root: root)] as TemplateObject
                }
                ctx["totals"] = activities.siteTotals.ordered(config.kinds).map { c.kindTotal($0, root: root) }
                ctx["plans"] = content.plans.map { c.planDetail($0, root: root) }
                ctx["unitCount"] = content.units.count
                ctx["reportCount"] = activities.reports.count
            }
        case .unitsIndex:
            return page("units/index.html", "units", title: "文明单位", section: "units", origin: "units index",
                         fingerprint: fingerprint("units/index.html"), c) { ctx, root in
                ctx["categories"] = config.categories.map { category -> TemplateObject in
                    ["id": category.id, "name": category.name,
                     "units": content.units.filter { $0.category == category.id }.map { c.unitLink($0, root: root) }]
                }
            }
        case .unit(let index):
            let unit = content.units[index]
            return page("units/\(unit.id)/index.html", "unit", title: unit.name, section: "units", origin: "units/\(unit.id).md",
                         fingerprint: fingerprint("unit:" + unit.id) { h in
                             combine(activities.unitTotals[unit.id]?.ordered(config.kinds) ?? [], into: &h)
                             combine(reports: activities.byUnit[unit.id] ?? [], into: &h)
                         }, c) { ctx, root in
                var info = c.unitLink(unit, root: root)
                info["categoryName"] = config.category(unit.category)?.name ?? unit.category
                info["communityHref"] = unit.community.map { root + Links.page(Links.community($0)) }
                info["intersection"] = unit.intersection
                info["staff"] = unit.staff.map(String.init)
                info["profileHTML"] = unit.profileHTML
                ctx["unit"] = info
                ctx["periods"] = config.periods.compactMap { period -> TemplateObject? in
                    guard let scores = computation.scores[period.id]?[unit.id] else { return nil }
                    let ranked = computation.rankingRow(unit: unit, period: period.id)
                    return [
                        "id": period.id, "name": period.name, "href": root + Links.page(Links.ranking(period.id)),
                        "ranked": ranked != nil, "rank": ranked?.row.rank ?? 0, "categorySize": ranked?.size ?? 0,
                        "shared": ranked?.row.shared ?? false, "total": scores.total.description,
                        "change": c.change(ranked?.row.change),
                        "scores": config.components.map { component -> TemplateObject in
                            let value = scores.components[component.id]
                            return ["id": component.id, "name": component.name, "weight": component.weight.description,
                                    "value": value?.description ?? "", "bar": value?.rounded(toScale: 0).significand ?? 0]
                        },
                    ]
                }
                ctx["activities"] = (activities.unitTotals[unit.id]?.ordered(config.kinds) ?? []).map { c.kindTotal($0, root: root) }
                ctx["volunteer"] = (computation.volunteer[unit.id] ?? []).map { standing -> TemplateObject in
                    var percent = 0
                    if let perHead = standing.perHead, let target = config.volunteerPointsTarget, target > .zero {
                        percent = min(100, ExactDecimal.quotient(perHead * ExactDecimal(100), target, scale: 0)?.significand ?? 0)
                    }
                    return (["periodName": config.period(standing.period)?.name ?? standing.period, "points": standing.points.grouped,
                                    "perHead": standing.perHead?.grouped, "target": config.volunteerPointsTarget?.grouped,
                                    "met": standing.targetMet ?? false,
                                    "metLabel": standing.targetMet.map { $0 ? "已达标" : "未达标" }, "percent": percent])
                }
                if let plan = content.plans.first(where: { $0.unit == unit.id }) { ctx["plan"] = c.planDetail(plan, root: root) }
                let reports = activities.byUnit[unit.id] ?? []
                ctx["reports"] = reports.map { c.reportSummary(at: $0) }
                ctx["reportCount"] = reports.count
            }
        case .reportsPage(let number):
            let all = activities.reports
            let range = min(all.count, (number - 1) * Self.pageSize)..<min(all.count, number * Self.pageSize)
            return page(paged("reports", number), "reports", title: number == 1 ? "创建动态" : "创建动态（第\(number)页）",
                          section: "reports", origin: "reports index",
                          fingerprint: fingerprint("reports:\(number)") { h in
                              h.combine(UInt64(all.count))
                              combine(reports: range, into: &h)
                          }, c) { ctx, root in
                ctx["reports"] = range.map { c.reportSummary(at: $0) }
                ctx["reportCount"] = all.count
                ctx["pager"] = c.pager(current: number, total: pageCount(all.count), folder: "reports", root: root)
            }
        case .report(let index):
            let report = activities.reports[index]
            if keepReports, !report.bodyLoaded {
                return OutputFile(path: report.path + "/index.html", contents: .kept, origin: report.sourcePath)
            }
            return page(report.path + "/index.html", "report", title: report.title, section: "reports", origin: report.sourcePath,
                         fingerprint: fingerprint("report:") { $0.combine(report.path); $0.combine(report.sourceHash) }, c) { ctx, root in
                var info = c.reportSummary(at: index)
                info["communityName"] = report.community
                info["communityHref"] = report.community.map { root + Links.page(Links.community($0)) }
                info["figures"] = (c.kinds[report.kind]?.figures ?? []).compactMap { figure -> TemplateObject? in
                    report.figures[figure.id].map { ["name": figure.name, "value": $0.grouped] }
                }
                info["tags"] = report.tags.isEmpty ? nil : report.tags
                info["bodyHTML"] = report.bodyLoaded ? report.bodyHTML : body(report)
                ctx["report"] = info
            }
        case .kindPage(let k, let number):
            let kind = config.kinds[k]
            let indices = activities.byKind[kind.id] ?? []
            let slice = indices[min(indices.count, (number - 1) * Self.pageSize)..<min(indices.count, number * Self.pageSize)]
            let folder = Links.kind(kind.id)
            return page(paged(folder, number), "kind", title: number == 1 ? kind.name : "\(kind.name)（第\(number)页）",
                          section: "reports", origin: "activity kind \(kind.id)",
                          fingerprint: fingerprint("kind:\(kind.id):\(number)") { h in
                              h.combine(UInt64(indices.count))
                              combine([activities.siteTotals.byKind[kind.id] ?? ActivityTotal(kind: kind)], into: &h)
                              for period in config.periods {
                                  if let total = activities.kindPeriodTotals[kind.id]?[period.id] { h.combine(period.id); combine([total], into: &h) }
                              }
                              combine(reports: slice, into: &h)
                          }, c) { ctx, root in
                ctx["kind"] = ["id": kind.id, "name": kind.name] as TemplateObject
                ctx["total"] = c.kindTotal(activities.siteTotals.byKind[kind.id] ?? ActivityTotal(kind: kind), root: root)
                ctx["periods"] = config.periods.compactMap { period -> TemplateObject? in
                    guard let total = activities.kindPeriodTotals[kind.id]?[period.id] else { return nil }
                    return ["name": period.name, "total": c.kindTotal(total, root: root)]
                }
                ctx["reports"] = slice.map { c.reportSummary(at: $0) }
                ctx["reportCount"] = indices.count
                ctx["pager"] = c.pager(current: number, total: pageCount(indices.count), folder: folder, root: root)
            }
        case .community(let index):
            let name = communities[index]
            return page(Links.community(name) + "/index.html", "community", title: name, section: "units", origin: "community \(name)",
                         fingerprint: fingerprint("community:" + name) { h in
                             combine(activities.communityTotals[name]?.ordered(config.kinds) ?? [], into: &h)
                             combine(reports: activities.byCommunity[name] ?? [], into: &h)
                         }, c) { ctx, root in
                ctx["community"] = ["name": name] as TemplateObject
                ctx["units"] = content.units.filter { $0.community == name }.map { c.unitLink($0, root: root) }
                ctx["totals"] = (activities.communityTotals[name]?.ordered(config.kinds) ?? []).map { c.kindTotal($0, root: root) }
                ctx["reports"] = (activities.byCommunity[name] ?? []).map { c.reportSummary(at: $0) }
            }
        case .noticesIndex:
            return page("notices/index.html", "notices", title: "通报公告", section: "notices", origin: "notices index",
                         fingerprint: fingerprint("notices/index.html"), c) { ctx, root in
                ctx["notices"] = notices.map { c.noticeSummary($0, root: root) }
            }
        case .notice(let index):
            let notice = notices[index]
            return page(notice.path + "/index.html", "notice", title: notice.title, section: "notices", origin: notice.sourcePath,
                         fingerprint: fingerprint("notice:" + notice.path), c) { ctx, root in
                var info = c.noticeSummary(notice, root: root)
                info["cc"] = notice.cc
                info["ccText"] = notice.cc.joined(separator: "，")
                info["bodyHTML"] = noticeBody(notice, root: root, base: ctx, c)
                ctx["notice"] = info
            }
        case .rankingsIndex:
            return page("rankings/index.html", "rankings", title: "考核排名", section: "rankings", origin: "rankings index",
                         fingerprint: fingerprint("rankings/index.html"), c) { ctx, root in
                ctx["periods"] = computation.rankings.reversed().map { periodContext($0, root: root, c) }
            }
        case .ranking(let index):
            let ranking = computation.rankings[index]
            return page(Links.ranking(ranking.period.id) + "/index.html", "ranking", title: ranking.period.name, section: "rankings",
                         origin: "period \(ranking.period.id)", fingerprint: fingerprint("ranking:" + ranking.period.id), c) { ctx, root in
                ctx["period"] = periodContext(ranking, root: root, c)
            }
        case .rectification:
            return page("rectification/index.html", "rectification", title: "整改进展", section: "rectification", origin: "rectification index",
                         fingerprint: fingerprint("rectification/index.html"), c) { ctx, root in
                let plans = content.plans.sorted {
                    let a = computation.plans[$0.unit]?.overdue ?? 0, b = computation.plans[$1.unit]?.overdue ?? 0
                    return a != b ? a > b : $0.unit < $1.unit
                }
                ctx["plans"] = plans.map { c.planDetail($0, root: root) }
            }
        case .page(let index):
            let free = content.pages[index]
            return page(free.slug + "/index.html", "page", title: free.title, section: "pages", origin: free.sourcePath,
                         fingerprint: fingerprint("page:" + free.slug), c) { ctx, _ in
                ctx["page"] = ["title": free.title, "bodyHTML": free.bodyHTML] as TemplateObject
            }
        case .notFound:
            return page("404.html", "404", title: "页面未找到", section: "pages", origin: "404 page", fingerprint: fingerprint("404.html"), c) { _, _ in }
        case .rankingJSON(let index):
            let ranking = computation.rankings[index]
            return file("data/rankings-\(ranking.period.id).json", origin: "period \(ranking.period.id)") {
                OpenData.rankingJSON(ranking, units: c.units, config: config)
            }
        case .rankingCSV(let index):
            let ranking = computation.rankings[index]
            return file("data/rankings-\(ranking.period.id).csv", origin: "period \(ranking.period.id)") {
                OpenData.rankingCSV(ranking, units: c.units, config: config)
            }
        case .unitsJSON:
            let print = fingerprint("data/units.json") { combine(reports: activities.reports.indices, into: &$0) }
            if let known = previous("data/units.json"), known.fingerprint == print {
                return OutputFile(path: "data/units.json", contents: .unchanged(hash: known.hash), origin: "units", fingerprint: print)
            }
            return OutputFile(path: "data/units.json", contents: .text(OpenData.unitsJSON(content: content, computation: computation)),
                               origin: "units", fingerprint: print)
        case .feed:
            let print = fingerprint("feed.xml") { combine(reports: activities.reports.indices.prefix(50), into: &$0) }
            if let known = previous("feed.xml"), known.fingerprint == print {
                return OutputFile(path: "feed.xml", contents: .unchanged(hash: known.hash), origin: "feed", fingerprint: print)
            }
            var entries = notices.map { OpenData.FeedEntry(title: $0.title, path: $0.path, date: $0.date, summary: $0.excerpt, category: $0.kind) }
            entries += activities.reports.prefix(50).map {
                OpenData.FeedEntry(title: $0.title, path: $0.path, date: $0.date, summary: $0.excerpt, category: c.kinds[$0.kind]?.name ?? $0.kind)
            }
            return OutputFile(path: "feed.xml", contents: .text(OpenData.atom(entries: entries, config: config, asOf: computation.asOf)),
                               origin: "feed", fingerprint: print)
        }
    }

    private func periodContext(_ ranking: PeriodRanking, root: String, _ c: Contexts) -> TemplateObject {
        [
            "id": ranking.period.id, "name": ranking.period.name, "start": ranking.period.start.chinese, "end": ranking.period.end.chinese,
            "href": root + Links.page(Links.ranking(ranking.period.id)),
            "jsonHref": root + Links.encode("data/rankings-\(ranking.period.id).json"),
            "csvHref": root + Links.encode("data/rankings-\(ranking.period.id).csv"),
            "tables": c.rankingTables(ranking, category: nil, top: nil, root: root),
        ]
    }

    /// The notice's HTML with its ranking and rectification blocks rendered by the theme's partials.
    private func noticeBody(_ notice: Notice, root: String, base: TemplateObject, _ c: Contexts) -> String {
        var html = ""
        for part in notice.body {
            switch part {
            case .html(let text):
                html += text
            case .ranking(let block):
                guard let ranking = computation.ranking(period: block.period) else { continue }
                var ctx = base
                ctx["periodName"] = ranking.period.name
                ctx["tables"] = c.rankingTables(ranking, category: block.category, top: block.top, root: root)
                html += theme.renderString("partials/ranking-block", ctx)
            case .rectification(let unit):
                guard let plan = content.plans.first(where: { $0.unit == unit }) else { continue }
                var ctx = base
                ctx["plan"] = c.planDetail(plan, root: root)
                html += theme.renderString("partials/rectification-block", ctx)
            }
        }
        return html
    }
}
