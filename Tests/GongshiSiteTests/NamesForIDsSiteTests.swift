import Foundation
import Testing
@testable import GongshiSite

/// Staff may write names for ids, and dates and numbers as they type them: the example site with
/// every id replaced by a name, every date and number by another form, builds byte-identical.
@Suite struct NamesForIDsSiteTests {
    static let categories = ["national": "现有全国文明单位", "national-new": "新申报全国文明单位", "provincial": "省级文明单位",
                             "provincial-new": "新申报省级文明单位", "municipal": "市级文明单位"]
    static let periods = ["2018-h1": "2018年年中考核", "2018-h2": "2018年年终考核"]
    static let kinds = ["donation": "捐赠", "signboard": "宣传牌匾", "lecture": "讲座", "volunteer": "志愿服务"]
    static let figures = ["amount_yuan": "金额（元）", "items": "物品（件）", "count": "数量（块）", "cost_yuan": "投入（元）",
                          "attendees": "参加人数", "participants": "参加人数", "hours": "服务时长（小时）"]
    static let headers = ["period": "期次", "unit": "单位", "points": "志愿积分", "date": "日期", "event": "事件", "note": "备注", "item": "细则",
                          "community": "帮包社区", "criteria": "考核细则"]
    static let planStatuses = ["todo": "未开始", "doing": "整改中", "done": "已完成"]
    static let unitStatuses = ["active": "正常", "suspended": "暂停", "revoked": "撤销"]
    static let slips = ["white": "白色提醒单", "yellow": "黄色", "red": "红色责任单"]
    /// (r2) The duty events' names in site.yaml.
    static let events = ["absent": "缺勤", "late": "迟到早退", "careless": "工作不认真", "diligent": "工作认真负责"]

