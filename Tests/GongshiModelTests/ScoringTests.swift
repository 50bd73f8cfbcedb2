import Testing
@testable import GongshiModel

@Suite struct ScoringTests {
    let config = exampleConfig()

    @Test func totalIsWeightedMeanRoundedHalfUp() {
        let rows = [assessment("2018-h1", "a", "88.75", "85.25")]
        let duty = [DutyRow(date: date("2018-03-01"), unit: "a", event: "late")]
        let scores = Scoring.scores(period: "2018-h1", assessments: rows,
                                    dutyPoints: Scoring.dutyPoints(duty, config: config)["2018-h1"] ?? [:], config: config)
        // intersection 97; (30*88.75 + 30*97 + 40*85.25)/100 = 89.825
        #expect(scores["a"]?.components["intersection"]?.description == "97")
        #expect(scores["a"]?.total.description == "89.83")
    }

    @Test func aTotalOf87_965IsPublishedAs87_97() {
        // 30*90.5 + 30*85 + 40*88.2875 = 8796.5; / 100 = 87.965, which a Double holds as 87.96499...
        let scores = ["community": dec("90.5"), "intersection": dec("85"), "criteria": dec("88.2875")]
        #expect(Scoring.total(of: scores, components: config.components)?.description == "87.97")
    }

    @Test func dutyRowsOnAPeriodsFirstAndLastDayBelongToIt() {
        let duty = [
            DutyRow(date: date("2018-01-01"), unit: "a", event: "absent"),
            DutyRow(date: date("2018-06-30"), unit: "a", event: "late"),
            DutyRow(date: date("2018-07-01"), unit: "a", event: "careless"),
            DutyRow(date: date("2018-12-31"), unit: "a", event: "absent"),
            DutyRow(date: date("2019-01-01"), unit: "a", event: "absent"),  // in no period: not counted
        ]
        let points = Scoring.dutyPoints(duty, config: config)
        #expect(points["2018-h1"]?["a"] == dec("-8"))
        #expect(points["2018-h2"]?["a"] == dec("-7"))
    }

    @Test func dutyScoreIsClampedAfterSumming() {
        let rows = [assessment("2018-h1", "up", "90", "90"), assessment("2018-h1", "down", "90", "90"), assessment("2018-h1", "none", "90", "90")]
        var duty = [DutyRow(date: date("2018-02-01"), unit: "up", event: "diligent"),
                    DutyRow(date: date("2018-02-02"), unit: "up", event: "diligent"),
                    DutyRow(date: date("2018-02-03"), unit: "up", event: "careless")]  // 100+2+2-2 = 102 -> 100, not 98
        duty += Array(repeating: DutyRow(date: date("2018-03-01"), unit: "down", event: "absent"), count: 25)  // 100-125 -> 0
        let scores = Scoring.scores(period: "2018-h1", assessments: rows,
                                    dutyPoints: Scoring.dutyPoints(duty, config: config)["2018-h1"]!, config: config)
        #expect(scores["up"]?.components["intersection"]?.description == "100")
        #expect(scores["down"]?.components["intersection"]?.description == "0")
        #expect(scores["none"]?.components["intersection"]?.description == "100")
        #expect(scores["down"]?.total.description == "63.00")
    }
}

@Suite struct RankingTests {
    let config = exampleConfig()

    func units(_ ids: [String], category: String = "provincial") -> [Unit] {
        ids.map { Unit(id: $0, name: $0, category: category) }
    }

    @Test func tiesShareARankAndTheNextIsSkipped() {
        let rows = [assessment("2018-h1", "d", "80", "80"), assessment("2018-h1", "c", "90", "90"),
                    assessment("2018-h1", "b", "90", "90"), assessment("2018-h1", "a", "95", "95")]
        let scores = ["2018-h1": Scoring.scores(period: "2018-h1", assessments: rows, dutyPoints: [:], config: config)]
        let ranking = Ranking.all(units: units(["a", "b", "c", "d"]), scores: scores, config: config)[0]
        let table = ranking.category("provincial")!.rows
        #expect(table.map(\.unit) == ["a", "b", "c", "d"])  // the tie is listed by unit id
        #expect(table.map(\.rank) == [1, 2, 2, 4])
        #expect(table.map(\.shared) == [false, true, true, false])
    }

