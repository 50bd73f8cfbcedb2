import GongshiModel

/// Shapes that several pages show the same way (see docs/templates.md). Values
/// are formatted here so templates never compute; links are relative to the
/// page's `root`. Each reads the model through the reader, so it is recorded.
extension PageReader {
    func unitLink(_ unit: Unit) -> TemplateObject {
        note(2)
        return [
            "id": unit.id, "name": unit.name, "shortName": unit.displayName, "href": root + Links.page(Links.unit(unit.id)),
            "statusLabel": unit.status(on: asOf).label, "isActive": unit.status(on: asOf) == .active, "community": unit.community,
        ]
    }

    func noticeSummary(_ notice: Notice) -> TemplateObject {
        note(4)
        var summary: TemplateObject = [
            "title": notice.title, "href": root + Links.page(notice.path), "kind": notice.kind, "issuer": notice.issuer,
            "docNumber": notice.docNumber, "date": notice.date.chinese, "dateISO": notice.date.description,
        ]
        publicNoticeFields(notice, into: &summary)
        return summary
    }

    func figures(_ total: ActivityTotal) -> [TemplateObject] {
        (kind(total.kind)?.figures ?? []).map { ["name": $0.name, "value": (total.figures[$0.id] ?? .zero).grouped] }
    }

    func kindTotal(_ total: ActivityTotal) -> TemplateObject {
        ["id": total.kind, "name": kind(total.kind)?.name ?? total.kind, "href": root + Links.page(Links.kind(total.kind)),
         "count": total.count, "figures": figures(total)]
    }

    /// - Parameter compared: whether there was a previous ranking to compare with (`RankingRow.compared`):
    ///   without one, a null change is "—", not 新.
    func change(_ value: Int?, compared: Bool) -> TemplateObject {
        guard let value else {
            guard compared else { return ["text": "—", "label": "首期排名，无上期名次可比较", "new": false, "up": false, "down": false, "same": false] }
            return ["text": "新", "label": "新进入排名", "new": true, "up": false, "down": false, "same": false]
        }
        if value > 0 { return ["text": "▲\(value)", "label": "上升\(value)位", "up": true, "down": false, "same": false, "new": false] }
        if value < 0 { return ["text": "▼\(-value)", "label": "下降\(-value)位", "down": true, "up": false, "same": false, "new": false] }
        return ["text": "–", "label": "名次不变", "same": true, "up": false, "down": false, "new": false]
    }

    func rankingTable(_ ranking: PeriodRanking, _ category: CategoryRanking, top: Int?, bottom: Int? = nil) -> TemplateObject {
        let rows = Ranking.rows(category.rows, top: top, bottom: bottom)
        let components = config.components
        return [
            "caption": "\(ranking.period.name) · \(category.category.name)",
            "periodName": ranking.period.name, "categoryName": category.category.name,
            "components": components.map { ["id": $0.id, "name": $0.name, "weight": $0.weight.description] as TemplateObject },
            "isEmpty": rows.isEmpty,
            "rows": rows.map { row -> TemplateObject in
                [
                    "rank": row.rank, "shared": row.shared, "unitId": row.unit, "name": unit(row.unit)?.name ?? row.unit,
                    "href": root + Links.page(Links.unit(row.unit)),
                    "scores": components.map { ["id": $0.id, "name": $0.name, "value": row.scores.components[$0.id]?.description ?? ""] as TemplateObject },
                    "total": row.scores.total.description, "change": change(row.change, compared: row.compared),
                ]
            },
        ]
    }

    func rankingTables(_ ranking: PeriodRanking, category: String?, top: Int?, bottom: Int? = nil) -> [TemplateObject] {
        ranking.categories.filter { category == nil || $0.category.id == category }
            .map { rankingTable(ranking, $0, top: top, bottom: bottom) }
    }

