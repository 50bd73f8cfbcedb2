import GongshiModel

/// (r2) The shapes of volunteer standings and status histories, shared by the unit page and the
/// volunteer page (docs/templates.md). Words: 达标 / 未达标 / 未报送.
extension TemplateValues {
    /// One unit's volunteer figures in a period or a year.
    public static let volunteerFigures: TemplateShape = .object([
        "points": .optional(.text), "staff": .optional(.text), "perHead": .optional(.text), "target": .optional(.text),
        "met": .flag, "metLabel": .optional(.text), "missing": .flag, "percent": .number,
    ])

    /// One entry of a unit's `history`, as shown.
    public static let statusChange: TemplateShape = .object([
        "date": .text, "dateISO": .text, "status": .text, "statusLabel": .text, "isActive": .flag, "decision": .text,
        "note": .optional(.text), "noticeTitle": .optional(.text), "noticeHref": .optional(.link), "current": .flag,
    ])
}

extension PageReader {
    /// A standing's figures: `points`, `perHead` … formatted; `metLabel` 达标 / 未达标 / 未报送 (nil when no
    /// target applies), `percent` the per-head figure against the target (0–100, for a progress bar).
    func volunteerFigures(_ entry: VolunteerBoard.Entry, target: ExactDecimal?) -> TemplateObject {
        var percent = 0
        if let perHead = entry.perHead, let target, target > .zero {
            percent = min(100, ExactDecimal.quotient(perHead * ExactDecimal(100), target, scale: 0)?.significand ?? 0)
        }
        let label: String? = entry.missing ? "未报送" : entry.targetMet.map { $0 ? "达标" : "未达标" }
        return [
            "points": entry.points?.grouped, "staff": entry.staff.map(String.init), "perHead": entry.perHead?.grouped,
            "target": target?.grouped, "met": entry.targetMet ?? false, "metLabel": label, "missing": entry.missing,
            "percent": percent,
        ]
    }

    /// The history entries of a unit a reader may see (dated on or before the as-of date), oldest first;
    /// `current` marks the one in force on the as-of date. A notice links when it is published.
    func statusChanges(_ unit: Unit) -> [TemplateObject] {
        let shown = unit.history(asOf: asOf)
        return shown.enumerated().map { index, change -> TemplateObject in
            let notice = change.noticePath.flatMap { publishedNotice(path: $0) }
            return [
                "date": change.date.chinese, "dateISO": change.date.description, "status": change.status.rawValue,
                "statusLabel": change.status.label, "isActive": change.status == .active, "decision": change.decision,
                "note": change.note, "noticeTitle": notice?.title, "noticeHref": notice.map { root + Links.page($0.path) },
                "current": index == shown.count - 1,
            ]
        }
    }
}
