import Testing
@testable import GongshiModel

/// (r2) Public notices: the 公示期's state on a day, notices 公示中 first, and the contacts' links.
@Suite struct PublicPeriodTests {
    @Test func stateOnADayCountsBothEndsAsOpen() {
        let period = PublicPeriod(start: date("2018-05-18"), end: date("2018-05-24"))
        #expect(period.state(on: date("2018-05-17")) == .upcoming)
        #expect(period.state(on: date("2018-05-18")) == .open)
        #expect(period.state(on: date("2018-05-24")) == .open)
        #expect(period.state(on: date("2018-05-25")) == .closed)
        let oneDay = PublicPeriod(start: date("2018-12-31"), end: date("2018-12-31"))
        #expect(oneDay.state(on: date("2018-12-31")) == .open)
    }

    @Test func noticesOpenOnTheDayComeFirstEachPartInItsOrder() {
        func notice(_ path: String, _ period: (String, String)?) -> Notice {
            var n = Notice(path: path, sourcePath: path, title: path, date: date("2018-01-01"), issuer: "市文明办")
            n.publicPeriod = period.map { PublicPeriod(start: date($0.0), end: date($0.1)) }
            return n
        }
        // Newest first, as the site lists them.
        let notices = [notice("a", nil), notice("b", ("2018-12-20", "2018-12-30")), notice("c", ("2018-12-25", "2019-01-04")),
                       notice("d", nil), notice("e", ("2018-12-31", "2019-01-10")), notice("f", ("2019-01-02", "2019-01-09"))]
        #expect(Notice.openFirst(notices, on: date("2018-12-31")).map(\.path) == ["c", "e", "a", "b", "d", "f"])
        #expect(Notice.openFirst(notices, on: date("2018-12-22")).map(\.path) == ["b", "a", "c", "d", "e", "f"])
        #expect(Notice.openFirst(notices, on: date("2019-02-01")).map(\.path) == ["a", "b", "c", "d", "e", "f"])
    }

    @Test func aTelLinkDialsTheNumberInThePhoneText() {
        #expect(Supervision.dialable("0635-8241234") == "0635-8241234")
        #expect(Supervision.dialable("0635-8241234（市文明办创建科）") == "0635-8241234")
        #expect(Supervision.dialable("电话：（0635）8241234") == "06358241234")
        #expect(Supervision.dialable("１２３４５") == "12345")
        #expect(Supervision.dialable("+86 635 824 1234") == "+866358241234")
        #expect(Supervision.dialable("12345 市民热线") == "12345")
        #expect(Supervision.dialable("0635－8241234") == "0635-8241234")
        #expect(Supervision.dialable("工作日值班") == nil)
        #expect(Supervision.dialable("第2科") == nil)  // two digits are not a number to call
    }

    @Test func mailtoTakesOnlyPlainAddresses() {
        #expect(Supervision.isMailAddress("wmb@example.org"))
        #expect(Supervision.isMailAddress("wen.ming_ban+1@mail.example.org"))
        #expect(!Supervision.isMailAddress("wmb@example"))
        #expect(!Supervision.isMailAddress("wmb example.org"))
        #expect(!Supervision.isMailAddress("wmb@@example.org"))
        #expect(!Supervision.isMailAddress("文明办@example.org"))
        #expect(!Supervision.isMailAddress("a@example.org?subject=<script>"))
        #expect(!Supervision.isMailAddress("javascript:alert(1)@x.org"))
    }
}

/// (r2) A notice's rectification block shows the plan as it stood on the notice's date.
@Suite struct PlanAsIssuedTests {
    typealias Item = RectificationPlan.Item

    static func item(_ id: String, deadline: String, status: RectificationPlan.Status = .todo, doneOn: String? = nil,
                     slips: [(String, RectificationPlan.Slip)] = [], evidence: [String] = []) -> Item {
        var item = Item(id: id, problem: "问题\(id)", deadline: date(deadline), status: status, doneOn: doneOn.map(date),
                        slip: slips.last?.1)
        item.slips = slips.map { RectificationPlan.SlipRecord(date: date($0.0), color: $0.1) }
        item.evidence = evidence
        return item
    }

    /// As it stands at the end of 2018.
    static let plan: RectificationPlan = {
        var plan = RectificationPlan(unit: "yanjiushi", title: "整改方案", stages: [
            .init(name: "全面整改阶段", start: date("2018-04-01"), end: date("2018-09-30")),
            .init(name: "巩固提高阶段", start: date("2018-10-01"), end: date("2018-12-31")),
        ], items: [
            item("1", deadline: "2018-03-31", status: .done, doneOn: "2018-03-28", evidence: ["reports/a", "reports/late"]),
            item("2", deadline: "2018-06-15", status: .done, doneOn: "2018-10-11", slips: [("2018-06-20", .white), ("2018-07-20", .yellow)]),
            item("3", deadline: "2018-09-30", status: .doing, slips: [("2018-08-10", .white), ("2018-10-08", .red)]),
            item("4", deadline: "2018-11-30", status: .done, doneOn: "2018-11-20"),
            item("5", deadline: "2018-12-31", status: .todo),
        ])
        plan.review = RectificationPlan.Review(appliedOn: date("2018-12-20"), date: date("2018-12-25"), result: "复查合格", notice: "notices/x")
        return plan
    }()

