import Testing
@testable import GongshiModel

/// (r2) Statuses from dated histories, rankings with them, the first period, and volunteer standings per year.
@Suite struct StatusHistoryTests {
    let config = exampleConfig()

    func unit(_ id: String, status: UnitStatus = .active, _ history: [(String, UnitStatus)] = []) -> Unit {
        var unit = Unit(id: id, name: id, category: "provincial", status: status)
        unit.history = history.map { StatusChange(date: date($0.0), status: $0.1, decision: "决定") }
        return unit
    }

    @Test func theStatusOnADayIsTheLastEntryOnOrBeforeItElseTheField() {
        let u = unit("a", status: .revoked, [("2016-12-01", .active), ("2018-03-20", .suspended), ("2018-03-20", .revoked), ("2019-06-01", .active)])
        #expect(u.status(on: date("2016-11-30")) == .revoked)  // before the first entry: the `status` field
        #expect(u.status(on: date("2016-12-01")) == .active)   // an entry counts from its own day
        #expect(u.status(on: date("2018-03-19")) == .active)
        #expect(u.status(on: date("2018-03-20")) == .revoked)  // two on one day: the later one written
        #expect(u.status(on: date("2019-05-31")) == .revoked)
        #expect(u.status(on: date("2019-06-01")) == .active)
        #expect(unit("b").status(on: date("2018-01-01")) == .active)  // no history, no field: active
        #expect(u.history(asOf: date("2018-12-31")).map(\.date) == [date("2016-12-01"), date("2018-03-20"), date("2018-03-20")])
    }

    @Test func aUnitIsRankedWhenActiveOnThePeriodsEndOrOnTheAsOfDateWhenEarlier() {
        let rows = ["2018-h1", "2018-h2"].flatMap { p in ["a", "b", "c", "d"].map { assessment(p, $0, "90", "90") } }
        let scores = Dictionary(uniqueKeysWithValues: ["2018-h1", "2018-h2"].map {
            ($0, Scoring.scores(period: $0, assessments: rows, dutyPoints: [:], config: config))
        })
        let units = [
            unit("a", [("2018-02-09", .suspended), ("2018-12-20", .active)]),  // suspended on 06-30, active again on 12-31
            unit("b", [("2018-07-01", .revoked)]),                               // active on 06-30, revoked in the second half
            unit("c", status: .suspended, [("2018-06-30", .active)]),           // active from the period's last day
            unit("d", [("2018-10-01", .suspended)]),
        ]
        func ranked(_ asOf: String?) -> [[String]] {
            Ranking.all(units: units, scores: scores, config: config, asOf: asOf.map(date))
                .map { $0.category("provincial")!.rows.map(\.unit) }
        }
        #expect(ranked("2018-12-31") == [["b", "c", "d"], ["a", "c"]])
        // On 2018-09-01 the second period has not ended: the status on the as-of date counts (d still active).
        #expect(ranked("2018-09-01") == [["b", "c", "d"], ["c", "d"]])
        #expect(ranked(nil) == ranked("2018-12-31"))
    }

    @Test func theFirstPeriodHasNothingToCompareWithAndALaterOneHas() {
        let rows = [assessment("2018-h1", "a", "90", "90"), assessment("2018-h2", "a", "90", "90"), assessment("2018-h2", "b", "95", "95")]
        let scores = Dictionary(uniqueKeysWithValues: ["2018-h1", "2018-h2"].map {
            ($0, Scoring.scores(period: $0, assessments: rows, dutyPoints: [:], config: config))
        })
        let rankings = Ranking.all(units: [unit("a"), unit("b")], scores: scores, config: config)
        let first = rankings[0].category("provincial")!.rows, second = rankings[1].category("provincial")!.rows
        #expect(first.map(\.compared) == [false])
        #expect(first.map(\.change) == [nil])
        #expect(second.map(\.unit) == ["b", "a"])
        #expect(second.map(\.compared) == [true, true])
        #expect(second.map(\.change) == [nil, -1])  // b is new (新), a moved down
        // A period after one in which nobody was ranked has nothing to compare with either.
        let late = Dictionary(uniqueKeysWithValues: [("2018-h2", scores["2018-h2"]!)])
        #expect(Ranking.all(units: [unit("a"), unit("b")], scores: late, config: config)[1].category("provincial")!.rows.map(\.compared) == [false, false])
    }
}

@Suite struct VolunteerBoardTests {
    func content(per: VolunteerPer, target: String? = "1500", periods: [Period]? = nil, rows: [(String, String, String)],
                 units: [(String, Int?)]) -> SiteContent {
        var config = exampleConfig(target: target)
        config.volunteerPer = per
        if let periods { config.periods = periods }
        return SiteContent(config: config,
                           units: units.map { Unit(id: $0.0, name: $0.0, category: "provincial", staff: $0.1) },
                           volunteer: rows.map { VolunteerRow(period: $0.0, unit: $0.1, points: dec($0.2)) })
    }

