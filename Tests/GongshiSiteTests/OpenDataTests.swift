import Testing
@testable import GongshiModel
@testable import GongshiRender

@Suite struct OpenDataTests {
    @Test func csvNeutralisesFormulasInTextButNotNumbers() {
        #expect(Escape.csv("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(Escape.csv("+1") == "'+1")
        #expect(Escape.csv("@SUM(A1)") == "'@SUM(A1)")
        #expect(Escape.csv("聊城市, 税务局") == "\"聊城市, 税务局\"")
        #expect(Escape.csv("-1", isText: false) == "-1")
    }

    @Test func jsonIsSafeInsideHTML() {
        #expect(Escape.json("</script><b>&") == "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"")
        #expect(Escape.json("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"")
    }

    @Test func linksAreRelativeAndEncoded() {
        #expect(Links.root(of: "index.html") == "")
        #expect(Links.root(of: "units/shuiwu/index.html") == "../../")
        #expect(Links.page("communities/湖南社区") == "communities/%E6%B9%96%E5%8D%97%E7%A4%BE%E5%8C%BA/index.html")
        #expect(Links.page("") == "index.html")
    }

    @Test func rankingCSVHasOneRowPerRankedUnitAndEmptyChangeForNewUnits() {
        let config = SiteConfig(title: "t", baseURL: "https://e.org/", categories: [Category(id: "c", name: "类")],
                                periods: [Period(id: "p", name: "期", start: CalendarDate(iso: "2018-01-01")!, end: CalendarDate(iso: "2018-06-30")!)],
                                kinds: [], components: [ScoringComponent(id: "s", name: "分", weight: ExactDecimal(1), source: .assessment)])
        let scores = UnitScores(components: ["s": ExactDecimal(parsing: "90.5")!], total: ExactDecimal(parsing: "90.50")!)
        let ranking = PeriodRanking(period: config.periods[0], categories: [
            CategoryRanking(category: config.categories[0], rows: [RankingRow(rank: 1, shared: false, unit: "u", scores: scores, change: nil)]),
        ])
        let units = ["u": Unit(id: "u", name: "=cmd|' /C calc'!A0", category: "c")]
        #expect(OpenData.rankingCSV(ranking, units: units, config: config) == "category,rank,unit,name,total,s,change\r\nc,1,u,'=cmd|' /C calc'!A0,90.50,90.5,\r\n")
    }
}
