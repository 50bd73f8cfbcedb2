/// (r2) One decision about a unit's title, from its `history` (`units/<id>.md`).
public struct StatusChange: Sendable, Equatable {
    public var date: CalendarDate
    /// The status from this day on.
    public var status: UnitStatus
    /// The word the decision used: 认定, 保留, 恢复, 暂停, 撤销, 黄牌警告 …
    public var decision: String
    public var note: String?
    /// The notice behind it, by its path under `notices/` without `.md` (`2018/zanting-shengji-wenming-danwei`).
    public var notice: String?

    public init(date: CalendarDate, status: UnitStatus, decision: String, note: String? = nil, notice: String? = nil) {
        self.date = date; self.status = status; self.decision = decision; self.note = note; self.notice = notice
    }

    /// The notice's page path (`Notice.path`): `notices/<notice>`.
    public var noticePath: String? { notice.map { "notices/" + $0 } }
}

extension Unit {
    /// The unit's status on a day: that of its last history entry dated on or before it, else its `status` field.
    public func status(on day: CalendarDate) -> UnitStatus {
        history.last { $0.date <= day }?.status ?? status
    }

    /// The history entries a reader may see on the as-of date: those dated on or before it, oldest first.
    public func history(asOf: CalendarDate) -> [StatusChange] {
        history.filter { $0.date <= asOf }
    }

    /// Whether the unit is ranked in a period (given an assessments row): active on the period's end, or on
    /// the as-of date when that is earlier.
    public func isActive(in period: Period, asOf: CalendarDate?) -> Bool {
        let day = asOf.map { min($0, period.end) } ?? period.end
        return status(on: day) == .active
    }
}

/// (r2) `scoring.volunteer.per`: what the volunteer target applies to.
public enum VolunteerPer: String, Sendable, CaseIterable {
    /// Each period's points per head (the default, and revision 1's meaning).
    case period
    /// The points of the periods that end in a calendar year, summed, per head.
    case year
}
