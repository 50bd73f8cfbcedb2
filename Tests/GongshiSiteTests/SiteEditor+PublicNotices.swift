import Foundation

/// (r2) The property test's edits of public notices (`public_period`, a notice's `supervision`),
/// site.yaml's `supervision` and `slips`, and rectification as accountability (an item's `group`,
/// `slips` history and `evidence`, a plan's `review`), and what keeps every other edit valid with
/// them: a report named as evidence stays published (its date, draft flag and path are left alone,
/// and no as-of date comes before it), and a notice a review names is not deleted.
///
/// Two edits also say what must (not) change: a plan moving on after every notice that embeds it
/// leaves those notices' pages as issued (`mustKeep`), and evidence added or removed changes the
/// report's page, which links back to the item (`mustAlter`).
extension SiteEditor {
    // MARK: What plans name

    /// Reports named as evidence by any plan: their files (content/reports/….md) and dates.
    var evidenceReports: [String: String] {
        var result: [String: String] = [:]
        for plan in plans {
            for line in site.read(plan).split(separator: "\n") where line.hasPrefix("    evidence: [") {
                for written in Self.listItems(String(line)) {
                    guard let file = reportFile(written) else { continue }
                    result[file] = FrontMatterDocument(site.read(file))?.value("date") ?? ""
                }
            }
        }
        return result
    }

    /// Notice files a plan's review names.
    var reviewNotices: Set<String> {
        var result: Set<String> = []
        for plan in plans {
            for line in site.read(plan).split(separator: "\n") where line.hasPrefix("  notice: ") {
                let written = line.dropFirst("  notice: ".count).trimmingCharacters(in: .whitespaces)
                result.insert("content/notices/\(written).md")
                result.insert("content/notices/\(written)/index.md")
            }
        }
        return result
    }

    var unprotectedReports: [String] {
        let protected = evidenceReports
        return reports.filter { protected[$0] == nil }
    }

    /// Whether a folder of reports holds one named as evidence (it may not be renamed).
    func holdsEvidence(_ folder: String) -> Bool {
        evidenceReports.keys.contains { $0.hasPrefix(folder + "/") }
    }

    /// An as-of date (nil: site.yaml's) under which every evidence report is published.
    func allowsAsOf(_ date: String?) -> Bool {
        let latest = evidenceReports.values.max() ?? ""
        return (date ?? siteAsOf) >= latest
    }