    @Test func changeIsPreviousRankMinusRankAndNullForNewUnits() {
        let rows = [
            assessment("2018-h1", "a", "95", "95"), assessment("2018-h1", "b", "90", "90"), assessment("2018-h1", "c", "85", "85"),
            assessment("2018-h2", "c", "99", "99"), assessment("2018-h2", "a", "95", "95"), assessment("2018-h2", "b", "80", "80"),
            assessment("2018-h2", "new", "97", "97"),
        ]
        var scores: [String: [String: UnitScores]] = [:]
        for p in ["2018-h1", "2018-h2"] { scores[p] = Scoring.scores(period: p, assessments: rows, dutyPoints: [:], config: config) }
        let rankings = Ranking.all(units: units(["a", "b", "c", "new"]), scores: scores, config: config)
        #expect(rankings[0].category("provincial")!.rows.allSatisfy { $0.change == nil })  // no previous period
        let h2 = rankings[1].category("provincial")!.rows
        #expect(h2.map(\.unit) == ["c", "new", "a", "b"])
        #expect(h2.map(\.change) == [2, nil, -2, -2])
    }

    @Test func suspendedAndRevokedUnitsAndUnitsWithoutAssessmentAreNotRanked() {
        var all = units(["a", "b", "c", "d"])
        all[1].status = .suspended
        all[2].status = .revoked
        let rows = ["a", "b", "c"].map { assessment("2018-h1", $0, "90", "90") }
        let scores = ["2018-h1": Scoring.scores(period: "2018-h1", assessments: rows, dutyPoints: [:], config: config)]
        let table = Ranking.all(units: all, scores: scores, config: config)[0].category("provincial")!.rows
        #expect(table.map(\.unit) == ["a"])
        #expect(table[0].rank == 1)
    }

    @Test func categoriesAreRankedSeparately() {
        let all = units(["a"]) + units(["m"], category: "municipal")
        let rows = [assessment("2018-h1", "a", "80", "80"), assessment("2018-h1", "m", "90", "90")]
        let scores = ["2018-h1": Scoring.scores(period: "2018-h1", assessments: rows, dutyPoints: [:], config: config)]
        let ranking = Ranking.all(units: all, scores: scores, config: config)[0]
        #expect(ranking.category("provincial")!.rows.map(\.rank) == [1])
        #expect(ranking.category("municipal")!.rows.map(\.rank) == [1])
    }
}

@Suite struct VolunteerTests {
    @Test func perHeadIsRoundedToOneDecimalHalfUp() {
        // 100 / 3 = 33.333 -> 33.3; 145 / 2 = 72.5; 1 / 8 = 0.125 -> 0.1; 3 / 8 = 0.375 -> 0.4
        #expect(VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("100")), staff: 3, target: nil).perHead?.description == "33.3")
        #expect(VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("145")), staff: 2, target: nil).perHead?.description == "72.5")
        #expect(VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("3")), staff: 8, target: nil).perHead?.description == "0.4")
        #expect(VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("1")), staff: 8, target: nil).perHead?.description == "0.1")
    }

    @Test func targetIsMetAtExactlyTheTarget() {
        let exact = VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("297000")), staff: 198, target: dec("1500"))
        #expect(exact.perHead?.description == "1500.0")
        #expect(exact.targetMet == true)
        // 1499.95 rounds to 1500.0 per head: the rounded figure is what is compared, as published.
        let rounded = VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("29999")), staff: 20, target: dec("1500"))
        #expect(rounded.perHead?.description == "1500.0")
        #expect(rounded.targetMet == true)
        let short = VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("29997")), staff: 20, target: dec("1500"))
        #expect(short.perHead?.description == "1499.9")
        #expect(short.targetMet == false)
        let noStaff = VolunteerStanding(row: VolunteerRow(period: "p", unit: "u", points: dec("100")), staff: nil, target: dec("1500"))
        #expect(noStaff.perHead == nil && noStaff.targetMet == nil)
    }
}

