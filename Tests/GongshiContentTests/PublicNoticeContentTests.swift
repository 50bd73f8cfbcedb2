import Foundation
import Testing
@testable import GongshiContent
import GongshiModel

/// (r2) Public notices, supervision contacts, slips and evidence: read into the model as staff
/// write them, and every mistake located with its fix.
@Suite struct PublicNoticeContentTests {
    static let supervision = """
    supervision:
      phone: 0635-8241234（市文明办创建科）
      email: wmb@example.org
      address: 聊城市东昌府区东昌路1号
      hours: 工作日 8:30-17:30
    slips:
      white: {meaning: 当面交办}
      red: {name: 红色问责单}

    """

    static let notice = """
    ---
    title: 2018年度拟推荐省级文明单位名单公示
    date: 2018-05-18
    issuer: 市文明办
    kind: 公示
    public_period: {start: 2018年5月18日, end: 2018/5/24}
    supervision:
      phone: 0635-8243521
    ---
    公示如下。

    ```ranking
    period: 2018-h1
    bottom: 1
    ```

    """

    static let plan = """
    title: 整改方案
    items:
      - id: 1
        problem: 创建资料不全
        group: 创建基础工作
        deadline: 2018-05-31
        status: done
        done_on: 2018-05-30
        evidence: [2018/05/lajitong]
      - id: 2
        problem: 帮包路口缺勤
        group: 帮包工作
        deadline: 2018-09-30
        status: doing
        slip: 红色问责单
        slips:
          - {date: 2018-08-10, color: 白色, note: 缺勤两次}
          - {date: 2018-09-10, color: yellow}
          - {date: 2018-10-08, color: red, note: 移交问责}
      - id: 3
        problem: 台账不完整
        deadline: 2018-11-30
        slips:
          - {date: 2018-12-03, color: 黄色警示单}
        evidence: reports/2018/05/lajitong.md
    review:
      applied_on: 2018-12-20
      date: 2018年12月25日
      result: 复查合格
      notice: 2018/gongshi

    """

