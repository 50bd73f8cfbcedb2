import Foundation
import Testing
@testable import GongshiContent
import GongshiModel

/// (r2) Units' `history` and site.yaml's `scoring.volunteer`: read into the model, and every mistake
/// located with its Chinese message (and the English one).
@Suite struct HistoryInputTests {
    static let notice = "---\ntitle: 关于暂停的通报\ndate: 2018-03-20\nissuer: 市文明办\n---\n正文\n"

    func unit(history: String) -> String {
        "---\nname: 聊城市公路局\ncategory: provincial\nstaff: 100\nhistory:\n" + history + "---\n公路局。\n"
    }

    @Test func aHistoryIsReadWithNamesForStatusesAndNoticesAsPaths() throws {
        let site = SiteFolder()
        site.write("notices/2018/zanting.md", Self.notice)
        site.write("notices/2019/fuping/index.md", Self.notice.replacingOccurrences(of: "2018-03-20", with: "2019-06-01"))
        site.write("units/gonglu.md", unit(history: """
              - {date: 2016-12-01, status: active, decision: 认定, note: 获评省级文明单位}
              - {date: 2018年3月20日, status: 暂停, decision: 暂停, notice: 2018/zanting}
              - date: 2019-06-01
                status: active
                decision: 恢复
                notice: notices/2019/fuping/index.md

            """))
        let loaded = site.load(asOf: "2019-12-31")
        #expect(loaded.diagnostics.map(\.description) == [])
        let gonglu = try #require(loaded.content?.units.first { $0.id == "gonglu" })
        #expect(gonglu.history == [
            StatusChange(date: CalendarDate(iso: "2016-12-01")!, status: .active, decision: "认定", note: "获评省级文明单位"),
            StatusChange(date: CalendarDate(iso: "2018-03-20")!, status: .suspended, decision: "暂停", notice: "2018/zanting"),
            StatusChange(date: CalendarDate(iso: "2019-06-01")!, status: .active, decision: "恢复", notice: "2019/fuping"),
        ])
        #expect(gonglu.status == .active)  // the field's default, used before the first entry
    }

    @Test func badHistoriesAreLocated() {
        let site = SiteFolder()
        site.write("notices/2018/zanting.md", Self.notice)
        site.write("units/gonglu.md", unit(history: """
              - {date: 2018-06-01, status: active, decision: 保留}
              - {date: 2018-03-20, status: paused, decision: 暂停, notice: 2018/zanteng}
              - {date: 2018-07-01, status: revoked}
              - {date: 2018-08-01, status: active, decision: 恢复, notice: ../secret}

            """))
        let errors = site.errors()
        #expect(errors == [
            "units/gonglu.md:7:12: error: history 要按日期从早到晚写：第 2 条的日期 2018-03-20 早于第 1 条的 2018-06-01；请调整顺序或改正日期",
            "units/gonglu.md:7:32: error: 未知的单位状态“paused”；可以写：active（正常）、suspended（暂停）、revoked（撤销）",
            "units/gonglu.md:7:62: error: history 第 2 条的 notice“2018/zanteng”找不到：没有 notices/2018/zanteng.md 这份通报；是不是 2018/zanting？",
            "units/gonglu.md:8:5: error: history 第 3 条缺少必填字段“decision”；请加一行 decision: …",
            "units/gonglu.md:9:62: error: history 第 4 条的 notice 要写通报在 notices/ 下的路径（不带 .md），例如 2018/zanting-shengji-wenming-danwei（写的是“../secret”）",
        ])
        #expect(site.errors(in: .english) == [
            "units/gonglu.md:7:12: error: history dates must not go backwards: entry 2 (2018-03-20) is before entry 1 (2018-06-01)",
            "units/gonglu.md:7:32: error: unknown status \"paused\" in history entry 2 (active, suspended or revoked)",
            "units/gonglu.md:7:62: error: unknown notice \"2018/zanteng\" in history entry 2 (no notices/2018/zanteng.md)",
            "units/gonglu.md:8:5: error: history entry 3 is missing the required field \"decision\"",
            "units/gonglu.md:9:62: error: \"notice\" in history entry 4 must be a notice's path under notices/ without .md (got \"../secret\")",
        ])
    }

    @Test func aHistoryMustBeAListOfMappings() {
        let site = SiteFolder()
        site.write("units/gonglu.md", "---\nname: 公路局\ncategory: provincial\nhistory: 暂停\n---\n")
        site.write("units/shuiwu.md", "---\nname: 税务局\ncategory: provincial\nhistory:\n  - 2018-03-20 暂停\n---\n")
        #expect(site.errors() == [
            "units/gonglu.md:4:10: error: “history”要写成列表：每个决定一行，以“- ”开头，例如 - {date: 2018-03-20, status: suspended, decision: 暂停}",
            "units/shuiwu.md:5:5: error: history 第 1 条要写成 {date: …, status: …, decision: …}",
        ])
    }

    @Test func aShownDecisionMayNotNameADraftNotice() {
        let site = SiteFolder()
        site.write("notices/2018/zanting.md", Self.notice.replacingOccurrences(of: "issuer: 市文明办\n", with: "issuer: 市文明办\ndraft: true\n"))
        site.write("units/gonglu.md", unit(history: "  - {date: 2018-03-20, status: suspended, decision: 暂停, notice: 2018/zanting}\n"))
        #expect(site.errors() == [
            "units/gonglu.md:6:65: error: history 第 1 条的 notice 是草稿（notices/2018/zanting.md 里 draft: true），不会发布；请先发布这份通报，或去掉 notice",
        ])
        // Building with drafts publishes it; a decision dated after the as-of date is not shown yet.
        #expect(site.load(drafts: true).diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(site.errors(asOf: "2018-03-19") == [])
    }

    @Test func aNoticeWithErrorsIsNotReportedAgainFromTheHistory() {
        let site = SiteFolder()
        site.write("notices/2018/zanting.md", "---\ntitle: 通报\ndate: 2018-03-20\n---\n")
        site.write("units/gonglu.md", unit(history: "  - {date: 2018-03-20, status: suspended, decision: 暂停, notice: 2018/zanting}\n"))
        #expect(site.errors() == ["notices/2018/zanting.md:2:1: error: 开头的字段（front matter）缺少必填字段“issuer”；请加一行 issuer: …"])
    }

    @Test func aReportOfAUnitSuspendedOnTheAsOfDateIsWarnedAbout() {
        let site = SiteFolder()
        site.write("units/gonglu.md", unit(history: "  - {date: 2018-03-20, status: suspended, decision: 暂停}\n  - {date: 2018-11-01, status: active, decision: 恢复}\n"))
        site.write("reports/a.md", "---\ntitle: 讲座\nunit: gonglu\ndate: 2018-05-02\nkind: lecture\n---\n")
        // Restored by the as-of date: no warning, although the lecture was held while suspended.
        #expect(site.warnings() == [])
        let warnings = site.load(asOf: "2018-10-31").diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.description) == [
            "reports/a.md:3:7: warning: 单位 gonglu 的文明单位称号已暂停（units/gonglu.md 的 history：2018-03-20 暂停），仍会发布这篇报道；日期或单位写错了就请改正",
        ])
        #expect(warnings.map { $0.description(in: .english) } == ["reports/a.md:3:7: warning: report of a suspended unit \"gonglu\""])
    }

    @Test func aUnitSuspendedAtAPeriodsEndIsNotWarnedAboutForItsMissingRow() {
        let site = SiteFolder()
        // gonglu has a 2018-h1 row; shuiwu has none but is suspended on 2018-06-30, so it is not expected to be ranked.
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,gonglu,90.5,88.0\n")
        site.write("units/shuiwu.md", "---\nname: 聊城市税务局\ncategory: provincial\nhistory:\n  - {date: 2018-02-01, status: 暂停, decision: 暂停}\n---\n")
        // Only its report is warned about; restored before the period's end, its missing row would be.
        #expect(site.warnings() == [
            "reports/2018/05/lajitong.md:3:7: warning: 单位 shuiwu 的文明单位称号已暂停（units/shuiwu.md 的 history：2018-02-01 暂停），仍会发布这篇报道；日期或单位写错了就请改正",
        ])
        site.write("units/shuiwu.md", "---\nname: 聊城市税务局\ncategory: provincial\nhistory:\n  - {date: 2018-02-01, status: 暂停, decision: 暂停}\n  - {date: 2018-06-30, status: active, decision: 恢复}\n---\n")
        #expect(site.warnings().count == 1)
        #expect(site.warnings().first?.contains("单位 shuiwu（聊城市税务局）在考核期 2018-h1（2018年年中考核）没有考核分数行") == true)
    }
}

