@testable import GongshiModel

func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
func dec(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text)! }

/// The scoring of the spec's example site.yaml: community 30 and criteria 40 from
/// assessments, intersection 30 from duty with base 100.
func exampleConfig(target: String? = "1500") -> SiteConfig {
    SiteConfig(
        title: "测试", baseURL: "https://example.org/",
        categories: [Category(id: "provincial", name: "省级文明单位"), Category(id: "municipal", name: "市级文明单位")],
        periods: [Period(id: "2018-h1", name: "2018年年中考核", start: date("2018-01-01"), end: date("2018-06-30")),
                  Period(id: "2018-h2", name: "2018年年终考核", start: date("2018-07-01"), end: date("2018-12-31"))],
        kinds: [ActivityKind(id: "donation", name: "捐赠", figures: [.init(id: "amount_yuan", name: "金额（元）"), .init(id: "items", name: "物品（件）")]),
                ActivityKind(id: "lecture", name: "讲座", figures: [.init(id: "attendees", name: "参加人数")])],
        components: [
            ScoringComponent(id: "community", name: "帮包社区", weight: dec("30"), source: .assessment),
            ScoringComponent(id: "intersection", name: "帮包路口", weight: dec("30"),
                             source: .duty(base: dec("100"), events: [DutyEvent(id: "absent", points: dec("-5")), DutyEvent(id: "late", points: dec("-3")),
                                                                       DutyEvent(id: "careless", points: dec("-2")), DutyEvent(id: "diligent", points: dec("2"))])),
            ScoringComponent(id: "criteria", name: "考核细则", weight: dec("40"), source: .assessment),
        ],
        volunteerPointsTarget: target.map(dec))
}

func assessment(_ period: String, _ unit: String, _ community: String, _ criteria: String) -> AssessmentRow {
    AssessmentRow(period: period, unit: unit, scores: ["community": dec(community), "criteria": dec(criteria)])
}