    @Test func readsPublicNoticesContactsSlipsAndEvidenceAsStaffWriteThem() throws {
        let site = SiteFolder()
        site.write("site.yaml", SiteFolder.siteYAML + Self.supervision)
        site.write("notices/2018/gongshi.md", Self.notice)
        site.write("rectification/gonglu.yaml", Self.plan)
        let loaded = site.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        let content = try #require(loaded.content)
        #expect(content.config.supervision == Supervision(phone: "0635-8241234（市文明办创建科）", email: "wmb@example.org",
                                                          address: "聊城市东昌府区东昌路1号", hours: "工作日 8:30-17:30"))
        #expect(content.config.slips.white == SlipKind(name: "白色提醒单", meaning: "当面交办"))
        #expect(content.config.slips.yellow == SlipKind(name: "黄色警示单", meaning: "警示提醒"))
        #expect(content.config.slips.red == SlipKind(name: "红色问责单", meaning: "移交问责"))

        let notice = try #require(content.notices.first)
        #expect(notice.publicPeriod == PublicPeriod(start: CalendarDate(iso: "2018-05-18")!, end: CalendarDate(iso: "2018-05-24")!))
        #expect(notice.supervision == Supervision(phone: "0635-8243521"))
        #expect(notice.body.contains { if case .ranking(let b) = $0 { b.bottom == 1 && b.top == nil } else { false } })

        let plan = try #require(content.plans.first)
        #expect(plan.items.map(\.group) == ["创建基础工作", "帮包工作", nil])
        #expect(plan.items[0].evidence == ["reports/2018/05/lajitong"])
        #expect(plan.items[2].evidence == ["reports/2018/05/lajitong"])  // written as the file's path
        #expect(plan.items[1].slips.map(\.color) == [.white, .yellow, .red])
        #expect(plan.items[1].slips.map(\.note) == ["缺勤两次", nil, "移交问责"])
        #expect(plan.items[1].slip == .red)  // by the site's own name
        #expect(plan.items[2].slip == .yellow)  // no `slip`: the last of the history
        #expect(plan.review == RectificationPlan.Review(appliedOn: CalendarDate(iso: "2018-12-20"), date: CalendarDate(iso: "2018-12-25"),
                                                        result: "复查合格", notice: "notices/2018/gongshi"))
    }

    @Test func theNoticeCacheKeepsThePeriodTheContactsAndBottom() throws {
        let site = SiteFolder()
        site.write("notices/2018/gongshi.md", Self.notice)
        let first = site.load()
        let cache = try #require(first.noticeCache)
        let decoded = try #require(NoticeCache.decode(cache.encoded()))
        let notice = try #require(decoded.entries.first?.notice)
        #expect(notice.publicPeriod?.end == CalendarDate(iso: "2018-05-24"))
        #expect(notice.supervision?.phone == "0635-8243521")
        #expect(notice.body.contains { if case .ranking(let b) = $0 { b.bottom == 1 } else { false } })
    }

    private func errors(_ edits: [(String, String)], asOf: String? = nil) -> [String] {
        let site = SiteFolder()
        for (path, text) in edits { site.write(path, text) }
        return site.errors(asOf: asOf)
    }

    @Test func publicPeriodMistakes() {
        let notice = "---\ntitle: 公示\ndate: 2018-05-18\nissuer: 市文明办\n"
        #expect(errors([
            ("notices/a.md", notice + "public_period: {start: 2018-05-25, end: 2018-05-18}\n---\n"),
            ("notices/b.md", notice + "public_period: {start: 2018-05-18, ends: 2018-05-25}\n---\n"),
            ("notices/c.md", notice + "public_period: 2018-05-18至2018-05-25\n---\n"),
            ("notices/d.md", notice + "public_period:\n  start: 2018-05-18\n  end: 5月25日\n---\n"),
        ]) == [
            "notices/a.md:5:41: error: 公示期的结束日期 2018-05-18 早于开始日期 2018-05-25；请检查 start 和 end",
            "notices/b.md:5:16: error: public_period（公示期）缺少必填字段“end”；请加一行 end: …",
            "notices/b.md:5:36: error: public_period（公示期）里没有“ends”这个字段；是不是 end？",
            "notices/c.md:5:16: error: public_period（公示期）应当是一行一个“字段: 值”；请检查缩进和冒号",
            "notices/d.md:7:8: error: end：“5月25日”没有写年份，不知道是哪一年；日期请写成 2018-06-01",
        ])
    }

    @Test func supervisionMistakesInSiteYAMLAndNotices() {
        #expect(errors([
            ("site.yaml", SiteFolder.siteYAML + "supervision:\n  phone: 市文明办\n  email: wmb＠example.org\n  fax: 0635-8241235\n"),
        ]) == [
            "site.yaml:25:10: error: “phone”里没有电话号码（写的是“市文明办”）；请写成 0635-8241234 这样的号码，说明可以写在号码后面",
            "site.yaml:26:10: error: “email”不是电子邮箱地址（写的是“wmb＠example.org”）；请写成 wmb@example.org 这样的地址",
            "site.yaml:27:3: error: supervision（监督联系方式）里没有“fax”这个字段；请删掉这一行",
        ])
        let notice = "---\ntitle: 公示\ndate: 2018-05-18\nissuer: 市文明办\n"
        #expect(errors([
            ("notices/a.md", notice + "supervision: {phon: 0635-8241234}\n---\n"),
            ("notices/b.md", notice + "supervision: 0635-8241234\n---\n"),
            ("notices/c.md", notice + "supervision: {hours: }\n---\n"),
        ]) == [
            "notices/a.md:5:15: error: supervision（监督联系方式）里没有“phon”这个字段；是不是 phone？",
            "notices/b.md:5:14: error: supervision（监督联系方式）应当是一行一个“字段: 值”；请检查缩进和冒号",
            "notices/c.md:5:14: error: “supervision”里至少要写一项：phone（电话）、email（邮箱）、address（地址）或 hours（受理时间）",
        ])
    }

    @Test func theEnglishTexts() {
        let site = SiteFolder()
        site.write("notices/a.md", "---\ntitle: 公示\ndate: 2018-05-18\nissuer: 市文明办\npublic_period: {start: 2018-05-25, end: 2018-05-18}\n---\n")
        site.write("rectification/gonglu.yaml", "title: t\nitems:\n  - {id: 1, problem: p, deadline: 2018-05-01, evidence: [2018/05/nothing]}\n")
        #expect(site.errors(in: .english) == [
            "notices/a.md:5:41: error: public_period ends (2018-05-18) before it starts (2018-05-25)",
            "rectification/gonglu.yaml:3:58: error: item 1: evidence names no report \"2018/05/nothing\"",
        ])
    }

    @Test func siteSlipsMistakes() {
        #expect(errors([
            ("site.yaml", SiteFolder.siteYAML + "slips:\n  blue: {name: 蓝色单}\n  white: {name: 提醒单, meanings: 交办}\n  red: {name: 提醒单}\n"),
        ]) == [
            "site.yaml:25:3: error: slips（督办单）里没有“blue”这个字段；请删掉这一行",
            "site.yaml:26:22: error: slips: white里没有“meanings”这个字段；是不是 meaning？",
            "site.yaml:27:8: error: white 和 red 两种督办单用了同一个名称“提醒单”；请给它们不同的名称",
        ])
    }

    @Test func rankingBlockTakesTopOrBottom() {
        let notice = "---\ntitle: 通报\ndate: 2018-08-24\nissuer: 市文明办\nperiod: 2018-h1\n---\n"
        #expect(errors([
            ("notices/a.md", notice + "```ranking\ntop: 3\nbottom: 3\n```\n"),
            ("notices/b.md", notice + "```ranking\nbottom: 0\n```\n"),
            ("notices/c.md", notice + "```ranking\nbotom: 2\n```\n"),
        ]) == [
            "notices/a.md:9:9: error: “top”（前几名）和“bottom”（后几名）只能写一个；请删掉其中一行",
            "notices/b.md:8:9: error: “bottom”要写 1 或更大的整数（写的是 0）",
            "notices/c.md:8:1: error: the ranking block里没有“botom”这个字段；是不是 bottom？",
        ])
    }

    @Test func slipHistoryMistakes() {
        let head = "title: 整改方案\nitems:\n  - id: 1\n    problem: 缺勤\n    deadline: 2018-09-30\n"
        #expect(errors([
            ("rectification/gonglu.yaml", head + "    slip: yellow\n    slips:\n      - {date: 2018-09-10, color: yellow}\n      - {date: 2018-08-10, color: red, why: 缺勤}\n"),
            ("rectification/shuiwu.yaml", head + "    slips:\n      - {date: 2018-08-10, color: 紫色}\n      - {color: white}\n    group: [一, 二]\n"),
        ]) == [
            "rectification/gonglu.yaml:6:11: error: 第 1 项的 slip 写的是 yellow，但 slips 里最后一张（2018-08-10）是 red；请让两者一致（或删掉 slip，以 slips 的最后一张为准）",
            "rectification/gonglu.yaml:9:16: error: 第 1 项的督办单日期 2018-08-10 早于上一张的 2018-09-10；slips 要按日期从早到晚写",
            "rectification/gonglu.yaml:9:40: error: slips（督办单）里没有“why”这个字段；请删掉这一行",
            "rectification/shuiwu.yaml:7:35: error: 未知的督办单颜色“紫色”；是不是 white（白色）、yellow（黄色）、red（红色）？",
            "rectification/shuiwu.yaml:8:9: error: slips（督办单）缺少必填字段“date”；请加一行 date: …",
            "rectification/shuiwu.yaml:9:12: error: “group”只能写一个值，不能是列表或几行字段",
        ])
    }

    @Test func evidenceMustNamePublishedReports() {
        let site = SiteFolder()
        site.write("reports/2018/06/draft.md", "---\ntitle: 草稿\nunit: shuiwu\ndate: 2018-06-01\nkind: lecture\ndraft: true\n---\n")
        site.write("reports/2019/01/later.md", "---\ntitle: 明年\nunit: shuiwu\ndate: 2019-01-05\nkind: lecture\n---\n")
        site.write("reports/2018/07/broken.md", "---\ntitle: 坏的\nunit: nobody\ndate: 2018-07-01\nkind: lecture\n---\n")
        site.write("rectification/gonglu.yaml", """
        title: 整改方案
        items:
          - id: 1
            problem: 缺勤
            deadline: 2018-09-30
            evidence:
              - 2018/05/lajitongg
              - 2018/06/draft
              - 2019/01/later
              - 2018/07/broken
              - 2018/05/lajitong
        review:
          applied_on: 2018-12-20
          notice: 2018/fuping

        """)
        // The report that did not read has its own error, and no second one from the plan.
        #expect(site.errors() == [
            "rectification/gonglu.yaml:7:9: error: 第 1 项的佐证“2018/05/lajitongg”不是已有的报道；请写 reports/ 下的路径，不带 .md。是不是 2018/05/lajitong？",
            "rectification/gonglu.yaml:8:9: error: 第 1 项的佐证“2018/06/draft”是草稿（draft: true），没有发布；佐证只能写已发布的报道",
            "rectification/gonglu.yaml:9:9: error: 第 1 项的佐证“2019/01/later”日期是 2019-01-05，晚于数据截止日期 2018-12-31，还没有发布；佐证只能写已发布的报道",
            "rectification/gonglu.yaml:14:11: error: 复查（review）的 notice 写的通报“2018/fuping”不存在；请写 notices/ 下的路径，不带 .md",
            "reports/2018/07/broken.md:3:7: error: 未知的单位“nobody”；可以写：gonglu（聊城市公路局）、shuiwu（聊城市税务局）",
        ])
        // Under a later as-of date the report is published: evidence it may be.
        #expect(!site.errors(asOf: "2019-02-01").contains { $0.contains("2019/01/later") })
    }

    @Test func reviewMistakes() {
        let head = "title: 整改方案\nitems:\n  - {id: 1, problem: 缺勤, deadline: 2018-09-30}\n"
        #expect(errors([
            ("rectification/gonglu.yaml", head + "review:\n  applied_on: 2018-12-20\n  date: 2018-12-01\n  result: 通过\n  decided: 是\n"),
            ("rectification/shuiwu.yaml", head + "review:\n  result: 通过\n"),
        ]) == [
            "rectification/gonglu.yaml:6:9: error: 复查结果的日期 2018-12-01 早于申请复查的日期 2018-12-20；请检查 applied_on 和 date",
            "rectification/gonglu.yaml:8:3: error: review（复查）里没有“decided”这个字段；请删掉这一行",
            "rectification/shuiwu.yaml:5:11: error: 写了复查结果“result”，还要写出结果的日期：请加一行 date: …",
        ])
    }
}
