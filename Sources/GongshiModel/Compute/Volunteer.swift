public struct VolunteerStanding: Sendable, Equatable {
    public var period: String
    public var points: ExactDecimal
    /// points / staff rounded half up to 1 decimal; nil when the unit gives no staff count.
    public var perHead: ExactDecimal?
    /// nil when there is no target or no per-head figure.
    public var targetMet: Bool?

    public init(row: VolunteerRow, staff: Int?, target: ExactDecimal?) {
        period = row.period
        points = row.points
        perHead = staff.flatMap { $0 > 0 ? ExactDecimal.quotient(row.points, ExactDecimal($0), scale: 1) : nil }
        if let perHead, let target { targetMet = perHead >= target } else { targetMet = nil }
    }
}