    var siteAsOf: String {
        let text = site.read("content/site.yaml")
        guard let range = text.range(of: #"\nas_of: [0-9-]+"#, options: .regularExpression) else { return "2026-11-23" }
        return String(text[range].dropFirst("\nas_of: ".count))
    }

    /// `[a, b]` of a flow list line.
    static func listItems(_ line: String) -> [String] {
        guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]"), open < close else { return [] }
        return line[line.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A report's file from its path under reports/ (`2018/04/x`).
    func reportFile(_ written: String) -> String? {
        ["content/reports/\(written).md", "content/reports/\(written)/index.md"].first { site.exists($0) }
    }

    /// `2018/04/x` for content/reports/2018/04/x.md or …/x/index.md.
    static func reportPath(_ file: String) -> String {
        var path = String(file.dropFirst("content/reports/".count))
        if path.hasSuffix("/index.md") { path = String(path.dropLast("/index.md".count)) } else { path = String(path.dropLast(".md".count)) }
        return path
    }

    static func page(ofReport file: String) -> String { "reports/\(reportPath(file))/index.html" }

    static func page(ofNotice file: String) -> String {
        var path = String(file.dropFirst("content/".count))
        if path.hasSuffix("/index.md") { path = String(path.dropLast("/index.md".count)) } else { path = String(path.dropLast(".md".count)) }
        return path + "/index.html"
    }

    // MARK: Dates

    /// A day after `date`, up to 40 days later.
    mutating func later(than date: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
        let next = calendar.date(byAdding: .day, value: int(1...40), to: start)!
        let c = calendar.dateComponents([.year, .month, .day], from: next)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The latest date of an item's slip history.
    func lastSlipDate(_ item: ArraySlice<String>) -> String? {
        item.compactMap { line -> String? in
            guard line.hasPrefix("      - {date: ") else { return nil }
            return String(line.dropFirst("      - {date: ".count).prefix(10))
        }.max()
    }

    /// Adds a slip to an item's history (after its last one) and keeps its `slip` the same colour.
    func appendSlip(_ lines: inout [String], block: Range<Int>, date: String, color: String, note: String? = nil) {
        var item = Array(lines[block])
        let entry = "      - {date: \(date), color: \(color)" + (note.map { ", note: \($0)" } ?? "") + "}"
        if let start = item.firstIndex(of: "    slips:") {
            var end = start + 1
            while end < item.count, item[end].hasPrefix("      - ") { end += 1 }
            item.insert(entry, at: end)
        } else {
            item += ["    slips:", entry]
        }
        if let i = item.firstIndex(where: { $0.hasPrefix("    slip: ") }) { item[i] = "    slip: \(color)" }
        lines.replaceSubrange(block, with: item)
    }

    /// Sets (or, with nil, removes) `    key: value` in an item.
    func setInItem(_ lines: inout [String], block: Range<Int>, _ key: String, _ value: String?) {
        var item = Array(lines[block])
        if let i = item.firstIndex(where: { $0.hasPrefix("    \(key): ") }) {
            if let value { item[i] = "    \(key): \(value)" } else { item.remove(at: i) }
        } else if let value {
            item.insert("    \(key): \(value)", at: 1)
        }
        lines.replaceSubrange(block, with: item)
    }

    // MARK: The edits

    mutating func publicNoticeEdit(_ kind: Kind, _ settings: inout PropertyBuild.Settings) -> SiteEdit? {
        switch kind {
        case .noticePublic: return editPublicNotice()
        case .siteSupervision: return editSiteSupervision()
        default: break
        }
        guard !plans.isEmpty else { return nil }
        let path = pick(plans)
        var lines = site.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blocks = items(lines)
        guard !blocks.isEmpty else { return nil }
        let block = pick(blocks)
        let itemName = lines[block.lowerBound].trimmingCharacters(in: .whitespaces)
        var edit: SiteEdit
        switch kind {
        case .planGroup:
            let group = pick(["创建基础工作", "氛围营造和环境整治", "帮包社区和帮包路口", "志愿服务和结对共建", "—"])
            setInItem(&lines, block: block, "group", group == "—" ? nil : group)
            edit = SiteEdit("\(path): \(itemName) group \(group)")
        case .planSlipHistory:
            let date = lastSlipDate(lines[block]).map { later(than: $0) } ?? day()
            let color = pick(["white", "yellow", "red"])
            appendSlip(&lines, block: block, date: date, color: color, note: chance(0.6) ? pick(["逾期未完成", "整改不到位", "资料未按期报送"]) : nil)
            edit = SiteEdit("\(path): \(itemName) slip \(color) on \(date)")
        case .planEvidence:
            guard let result = editEvidence(&lines, block: block, asOf: settings.asOf) else { return nil }
            edit = result
            edit.description = "\(path): \(itemName) \(edit.description)"
        case .planReview:
            // The review block ends the file (this test's plans have nothing after it).
            if let start = lines.firstIndex(of: "review:") {
                var end = start + 1
                while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
                lines.removeSubrange(start..<end)
            }
            while lines.last == "" { lines.removeLast() }
            if chance(0.3) {
                edit = SiteEdit("\(path): review removed")
            } else {
                let applied = day()
                var review = ["review:", "  applied_on: \(applied)"]
                if chance(0.6) { review += ["  date: \(later(than: applied))", "  result: \(pick(["复查合格", "复查未通过", "恢复称号"]))"] }
                if chance(0.5), !notices.isEmpty {
                    let notice = pick(notices)
                    var written = String(notice.dropFirst("content/notices/".count))
                    written = written.hasSuffix("/index.md") ? String(written.dropLast("/index.md".count)) : String(written.dropLast(".md".count))
                    review.append("  notice: \(written)")
                }
                lines += review
                edit = SiteEdit("\(path): review \(review.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))")
            }
            lines.append("")
        default:  // .planMoveOn
            // The plan moves on after every notice: a slip, or the item done, dated 2020 (notices are dated 2018 and 2019).
            let unit = (path as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
            let embedding = notices.filter { site.read($0).contains("```rectification\nunit: \(unit)\n") }
            let done = lines[block].contains("    status: done")
            if done || chance(0.5) {
                let date = later(than: max(lastSlipDate(lines[block]) ?? "", "2020-01-01"))
                let color = pick(["white", "yellow", "red"])
                appendSlip(&lines, block: block, date: date, color: color, note: "整改进度滞后")
                edit = SiteEdit("\(path): \(itemName) slip \(color) on \(date), after every notice")
            } else {
                let date = later(than: "2020-01-01")
                // The status first: inserting done_on moves the item's lines, and `block` with them.
                if let i = lines[block].firstIndex(where: { $0.hasPrefix("    status: ") }) { lines[i] = "    status: done" } else {
                    setInItem(&lines, block: block, "status", "done")
                }
                let item = items(lines).first { $0.lowerBound == block.lowerBound }!
                setInItem(&lines, block: item, "done_on", date)
                edit = SiteEdit("\(path): \(itemName) done on \(date), after every notice")
            }
            edit.mustKeep = embedding.map(Self.page(ofNotice:))
        }
        site.write(path, lines.joined(separator: "\n"))
        return edit
    }

    /// Adds a published report as evidence of an item, or removes one: the report's page changes either way.
    private mutating func editEvidence(_ lines: inout [String], block: Range<Int>, asOf: String?) -> SiteEdit? {
        let line = lines[block].first { $0.hasPrefix("    evidence: [") }
        var current = line.map(Self.listItems) ?? []
        if !current.isEmpty, chance(0.35) {
            let removed = current.remove(at: int(0...(current.count - 1)))
            setInItem(&lines, block: block, "evidence", current.isEmpty ? nil : "[\(current.joined(separator: ", "))]")
            var edit = SiteEdit("evidence \(removed) removed")
            if let file = reportFile(removed) { edit.mustAlter = [Self.page(ofReport: file)] }
            return edit
        }
        // Published under every as-of date in play, and early enough to leave the as-of edits room.
        let limit = [siteAsOf, asOf ?? siteAsOf, "2018-09-30"].min()!
        let candidates = reports.filter { file in
            guard let doc = FrontMatterDocument(site.read(file)), doc.value("draft") != "true", let date = doc.value("date") else { return false }
            return date <= limit && !current.contains(Self.reportPath(file))
        }
        guard !candidates.isEmpty else { return nil }
        let file = pick(candidates)
        current.append(Self.reportPath(file))
        setInItem(&lines, block: block, "evidence", "[\(current.joined(separator: ", "))]")
        var edit = SiteEdit("evidence \(Self.reportPath(file)) added")
        edit.mustAlter = [Self.page(ofReport: file)]
        return edit
    }

    /// A notice's 公示期 or its own contacts, set or removed.
    private mutating func editPublicNotice() -> SiteEdit? {
        guard !notices.isEmpty else { return nil }
        let path = pick(notices)
        guard var doc = FrontMatterDocument(site.read(path)) else { return nil }
        let what: String
        if chance(0.6) {
            if doc.value("public_period") != nil, chance(0.3) {
                doc.remove("public_period")
                what = "public_period removed"
            } else {
                let start = chance(0.8) ? day() : day(years: 2019...2019)
                let end = later(than: start)
                doc.set("public_period", "{start: \(start), end: \(end)}")
                what = "public_period \(start) to \(end)"
            }
        } else if doc.value("supervision") != nil, chance(0.4) {
            doc.remove("supervision")
            what = "supervision removed"
        } else {
            var lines = ["supervision:", "  phone: 0635-82\(int(10000...99999))（市文明办创建科）"]
            if chance(0.5) { lines.append("  hours: 工作日 8:30—17:30") }
            doc.setLines("supervision", lines)
            what = "supervision \(lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))"
        }
        site.write(path, doc.text)
        return SiteEdit("\(path): \(what)")
    }

    /// site.yaml's contacts (in every page's footer) or a slip's name and meaning.
    private mutating func editSiteSupervision() -> SiteEdit? {
        let path = "content/site.yaml"
        var lines = site.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if chance(0.3) {
            let color = pick(["white", "yellow", "red"])
            // Each colour's name starts with its colour, so no two colours share a name.
            let name = ["white": "白色", "yellow": "黄色", "red": "红色"][color]! + pick(["提醒单", "督办单", "交办单"]) + "\(int(0...99))"
            let meaning = pick(["交办督促", "警示提醒", "移交问责", "限期整改"])
            let entry = "  \(color): {name: \(name), meaning: \(meaning)}"
            if let i = lines.firstIndex(where: { $0.hasPrefix("  \(color):") }), lines[..<i].contains("slips:") {
                lines[i] = entry
            } else {
                while lines.last == "" { lines.removeLast() }
                if !lines.contains("slips:") { lines.append("slips:") }
                lines.insert(entry, at: lines.firstIndex(of: "slips:")! + 1)
                lines.append("")
            }
            site.write(path, lines.joined(separator: "\n"))
            return SiteEdit("site.yaml: slip \(color) named \(name)")
        }
        // The supervision block, replaced or removed: every page's footer changes.
        if let start = lines.firstIndex(of: "supervision:") {
            var end = start + 1
            while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
            lines.removeSubrange(start..<end)
            if chance(0.3) {
                site.write(path, lines.joined(separator: "\n"))
                return SiteEdit("site.yaml: supervision removed", mustChange: true)
            }
        }
        var block = ["supervision:", "  phone: 0635-\(int(8_000_000...8_999_999))"]
        if chance(0.7) { block.append("  email: jiandu\(int(1...99))@example.org") }
        if chance(0.5) { block.append("  address: 聊城市东昌府区东昌路\(int(1...99))号") }
        if chance(0.5) { block.append("  hours: 工作日 8:30—17:30") }
        while lines.last == "" { lines.removeLast() }
        lines += block + [""]
        site.write(path, lines.joined(separator: "\n"))
        return SiteEdit("site.yaml: supervision \(block.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))",
                        mustChange: true)
    }
}
