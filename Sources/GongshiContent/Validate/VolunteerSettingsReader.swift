import GongshiModel

/// (r2) `scoring.volunteer: {target, per}` in site.yaml, the long form of `volunteer_points_target`.
enum VolunteerSettingsReader {
    /// What `per` may say: the ids, or in Chinese.
    static let perNames = NameTable("统计方式", en: "volunteer counting (per)", [
        NameTable.Entry(id: VolunteerPer.period.rawValue, names: ["按考核期", "考核期", "每期"]),
        NameTable.Entry(id: VolunteerPer.year.rawValue, names: ["按年", "年", "每年", "按自然年"]),
    ])

    /// The target and what it applies to; nil when `scoring` has no `volunteer` (or it is wrong: reported).
    /// - Parameter shortForm: whether `volunteer_points_target` is written too, which is an error.
    static func read(_ scoring: FieldReader, shortForm: Bool, diagnostics: inout Diagnostics) -> (target: ExactDecimal?, per: VolunteerPer)? {
        guard let node = scoring.value("volunteer") else { return nil }
        let location = scoring.location(of: "volunteer")
        if shortForm {
            diagnostics.error(location, "“volunteer_points_target”和“volunteer”只能写一种；请删掉 volunteer_points_target，把目标写成 volunteer 下的 target",
                              en: "write either \"volunteer_points_target\" or \"volunteer\" in scoring, not both")
        }
        guard case .mapping = node else {
            diagnostics.error(location, "“volunteer”要写成几行字段，例如 volunteer: {target: 1500, per: year}",
                              en: "\"volunteer\" must be a mapping such as {target: 1500, per: year}")
            return nil
        }
        guard let fields = FieldReader(node, source: scoring.source, what: "volunteer", diagnostics: &diagnostics) else { return nil }
        fields.checkKeys(["target", "per"], severity: .error, diagnostics: &diagnostics)
        let target = fields.decimal("target", diagnostics: &diagnostics)
        if let target, target.isNegative {
            diagnostics.error(fields.location(of: "target"), "志愿服务积分目标“target”不能是负数（写的是 \(target)）",
                              en: "the volunteer \"target\" must not be negative (got \(target))")
        }
        var per = VolunteerPer.period
        if let text = fields.string("per", diagnostics: &diagnostics) {
            switch perNames.lookup(text) {
            case .success(let id): per = VolunteerPer(rawValue: id)!
            case .failure:
                diagnostics.error(fields.location(of: "per"),
                                  "“per”只能写 period（按每个考核期计算人均积分）或 year（按自然年累计各期积分）；写的是“\(text)”",
                                  en: "\"per\" must be period or year (got \"\(text)\")")
            }
        }
        return (target, per)
    }
}
