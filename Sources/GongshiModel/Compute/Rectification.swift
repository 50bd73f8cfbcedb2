/// Where a rectification plan stands on the as-of date.
public struct PlanProgress: Sendable, Equatable {
    public enum ItemState: String, Sendable { case done, doing, todo, overdue }

    public var itemCount: Int
    public var done: Int
    public var overdue: Int
    public var doneLate: Int
    /// Index into the plan's stages of the stage containing the as-of date.
    public var currentStage: Int?
    /// Per item, in the plan's order.
    public var states: [ItemState]
    public var late: [Bool]

    public init(plan: RectificationPlan, asOf: CalendarDate) {
        itemCount = plan.items.count
        states = plan.items.map { Self.state(of: $0, asOf: asOf) }
        late = plan.items.map(Self.isDoneLate)
        done = plan.items.filter { $0.status == .done }.count
        overdue = states.filter { $0 == .overdue }.count
        doneLate = late.filter { $0 }.count
        currentStage = plan.stages.firstIndex { $0.contains(asOf) }
    }

    /// Overdue: not done and the deadline is before the as-of date.
    public static func state(of item: RectificationPlan.Item, asOf: CalendarDate) -> ItemState {
        if item.status == .done { return .done }
        if item.deadline < asOf { return .overdue }
        return item.status == .doing ? .doing : .todo
    }

    /// Done late: done_on is after the deadline.
    public static func isDoneLate(_ item: RectificationPlan.Item) -> Bool {
        guard item.status == .done, let doneOn = item.doneOn else { return false }
        return doneOn > item.deadline
    }

    /// Share of items done as a whole percentage, rounded half up.
    public var percent: Int {
        guard itemCount > 0 else { return 0 }
        return ExactDecimal.quotient(ExactDecimal(done * 100), ExactDecimal(itemCount), scale: 0)!.significand
    }
}