    @Test func itemsDoneOverdueAndProgressAreCountedOnTheNoticesDate() {
        let day = date("2018-08-24")
        let issued = Self.plan.asIssued(on: day)
        let progress = PlanProgress(plan: issued, asOf: day)
        // 1 done (03-28); 2 done only on 10-11, its deadline 06-15 passed: overdue; 3..5 not yet due.
        #expect(progress.states == [.done, .overdue, .doing, .doing, .doing])
        #expect(progress.done == 1)
        #expect(progress.overdue == 1)
        #expect(progress.percent == 20)
        #expect(progress.doneLate == 0)  // item 2 was done late, but later
        #expect(progress.currentStage == 0)
        #expect(issued.items[1].doneOn == nil)
    }

    @Test func laterTheSamePlanCountsMore() {
        let day = date("2018-12-01")
        let issued = Self.plan.asIssued(on: day)
        let progress = PlanProgress(plan: issued, asOf: day)
        #expect(progress.states == [.done, .done, .overdue, .done, .doing])
        #expect(progress.done == 3)
        #expect(progress.doneLate == 1)
        #expect(progress.currentStage == 1)
        // The live plan (as of the end of the year) differs: item 5 is "todo" there, not counted as started.
        #expect(PlanProgress(plan: Self.plan, asOf: date("2018-12-31")).states[4] == .todo)
    }

    @Test func aDoneItemWhoseDayIsTheNoticesDayIsDone() {
        let issued = Self.plan.asIssued(on: date("2018-11-20"))
        #expect(issued.items[3].status == .done)
        #expect(issued.items[3].doneOn == date("2018-11-20"))
        // Overdue needs the deadline before the day: 2018-11-30 is not.
        #expect(PlanProgress.state(of: Self.item("x", deadline: "2018-11-20"), asOf: date("2018-11-20")) == .todo)
    }

    @Test func slipsAndReviewAreThoseDatedByThen() {
        let issued = Self.plan.asIssued(on: date("2018-09-01"))
        #expect(issued.items[1].slips.map(\.color) == [.white, .yellow])
        #expect(issued.items[1].slip == .yellow)
        #expect(issued.items[2].slips.map(\.color) == [.white])
        #expect(issued.items[2].slip == .white)  // the red slip came on 10-08
        #expect(issued.review == nil)  // applied for in December
        let december = Self.plan.asIssued(on: date("2018-12-22"))
        #expect(december.review?.appliedOn == date("2018-12-20"))
        #expect(december.review?.result == nil)  // decided on 12-25
        #expect(Self.plan.asIssued(on: date("2018-12-26")).review?.result == "复查合格")
    }

    @Test func undatedSlipsAndEvidenceAreNotShownAsIssued() {
        var plan = Self.plan
        plan.items[4].slip = .red  // no history: when it was issued is not known
        let issued = plan.asIssued(on: date("2018-12-31"))
        #expect(issued.items[4].slip == nil)
        #expect(issued.items[0].evidence == [])  // a link has no date: the live plan shows it
    }

    @Test func thePlanMovingOnAfterTheDayDoesNotChangeItAsIssued() {
        let day = date("2018-10-15")
        var moved = Self.plan
        moved.items[4].status = .done
        moved.items[4].doneOn = date("2018-12-28")
        moved.items[2].slips.append(.init(date: date("2018-11-01"), color: .red, note: "再次督办"))
        moved.items[0].evidence.append("reports/late")
        moved.review?.result = "未通过"
        #expect(String(reflecting: moved.asIssued(on: day)) == String(reflecting: Self.plan.asIssued(on: day)))
        // A change dated before the day does change it.
        var corrected = Self.plan
        corrected.items[2].slips.insert(.init(date: date("2018-07-01"), color: .white), at: 0)
        #expect(String(reflecting: corrected.asIssued(on: day)) != String(reflecting: Self.plan.asIssued(on: day)))
    }

    @Test func theSlipInForceOnADay() {
        let item = Self.plan.items[2]
        #expect(item.slip(on: date("2018-08-09")) == nil)
        #expect(item.slip(on: date("2018-08-10")) == .white)
        #expect(item.slip(on: date("2018-10-08")) == .red)
    }