@Suite struct VolunteerSettingsTests {
    func config(_ scoringTail: String) -> String {
        SiteFolder.siteYAML.replacingOccurrences(of: "  volunteer_points_target: 1500\n", with: scoringTail)
    }

    @Test func theLongFormGivesTargetAndPer() throws {
        let site = SiteFolder()
        site.write("site.yaml", config("  volunteer: {target: 1500, per: year}\n"))
        let year = try #require(site.load().content?.config)
        #expect(year.volunteerPointsTarget == ExactDecimal(1500))
        #expect(year.volunteerPer == .year)
        site.write("site.yaml", config("  volunteer:\n    target: 1200\n    per: 按考核期\n"))
        let period = try #require(site.load().content?.config)
        #expect(period.volunteerPointsTarget == ExactDecimal(1200))
        #expect(period.volunteerPer == .period)
        site.write("site.yaml", config("  volunteer_points_target: 1500\n"))
        #expect(site.load().content?.config.volunteerPer == .period)
    }

    @Test func mistakesAreLocated() {
        let site = SiteFolder()
        site.write("site.yaml", config("  volunteer_points_target: 1500\n  volunteer: {target: 1500, per: month, pre: year}\n"))
        #expect(site.errors() == [
            "site.yaml:24:14: error: “volunteer_points_target”和“volunteer”只能写一种；请删掉 volunteer_points_target，把目标写成 volunteer 下的 target",
            "site.yaml:24:34: error: “per”只能写 period（按每个考核期计算人均积分）或 year（按自然年累计各期积分）；写的是“month”",
            "site.yaml:24:41: error: volunteer里没有“pre”这个字段；请删掉这一行",
        ])
        #expect(site.errors(in: .english) == [
            "site.yaml:24:14: error: write either \"volunteer_points_target\" or \"volunteer\" in scoring, not both",
            "site.yaml:24:34: error: \"per\" must be period or year (got \"month\")",
            "site.yaml:24:41: error: unknown field \"pre\" in volunteer",
        ])
        site.write("site.yaml", config("  volunteer: 1500\n"))
        #expect(site.errors() == ["site.yaml:23:14: error: “volunteer”要写成几行字段，例如 volunteer: {target: 1500, per: year}"])
        site.write("site.yaml", config("  volunteer: {target: -1}\n"))
        #expect(site.errors() == ["site.yaml:23:23: error: 志愿服务积分目标“target”不能是负数（写的是 -1）"])
    }
}
