import GongshiFiles
import GongshiModel

/// Checks across files, made on the whole model after everything is read (so they hold
/// whether a report came from the cache or not): nothing a member of staff wrote may be
/// silently left off the site.
enum SiteChecks {
    static func run(_ content: SiteContent, root: String, dataFiles: [String], asOf: CalendarDate, includeDrafts: Bool,
                    diagnostics: inout Diagnostics) {
        futureReports(content, root: root, asOf: asOf, includeDrafts: includeDrafts, diagnostics: &diagnostics)
        missingScoreRows(content, dataFiles: dataFiles, asOf: asOf, diagnostics: &diagnostics)
        nearMissCommunities(content, root: root, diagnostics: &diagnostics)
        reportsOfInactiveUnits(content, root: root, asOf: asOf, diagnostics: &diagnostics)
        UnitHistoryChecks.run(content, root: root, asOf: asOf, includeDrafts: includeDrafts, diagnostics: &diagnostics)
        PlanChecks.run(content, root: root, asOf: asOf, diagnostics: &diagnostics)
    }

    /// The warning for a report or notice dated after the as-of date, which is not published.
    static func notPublishedYet(_ date: CalendarDate, asOf: CalendarDate, in language: Language = .chinese) -> String {
        language.pick("未发布：日期晚于数据截止日期 \(asOf)（这里写的是 \(date)）；到数据截止日期改到这一天或以后时才会发布",
                      "not published: the date is after the as-of date \(asOf) (it is \(date)); it is published once the as-of date is this day or later")
    }

    /// A report dated after the as-of date is not published: say so at its `date:` line on every build.
    static func futureReports(_ content: SiteContent, root: String, asOf: CalendarDate, includeDrafts: Bool,
                              diagnostics: inout Diagnostics) {
        for report in content.reports where report.date > asOf && (!report.draft || includeDrafts) {
            diagnostics.warning(location(of: "date", in: report.sourcePath, root: root), notPublishedYet(report.date, asOf: asOf),
                                en: notPublishedYet(report.date, asOf: asOf, in: .english))
        }
    }

    /// An active unit with no assessments row in a period that has rows is not ranked there.
    static func missingScoreRows(_ content: SiteContent, dataFiles: [String], asOf: CalendarDate? = nil, diagnostics: inout Diagnostics) {
        guard !content.assessments.isEmpty else { return }
        let sheet = dataFiles.first { $0.hasPrefix("data/assessments.") } ?? "data/assessments.csv"
        // A row with an error is missing from the model, not from the sheet: its error says so already.
        guard !diagnostics.all.contains(where: { $0.severity == .error && $0.location.path == sheet }) else { return }
        var rows: [String: Set<String>] = [:]
        for row in content.assessments { rows[row.period, default: []].insert(row.unit) }
        for period in content.config.periods {
            guard let assessed = rows[period.id] else { continue }
            for unit in content.units where unit.isActive(in: period, asOf: asOf) && !assessed.contains(unit.id) {
                diagnostics.warning(SourceLocation(path: sheet, line: 1, column: 1),
                                    "单位 \(unit.id)（\(unit.name)）在考核期 \(period.id)（\(period.name)）没有考核分数行，不参加该期排名；"
                                    + "如已考核，请在 \(sheet) 中补上这一行",
                                    en: "unit \(unit.id) (\(unit.name)) has no assessment row in period \(period.id) (\(period.name)), so it is not ranked "
                                    + "in that period; if it was assessed, add its row to \(sheet)")
            }
        }
    }

    /// A community written once that is a near miss of another name (one or two characters apart,
    /// both Chinese) is most likely a typo: it would make a second community page.
    static func nearMissCommunities(_ content: SiteContent, root: String, diagnostics: inout Diagnostics) {
        struct Mentions { var units: [String] = []; var reports: [String] = [] }
        var mentions: [String: Mentions] = [:]
        var unitCommunity: [String: String] = [:]
        for unit in content.units {
            guard let name = unit.community else { continue }
            mentions[name, default: Mentions()].units.append("units/\(unit.id).md")
            unitCommunity[unit.id] = name
        }
        // A report names a community of its own only when it differs from its unit's.
        for report in content.reports {
            guard let name = report.community, name != unitCommunity[report.unit] else { continue }
            mentions[name, default: Mentions()].reports.append(report.sourcePath)
        }
        func weight(_ m: Mentions) -> (Int, Int) { (m.units.count, m.units.count + m.reports.count) }
        let names = mentions.keys.filter { $0.unicodeScalars.contains(where: isHan) }.sorted()
        for name in names {
            guard let mine = mentions[name], mine.units.count + mine.reports.count == 1 else { continue }
            let chars = Array(name)
            var best: (name: String, distance: Int)? = nil
            for other in names where other != name {
                let theirs = mentions[other]!
                guard weight(theirs) >= weight(mine) else { continue }
                let otherChars = Array(other)
                let d = Suggest.distance(chars, otherChars)
                guard (1...2).contains(d), max(chars.count, otherChars.count) - d >= 2 else { continue }
                if best == nil || d < best!.distance { best = (other, d) }
            }
            guard let best else { continue }
            let path = mine.units.first ?? mine.reports[0]
            diagnostics.warning(location(of: "community", in: path, root: root),
                                "社区名称“\(name)”与已有的社区“\(best.name)”只差 \(best.distance) 个字，是否写错了？"
                                + "同一个社区请写同一个名称，否则会多出一个社区页面",
                                en: "the community \"\(name)\" is only \(best.distance) character\(best.distance == 1 ? "" : "s") away from the community \"\(best.name)\"; "
                                + "is it a typo? Write the same name for the same community, or the site gets a second community page for it")
        }
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// Where a front-matter field is written (the file is read again: only for the few files warned about).
    static func location(of key: String, in path: String, root: String) -> SourceLocation {
        var ignored = Diagnostics()
        guard let bytes = FileTree.read(root + "/" + path),
              let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &ignored) else {
            return SourceLocation(path: path, line: 1, column: 1)
        }
        return document.fields.location(of: key)
    }
}
