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

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum ContentLoader {
    /// - Parameters:
    ///   - root: the content folder.
    ///   - asOf: `--as-of`, which wins over site.yaml's `as_of`.
    ///   - today: used when neither gives a date; passed in so builds stay reproducible.
    public static func load(root: String, asOf override: CalendarDate?, today: CalendarDate,
                            includeDrafts: Bool = false) -> LoadedSite {
        var diagnostics = Diagnostics()
        guard FileTree.isDirectory(root) else {
            diagnostics.error(SourceLocation(path: root), "content folder not found")
            return LoadedSite(content: nil, asOf: override ?? today, diagnostics: diagnostics.sorted, staticFiles: [])
        }
        let files = FileTree.files(under: root, diagnostics: &diagnostics)
        let layout = ContentLayout.classify(files, diagnostics: &diagnostics)
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
        let unitResults = Parallel.map(layout.units) { path -> (Unit?, [Diagnostic]) in
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + path) else {
                d.error(SourceLocation(path: path), "cannot read the file")
                return (nil, d.all)
            }
            return (UnitReader.read(path: path, bytes: bytes, config: config, markdown: markdown, diagnostics: &d), d.all)
        }
        var units: [Unit] = []
        for (unit, problems) in unitResults {
            diagnostics.append(contentsOf: problems)
            if let unit { units.append(unit) }
        }
        // A unit whose file has errors is still a known id, so its reports don't pile up "unknown unit" errors.
        var directoryUnits = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for path in layout.units {
            let id = String(path.dropFirst("units/".count).dropLast(".md".count))
            if directoryUnits[id] == nil, Identifier.isValid(id) {
                directoryUnits[id] = Unit(id: id, name: id, category: config.categories.first?.id ?? "")
            }
        }
        let directory = UnitDirectory(units: directoryUnits)

        var plans: [RectificationPlan] = []
        for path in layout.plans {
            guard let bytes = read(path) else { diagnostics.error(SourceLocation(path: path), "cannot read the file"); continue }
            if let plan = PlanReader.read(path: path, bytes: bytes, units: directory, diagnostics: &diagnostics) { plans.append(plan) }
        }
        let planUnits = Set(layout.plans.map { String($0.dropFirst("rectification/".count).dropLast(".yaml".count)) })

        var assessments: [AssessmentRow] = [], duty: [DutyRow] = [], volunteer: [VolunteerRow] = []
        if let path = layout.assessments, let bytes = read(path) {
            assessments = DataReaders.assessments(path: path, bytes: bytes, config: config, units: directory, diagnostics: &diagnostics)
        }
        if let path = layout.duty, let bytes = read(path) {
            duty = DataReaders.duty(path: path, bytes: bytes, config: config, units: directory, diagnostics: &diagnostics)
        }
        if let path = layout.volunteer, let bytes = read(path) {
            volunteer = DataReaders.volunteer(path: path, bytes: bytes, config: config, units: directory, diagnostics: &diagnostics)
        }

        // Reports and notices: the bulk of the work, read and rendered on every core.
        let reportResults = Parallel.map(layout.reports) { source -> (Report?, [Diagnostic]) in
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + source.sourcePath) else {
                d.error(SourceLocation(path: source.sourcePath), "cannot read the file")
                return (nil, d.all)
            }
            let report = ReportReader.read(source, bytes: bytes, config: config, units: directory, markdown: markdown, diagnostics: &d)
            return (report, d.all)
        }
        var reports: [Report] = []
        reports.reserveCapacity(reportResults.count)
        for (report, problems) in reportResults {
            diagnostics.append(contentsOf: problems)
            if let report { reports.append(report) }
        }
        let noticeResults = Parallel.map(layout.notices) { source -> (Notice?, [Diagnostic]) in
            var d = Diagnostics()
            guard let bytes = FileTree.read(root + "/" + source.sourcePath) else {
                d.error(SourceLocation(path: source.sourcePath), "cannot read the file")
                return (nil, d.all)
            }
            let notice = NoticeReader.read(source, bytes: bytes, config: config, units: directory, planUnits: planUnits,
                                           asOf: asOf, markdown: noticeMarkdown, diagnostics: &d)
            return (notice, d.all)
        }
        var notices: [Notice] = []
        for (notice, problems) in noticeResults {
            diagnostics.append(contentsOf: problems)
            if let notice { notices.append(notice) }
        }
        var pages: [Page] = []
        for path in layout.pages {
            guard let bytes = read(path) else { diagnostics.error(SourceLocation(path: path), "cannot read the file"); continue }
            if let page = PageReader.read(path: path, bytes: bytes, markdown: markdown, diagnostics: &diagnostics) { pages.append(page) }
        }

        let content = SiteContent(config: config, units: units.sorted { $0.id < $1.id }, reports: reports, notices: notices,
                                  pages: pages, assessments: assessments, duty: duty, volunteer: volunteer,
                                  plans: plans.sorted { $0.unit < $1.unit })
        return LoadedSite(content: diagnostics.hasErrors ? nil : content, asOf: asOf, diagnostics: diagnostics.sorted,
                          staticFiles: layout.staticFiles)
    }
}
