import Testing
@testable import GongshiContent
import GongshiModel

/// (r2) Scores explained: duty events with names and a cap, `deductions` components with their
/// catalogues (`data/<id>.yaml`) and `data/deductions.csv`, read and checked.
@Suite struct DeductionsContentTests {
    /// The test site with the criteria scored from a catalogue and the duty events named, the cap at 104.
    static let siteYAML = SiteFolder.siteYAML
        .replacingOccurrences(of: "    - {id: criteria, name: 考核细则, weight: 40, source: assessment}",
                              with: "    - {id: criteria, name: 考核细则, weight: 40, source: deductions}")
        .replacingOccurrences(of: "      events: {absent: -5, late: -3, careless: -2, diligent: 2}",
                              with: "      max: 104\n      events:\n        absent: {name: 缺勤, points: -5}\n        late: -3\n"
                                  + "        careless: {name: 工作不认真, points: -2}\n        diligent: {name: 工作认真负责, points: 2}")

    static let catalogue = """
    full: 100
    items:
      - {id: "1.1", group: 组织领导, name: 成立创建工作领导小组, points: 3}
      - {id: "2.4", group: 帮包社区, name: 帮包社区工作台账完整, points: 5}
      - {id: N3, group: 负面清单, name: 发生严重违法违纪事件, points: 20}
      - {id: "9", name: 其他, points: 1.5}

    """

    /// The test site in its revision 2 form: criteria from data/criteria.yaml and data/deductions.csv.
    static func site(deductions: String? = "period,unit,item,points,note\n2018-h1,shuiwu,1.1,2.5,资料不全\n") -> SiteFolder {
        let site = SiteFolder()
        site.write("site.yaml", siteYAML)
        site.write("data/assessments.csv", "period,unit,community\n2018-h1,shuiwu,93.5\n2018-h1,gonglu,90.5\n")
        site.write("data/criteria.yaml", catalogue)
        if let deductions { site.write("data/deductions.csv", deductions) }
        return site
    }

    private func errors(_ edits: [(String, String)], deductions: String? = nil) -> [String] {
        let site = deductions.map { Self.site(deductions: $0) } ?? Self.site()
        for (path, text) in edits { site.write(path, text) }
        return site.errors()
    }

    // MARK: Reading

