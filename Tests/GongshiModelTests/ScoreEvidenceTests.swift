import Testing
@testable import GongshiModel

/// The example scoring with revision 2's parts: the duty component with a cap, and the criteria
/// scored from a catalogue (`deductions`) instead of assessments.csv.
func deductionsConfig(dutyMax: String = "100", full: String = "100") -> SiteConfig {
    var config = exampleConfig()
    config.components[1].max = dec(dutyMax)
    config.components[2] = ScoringComponent(id: "criteria", name: "考核细则", weight: dec("40"), source: .deductions(DeductionCatalogue(
        full: dec(full),
        items: [
            .init(id: "1.1", group: "组织领导", name: "成立创建工作领导小组", points: dec("3")),
            .init(id: "2.4", group: "帮包社区", name: "帮包社区工作台账完整", points: dec("5")),
            .init(id: "3.1", group: "帮包社区", name: "营造创城氛围", points: dec("4")),
            .init(id: "N3", group: "负面清单", name: "发生严重违法违纪事件", points: dec("20")),
        ])))
    return config
}

/// assessments.csv with only the roster columns (criteria comes from the catalogue).
func roster(_ period: String, _ unit: String, _ community: String) -> AssessmentRow {
    AssessmentRow(period: period, unit: unit, scores: ["community": dec(community)])
}

/// `SiteContent` with deductions rows (set after `init`, as the loader does).
func withDeductions(_ config: SiteConfig, _ rows: [DeductionRow]) -> SiteContent {
    var content = SiteContent(config: config)
    content.deductions = rows
    return content
}

func lost(_ period: String, _ unit: String, _ item: String, _ points: String, _ note: String = "") -> DeductionRow {
    DeductionRow(period: period, unit: unit, component: "criteria", item: item, points: dec(points), note: note)
}

@Suite struct DeductionScoringTests {
    @Test func aDeductionsScoreIsFullMinusThePointsLostAndEntersTheTotal() {
        let config = deductionsConfig()
        let rows = [lost("2018-h1", "a", "1.1", "2.5"), lost("2018-h1", "a", "2.4", "2"), lost("2018-h1", "a", "2.4", "3"),
                    lost("2018-h2", "a", "1.1", "3")]  // another period: not counted in 2018-h1
        let scores = Scoring.scores(period: "2018-h1", assessments: [roster("2018-h1", "a", "90")], dutyPoints: [:],
                                    lost: Scoring.deductionsLost(rows)["2018-h1"] ?? [:], config: config)
        #expect(scores["a"]?.components["criteria"]?.description == "92.5")  // 100 - (2.5 + 2 + 3)
        // (30*90 + 30*100 + 40*92.5) / 100 = 94.00
        #expect(scores["a"]?.total.description == "94.00")
    }

    @Test func aUnitWithNoRowsLostNothingAndFullNeedNotBeAHundred() {
        let config = deductionsConfig(full: "40")
        let scores = Scoring.scores(period: "2018-h1", assessments: [roster("2018-h1", "a", "90")], dutyPoints: [:], config: config)
        #expect(scores["a"]?.components["criteria"] == dec("40"))
    }

    @Test func losingMoreThanFullIsKeptAtZero() {
        let config = deductionsConfig(full: "20")
        let rows = [lost("2018-h1", "a", "N3", "20"), lost("2018-h1", "a", "2.4", "4.5")]
        let scores = Scoring.scores(period: "2018-h1", assessments: [roster("2018-h1", "a", "90")], dutyPoints: [:],
                                    lost: Scoring.deductionsLost(rows)["2018-h1"]!, config: config)
        #expect(scores["a"]?.components["criteria"]?.description == "0.0")
        let breakdown = ScoreEvidence(content: withDeductions(config, rows)).deductions(period: "2018-h1", unit: "a")
        #expect(breakdown.map(\.score.description) == ["0.0"])
        #expect(breakdown.first?.lost == dec("24.5"))
        #expect(breakdown.first?.clipped == true)
    }

    @Test func theDutyScoreIsKeptWithinZeroAndMax() {
        let config = deductionsConfig(dutyMax: "110")
        let duty = (1...6).map { DutyRow(date: date("2018-03-0\($0)"), unit: "a", event: "diligent") }  // 100 + 12 = 112
        let points = Scoring.dutyPoints(duty, config: config)["2018-h1"]!
        let scores = Scoring.scores(period: "2018-h1", assessments: [roster("2018-h1", "a", "90")], dutyPoints: points, config: config)
        #expect(scores["a"]?.components["intersection"]?.description == "110")
        let breakdown = ScoreEvidence(content: SiteContent(config: config, duty: duty)).duty(period: "2018-h1", unit: "a")
        #expect(breakdown?.sum == dec("112"))
        #expect(breakdown?.score == dec("110"))
        #expect(breakdown?.clipped == true)
        // The default cap is 100.
        let capped = Scoring.scores(period: "2018-h1", assessments: [roster("2018-h1", "a", "90")], dutyPoints: points,
                                    config: deductionsConfig())
        #expect(capped["a"]?.components["intersection"]?.description == "100")
    }

    @Test func rankingUsesTheDeductionsScoresAndOnlyUnitsWithARosterRow() {
        let config = deductionsConfig()
        let units = ["a", "b", "c"].map { Unit(id: $0, name: $0, category: "provincial") }
        let rows = [lost("2018-h1", "a", "2.4", "5"), lost("2018-h1", "c", "1.1", "1")]  // c lost points but has no roster row
        let scores = ["2018-h1": Scoring.scores(period: "2018-h1", assessments: [roster("2018-h1", "a", "90"), roster("2018-h1", "b", "90")],
                                                dutyPoints: [:], lost: Scoring.deductionsLost(rows)["2018-h1"]!, config: config)]
        let table = Ranking.all(units: units, scores: scores, config: config)[0].category("provincial")!.rows
        #expect(table.map(\.unit) == ["b", "a"])
        #expect(table.map(\.scores.total.description) == ["97.00", "95.00"])
    }
}

