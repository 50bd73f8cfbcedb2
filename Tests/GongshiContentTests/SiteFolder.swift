import Foundation
@testable import GongshiContent
import GongshiRender
import GongshiModel

/// A throwaway content folder for a test, filled with a small valid site that
/// tests then break one file at a time.
final class SiteFolder {
    let root: String

    static let siteYAML = """
    title: 测试公示
    base_url: https://example.org/
    as_of: 2018-12-31
    categories:
      - {id: provincial, name: 省级文明单位}
      - {id: municipal, name: 市级文明单位}
    periods:
      - {id: 2018-h1, name: 2018年年中考核, start: 2018-01-01, end: 2018-06-30}
      - {id: 2018-h2, name: 2018年年终考核, start: 2018-07-01, end: 2018-12-31}
    activity_kinds:
      donation: {name: 捐赠, figures: {amount_yuan: 金额（元）, items: 物品（件）}}
      lecture: {name: 讲座, figures: {attendees: 参加人数}}
    scoring:
      components:
        - {id: community, name: 帮包社区, weight: 30, source: assessment}
        - id: intersection
          name: 帮包路口
          weight: 30
          source: duty
          base: 100
          events: {absent: -5, late: -3, careless: -2, diligent: 2}
        - {id: criteria, name: 考核细则, weight: 40, source: assessment}
      volunteer_points_target: 1500

    """

    init() {
        root = NSTemporaryDirectory() + "gongshi-test-" + UUID().uuidString
        write("site.yaml", Self.siteYAML)
        write("units/shuiwu.md", "---\nname: 聊城市税务局\ncategory: provincial\ncommunity: 新世纪社区\nstaff: 200\n---\n税务局简介。\n")
        write("units/gonglu.md", "---\nname: 聊城市公路局\ncategory: provincial\ncommunity: 湖南社区\nstaff: 100\n---\n公路局。\n")
        write("reports/2018/05/lajitong.md", "---\ntitle: 捐赠垃圾桶\nunit: shuiwu\ndate: 2018-05-10\nkind: donation\nfigures:\n  amount_yuan: 50000\n  items: 300\n---\n正文。\n")
        write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,shuiwu,93.5,91.0\n2018-h1,gonglu,90.5,88.0\n")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) { write(path, Array(text.utf8)) }

    func write(_ path: String, _ bytes: [UInt8]) {
        let full = root + "/" + path
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
    }

    func remove(_ path: String) { try? FileManager.default.removeItem(atPath: root + "/" + path) }

    func load(asOf: String? = nil, drafts: Bool = false) -> LoadedSite {
        ContentLoader.load(root: root, asOf: asOf.flatMap { CalendarDate(iso: $0) }, today: CalendarDate(iso: "2026-11-23")!, includeDrafts: drafts,
                           reservedFolders: SiteRenderer.reservedFolders)
    }

    /// Errors as `path:line:column: error: message` lines, in Chinese unless `language` says otherwise.
    func errors(asOf: String? = nil, in language: Language = .chinese) -> [String] {
        load(asOf: asOf).diagnostics.filter { $0.severity == .error }.map { $0.description(in: language) }
    }

    /// Warnings as `path:line:column: warning: message` lines, in Chinese unless `language` says otherwise.
    func warnings(in language: Language = .chinese) -> [String] {
        load().diagnostics.filter { $0.severity == .warning }.map { $0.description(in: language) }
    }

    /// The problems that have no English text (printed in Chinese with `--lang en`).
    func withoutEnglish() -> [String] {
        load().diagnostics.filter { $0.english == nil }.map(\.description)
    }
}
