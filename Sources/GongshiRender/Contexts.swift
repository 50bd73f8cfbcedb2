import GongshiModel

/// Builds the data each template receives (see docs/templates.md). Values are
/// formatted here so templates never compute; links are relative to `root`.
struct Contexts {
    let content: SiteContent
    let computation: SiteComputation
    let units: [String: Unit]
    let kinds: [String: ActivityKind]

    let shared: Shared
    let summaries: Summaries

    init(content: SiteContent, computation: SiteComputation) {
        self.content = content
        self.computation = computation
        shared = Shared(content: content, computation: computation)
        summaries = Summaries(count: computation.activities.reports.count)
        units = Dictionary(content.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        kinds = Dictionary(content.config.kinds.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var config: SiteConfig { content.config }

    // MARK: Every page

    func base(outputPath: String, title: String, section: String) -> TemplateObject {
        [
            "site": shared.site,
            "root": Links.root(of: outputPath),
            "title": title,
            "section": section,
            "isHome": section == "home",
            "nav": shared.nav[section] ?? shared.nav[""]!,
            "asOf": shared.asOf,
            "asOfISO": shared.asOfISO,
            "footerPages": shared.footerPages,
        ]
    }

    /// What every page shows the same way, made once.
    struct Shared: Sendable {
        var site: TemplateObject
        /// The navigation with each section marked current ("" for none).
        var nav: [String: [TemplateObject]]
        var footerPages: [TemplateObject]
        var asOf: String
        var asOfISO: String

        init(content: SiteContent, computation: SiteComputation) {
            let sections: [(String, String, String)] = [
                ("home", "首页", ""), ("notices", "通报公告", "notices"), ("rankings", "考核排名", "rankings"),
                ("units", "文明单位", "units"), ("reports", "创建动态", "reports"), ("rectification", "整改进展", "rectification"),
            ]
            site = ["title": content.config.title, "language": content.config.language]
            var nav: [String: [TemplateObject]] = [:]
            for current in sections.map(\.0) + [""] {
                nav[current] = sections.map { ["label": $0.1, "href": SiteLink(Links.page($0.2)), "current": $0.0 == current] as TemplateObject }
            }
            self.nav = nav
            footerPages = content.pages.sorted { $0.slug < $1.slug }.map { ["title": $0.title, "href": SiteLink(Links.page($0.slug))] as TemplateObject }
            asOf = computation.asOf.chinese
            asOfISO = computation.asOf.description
        }
    }

    /// Report summaries by index in `computation.activities.reports`, made when first asked for.
    final class Summaries: @unchecked Sendable {
        private let lock = Lock()
        private var items: [TemplateObject?]
        init(count: Int) { items = Array(repeating: nil, count: count) }
        func get(_ index: Int, _ make: () -> TemplateObject) -> TemplateObject {
            if let known = lock.withLock({ items[index] }) { return known }
            let made = make()
            lock.withLock { items[index] = made }
            return made
        }
    }

    // MARK: Shared shapes

    func unitLink(_ unit: Unit, root: String) -> TemplateObject {
        ([
            "id": unit.id, "name": unit.name, "shortName": unit.displayName, "href": root + Links.page(Links.unit(unit.id)),
            "statusLabel": unit.status.label, "isActive": unit.status == .active, "community": unit.community,
        ])
    }

    /// The summary of the report at `index` in `computation.activities.reports`; the same on every page.
    func reportSummary(at index: Int) -> TemplateObject {
        summaries.get(index) {
            let report = computation.activities.reports[index]
            let unit = units[report.unit]
            return ([
                "title": report.title, "href": SiteLink(Links.page(report.path)), "date": report.date.chinese,
                "dateISO": report.date.description, "kindName": kinds[report.kind]?.name ?? report.kind,
                "kindHref": SiteLink(Links.page(Links.kind(report.kind))), "unitName": unit?.name ?? report.unit,
                "unitHref": SiteLink(Links.page(Links.unit(report.unit))), "excerpt": report.excerpt.isEmpty ? nil : report.excerpt,
            ])
        }
    }

    func noticeSummary(_ notice: Notice, root: String) -> TemplateObject {
        ([
            "title": notice.title, "href": root + Links.page(notice.path), "kind": notice.kind, "issuer": notice.issuer,
            "docNumber": notice.docNumber, "date": notice.date.chinese, "dateISO": notice.date.description,
        ])
    }

    func figures(_ total: ActivityTotal) -> [TemplateObject] {
        (kinds[total.kind]?.figures ?? []).map { ["name": $0.name, "value": (total.figures[$0.id] ?? .zero).grouped] }
    }

    func kindTotal(_ total: ActivityTotal, root: String) -> TemplateObject {
        ["id": total.kind, "name": kinds[total.kind]?.name ?? total.kind, "href": root + Links.page(Links.kind(total.kind)),
         "count": total.count, "figures": figures(total)]
    }

    func change(_ value: Int?) -> TemplateObject {
        guard let value else { return ["text": "新", "label": "新进入排名", "new": true, "up": false, "down": false, "same": false] }
        if value > 0 { return ["text": "▲\(value)", "label": "上升\(value)位", "up": true, "down": false, "same": false, "new": false] }
        if value < 0 { return ["text": "▼\(-value)", "label": "下降\(-value)位", "down": true, "up": false, "same": false, "new": false] }
        return ["text": "–", "label": "名次不变", "same": true, "up": false, "down": false, "new": false]
    }

    func rankingTable(_ ranking: PeriodRanking, _ category: CategoryRanking, top: Int?, root: String) -> TemplateObject {
        let rows = top.map { n in category.rows.filter { $0.rank <= n } } ?? category.rows
        return [
            "caption": "\(ranking.period.name) · \(category.category.name)",
            "periodName": ranking.period.name, "categoryName": category.category.name,
            "components": config.components.map { ["id": $0.id, "name": $0.name, "weight": $0.weight.description] as TemplateObject },
            "isEmpty": rows.isEmpty,
            "rows": rows.map { row -> TemplateObject in
                [
                    "rank": row.rank, "shared": row.shared, "unitId": row.unit, "name": units[row.unit]?.name ?? row.unit,
                    "href": root + Links.page(Links.unit(row.unit)),
                    "scores": config.components.map { ["id": $0.id, "value": row.scores.components[$0.id]?.description ?? ""] as TemplateObject },
                    "total": row.scores.total.description, "change": change(row.change),
                ]
            },
        ]
    }

    func rankingTables(_ ranking: PeriodRanking, category: String?, top: Int?, root: String) -> [TemplateObject] {
        ranking.categories.filter { category == nil || $0.category.id == category }
            .map { rankingTable(ranking, $0, top: top, root: root) }
    }

    func planDetail(_ plan: RectificationPlan, root: String) -> TemplateObject {
        let progress = computation.plans[plan.unit] ?? PlanProgress(plan: plan, asOf: computation.asOf)
        let unit = units[plan.unit]
        // Overdue first, then by deadline, then as written.
        let order = plan.items.indices.sorted {
            let a = progress.states[$0] == .overdue, b = progress.states[$1] == .overdue
            if a != b { return a }
            if plan.items[$0].deadline != plan.items[$1].deadline { return plan.items[$0].deadline < plan.items[$1].deadline }
            return $0 < $1
        }
        let labels: [PlanProgress.ItemState: String] = [.done: "已完成", .doing: "整改中", .todo: "未开始", .overdue: "逾期"]
        return ([
            "unitId": plan.unit, "unitName": unit?.name ?? plan.unit, "unitHref": root + Links.page(Links.unit(plan.unit)),
            "title": plan.title, "itemCount": progress.itemCount, "doneCount": progress.done, "overdueCount": progress.overdue,
            "doneLateCount": progress.doneLate, "percent": progress.percent, "progress": "\(progress.done)/\(progress.itemCount)",
            "currentStage": progress.currentStage.map { plan.stages[$0].name },
            "stages": plan.stages.enumerated().map { index, stage -> TemplateObject in
                ["name": stage.name, "start": stage.start.chinese, "end": stage.end.chinese, "current": index == progress.currentStage]
            },
            "items": order.map { index -> TemplateObject in
                let item = plan.items[index], state = progress.states[index]
                return ([
                    "id": item.id, "problem": item.problem, "measures": item.measures.isEmpty ? nil : item.measures, "leaders": item.leaders.isEmpty ? nil : item.leaders.joined(separator: "、"),
                    "department": item.department, "deadline": item.deadline.chinese, "deadlineISO": item.deadline.description,
                    "ongoing": item.ongoing, "status": state.rawValue, "statusLabel": labels[state] ?? "", "overdue": state == .overdue,
                    "doneOn": item.doneOn?.chinese, "doneLate": progress.late[index],
                    "slip": item.slip?.rawValue, "slipLabel": item.slip?.label,
                ])
            },
        ])
    }

    func pager(current: Int, total: Int, folder: String, root: String) -> TemplateObject? {
        guard total > 1 else { return nil }
        func href(_ n: Int) -> String { root + Links.page(n == 1 ? folder : "\(folder)/page/\(n)") }
        let window = Set([1, total] + Array(max(1, current - 2)...min(total, current + 2))).sorted()
        var result: TemplateObject = [
            "current": current, "total": total,
            "pages": window.map { ["number": $0, "href": href($0), "current": $0 == current] as TemplateObject },
        ]
        if current > 1 { result["prevHref"] = href(current - 1) }
        if current < total { result["nextHref"] = href(current + 1) }
        return result
    }
}

