// (r2) Issued documents stay as issued; rankings may show their bottom; plans show their evidence.

extension RectificationPlan.Item {
    /// The slip in force on a day: the colour of the last slip issued on or before it
    /// (nil before the first). An item without a slip history has no dated slip.
    public func slip(on date: CalendarDate) -> RectificationPlan.Slip? {
        slips.last { $0.date <= date }?.color
    }

    /// Done by a day: done, with `done_on` on or before it.
    public func isDone(by date: CalendarDate) -> Bool {
        guard status == .done, let doneOn else { return false }
        return doneOn <= date
    }
}

extension RectificationPlan {
    /// The plan as it stood on `date`, the day a notice was issued, from what the plan records
    /// with dates, so that the notice never changes when the plan moves on:
    /// - an item is done when its `done_on` is on or before the date, with that `done_on`;
    /// - any other item is in progress (`doing`): whether it had started is not recorded with a date;
    ///   `PlanProgress` makes it overdue when its deadline was before the date;
    /// - its slips are those issued by the date, and its slip the last of them (an undated `slip`
    ///   cannot be placed in time and is not shown);
    /// - evidence is left out: a link to a report has no date of its own, so whether the notice could
    ///   have shown it cannot be told (the live plan shows it, and the notice links there);
    /// - the review is as it stood that day (`review(on:)`).
    /// `PlanProgress(plan: plan.asIssued(on: date), asOf: date)` then counts done, overdue and the stage the same way.
    public func asIssued(on date: CalendarDate) -> RectificationPlan {
        var plan = self
        plan.items = items.map { item in
            var issued = item
            let done = item.isDone(by: date)
            issued.status = done ? .done : .doing
            issued.doneOn = done ? item.doneOn : nil
            issued.slips = item.slips.filter { $0.date <= date }
            issued.slip = issued.slips.last?.color
            issued.evidence = []
            return issued
        }
        plan.review = review(on: date)
        return plan
    }

    /// The review as it stands on a day: nil before it was applied for; the result only once decided.
    public func review(on date: CalendarDate) -> Review? {
        guard var review else { return nil }
        if let applied = review.appliedOn, applied > date { return nil }
        if let decided = review.date, decided > date {
            guard review.appliedOn != nil else { return nil }
            review.date = nil; review.result = nil; review.notice = nil
        }
        return review
    }
}

extension Ranking {
    /// The rows ranked N or better: a tie at rank N is shown whole (`top: N`).
    public static func top(_ rows: [RankingRow], _ n: Int) -> [RankingRow] {
        rows.filter { $0.rank <= n }
    }

    /// The last N ranks, ties whole (`bottom: N`, 红黑榜): every row ranked no better than the row
    /// N-th from the end. Ranks 1, 2, 2, 4, 5: bottom 2 is 4 and 5; bottom 3 is 2, 2, 4 and 5.
    public static func bottom(_ rows: [RankingRow], _ n: Int) -> [RankingRow] {
        guard n > 0, !rows.isEmpty else { return [] }
        guard n < rows.count else { return rows }
        let cut = rows[rows.count - n].rank
        return rows.filter { $0.rank >= cut }
    }

    /// A ranking block's rows: `top`, else `bottom`, else all.
    public static func rows(_ rows: [RankingRow], top: Int?, bottom: Int?) -> [RankingRow] {
        if let top { return self.top(rows, top) }
        if let bottom { return self.bottom(rows, bottom) }
        return rows
    }
}

/// A report named as evidence of a plan item: what the report's page links back to.
public struct EvidenceLink: Sendable, Hashable, Comparable {
    /// The report's path (`reports/2018/04/x`).
    public var report: String
    public var unit: String
    public var item: String
    public var problem: String

    public init(report: String, unit: String, item: String, problem: String) {
        self.report = report; self.unit = unit; self.item = item; self.problem = problem
    }

    public static func < (a: EvidenceLink, b: EvidenceLink) -> Bool {
        (a.report, a.unit, a.item) < (b.report, b.unit, b.item)
    }

    /// Per report path, the plan items that name it, in plan (unit) order and item order.
    public static func index(_ plans: [RectificationPlan]) -> [String: [EvidenceLink]] {
        var result: [String: [EvidenceLink]] = [:]
        for plan in plans.sorted(by: { $0.unit < $1.unit }) {
            for item in plan.items {
                for report in item.evidence where !(result[report]?.contains { $0.unit == plan.unit && $0.item == item.id } ?? false) {
                    result[report, default: []].append(EvidenceLink(report: report, unit: plan.unit, item: item.id, problem: item.problem))
                }
            }
        }
        return result
    }
}