    @Test func perYearSumsThePeriodsEndingInTheYearThenDivides() {
        let site = content(per: .year, rows: [("2018-h1", "a", "80000"), ("2018-h2", "a", "70125"), ("2018-h1", "b", "90000")],
                           units: [("a", 100), ("b", 60), ("c", nil)])
        let board = VolunteerBoard(content: site, asOf: date("2018-12-31"))
        #expect(board.years.map(\.id) == ["2018"])
        let year = board.years[0]
        // a: 150125 / 100 = 1501.25 -> 1501.3 (half up); b lacks its 2018-h2 row: 未报送, not 90000/60.
        #expect(year.entry(unit: "a") == .init(unit: "a", staff: 100, points: dec("150125"), perHead: dec("1501.3"), targetMet: true, missing: false))
        #expect(year.entry(unit: "b") == .init(unit: "b", staff: 60, points: nil, perHead: nil, targetMet: nil, missing: true))
        // c has no staff: never 未报送, nothing to show.
        #expect(year.entry(unit: "c") == .init(unit: "c", staff: nil, points: nil, perHead: nil, targetMet: nil, missing: false))
        #expect(year.entries.map(\.unit) == ["a", "b", "c"])
        // Each period's own figures are kept, without the target (it applies to the year).
        let h1 = board.period("2018-h1")!
        #expect(h1.entry(unit: "b") == .init(unit: "b", staff: 60, points: dec("90000"), perHead: dec("1500.0"), targetMet: nil, missing: false))
        #expect(board.period("2018-h2")!.entry(unit: "b")?.missing == true)
        #expect(board.standings.map(\.id) == ["2018"])
    }

    @Test func aYearCountsOnlyThePeriodsEndedByTheAsOfDate() {
        let rows = [("2018-h1", "a", "80000")]
        // On 2018-09-30 only 2018-h1 has ended: a's year is complete so far; 2018-h2 is not yet due.
        let board = VolunteerBoard(content: content(per: .year, rows: rows, units: [("a", 100), ("b", 10)]), asOf: date("2018-09-30"))
        #expect(board.years.map(\.id) == ["2018"])
        #expect(board.years[0].entry(unit: "a")?.points == dec("80000"))
        #expect(board.years[0].entry(unit: "a")?.targetMet == false)
        #expect(board.years[0].entry(unit: "b")?.missing == true)
        #expect(board.periods.map(\.id) == ["2018-h1"])
        // Before any period ends there is no year and no period to show.
        #expect(VolunteerBoard(content: content(per: .year, rows: [], units: [("a", 100)]), asOf: date("2018-06-29")).years.isEmpty)
    }

    @Test func yearsFollowThePeriodsEndDates() {
        let periods = [Period(id: "2018", name: "2018年度", start: date("2018-01-01"), end: date("2018-12-31")),
                       Period(id: "2019-h1", name: "2019年上半年", start: date("2019-01-01"), end: date("2019-06-30")),
                       Period(id: "2019-h2", name: "2019年下半年", start: date("2019-07-01"), end: date("2019-12-31"))]
        let rows = [("2018", "a", "1000"), ("2019-h1", "a", "500"), ("2019-h2", "a", "700")]
        let board = VolunteerBoard(content: content(per: .year, periods: periods, rows: rows, units: [("a", 1)]), asOf: date("2019-12-31"))
        #expect(board.years.map(\.id) == ["2018", "2019"])
        #expect(board.years.map { $0.periods.map(\.id) } == [["2018"], ["2019-h1", "2019-h2"]])
        #expect(board.years.map { $0.entry(unit: "a")?.points } == [dec("1000"), dec("1200")])
    }

    @Test func perPeriodShowsMissingRowsOfEndedPeriodsAndOrdersTheTable() {
        let rows = [("2018-h1", "a", "150000"), ("2018-h1", "b", "160000"), ("2018-h1", "c", "150000"), ("2018-h1", "nostaff", "5000")]
        let site = content(per: .period, rows: rows, units: [("a", 100), ("b", 100), ("c", 100), ("d", 50), ("e", 50), ("nostaff", nil)])
        let board = VolunteerBoard(content: site, asOf: date("2018-12-31"))
        #expect(board.years.isEmpty)
        let h1 = board.period("2018-h1")!
        // Highest per head first, equal ones by id; then 未报送 by id; then no staff count.
        #expect(h1.entries.map(\.unit) == ["b", "a", "c", "d", "e", "nostaff"])
        #expect(h1.entries.map(\.missing) == [false, false, false, true, true, false])
        #expect(h1.entries.map(\.targetMet) == [true, true, true, nil, nil, nil])
        #expect(h1.entry(unit: "nostaff")?.points == dec("5000"))
        // 2018-h2 has ended with no rows at all: every unit with staff is 未报送 there.
        #expect(board.period("2018-h2")!.entries.filter(\.missing).count == 5)
        // On 2018-09-30 2018-h2 has neither ended nor any row: it is not shown.
        #expect(VolunteerBoard(content: site, asOf: date("2018-09-30")).periods.map(\.id) == ["2018-h1"])
    }

    @Test func perYearLeavesEachPeriodsTargetMetNullInTheStandings() {
        var site = content(per: .year, rows: [("2018-h1", "a", "200000")], units: [("a", 100)])
        #expect(SiteComputation(content: site, asOf: date("2018-12-31")).volunteer["a"]?.first?.targetMet == nil)
        site.config.volunteerPer = .period
        #expect(SiteComputation(content: site, asOf: date("2018-12-31")).volunteer["a"]?.first?.targetMet == true)
    }
}