    @Test func theReviewAsItStandsOnADay() {
        let plan = Self.plan
        #expect(plan.review(on: date("2018-12-19")) == nil)
        #expect(plan.review(on: date("2018-12-20"))?.result == nil)
        #expect(plan.review(on: date("2018-12-20"))?.notice == nil)
        #expect(plan.review(on: date("2018-12-25"))?.result == "复查合格")
        #expect(plan.review(on: date("2018-12-25"))?.notice == "notices/x")
        var decidedOnly = plan
        decidedOnly.review = .init(date: date("2018-12-25"), result: "通过")
        #expect(decidedOnly.review(on: date("2018-12-24")) == nil)
        #expect(decidedOnly.review(on: date("2018-12-25"))?.result == "通过")
    }
}

/// (r2) `bottom: N`: the last N ranks, ties whole.
@Suite struct RankingBottomTests {
    static func rows(_ ranks: [Int]) -> [RankingRow] {
        ranks.enumerated().map { RankingRow(rank: $1, shared: false, unit: "u\($0)", scores: UnitScores(components: [:], total: .zero), change: nil) }
    }

    @Test func theLastNRanksWithTiesWhole() {
        let rows = Self.rows([1, 2, 2, 4, 5])
        #expect(Ranking.bottom(rows, 1).map(\.rank) == [5])
        #expect(Ranking.bottom(rows, 2).map(\.rank) == [4, 5])
        #expect(Ranking.bottom(rows, 3).map(\.rank) == [2, 2, 4, 5])  // the tie at the cut is shown whole
        #expect(Ranking.bottom(rows, 4).map(\.rank) == [2, 2, 4, 5])
        #expect(Ranking.bottom(rows, 5).map(\.rank) == [1, 2, 2, 4, 5])
        #expect(Ranking.bottom(rows, 9).map(\.rank) == [1, 2, 2, 4, 5])
        #expect(Ranking.bottom([], 3).isEmpty)
    }

    @Test func aTieForLastIsShownWhole() {
        let rows = Self.rows([1, 2, 3, 3])
        #expect(Ranking.bottom(rows, 1).map(\.unit) == ["u2", "u3"])
        #expect(Ranking.bottom(rows, 2).map(\.unit) == ["u2", "u3"])
        #expect(Ranking.bottom(rows, 3).map(\.unit) == ["u1", "u2", "u3"])
    }

    @Test func topStaysByRankAndABlockTakesOneOrNeither() {
        let rows = Self.rows([1, 2, 2, 4, 5])
        #expect(Ranking.top(rows, 2).map(\.rank) == [1, 2, 2])
        #expect(Ranking.rows(rows, top: nil, bottom: 2).map(\.rank) == [4, 5])
        #expect(Ranking.rows(rows, top: 1, bottom: nil).map(\.rank) == [1])
        #expect(Ranking.rows(rows, top: nil, bottom: nil).count == 5)
    }

    @Test func bottomOfARealRanking() {
        let config = exampleConfig()
        let units = ["a", "b", "c", "d", "e"].map { Unit(id: $0, name: $0, category: "provincial") }
        // Totals 95, 90, 88, 88, 88: three share rank 3.
        let rows = [assessment("2018-h1", "a", "95", "95"), assessment("2018-h1", "b", "90", "90"), assessment("2018-h1", "c", "88", "88"),
                    assessment("2018-h1", "d", "88", "88"), assessment("2018-h1", "e", "88", "88")]
        let scores = ["2018-h1": Scoring.scores(period: "2018-h1", assessments: rows, dutyPoints: [:], config: config)]
        let ranking = Ranking.all(units: units, scores: scores, config: config)[0].category("provincial")!.rows
        #expect(Ranking.bottom(ranking, 1).map(\.unit) == ["c", "d", "e"])
        #expect(Ranking.bottom(ranking, 4).map(\.unit) == ["b", "c", "d", "e"])
    }
}

/// (r2) Reports named as evidence link back to the plan items.
@Suite struct EvidenceIndexTests {
    @Test func eachReportListsTheItemsThatNameItInPlanAndItemOrder() {
        var a = RectificationPlan(unit: "yanjiushi", title: "t", items: [
            PlanAsIssuedTests.item("1", deadline: "2018-03-31", evidence: ["reports/x", "reports/y"]),
            PlanAsIssuedTests.item("2", deadline: "2018-03-31", evidence: ["reports/x"]),
        ])
        a.items[1].problem = "资料不全"
        let b = RectificationPlan(unit: "gonglu", title: "t", items: [PlanAsIssuedTests.item("4", deadline: "2018-03-31", evidence: ["reports/x"])])
        let index = EvidenceLink.index([a, b])
        #expect(index["reports/x"]?.map { "\($0.unit) \($0.item)" } == ["gonglu 4", "yanjiushi 1", "yanjiushi 2"])
        #expect(index["reports/x"]?.last?.problem == "资料不全")
        #expect(index["reports/y"]?.count == 1)
        #expect(index["reports/z"] == nil)
    }
}
