import GongshiModel

// The words pages show for the model's ids. The model holds ids only; what a
// reader sees is decided here, beside the templates.

extension UnitStatus {
    /// Shown on a unit's page.
    var label: String {
        switch self {
        case .active: return "正常"
        case .suspended: return "暂停"
        case .revoked: return "撤销"
        }
    }
}

extension RectificationPlan.Slip {
    /// Shown beside a plan item that has one.
    var label: String {
        switch self {
        case .white: return "白色责任单"
        case .yellow: return "黄色责任单"
        case .red: return "红色责任单"
        }
    }
}

extension CalendarDate {
    /// `2018年8月20日`, as Chinese documents write dates (pages, and the text `gongshi new` writes).
    public var chinese: String { "\(year)年\(month)月\(day)日" }
}