@Suite struct RectificationTests {
    func item(_ status: RectificationPlan.Status, deadline: String, doneOn: String? = nil) -> RectificationPlan.Item {
        .init(id: "1", problem: "p", deadline: date(deadline), status: status, doneOn: doneOn.map(date))
    }

    @Test func overdueIsNotDoneWithTheDeadlineBeforeAsOf() {
        let asOf = date("2018-12-31")
        #expect(PlanProgress.state(of: item(.doing, deadline: "2018-12-30"), asOf: asOf) == .overdue)
        #expect(PlanProgress.state(of: item(.todo, deadline: "2018-11-30"), asOf: asOf) == .overdue)
        #expect(PlanProgress.state(of: item(.doing, deadline: "2018-12-31"), asOf: asOf) == .doing)  // due today: not yet overdue
        #expect(PlanProgress.state(of: item(.done, deadline: "2018-01-01", doneOn: "2018-10-01"), asOf: asOf) == .done)
    }

    @Test func doneLateIsDoneOnAfterTheDeadline() {
        #expect(PlanProgress.isDoneLate(item(.done, deadline: "2018-06-15", doneOn: "2018-10-11")))
        #expect(!PlanProgress.isDoneLate(item(.done, deadline: "2018-05-31", doneOn: "2018-05-31")))
        #expect(!PlanProgress.isDoneLate(item(.doing, deadline: "2018-05-31")))
    }

    @Test func progressCountsAndCurrentStage() {
        let plan = RectificationPlan(unit: "u", title: "t",
            stages: [.init(name: "一", start: date("2018-01-01"), end: date("2018-03-31")), .init(name: "二", start: date("2018-04-01"), end: date("2018-12-31"))],
            items: [item(.done, deadline: "2018-03-01", doneOn: "2018-03-05"), item(.done, deadline: "2018-03-01", doneOn: "2018-02-01"),
                    item(.doing, deadline: "2018-04-01"), item(.todo, deadline: "2019-01-01")])
        let progress = PlanProgress(plan: plan, asOf: date("2018-06-01"))
        #expect(progress.itemCount == 4 && progress.done == 2 && progress.overdue == 1 && progress.doneLate == 1)
        #expect(progress.percent == 50)
        #expect(progress.currentStage == 1)
        #expect(PlanProgress(plan: plan, asOf: date("2019-06-01")).currentStage == nil)
    }
}

@Suite struct ActivityTests {
    let config = exampleConfig()

    @Test func draftsAndFutureReportsAreLeftOut() {
        let reports = [
            Report(path: "reports/a", sourcePath: "reports/a.md", title: "a", unit: "u", date: date("2018-05-01"), kind: "donation",
                   figures: ["amount_yuan": dec("50000"), "items": dec("300")]),
            Report(path: "reports/b", sourcePath: "reports/b.md", title: "b", unit: "u", date: date("2018-12-31"), kind: "donation",
                   figures: ["amount_yuan": dec("2000.5")]),
            Report(path: "reports/draft", sourcePath: "reports/draft.md", title: "d", unit: "u", date: date("2018-05-02"), kind: "donation",
                   figures: ["amount_yuan": dec("999")], draft: true),
            Report(path: "reports/future", sourcePath: "reports/future.md", title: "f", unit: "u", date: date("2019-01-01"), kind: "donation",
                   figures: ["amount_yuan": dec("999")]),
        ]
        let index = ActivityIndex(reports: reports, config: config, asOf: date("2018-12-31"), includeDrafts: false)
        #expect(index.reports.map(\.path) == ["reports/b", "reports/a"])  // newest first
        let total = index.unitTotals["u"]?.byKind["donation"]
        #expect(total?.count == 2)
        #expect(total?.figures["amount_yuan"]?.description == "52000.5")
        #expect(total?.figures["items"]?.description == "300")
        #expect(index.kindPeriodTotals["donation"]?["2018-h1"]?.count == 1)
        #expect(index.kindPeriodTotals["donation"]?["2018-h2"]?.count == 1)
        #expect(index.unitTotals["u"]?.byKind["lecture"] == nil)  // kinds with no reports are left out

        let withDrafts = ActivityIndex(reports: reports, config: config, asOf: date("2018-12-31"), includeDrafts: true)
        #expect(withDrafts.reports.count == 3)
    }
}