@Suite struct ScoreEvidenceTests {
    @Test func dutyEventsComeByDateWithACountForEveryEvent() throws {
        let config = deductionsConfig()
        let duty = [
            DutyRow(date: date("2018-05-09"), unit: "a", event: "late", note: "迟到10分钟"),
            DutyRow(date: date("2018-03-14"), unit: "a", event: "absent", note: "全天无人到岗"),
            DutyRow(date: date("2018-05-09"), unit: "a", event: "diligent"),  // same day: the sheet's order
            DutyRow(date: date("2018-07-01"), unit: "a", event: "absent"),    // the next period
            DutyRow(date: date("2019-01-01"), unit: "a", event: "absent"),    // in no period
            DutyRow(date: date("2018-04-01"), unit: "b", event: "absent"),
        ]
        let evidence = ScoreEvidence(content: SiteContent(config: config, duty: duty))
        let breakdown = try #require(evidence.duty(period: "2018-h1", unit: "a"))
        #expect(breakdown.entries.map(\.row.event) == ["absent", "late", "diligent"])
        #expect(breakdown.entries.first?.row.note == "全天无人到岗")
        #expect(breakdown.sum == dec("94"))
        #expect(breakdown.score == dec("94"))
        #expect(!breakdown.clipped)
        #expect(breakdown.counts.map(\.event.id) == ["absent", "late", "careless", "diligent"])
        #expect(breakdown.counts.map(\.count) == [1, 1, 0, 1])
        // A unit with no rows gets the base; the period's rows are its own.
        #expect(evidence.duty(period: "2018-h1", unit: "c")?.score == dec("100"))
        #expect(evidence.duty(period: "2018-h2", unit: "a")?.score == dec("95"))
        #expect(evidence.hasDutyRows(period: "2018-h1", unit: "b"))
        #expect(!evidence.hasDutyRows(period: "2018-h2", unit: "b"))
    }

    @Test func noDutyComponentNoDutyBreakdown() {
        var config = deductionsConfig()
        config.components.remove(at: 1)
        let evidence = ScoreEvidence(content: SiteContent(config: config, duty: [DutyRow(date: date("2018-03-01"), unit: "a", event: "late")]))
        #expect(evidence.duty(period: "2018-h1", unit: "a") == nil)
        #expect(!evidence.hasDutyRows(period: "2018-h1", unit: "a"))
    }

    @Test func deductionsComeInTheCatalogueOrderWithThePointsPerItem() throws {
        let config = deductionsConfig()
        let rows = [lost("2018-h1", "a", "2.4", "2", "一季度台账缺失"), lost("2018-h1", "a", "1.1", "1.5"),
                    lost("2018-h1", "a", "2.4", "2", "二季度台账缺失"), lost("2018-h1", "b", "N3", "20")]
        let evidence = ScoreEvidence(content: withDeductions(config, rows))
        let breakdown = try #require(evidence.deductions(period: "2018-h1", unit: "a").first)
        #expect(breakdown.rows.map(\.item) == ["1.1", "2.4", "2.4"])
        #expect(breakdown.rows.map(\.note) == ["", "一季度台账缺失", "二季度台账缺失"])
        #expect(breakdown.lostByItem.map(\.item) == ["1.1", "2.4"])
        #expect(breakdown.lostByItem.map(\.points.description) == ["1.5", "4"])
        #expect(breakdown.lost.description == "5.5")
        #expect(breakdown.score.description == "94.5")
        // A unit with no rows lost nothing.
        let none = try #require(evidence.deductions(period: "2018-h1", unit: "c").first)
        #expect(none.rows.isEmpty && none.score == dec("100") && !none.clipped)
        #expect(evidence.hasDeductions(period: "2018-h1", unit: "b"))
        #expect(!evidence.hasDeductions(period: "2018-h2", unit: "a"))
        #expect(evidence.hasDeductions(period: "2018-h1", component: "criteria"))
        #expect(!evidence.hasDeductions(period: "2018-h2", component: "criteria"))
    }

    @Test func itemLossesAreMostPointsFirstThenMostUnitsThenTheCatalogueOrder() {
        let config = deductionsConfig()
        let rows = [
            lost("2018-h1", "a", "3.1", "2"), lost("2018-h1", "b", "3.1", "2"),  // 3.1: 4 points, 2 units
            lost("2018-h1", "c", "2.4", "4"),                                     // 2.4: 4 points, 1 unit
            lost("2018-h1", "a", "1.1", "1"), lost("2018-h1", "d", "1.1", "3"),   // 1.1: 4 points, 2 units, before 3.1 in the catalogue
            lost("2018-h1", "e", "N3", "10"),
            lost("2018-h2", "a", "2.4", "5"),
        ]
        let losses = ScoreEvidence(content: withDeductions(config, rows)).itemLosses(period: "2018-h1", component: "criteria")
        #expect(losses.map(\.item.id) == ["N3", "1.1", "3.1", "2.4"])
        #expect(losses.map(\.total.description) == ["10", "4", "4", "4"])
        #expect(losses[1].units.map(\.unit) == ["d", "a"])  // most points first
        #expect(losses[2].units.map(\.unit) == ["a", "b"])  // equal points: by unit id
    }
}