    @Test func theCatalogueAndTheRowsAreRead() throws {
        let site = Self.site(deductions: """
            期次,单位,细则,扣分,备注
            2018-h1,shuiwu,1.1,2.5,资料不全
            2018年年中考核,聊城市公路局,帮包社区工作台账完整,2,一季度台账缺失
            2018-h1,gonglu,2.4,3,二季度台账缺失
            2018-h2,gonglu,N3,20,

            """)
        let loaded = site.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        let content = try #require(loaded.content)
        let catalogue = try #require(content.config.catalogue(of: "criteria"))
        #expect(catalogue.full == ExactDecimal(100))
        #expect(catalogue.items.map(\.id) == ["1.1", "2.4", "N3", "9"])
        #expect(catalogue.items.map(\.group) == ["组织领导", "帮包社区", "负面清单", nil])
        #expect(catalogue.items.last?.points.description == "1.5")
        #expect(catalogue.groups.map(\.name) == ["组织领导", "帮包社区", "负面清单", ""])
        // Names resolve to ids; every row knows its component.
        #expect(content.deductions.map { "\($0.period) \($0.unit) \($0.component) \($0.item) \($0.points) \($0.note)" } == [
            "2018-h1 shuiwu criteria 1.1 2.5 资料不全",
            "2018-h1 gonglu criteria 2.4 2 一季度台账缺失",
            "2018-h1 gonglu criteria 2.4 3 二季度台账缺失",
            "2018-h2 gonglu criteria N3 20 ",
        ])
        // The duty component: its cap, its events in both forms.
        let duty = try #require(content.config.dutyComponent)
        #expect(duty.max == ExactDecimal(104))
        guard case .duty(_, let events) = duty.source else { Issue.record("no duty source"); return }
        #expect(events.map { "\($0.id) \($0.name ?? "-") \($0.points)" } == ["absent 缺勤 -5", "late - -3", "careless 工作不认真 -2", "diligent 工作认真负责 2"])
        // criteria has no column in assessments.csv any more.
        #expect(content.assessments.map(\.unit) == ["shuiwu", "gonglu"])
        #expect(content.assessments.allSatisfy { $0.scores.keys.sorted() == ["community"] })
    }

    @Test func fullAndMaxHaveDefaultsAndTheSheetIsOptional() throws {
        let site = Self.site(deductions: nil)
        site.write("data/criteria.yaml", "items:\n  - {id: A1, name: 台账, points: 5}\n")
        site.write("site.yaml", SiteFolder.siteYAML.replacingOccurrences(of: "source: assessment}\n  volunteer", with: "source: deductions}\n  volunteer"))
        let loaded = site.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        let content = try #require(loaded.content)
        #expect(content.config.catalogue(of: "criteria")?.full == ExactDecimal(100))
        #expect(content.config.dutyComponent?.max == ExactDecimal(100))
        #expect(content.deductions.isEmpty)
    }

    @Test func withNoAssessmentComponentTheRosterIsJustPeriodAndUnit() throws {
        let site = Self.site(deductions: "period,unit,item,points\n2018-h1,shuiwu,C1,4\n2018-h1,gonglu,1.1,1\n")
        site.write("site.yaml", Self.siteYAML.replacingOccurrences(of: "{id: community, name: 帮包社区, weight: 30, source: assessment}",
                                                                    with: "{id: community, name: 帮包社区, weight: 30, source: deductions}"))
        site.write("data/community.yaml", "full: 100\nitems:\n  - {id: C1, name: 帮包方案, points: 4}\n")
        site.write("data/assessments.csv", "period,unit\n2018-h1,shuiwu\n2018-h1,gonglu\n")
        let loaded = site.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        let content = try #require(loaded.content)
        #expect(content.deductions.map(\.component) == ["community", "criteria"])
        let computation = SiteComputation(content: content, asOf: loaded.asOf)
        let rows = try #require(computation.ranking(period: "2018-h1")?.category("provincial")?.rows)
        // gonglu: (30*100 + 30*100 + 40*99) / 100 = 99.60; shuiwu: (30*96 + 30*100 + 40*100) / 100 = 98.80
        #expect(rows.map { "\($0.unit) \($0.scores.total)" } == ["gonglu 99.60", "shuiwu 98.80"])
    }

    @Test func theCatalogueIsPartOfTheSettingsHash() {
        let site = Self.site()
        let before = site.load().inputHashes
        site.write("data/criteria.yaml", Self.catalogue.replacingOccurrences(of: "帮包社区工作台账完整", with: "帮包社区工作台账完整、及时"))
        let after = site.load().inputHashes
        #expect(before.settings != after.settings)
        #expect(before.units == after.units)  // the reports' cache key does not depend on the catalogues
    }

    @Test func rowsFromAWorkbookAreReadTheSameWay() throws {
        // What XLSXReader hands over: numbers as Excel shows them (an item id 1.1 kept as a number), cells located by name.
        func row(_ number: Int, _ texts: [String]) -> SheetRow {
            SheetRow(cells: texts.enumerated().map { SheetCell(text: $1, location: SourceLocation(path: "data/deductions.xlsx", line: number, column: $0 + 1)) },
                     location: SourceLocation(path: "data/deductions.xlsx", line: number, column: 1), number: number)
        }
        let site = Self.site(deductions: nil)
        let config = try #require(site.load().content?.config)
        let table = SheetTable(path: "data/deductions.xlsx", rows: [
            row(1, ["2018年扣分情况"]), row(2, ["期次", "单位", "细则", "扣分", "备注"]),
            row(3, ["2018-h1", "shuiwu", "1.1", "3", ""]), row(4, ["2018-h1", "shuiwu", "1.1", "0.5", "超过"]),
        ], start: SourceLocation(path: "data/deductions.xlsx", line: 1, column: 1), rowNoun: "row")
        let sheet = try #require(DataSheets.all.first { $0.name == "deductions" })
        var diagnostics = Diagnostics()
        let units = UnitDirectory(units: ["shuiwu": Unit(id: "shuiwu", name: "聊城市税务局", category: "provincial")])
        let rows = try #require(sheet.read(table, config: config, units: units, diagnostics: &diagnostics))
        var content = SiteContent(config: config)
        rows.store(into: &content)
        #expect(content.deductions.map { "\($0.item) \($0.points)" } == ["1.1 3"])
        #expect(diagnostics.all.map(\.description) == [
            "data/deductions.xlsx:4:4: error: 细则 1.1（成立创建工作领导小组）每期最多扣 3 分；单位 shuiwu 在考核期 2018-h1 这一行之前已扣 3 分，加上这一行的 0.5 分共 3.5 分，超过了上限；请核对扣分",
        ])
    }

    // MARK: Bad input

    @Test func badRows() {
        let found = errors([], deductions: """
            period,unit,item,points,note
            2018-h1,shuiwu,1.2,2,编号写错
            2018-h1,shuiwu,帮包台账,2,名称不全
            2018-h1,shuiwu,2.4,0,没有扣分
            2018-h1,shuiwu,2.4,-1,负数
            2018-h1,shuiwu,2.4,3,
            2018-h1,shuiwu,2.4,2,
            2018-h1,shuiwu,2.4,1,
            2018-h2,shuiwu,2.4,5,另一期另算
            2018-h1,gonglu,N3,25,

            """)
        #expect(found == [
            "data/deductions.csv:2:16: error: 未知的细则“1.2”；是不是 1.1（成立创建工作领导小组）？",
            "data/deductions.csv:3:16: error: 未知的细则“帮包台账”；可以写：1.1（成立创建工作领导小组）、2.4（帮包社区工作台账完整）、N3（发生严重违法违纪事件）、9（其他）",
            "data/deductions.csv:4:20: error: “points”是这一条扣掉的分数，要大于 0（写的是 0）；没有扣分就不用写这一行",
            "data/deductions.csv:5:20: error: “points”是这一条扣掉的分数，要大于 0（写的是 -1）；没有扣分就不用写这一行",
            "data/deductions.csv:8:20: error: 细则 2.4（帮包社区工作台账完整）每期最多扣 5 分；单位 shuiwu 在考核期 2018-h1 这一行之前已扣 5 分，加上这一行的 1 分共 6 分，超过了上限；请核对扣分",
            "data/deductions.csv:10:19: error: 细则 N3（发生严重违法违纪事件）每期最多扣 20 分；单位 gonglu 在考核期 2018-h1 这一行扣 25 分，超过了上限；请核对扣分",
        ])
    }

    @Test func anItemNameTwoItemsHaveIsAmbiguous() {
        let site = Self.site(deductions: "period,unit,item,points\n2018-h1,shuiwu,台账,1\n")
        site.write("data/criteria.yaml", "items:\n  - {id: A1, name: 台账, points: 5}\n  - {id: A2, name: 台账, points: 3}\n")
        #expect(site.errors() == ["data/deductions.csv:2:16: error: “台账”可以指多个细则：A1（台账）、A2（台账）；请直接写要指的那个的编号，例如 A1"])
    }

    @Test func badCatalogues() {
        #expect(errors([("data/criteria.yaml", """
            full: 0
            items:
              - {id: "1.1", group: 组织领导, name: 成立领导小组, points: 3}
              - {id: "1.1", name: 重复的编号, points: 2}
              - {id: "2 1", name: 编号有空格, points: 2}
              - {id: "3.1", name: 最多扣零分, points: 0}
              - {id: "3.2", points: 2, max: 3}
              - 只写了名称

            """)]) == [
            "data/criteria.yaml:1:7: error: 满分 full 要大于 0（写的是 0）",
            "data/criteria.yaml:4:10: error: 细则编号“1.1”重复了（第 3 行已经用过）；所有细则目录中的编号都不能相同",
            "data/criteria.yaml:5:10: error: 细则编号不能有空格（写的是“2 1”）",
            "data/criteria.yaml:6:38: error: “points”是这一条最多可扣的分数，要大于 0（写的是 0）",
            "data/criteria.yaml:7:5: error: 第 5 项缺少必填字段“name”；请加一行 name: …",
            "data/criteria.yaml:8:5: error: 第 6 项应当是一行一个“字段: 值”；请检查缩进和冒号",
        ])
        #expect(errors([("data/criteria.yaml", "full: 100\n")]) == [
            "data/criteria.yaml:1:1: error: 细则目录缺少必填字段“items”；请加上 items:，每条细则一行，如 - {id: \"1.1\", group: 组织领导, name: …, points: 3}",
        ])
        // A catalogue that can't be read: deductions.csv is not read either (each row would be an unknown item).
        #expect(errors([("data/criteria.yaml", ""), ("data/deductions.csv", "period,unit,item,points\n2018-h1,shuiwu,1.1,2\n2018-h1,shuiwu,2.4,3\n")]) == [
            "data/criteria.yaml:1:1: error: 细则目录是空的；请写上 items:，每条细则一行",
        ])
    }

    @Test func catalogueFilesAndComponentsMustMatch() {
        let site = Self.site()
        site.remove("data/criteria.yaml")
        site.write("data/cirteria.yaml", Self.catalogue)
        site.write("data/community.yaml", Self.catalogue)
        #expect(site.errors() == [
            "data/cirteria.yaml:1:1: error: data/cirteria.yaml 不是任何考核项目的细则目录：site.yaml 中没有 id 为“cirteria”的考核项目"
                + "（按细则扣分的考核项目：criteria）；请改正文件名，或删除、移走这个文件",
            "data/community.yaml:1:1: error: 考核项目“community”不是按细则扣分计分的（source 不是 deductions），不用细则目录 data/community.yaml；"
                + "如要按细则扣分，请在 site.yaml 中把它的 source 改为 deductions，否则删除或移走这个文件",
            "site.yaml:27:54: error: 考核项目“criteria”按细则扣分计分（source: deductions），但没有它的细则目录 data/criteria.yaml；请建立这个文件，在 items 中列出各条细则",
        ])
    }

    @Test func itemIDsAreUniqueAcrossCatalogues() {
        let site = Self.site()
        site.write("site.yaml", Self.siteYAML.replacingOccurrences(of: "{id: community, name: 帮包社区, weight: 30, source: assessment}",
                                                                    with: "{id: community, name: 帮包社区, weight: 30, source: deductions}"))
        site.write("data/assessments.csv", "period,unit\n2018-h1,shuiwu\n")
        site.write("data/community.yaml", "items:\n  - {id: C1, name: 帮包方案, points: 4}\n  - {id: N3, name: 社区投诉, points: 4}\n")
        #expect(site.errors() == [
            "data/criteria.yaml:5:10: error: 细则编号“N3”重复了（data/community.yaml 第 3 行已经用过）；所有细则目录中的编号都不能相同",
        ])
    }

    @Test func dutySettings() {
        let yaml = Self.siteYAML
        // A cap below the base is allowed by the contract (the score is kept within 0..max): a warning, and it caps.
        let low = Self.site()
        low.write("site.yaml", yaml.replacingOccurrences(of: "max: 104", with: "max: 99"))
        #expect(low.errors() == [])
        #expect(low.warnings() == [
            "site.yaml:21:12: warning: 上限 max（99）小于基础分 base（100）：没有扣分的单位也只得 99 分；如果不是这样规定的，请把 max 改为不小于 100 的数",
        ])
        #expect(errors([("site.yaml", yaml.replacingOccurrences(of: "max: 104", with: "max: -1"))]) == [
            "site.yaml:21:12: error: “max”是得分的上限，不能是负数（写的是 -1）",
        ])
        #expect(errors([("site.yaml", yaml.replacingOccurrences(of: "{id: community, name: 帮包社区, weight: 30, source: assessment}",
                                                                 with: "{id: community, name: 帮包社区, weight: 30, source: assessment, max: 90}"))]) == [
            "site.yaml:15:72: error: “max”只用于 source: duty 的考核项目；这个项目不是 source: duty，请删掉这一行",
        ])
        #expect(errors([("site.yaml", yaml.replacingOccurrences(of: "source: deductions}", with: "source: deductions, base: 100}"))]) == [
            "site.yaml:27:72: error: “base”只用于 source 为 duty 的考核项目；按细则扣分的项目，满分和细则写在 data/criteria.yaml 中，请删掉这一行",
        ])
        #expect(errors([("site.yaml", yaml.replacingOccurrences(of: "source: deductions}", with: "source: deduction}"))]).contains(
            "site.yaml:27:54: error: “source”只能写 assessment、duty 或 deductions（写的是“deduction”）"))
        // A base above the default cap was valid before `max` existed: a warning.
        let site = Self.site()
        site.write("site.yaml", yaml.replacingOccurrences(of: "      max: 104\n", with: "").replacingOccurrences(of: "base: 100", with: "base: 105"))
        #expect(site.errors() == [])
        #expect(site.warnings() == ["site.yaml:20:13: warning: 基础分 base（105）超过了默认的上限 100，没有任何扣分时得分也只有 100；如果上限另有规定，请加一行 max: …"])
    }

    @Test func aDeductionsSheetWithNoDeductionsComponentIsNotUsed() {
        let site = SiteFolder()
        site.write("data/deductions.csv", "period,unit,item,points\n2018-h1,shuiwu,1.1,2\n")
        #expect(site.errors() == [])
        #expect(site.warnings() == ["data/deductions.csv:1:1: warning: site.yaml 中没有按细则扣分（source: deductions）的考核项目，deductions.csv 不会被使用"])
    }

    @Test func anIntersectionIsAPageAddress() {
        #expect(errors([("units/gonglu.md", "---\nname: 公路局\ncategory: provincial\nintersection: 东昌路/花园路路口\n---\n")]) == [
            "units/gonglu.md:4:15: error: 路口名称“东昌路/花园路路口”会成为网页地址的一部分，不能含有“/”“\\”、控制字符，也不能以“.”开头；请改写路口名称",
        ])
    }

    @Test func messagesHaveTheirEnglishText() {
        let site = Self.site(deductions: "period,unit,item,points\n2018-h1,shuiwu,2.4,6\n")
        #expect(site.errors(in: .english) == [
            "data/deductions.csv:2:20: error: item 2.4 allows at most 5 points a period; unit shuiwu would lose 6 in 2018-h1",
        ])
    }
}