    /// A period's rankings as the rankings pages show them; with `top`, only the first `top` ranks of each category.
    func period(_ ranking: PeriodRanking, top: Int? = nil) -> TemplateObject {
        [
            "id": ranking.period.id, "name": ranking.period.name, "start": ranking.period.start.chinese, "end": ranking.period.end.chinese,
            "href": root + Links.page(Links.ranking(ranking.period.id)),
            "jsonHref": root + Links.encode("data/rankings-\(ranking.period.id).json"),
            "csvHref": root + Links.encode("data/rankings-\(ranking.period.id).csv"),
            "tables": rankingTables(ranking, category: nil, top: top),
            "dataFiles": rankingFiles(period: ranking.period.id), "top": top,
        ]
    }

    func planDetail(_ plan: RectificationPlan) -> TemplateObject { planDetail(plan, progress: progress(plan)) }

    /// A plan as it stands on the as-of date, or (the plan as issued and its progress that day) as a notice shows it.
    func planDetail(_ plan: RectificationPlan, progress: PlanProgress) -> TemplateObject {
        let unit = self.unit(plan.unit)
        let slips = config.slips
        // Overdue first, then by deadline, then as written.
        let order = plan.items.indices.sorted {
            let a = progress.states[$0] == .overdue, b = progress.states[$1] == .overdue
            if a != b { return a }
            if plan.items[$0].deadline != plan.items[$1].deadline { return plan.items[$0].deadline < plan.items[$1].deadline }
            return $0 < $1
        }
        let labels: [PlanProgress.ItemState: String] = [.done: "已完成", .doing: "整改中", .todo: "未开始", .overdue: "逾期"]
        var items: [Int: TemplateObject] = [:]
        for index in order {
            let item = plan.items[index], state = progress.states[index]
            items[index] = [
                "id": item.id, "problem": item.problem, "measures": item.measures.isEmpty ? nil : item.measures, "leaders": item.leaders.isEmpty ? nil : item.leaders.joined(separator: "、"),
                "department": item.department, "deadline": item.deadline.chinese, "deadlineISO": item.deadline.description,
                "ongoing": item.ongoing, "status": state.rawValue, "statusLabel": labels[state] ?? "", "overdue": state == .overdue,
                "doneOn": item.doneOn?.chinese, "doneLate": progress.late[index],
                "slip": item.slip?.rawValue, "slipLabel": item.slip.map { slips[$0].name },
                // (r2)
                "anchor": Links.planItemAnchor(unit: plan.unit, item: item.id), "group": item.group,
                "slipMeaning": item.slip.map { slips[$0].meaning }, "slips": slipHistory(item), "evidence": evidence(item),
            ]
        }
        // (r2) Items by group, the groups in the order the plan first names them.
        var groups: [(name: String?, items: [Int])] = []
        for index in order {
            let name = plan.items[index].group
            if let g = groups.firstIndex(where: { $0.name == name }) { groups[g].items.append(index) } else { groups.append((name, [index])) }
        }
        groups.sort { a, b in
            plan.items.firstIndex { $0.group == a.name }! < plan.items.firstIndex { $0.group == b.name }!
        }
        return [
            "unitId": plan.unit, "unitName": unit?.name ?? plan.unit, "unitHref": root + Links.page(Links.unit(plan.unit)),
            "title": plan.title, "itemCount": progress.itemCount, "doneCount": progress.done, "overdueCount": progress.overdue,
            "doneLateCount": progress.doneLate, "percent": progress.percent, "progress": "\(progress.done)/\(progress.itemCount)",
            "currentStage": progress.currentStage.map { plan.stages[$0].name },
            "stages": plan.stages.enumerated().map { index, stage -> TemplateObject in
                ["name": stage.name, "start": stage.start.chinese, "end": stage.end.chinese, "current": index == progress.currentStage]
            },
            "items": order.map { items[$0]! },
            // (r2)
            "groups": groups.map { group -> TemplateObject in
                ["name": group.name, "itemCount": group.items.count,
                 "doneCount": group.items.filter { progress.states[$0] == .done }.count, "items": group.items.map { items[$0]! }]
            },
            "slipLegend": slipLegend(plan),
            "review": review(plan),
            "liveHref": root + Links.plan(plan.unit),
        ]
    }
}