    /// (r2) The catalogue's item names by id (each name is the only item with it).
    static func itemNames(_ root: String) -> [String: String] {
        let text = (try? String(contentsOfFile: root + "/data/criteria.yaml", encoding: .utf8)) ?? ""
        var names: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let id = line.range(of: #"id: "?[^",]+"#, options: .regularExpression),
                  let name = line.range(of: #"name: [^,]+"#, options: .regularExpression) else { continue }
            names[line[id].dropFirst(4).replacingOccurrences(of: "\"", with: "")] = String(line[name].dropFirst(6))
        }
        return names
    }

    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { ("0"..."9").contains($0) ? Unicode.Scalar($0.value + 0xFF10 - 0x30)! : $0 }))
    }

    /// `2018-06-01` as 2018年6月1日, 2018/6/1, 2018.6.1 or 2018-6-1, in turn.
    static func date(_ iso: Substring, _ turn: Int) -> String {
        let p = iso.split(separator: "-").map { String(Int($0)!) }
        switch turn % 4 {
        case 0: return "\(p[0])年\(p[1])月\(p[2])日"
        case 1: return "\(p[0])/\(p[1])/\(p[2])"
        case 2: return "\(p[0]).\(p[1]).\(p[2])"
        default: return fullWidth("\(p[0])-\(p[1])-\(p[2])")
        }
    }

    /// A whole number as 5万, 1.2万 or full-width digits.
    static func number(_ text: String) -> String {
        guard let n = Int(text) else { return fullWidth(text) }
        if n >= 10_000, n % 100 == 0 {
            var w = String(n / 10_000)
            let rest = n % 10_000
            if rest != 0 {
                var decimals = String(rest)
                decimals = String(repeating: "0", count: 4 - decimals.count) + decimals
                while decimals.hasSuffix("0") { decimals.removeLast() }
                w += "." + decimals
            }
            return w + "万"
        }
        return fullWidth(text)
    }

    static func substitute(_ root: String, units: [String: String]) throws {
        var turn = 0
        func dates(_ text: String) -> String {
            var result = text
            while let range = result.range(of: #"(?<![0-9-])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])"#, options: .regularExpression) {
                turn += 1
                result.replaceSubrange(range, with: date(result[range], turn))
            }
            return result
        }
        func lines(_ text: String, _ body: (String, String, String) -> String?) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                let s = String(line)
                guard let colon = s.range(of: ": ") else { return s }
                let key = String(s[..<colon.lowerBound]), value = String(s[colon.upperBound...])
                return body(key.trimmingCharacters(in: .whitespaces), key, value).map { "\(key): \($0)" } ?? s
            }.joined(separator: "\n")
        }
        let fm = FileManager.default
        let items = itemNames(root)
        let files = fm.enumerator(atPath: root)!.allObjects as! [String]
        for path in files {
            let full = root + "/" + path
            guard var text = try? String(contentsOfFile: full, encoding: .utf8) else { continue }
            let original = text
            if path.hasSuffix(".md") || path.hasSuffix(".yaml") {
                text = lines(text) { key, _, value in
                    switch key {
                    case "unit": return units[value]
                    case "category": return categories[value]
                    case "period": return periods[value]
                    case "kind": return kinds[value]
                    case "staff": return fullWidth(value)
                    case "status": return path.hasPrefix("rectification/") ? planStatuses[value] : unitStatuses[value]
                    case "slip": return slips[value]
                    default:
                        if path.hasPrefix("reports/"), let name = figures[key] { return name + ": " + number(value) }
                        return nil
                    }
                }
                // A figure's name as key: "  金额（元）: 5万" came back as "  amount_yuan: 金额（元）: 5万"
                for (id, name) in figures { text = text.replacingOccurrences(of: "\(id): \(name): ", with: "\(name): ") }
                text = dates(text)
            } else if path.hasSuffix(".csv") {
                var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let header = rows[0].split(separator: ",").map(String.init)
                // deductions.csv's points are 扣分 (volunteer.csv's 志愿积分).
                rows[0] = header.map { path.hasSuffix("deductions.csv") && $0 == "points" ? "扣分" : headers[$0] ?? $0 }.joined(separator: ",")
                for i in 1..<rows.count where !rows[i].isEmpty {
                    var cells = rows[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    for (c, column) in header.enumerated() where c < cells.count {
                        switch column {
                        case "period": cells[c] = periods[cells[c]] ?? cells[c]
                        case "unit": cells[c] = units[cells[c]] ?? cells[c]
                        case "date": cells[c] = date(Substring(cells[c]), 1)  // as Excel saves them: 2018/3/5
                        case "points": cells[c] = number(cells[c])
                        case "community", "criteria": cells[c] = fullWidth(cells[c])
                        case "item": cells[c] = items[cells[c]] ?? cells[c]
                        case "event": cells[c] = events[cells[c]] ?? cells[c]
                        default: break
                        }
                    }
                    rows[i] = cells.joined(separator: ",")
                }
                text = rows.joined(separator: "\n")
            }
            if text != original { try text.write(toFile: full, atomically: false, encoding: .utf8) }
        }
    }

    @Test func namesDatesAndNumbersAsStaffWriteThemBuildTheSameSite() throws {
        try withTemporaryFolder { folder in
            let content = folder + "/content"
            try FileManager.default.copyItem(atPath: Repo.content, toPath: content)
            var units: [String: String] = [:]
            for file in try FileManager.default.contentsOfDirectory(atPath: content + "/units") {
                let text = try String(contentsOfFile: content + "/units/" + file, encoding: .utf8)
                let short = text.split(separator: "\n").first { $0.hasPrefix("short_name: ") }!.dropFirst("short_name: ".count)
                let name = text.split(separator: "\n").first { $0.hasPrefix("name: ") }!.dropFirst("name: ".count)
                units[String(file.dropLast(3))] = units.count % 2 == 0 ? String(short) : String(name)
            }
            try Self.substitute(content, units: units)
            let changed = try String(contentsOfFile: content + "/data/volunteer.csv", encoding: .utf8)
            #expect(changed.hasPrefix("期次,单位,志愿积分\n2018年年中考核,"), "\(changed.prefix(80))")
            #expect(changed.contains("万"))
            let duty = try String(contentsOfFile: content + "/data/duty.csv", encoding: .utf8)
            #expect(duty.contains("\n2018/3/5,") && duty.contains(",工作认真负责,") && !duty.contains(",diligent,"))
            let deductions = try String(contentsOfFile: content + "/data/deductions.csv", encoding: .utf8)
            #expect(deductions.hasPrefix("期次,单位,细则,扣分,备注\n") && deductions.contains(",帮包社区工作台账完整，记录及时,")
                    && !deductions.contains(",5.2,"), "\(deductions.prefix(200))")
            let report = try String(contentsOfFile: content + "/reports/2018/08/guowang-yongdian-paicha/index.md", encoding: .utf8)
            #expect(!report.contains("unit: guowang-power") && report.contains("\nkind: 志愿服务\n") && report.contains("参加人数: ３２")
                    && !report.contains("2018-08-16"), "\(report.prefix(200))")
            let notice = try String(contentsOfFile: content + "/notices/2018/nianzhong-kaohe-tongbao.md", encoding: .utf8)
            #expect(notice.contains("\nperiod: 2018年年中考核\n") && notice.contains("\ncategory: 现有全国文明单位\n"))
            let plan = try String(contentsOfFile: content + "/rectification/gonglu.yaml", encoding: .utf8)
            #expect(plan.contains("status: 已完成") && plan.contains("status: 整改中") && !plan.contains("2018-10-31"))
            let original = build(output: folder + "/a")
            let named = build(content: content, output: folder + "/b")
            #expect(original.succeeded)
            #expect(named.diagnostics.map(\.description) == original.diagnostics.map(\.description))
            let a = tree(folder + "/a"), b = tree(folder + "/b")
            #expect(a.keys.sorted() == b.keys.sorted())
            let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
            #expect(differing == [], "differ: \(differing.prefix(10))")
        }
    }
}
