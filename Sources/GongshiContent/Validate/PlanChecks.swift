import GongshiFiles
import GongshiModel
import Yams

/// (r2) Checks of what plans name in other files, made once every file is read: evidence must
/// name published reports (not a draft, not dated after the as-of date), and a review's notice
/// must exist. A problem is located by reading the plan again (only plans with a problem are).
enum PlanChecks {
    static func run(_ content: SiteContent, root: String, asOf: CalendarDate, diagnostics: inout Diagnostics) {
        guard content.plans.contains(where: { $0.review?.notice != nil || $0.items.contains { !$0.evidence.isEmpty } }) else { return }
        let reports = Dictionary(content.reports.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let notices = Set(content.notices.map(\.path))
        for plan in content.plans {
            let path = "rectification/\(plan.unit).yaml"
            var locator = Locator(root: root, path: path)
            for (index, item) in plan.items.enumerated() {
                for (position, evidence) in item.evidence.enumerated() {
                    let written = String(evidence.dropFirst("reports/".count))
                    if let report = reports[evidence] {
                        if report.draft {
                            diagnostics.error(locator.evidence(item: index, position: position),
                                              "第 \(item.id) 项的佐证“\(written)”是草稿（draft: true），没有发布；佐证只能写已发布的报道",
                                              en: "item \(item.id): evidence \"\(written)\" is a draft, not a published report")
                        } else if report.date > asOf {
                            diagnostics.error(locator.evidence(item: index, position: position),
                                              "第 \(item.id) 项的佐证“\(written)”日期是 \(report.date)，晚于数据截止日期 \(asOf)，还没有发布；佐证只能写已发布的报道",
                                              en: "item \(item.id): evidence \"\(written)\" is dated \(report.date), after the as-of date \(asOf): not published yet")
                        }
                    } else if !exists(root: root, folder: evidence) {
                        var message = "第 \(item.id) 项的佐证“\(written)”不是已有的报道；请写 reports/ 下的路径，不带 .md"
                        if let near = Suggest.closest(to: written, in: reports.keys.map { String($0.dropFirst("reports/".count)) },
                                                      limit: max(2, written.count / 4)) {
                            message += "。是不是 \(near)？"
                        }
                        diagnostics.error(locator.evidence(item: index, position: position), message,
                                          en: "item \(item.id): evidence names no report \"\(written)\"")
                    }
                    // A report whose file exists but did not read has its own error already.
                }
            }
            if let notice = plan.review?.notice, !notices.contains(notice), !exists(root: root, folder: notice) {
                let written = String(notice.dropFirst("notices/".count))
                var message = "复查（review）的 notice 写的通报“\(written)”不存在；请写 notices/ 下的路径，不带 .md"
                if let near = Suggest.closest(to: written, in: notices.map { String($0.dropFirst("notices/".count)) },
                                              limit: max(2, written.count / 4)) {
                    message += "。是不是 \(near)？"
                }
                diagnostics.error(locator.reviewNotice(), message, en: "review: no notice \"\(written)\"")
            }
        }
    }

    /// Whether `reports/x` or `notices/x` has a file (`x.md` or `x/index.md`), read or not.
    private static func exists(root: String, folder: String) -> Bool {
        FileTree.exists(root + "/" + folder + ".md") || FileTree.exists(root + "/" + folder + "/index.md")
    }

    /// Finds where a plan writes a value, by reading the file again; the plan's first line when it can't.
    struct Locator {
        let root: String
        let path: String
        private var parsed: (Node, YAMLSource)?? = nil

        init(root: String, path: String) { self.root = root; self.path = path }

        private mutating func document() -> (Node, YAMLSource)? {
            if let parsed { return parsed }
            var ignored = Diagnostics()
            let source = YAMLSource(path: path)
            let found = FileTree.read(root + "/" + path)
                .flatMap { TextDecoding.utf8($0, path: path, diagnostics: &ignored) }
                .flatMap { source.compose($0, diagnostics: &ignored) }
                .map { ($0, source) }
            parsed = .some(found)
            return found
        }

        private var start: SourceLocation { SourceLocation(path: path, line: 1, column: 1) }

        mutating func evidence(item: Int, position: Int) -> SourceLocation {
            guard let (root, source) = document(), case .sequence(let items)? = root["items"], item < items.count,
                  let evidence = items[item]["evidence"] else { return start }
            if case .sequence(let entries) = evidence, position < entries.count { return source.location(entries[position]) }
            return source.location(evidence)
        }

        mutating func reviewNotice() -> SourceLocation {
            guard let (root, source) = document(), let notice = root["review"]?["notice"] else { return start }
            return source.location(notice)
        }
    }
}
