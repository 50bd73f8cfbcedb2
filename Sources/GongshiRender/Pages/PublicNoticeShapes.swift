import GongshiModel

// (r2) Public notices, supervision contacts, issued notices that stay as issued, and
// rectification as accountability: the words, links and `PageReader` accessors they need.

extension PublicPeriod.State {
    /// Shown beside a public notice.
    var label: String {
        switch self {
        case .upcoming: return "尚未开始"
        case .open: return "公示中"
        case .closed: return "已结束"
        }
    }
}

extension CalendarDate {
    /// `2018年5月18日至5月24日`: the end without its year when it is the start's.
    func chinese(to end: CalendarDate) -> String {
        end.year == year ? "\(chinese)至\(end.month)月\(end.day)日" : "\(chinese)至\(end.chinese)"
    }
}

extension Links {
    /// The rectification page, where every plan is: `rectification/index.html#plan-yanjiushi`.
    static func plan(_ unit: String) -> String { page("rectification") + "#" + planAnchor(unit) }
    static func planAnchor(_ unit: String) -> String { "plan-" + encode(unit) }
    /// One item of a plan there: `rectification/index.html#item-yanjiushi-3`.
    static func planItem(unit: String, item: String) -> String { page("rectification") + "#" + planItemAnchor(unit: unit, item: item) }
    /// An `id` attribute: item ids are free text, so they are percent-encoded (no spaces, no quotes).
    static func planItemAnchor(unit: String, item: String) -> String { "item-" + encode(unit) + "-" + encode(item) }
}

/// The contacts as templates show them: `tel:` and `mailto:` links made from what the reader checked.
enum SupervisionValue {
    static func make(_ supervision: Supervision?) -> TemplateObject? {
        guard let s = supervision, !s.isEmpty else { return nil }
        return [
            "phone": s.phone, "phoneHref": s.phone.flatMap(Supervision.dialable).map { "tel:" + $0 },
            "email": s.email, "emailHref": s.email.map { "mailto:" + $0 },
            "address": s.address, "hours": s.hours,
        ]
    }
}

extension PageReader {
    /// The published notices as the lists show them: those 公示中 on the as-of date first.
    var noticesOpenFirst: [Notice] { Notice.openFirst(notices, on: asOf) }

    /// A public notice's period and its state on the as-of date, for its summary.
    func publicNoticeFields(_ notice: Notice, into summary: inout TemplateObject) {
        guard let period = notice.publicPeriod else {
            summary["isOpen"] = false
            return
        }
        let state = period.state(on: asOf)
        summary["publicPeriod"] = period.start.chinese(to: period.end)
        summary["publicState"] = state.label
        summary["publicStateId"] = state.rawValue
        summary["isOpen"] = state == .open
    }

    /// The plan as a notice issued on `date` shows it, and its progress counted on that day. Only
    /// what the plan recorded with dates by then is read, so the notice is made again only when that changes.
    func planAsIssued(unit: String, on date: CalendarDate) -> (plan: RectificationPlan, progress: PlanProgress)? {
        note(.planAsIssued(unit: unit, on: date))
        guard let plan = site.content.plans.first(where: { $0.unit == unit })?.asIssued(on: date) else { return nil }
        return (plan, PlanProgress(plan: plan, asOf: date))
    }

    /// The plan items that name a report as evidence.
    func evidenceLinks(forReport path: String) -> [EvidenceLink] {
        note(64)
        return site.computation.evidenceLinks[path] ?? []
    }

    /// A published report by path (evidence names reports so).
    func publishedReport(path: String) -> Report? {
        note(.report(path))
        return site.position(ofReport: path).map { site.activities.reports[$0] }
    }

    /// The slips of one plan item as they are shown: name, meaning, date and note.
    func slipHistory(_ item: RectificationPlan.Item) -> [TemplateObject] {
        let kinds = config.slips
        return item.slips.map { record -> TemplateObject in
            ["color": record.color.rawValue, "name": kinds[record.color].name, "meaning": kinds[record.color].meaning,
             "date": record.date.chinese, "dateISO": record.date.description, "note": record.note]
        }
    }

    /// What each slip colour means, shown under a plan that shows slips.
    func slipLegend(_ plan: RectificationPlan) -> [TemplateObject] {
        guard plan.items.contains(where: { $0.slip != nil || !$0.slips.isEmpty }) else { return [] }
        let kinds = config.slips
        return RectificationPlan.Slip.allCases.map { ["color": $0.rawValue, "name": kinds[$0].name, "meaning": kinds[$0].meaning] }
    }

    /// The reports an item names as evidence, as links.
    func evidence(_ item: RectificationPlan.Item) -> [TemplateObject] {
        item.evidence.compactMap { path -> TemplateObject? in
            guard let report = publishedReport(path: path) else { return nil }
            return ["title": report.title, "href": root + Links.page(report.path), "date": report.date.chinese, "dateISO": report.date.description]
        }
    }

    /// A plan's review as it stands on the as-of date.
    func review(_ plan: RectificationPlan) -> TemplateObject? {
        guard let review = plan.review(on: asOf) else { return nil }
        let notice = review.notice.flatMap { publishedNotice(path: $0) }
        return [
            "appliedOn": review.appliedOn?.chinese, "date": review.date?.chinese, "result": review.result,
            "pending": review.result == nil,
            "noticeTitle": notice?.title, "noticeHref": notice.map { root + Links.page($0.path) },
        ]
    }

    /// The plan items a report is evidence of, linked to where they are on the rectification page.
    func evidenceBacklinks(forReport path: String) -> [TemplateObject] {
        evidenceLinks(forReport: path).map { link -> TemplateObject in
            ["unitName": unit(link.unit)?.name ?? link.unit, "item": link.item, "problem": link.problem,
             "href": root + Links.planItem(unit: link.unit, item: link.item)]
        }
    }
}
