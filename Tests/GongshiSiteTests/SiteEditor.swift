import Foundation

/// A Markdown file's front matter as top-level fields (each with its continuation
/// lines) and its body: enough to edit the example site's files as a person would,
/// leaving every other line as it was.
struct FrontMatterDocument {
    var fields: [(key: String, lines: [String])] = []
    var body: String

    init?(_ text: String) {
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
        else { return nil }
        let head = text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound]
        body = String(text[end.upperBound...])
        for line in head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix(" ") || line.hasPrefix("-") || line.isEmpty, !fields.isEmpty {
                fields[fields.count - 1].lines.append(line)
            } else {
                let key = line.split(separator: ":", maxSplits: 1).first.map(String.init) ?? line
                fields.append((key, [line]))
            }
        }
    }

    var text: String { "---\n" + fields.flatMap(\.lines).joined(separator: "\n") + "\n---\n" + body }

    func value(_ key: String) -> String? {
        guard let field = fields.first(where: { $0.key == key }) else { return nil }
        let line = field.lines[0]
        return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
    }

    mutating func set(_ key: String, _ value: String) { setLines(key, ["\(key): \(value)"]) }

    mutating func setLines(_ key: String, _ lines: [String]) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].lines = lines } else { fields.append((key, lines)) }
    }

    mutating func remove(_ key: String) { fields.removeAll { $0.key == key } }

    /// `figures:` as a block of `  name: value` lines.
    var figures: [(String, String)] {
        guard let field = fields.first(where: { $0.key == "figures" }) else { return [] }
        return field.lines.dropFirst().compactMap { line in
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }
    }

    mutating func setFigures(_ figures: [(String, String)]) {
        if figures.isEmpty { remove("figures") } else { setLines("figures", ["figures:"] + figures.map { "  \($0.0): \($0.1)" }) }
    }
}

/// Picks and makes the edits of the property test. Every choice comes from the seeded
/// generator and from the site's files listed in sorted order, so a seed always gives the
/// same sequence. Edits keep the content valid unless they come from `breakSomething`.
struct SiteEditor {
    let site: EditableSite
    var rng: SplitMix64
    private var made = 0

    init(site: EditableSite, rng: SplitMix64) { self.site = site; self.rng = rng }

    // MARK: Chance

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func fresh(_ prefix: String) -> String { made += 1; return "\(prefix)-\(made)-\(int(100...999))" }

    mutating func day(years: ClosedRange<Int> = 2018...2018) -> String {
        String(format: "%04d-%02d-%02d", int(years), int(1...12), int(1...28))
    }

    // MARK: What the example site has

    static let categories = ["national", "national-new", "provincial", "provincial-new", "municipal"]
    static let periods = ["2018-h1", "2018-h2"]
    static let kinds: [String: [String]] = [
        "donation": ["amount_yuan", "items"], "signboard": ["count", "cost_yuan"],
        "lecture": ["attendees"], "volunteer": ["participants", "hours"],
    ]
    static let kindIDs = ["donation", "lecture", "signboard", "volunteer"]
    static let events = ["absent", "late", "careless", "diligent"]
    static let communities = ["新世纪社区", "湖南社区", "八一社区", "湖北社区", "单光屯社区", "光明社区", "东关社区"]
    static let sentences = [
        "志愿者们分组清理了社区内的卫生死角。", "活动现场发放宣传资料300余份。", "居民们纷纷表示欢迎。",
        "**活动效果良好**，受到社区居民一致好评。", "下一步将建立长效机制，每月开展一次。",
        "详见https://example.com/docs。后面还有说明。", "这是**“引号”**测试，也是*斜体。*后面的文字。",
        "- 清理小广告12处；\n- 规范停放车辆40辆；\n- 发放宣传单200份。", "| 项目 | 数量 |\n| --- | --- |\n| 宣传栏 | 8 |",
        "~~原定计划~~已调整为每周一次。", "> 文明城市，人人共建。", "## 活动情况", "参加人员：张三、李四、王五。",
    ]

    mutating func paragraph() -> String { (0..<int(1...3)).map { _ in pick(Self.sentences) }.joined() }
    mutating func amount() -> String { chance(0.2) ? "\(int(0...200)).5" : "\(int(0...5000))" }

    var units: [String] { site.files(under: "content/units", suffix: ".md").map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "") } }
    var reports: [String] { site.files(under: "content/reports", suffix: ".md") }
    var notices: [String] { site.files(under: "content/notices", suffix: ".md") }
    var plans: [String] { site.files(under: "content/rectification", suffix: ".yaml") }

    // MARK: Valid edits

    enum Kind: CaseIterable {
        case reportBody, reportTitle, reportDate, reportUnit, reportFigures, reportKind, reportTags, reportCommunity, reportDraft
        case reportAdd, reportDelete, reportMove, photo
        case assessments, duty, volunteer
        case unitName, unitShortName, unitCategory, unitCommunity, unitIntersection, unitStatus, unitStaff, unitBody, unitAdd, unitDelete
        case unitHistory
        case siteTitle, siteKindName, sitePeriod, siteCategoryName, siteWeights, siteEvents, siteTarget, siteAsOf
        case noticeBody, noticeTitle, noticeDate, noticeRanking, noticeDraft, noticeAdd, noticeDelete
        case planStatus, planDoneOn, planSlip, planAddItem, planAddRemove
        case template, css, asset, staticFile, page, encoding, folderRename
        case asOfOption, draftsOption, touch, nothing
        case deductions, catalogue, siteDutyMax
        // (r2) SiteEditor+PublicNotices.swift
        case planGroup, planSlipHistory, planEvidence, planReview, planMoveOn, noticePublic, siteSupervision

        var weight: Int {
            switch self {
            case .reportBody, .reportDate, .reportFigures, .assessments: return 4
            case .reportUnit, .reportAdd, .reportDelete, .reportMove, .photo, .duty, .volunteer, .reportDraft, .template, .unitHistory, .deductions, .planMoveOn, .planEvidence: return 3
            case .nothing, .touch, .draftsOption, .unitDelete, .siteTarget, .reportTags, .reportCommunity, .unitIntersection: return 1
            default: return 2
            }
        }
    }

    mutating func randomEdit(_ settings: inout PropertyBuild.Settings) -> SiteEdit {
        let total = Kind.allCases.reduce(0) { $0 + $1.weight }
        while true {
            var roll = int(0...(total - 1))
            let kind = Kind.allCases.first { roll -= $0.weight; return roll < 0 }!
            if let edit = make(kind, &settings) { return edit }
        }
    }

    private mutating func make(_ kind: Kind, _ settings: inout PropertyBuild.Settings) -> SiteEdit? {
        switch kind {
        case .reportBody, .reportTitle, .reportDate, .reportUnit, .reportFigures, .reportKind, .reportTags, .reportCommunity, .reportDraft:
            return editReport(kind)
        case .reportAdd: return reports.count < 120 ? addReport() : nil
        case .reportDelete:
            guard reports.count > 20, !unprotectedReports.isEmpty else { return nil }
            let path = pick(unprotectedReports)
            if path.hasSuffix("/index.md") { site.remove((path as NSString).deletingLastPathComponent) } else { site.remove(path) }
            return SiteEdit("delete \(path)")
        case .reportMove: return unprotectedReports.isEmpty ? nil : moveReport()
        case .photo: return editPhoto()
        case .assessments, .duty, .volunteer: return editSheet(kind)
        case .deductions: return editDeductions()
        case .catalogue: return editCatalogue()
        case .siteDutyMax:
            let path = "content/site.yaml"
            let max = int(100...110)
            site.write(path, site.read(path).replacingOccurrences(of: #"\n      max: \d+"#, with: "\n      max: \(max)", options: .regularExpression))
            return SiteEdit("site.yaml: duty max \(max)")
        case .unitName, .unitShortName, .unitCategory, .unitCommunity, .unitIntersection, .unitStatus, .unitStaff, .unitBody: return editUnit(kind)
        case .unitHistory: return editHistory()
        case .unitAdd:
            let id = fresh("xin")
            var text = "---\nname: 聊城市新建单位\(id)\ncategory: \(pick(Self.categories))\n"
            if chance(0.7) { text += "community: \(pick(Self.communities))\n" }
            if chance(0.5) { text += "staff: \(int(10...300))\n" }
            site.write("content/units/\(id).md", text + "---\n" + paragraph() + "\n")
            return SiteEdit("add unit \(id)")
        case .unitDelete:
            // Only a unit that nothing names: one this test added and never used.
            let everything = (reports + notices + plans + ["content/data/assessments.csv", "content/data/duty.csv", "content/data/volunteer.csv",
                                                            "content/data/deductions.csv"])
                .map { site.read($0) }.joined()
            guard let id = units.first(where: { $0.hasPrefix("xin-") && !everything.contains($0) }) else { return nil }
            site.remove("content/units/\(id).md")
            return SiteEdit("delete unit \(id)")
        case .siteTitle, .siteKindName, .sitePeriod, .siteCategoryName, .siteWeights, .siteEvents, .siteTarget, .siteAsOf:
            return editSiteYAML(kind)
        case .noticeBody, .noticeTitle, .noticeDate, .noticeRanking, .noticeDraft: return editNotice(kind)
        case .noticeAdd: return notices.count < 30 ? addNotice() : nil
        case .noticeDelete:
            // A notice a unit's history or a plan's review names must exist.
            let deletable = notices.filter { !reviewNotices.contains($0) && !historyNotices.contains(Self.noticeName($0)) }
            guard notices.count > 1, !deletable.isEmpty else { return nil }
            let path = pick(deletable)
            site.remove(path.hasSuffix("/index.md") ? (path as NSString).deletingLastPathComponent : path)
            return SiteEdit("delete \(path)")
        case .planStatus, .planDoneOn, .planSlip, .planAddItem: return editPlan(kind)
        case .planAddRemove: return addOrRemovePlan()
        case .planGroup, .planSlipHistory, .planEvidence, .planReview, .planMoveOn, .noticePublic, .siteSupervision:
            return publicNoticeEdit(kind, &settings)
        case .template: return editTemplate()
        case .css:
            let path = "templates/assets/style.css"
            var text = site.read(path)
            if let range = text.range(of: "\n/* property */"), chance(0.3) {
                text = String(text[..<range.lowerBound]) + "\n"
                site.write(path, text)
                return SiteEdit("CSS: property rules removed", mustChange: true)
            }
            text += "\n/* property */ .p\(int(0...99)) { color: #\(String(int(0...0xFFFFFF), radix: 16)); }\n"
            site.write(path, text)
            return SiteEdit("CSS: a rule added", mustChange: true)
        case .asset:
            let existing = site.files(under: "templates/assets").filter { $0.contains("/extra-") }
            if let path = existing.first, chance(0.5) {
                site.remove(path)
                return SiteEdit("remove theme asset \(path)", mustChange: true)
            }
            let path = "templates/assets/\(fresh("extra")).css"
            site.write(path, "body { margin: \(int(0...9))px; }\n")
            return SiteEdit("add theme asset \(path)", mustChange: true)
        case .staticFile:
            let extra = site.files(under: "content/static").filter { $0.contains("/files/") }
            switch int(0...2) {
            case 0:
                site.write("content/static/robots.txt", site.read("content/static/robots.txt") + "Disallow: /p\(int(0...99))/\n")
                return SiteEdit("static: robots.txt edited", mustChange: true)
            case 1 where !extra.isEmpty:
                let path = pick(extra)
                site.remove(path)
                return SiteEdit("static: \(path) removed", mustChange: true)
            default:
                let path = "content/static/files/\(fresh("f")).txt"
                site.write(path, "文件\(int(0...999))\n")
                return SiteEdit("static: \(path) added", mustChange: true)
            }
        case .page: return editPage()
        case .encoding: return reencode()
        case .folderRename:
            // A whole folder of reports renamed: many reports change path at once.
            let folders = Set(reports.map { path -> String in
                let folder = (path as NSString).deletingLastPathComponent
                return path.hasSuffix("/index.md") ? (folder as NSString).deletingLastPathComponent : folder
            }).filter { $0 != "content/reports" && !holdsEvidence($0) }.sorted()
            guard !folders.isEmpty else { return nil }
            let folder = pick(folders)
            let target = folder + "-\(int(1...9))"
            guard !site.exists(target) else { return nil }
            site.move(folder, target)
            return SiteEdit("folder \(folder) renamed \(target)")
        case .asOfOption:
            let choices: [String?] = [nil, nil, "2018-06-30", "2018-07-01", "2018-12-31", "2019-06-30", day(), day(years: 2019...2019)]
            // (r2) Evidence must stay published: no as-of date before an evidence report's.
            settings.asOf = pick(choices.filter { allowsAsOf($0) })
            return SiteEdit("as-of option: \(settings.asOf ?? "none (site.yaml's)")")
        case .draftsOption:
            settings.includeDrafts.toggle()
            return SiteEdit("drafts option: \(settings.includeDrafts ? "--drafts" : "off")")
        case .touch:
            // Saved again unchanged: a new stamp, the same bytes.
            let path = pick(reports + notices + plans + ["content/site.yaml", "content/data/duty.csv", "content/units/shuiwu.md",
                                                         "content/data/criteria.yaml", "content/data/deductions.csv"])
            site.write(path, site.data(path)!)
            return SiteEdit("saved unchanged: \(path)")
        case .nothing:
            return SiteEdit("no edit")
        }
    }

    // MARK: Reports

    private mutating func editReport(_ kind: Kind) -> SiteEdit? {
        // (r2) A report named as evidence keeps its date and stays published.
        let candidates = kind == .reportDate || kind == .reportDraft ? unprotectedReports : reports
        guard !candidates.isEmpty else { return nil }
        let path = pick(candidates)
        guard var doc = FrontMatterDocument(site.read(path)) else { return nil }
        let what: String
        switch kind {
        case .reportBody:
            if chance(0.3), let cut = doc.body.range(of: "\n\n", options: .backwards) {
                doc.body = String(doc.body[..<cut.lowerBound]) + "\n\n" + paragraph() + "\n"
            } else {
                doc.body += "\n" + paragraph() + "\n"
            }
            what = "body"
        case .reportTitle:
            doc.set("title", (doc.value("title") ?? "") + pick(["（续）", "活动", "纪实", "：第\(int(2...9))期"]))
            what = "title"
        case .reportDate:
            // Across periods, before the first, after the as-of date.
            let date = chance(0.8) ? day() : day(years: 2017...2019)
            doc.set("date", date)
            what = "date \(date)"
        case .reportUnit:
            let unit = pick(units)
            doc.set("unit", unit)
            what = "unit \(unit)"
        case .reportFigures:
            guard let kindID = doc.value("kind"), let names = Self.kinds[kindID] else { return nil }
            var figures = doc.figures
            if figures.isEmpty || chance(0.7) {
                let name = pick(names)
                if let i = figures.firstIndex(where: { $0.0 == name }) { figures[i].1 = amount() } else { figures.append((name, amount())) }
            } else {
                figures.remove(at: int(0...(figures.count - 1)))
            }
            doc.setFigures(figures)
            what = "figures \(figures.map { "\($0.0)=\($0.1)" }.joined(separator: ","))"
        case .reportKind:
            let kindID = pick(Self.kindIDs)
            doc.set("kind", kindID)
            doc.setFigures(Self.kinds[kindID]!.filter { _ in chance(0.8) }.map { ($0, amount()) })
            what = "kind \(kindID)"
        case .reportTags:
            if doc.value("tags") != nil, chance(0.4) { doc.remove("tags"); what = "tags removed" } else {
                let tags = ["志愿服务", "帮包社区", "宣传", "法治", "环境整治"].filter { _ in chance(0.5) }
                doc.set("tags", "[\(tags.joined(separator: ", "))]")
                what = "tags \(tags)"
            }
        case .reportCommunity:
            if doc.value("community") != nil, chance(0.5) { doc.remove("community"); what = "community removed" } else {
                let community = pick(Self.communities)
                doc.set("community", community)
                what = "community \(community)"
            }
        case .reportDraft:
            if doc.value("draft") == "true" { doc.remove("draft"); what = "draft off" } else { doc.set("draft", "true"); what = "draft on" }
        default: return nil
        }
        site.write(path, doc.text)
        return SiteEdit("\(path): \(what)")
    }

    private mutating func addReport() -> SiteEdit {
        let date = chance(0.85) ? day() : day(years: 2019...2019)
        let kindID = pick(Self.kindIDs)
        let unit = pick(units)
        let folder = "content/reports/" + (chance(0.8) ? String(date.prefix(7)).replacingOccurrences(of: "-", with: "/") : "special")
        let slug = fresh("\(unit)-\(kindID)")
        var text = "---\ntitle: \(unit)开展\(kindID)活动\(slug.suffix(3))\nunit: \(unit)\ndate: \(date)\nkind: \(kindID)\n"
        let figures = Self.kinds[kindID]!.filter { _ in chance(0.8) }
        if !figures.isEmpty { text += "figures:\n" + figures.map { "  \($0): \(amount())\n" }.joined() }
        if chance(0.3) { text += "tags: [志愿服务, 帮包社区]\n" }
        if chance(0.15) { text += "draft: true\n" }
        text += "---\n" + paragraph() + "\n"
        if chance(0.25) {
            site.write("\(folder)/\(slug)/index.md", text + "\n![活动照片](photo.jpg)\n")
            site.write("\(folder)/\(slug)/photo.jpg", randomPhoto())
            return SiteEdit("add bundle \(folder)/\(slug)/ with a photo")
        }
        site.write("\(folder)/\(slug).md", text)
        return SiteEdit("add \(folder)/\(slug).md (\(unit), \(kindID), \(date))")
    }

    private mutating func moveReport() -> SiteEdit {
        let path = pick(unprotectedReports)
        let isBundle = path.hasSuffix("/index.md")
        let source = isBundle ? (path as NSString).deletingLastPathComponent : path
        let name = (source as NSString).lastPathComponent
        var folder = chance(0.8) ? "content/reports/\(int(2018...2019))/\(String(format: "%02d", int(1...12)))" : "content/reports/archive/\(int(1...3))"
        if folder == (source as NSString).deletingLastPathComponent { folder += "/moved" }
        let target = folder + "/" + name
        guard !site.exists(target), !site.exists(target.replacingOccurrences(of: ".md", with: "")), !site.exists(target + ".md")
        else { return SiteEdit("no move: \(target) exists") }
        site.move(source, target)
        return SiteEdit("move \(source) to \(target)")
    }

    /// (issue 12) A real image, since photos are decoded and resized: sometimes wider than the
    /// phone size (two sizes), sometimes with transparency (published as PNG, not JPEG).
    private mutating func randomPhoto() -> Data {
        TestImages.png(width: chance(0.3) ? int(641...900) : int(1...640), height: int(1...24), alpha: chance(0.3), seed: rng.next())
    }

    /// Makes a report (or a notice) a bundle with a photo, changes, adds, renames or removes a photo, or makes a bundle a file again.
    private mutating func editPhoto() -> SiteEdit? {
        let path = chance(0.75) || notices.isEmpty ? pick(reports) : pick(notices)
        if !path.hasSuffix("/index.md") {
            let bundle = String(path.dropLast(".md".count))
            guard !site.exists(bundle) else { return nil }
            let text = site.read(path)
            site.remove(path)
            site.write(bundle + "/index.md", text + "\n![现场照片](photo.jpg)\n")
            site.write(bundle + "/photo.jpg", randomPhoto())
            return SiteEdit("\(path) made a bundle with photo.jpg")
        }
        let bundle = (path as NSString).deletingLastPathComponent
        let photos = site.files(under: bundle).filter { !$0.hasSuffix("/index.md") }
        var text = site.read(path)
        switch int(0...5) {
        case 0 where !photos.isEmpty:
            let photo = pick(photos)
            site.write(photo, randomPhoto())
            return SiteEdit("\(photo): new bytes, same name")
        case 1 where !photos.isEmpty:
            // Removed with the line that shows it; a bundle left with no photo becomes a plain file again, sometimes.
            let photo = pick(photos), name = (photo as NSString).lastPathComponent
            site.remove(photo)
            let shown = text.contains("](\(name))")
            text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("](\(name))") }.joined(separator: "\n")
            if photos.count == 1, chance(0.5), !site.exists(bundle + ".md") {
                site.remove(bundle)
                site.write(bundle + ".md", text)
                return SiteEdit("\(photo) removed; \(bundle) is a plain file again")
            }
            // A photo the report did not show goes without the report being saved.
            if shown { site.write(path, text) }
            return SiteEdit("\(photo) removed\(shown ? " with the line showing it" : ", index.md untouched")")
        case 2 where !photos.isEmpty:
            let photo = pick(photos), name = (photo as NSString).lastPathComponent
            let newName = fresh("p") + ".jpg"
            site.move(photo, bundle + "/" + newName)
            site.write(path, text.replacingOccurrences(of: "](\(name))", with: "](\(newName))"))
            return SiteEdit("\(photo) renamed \(newName)")
        case 3:
            // A photo the report does not show: a warning, and the file is not published.
            let name = fresh("extra") + ".jpg"
            site.write(bundle + "/" + name, randomPhoto())
            return SiteEdit("\(bundle)/\(name) added, not shown")
        case 4 where photos.contains { !text.contains("](\(($0 as NSString).lastPathComponent))") }:
            // A photo that was not shown (so not published) is shown now: it is published.
            let photo = photos.first { !text.contains("](\(($0 as NSString).lastPathComponent))") }!
            let name = (photo as NSString).lastPathComponent
            site.write(path, text + "\n![补上的照片](\(name))\n")
            return SiteEdit("\(photo) shown now")
        default:
            let name = fresh("p") + ".jpg"
            site.write(bundle + "/" + name, randomPhoto())
            site.write(path, text + "\n![第\(int(2...9))张](\(name))\n")
            return SiteEdit("\(bundle)/\(name) added and shown")
        }
    }

    // MARK: Data sheets

    private mutating func editSheet(_ kind: Kind) -> SiteEdit? {
        let path = "content/data/" + (kind == .assessments ? "assessments" : kind == .duty ? "duty" : "volunteer") + ".csv"
        var lines = site.read(path).split(separator: "\n").map(String.init)
        guard lines.count > 1 else { return nil }
        let header = lines.removeFirst()
        func newRow() -> String {
            switch kind {
            case .assessments:
                // One score per assessment column (criteria comes from the catalogue since revision 2).
                let scores = (2..<header.split(separator: ",").count).map { _ in score() }
                return ([pick(Self.periods), pick(units)] + scores).joined(separator: ",")
            case .duty: return "\(day()),\(pick(units)),\(pick(Self.events)),\(chance(0.5) ? pick(["迟到10分钟", "主动劝导行人", ""]) : "")"
            default: return "\(pick(Self.periods)),\(pick(units)),\(int(0...700_000))"
            }
        }
        func key(_ row: String) -> String { row.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(separator: ",") }
        let what: String
        switch int(0...9) {
        case 0...4:
            let i = int(0...(lines.count - 1))
            var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch kind {
            case .assessments: cells[int(2...(cells.count - 1))] = score()
            case .duty: cells[2] = pick(Self.events)
            default: cells[2] = "\(int(0...700_000))"
            }
            lines[i] = cells.joined(separator: ",")
            what = "row \(i + 2) now \(lines[i])"
        case 5...6:
            let i = int(0...(lines.count - 1))
            what = "row \(i + 2) removed (\(lines[i]))"
            lines.remove(at: i)
        case 7:
            let i = int(0...(lines.count - 1)), j = int(0...(lines.count - 1))
            lines.swapAt(i, j)
            what = "rows \(i + 2) and \(j + 2) swapped"
        default:
            let row = newRow()
            // One row per period and unit in the score sheets.
            if kind != .duty, lines.contains(where: { key($0) == key(row) }) { return nil }
            lines.insert(row, at: int(0...lines.count))
            what = "row added: \(row)"
        }
        site.write(path, ([header] + lines).joined(separator: "\n") + "\n")
        return SiteEdit("\(path): \(what)")
    }

    private mutating func score() -> String { "\(int(60...99)).\(pick(["0", "5"]))" }

    // MARK: Deductions and the catalogue (r2)

    /// `points` in quarters, so sums stay exact: "1.25" -> 5.
    static func quarters(_ text: String) -> Int { Int((Double(text) ?? 0) * 4 + 0.5) }
    static func points(_ quarters: Int) -> String {
        quarters % 4 == 0 ? "\(quarters / 4)" : String(format: quarters % 2 == 0 ? "%.1f" : "%.2f", Double(quarters) / 4)
    }

    /// The catalogue's items and the most each allows, in quarters, from content/data/criteria.yaml.
    var catalogueItems: [(id: String, quarters: Int)] {
        site.read("content/data/criteria.yaml").split(separator: "\n").compactMap { line in
            guard let id = line.range(of: #"id: "?[^",]+"#, options: .regularExpression),
                  let points = line.range(of: #"points: [0-9.]+"#, options: .regularExpression) else { return nil }
            let idText = line[id].dropFirst("id: ".count).replacingOccurrences(of: "\"", with: "")
            return (idText, Self.quarters(String(line[points].dropFirst("points: ".count))))
        }
    }

    /// Edits data/deductions.csv, keeping every item's rows of a period and unit within the item's points.
    private mutating func editDeductions() -> SiteEdit? {
        let path = "content/data/deductions.csv"
        var lines = site.read(path).split(separator: "\n").map(String.init)
        guard lines.count > 1 else { return nil }
        let header = lines.removeFirst()
        let caps = Dictionary(catalogueItems.map { ($0.id, $0.quarters) }, uniquingKeysWith: { a, _ in a })
        func cells(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func key(_ c: [String]) -> String { c[0] + "|" + c[1] + "|" + c[2] }
        func used(except skipped: Int?) -> [String: Int] {
            var sums: [String: Int] = [:]
            for (i, line) in lines.enumerated() where i != skipped { let c = cells(line); sums[key(c), default: 0] += Self.quarters(c[3]) }
            return sums
        }
        /// Half points up to the budget, nil when not even half a point is left.
        func points(within budget: Int) -> String? { budget < 2 ? nil : Self.points(2 * int(1...(budget / 2))) }
        let what: String
        switch int(0...9) {
        case 0...3:
            let i = int(0...(lines.count - 1))
            var c = cells(lines[i])
            guard let value = points(within: (caps[c[2]] ?? 0) - (used(except: i)[key(c)] ?? 0)) else { return nil }
            c[3] = value
            lines[i] = c.joined(separator: ",")
            what = "row \(i + 2) now \(lines[i])"
        case 4...5:
            let i = int(0...(lines.count - 1))
            what = "row \(i + 2) removed (\(lines[i]))"
            lines.remove(at: i)
        case 6:
            let i = int(0...(lines.count - 1)), j = int(0...(lines.count - 1))
            lines.swapAt(i, j)
            what = "rows \(i + 2) and \(j + 2) swapped"
        case 7:
            let i = int(0...(lines.count - 1))
            var c = cells(lines[i])
            c[4] = pick(["资料不全", "台账缺失", "", "活动缺少图片记录", "未开展“道德讲堂”活动"])
            lines[i] = c.joined(separator: ",")
            what = "row \(i + 2) note \(c[4])"
        default:
            let items = catalogueItems
            guard !items.isEmpty else { return nil }
            var c = [pick(Self.periods), pick(units), pick(items).id, "", "新增扣分"]
            guard let value = points(within: (caps[c[2]] ?? 0) - (used(except: nil)[key(c)] ?? 0)) else { return nil }
            c[3] = value
            let row = c.joined(separator: ",")
            lines.insert(row, at: int(0...lines.count))
            what = "row added: \(row)"
        }
        site.write(path, ([header] + lines).joined(separator: "\n") + "\n")
        return SiteEdit("\(path): \(what)")
    }

    /// Edits data/criteria.yaml: an item renamed, regrouped, allowing more points, added or removed; `full` changed.
    private mutating func editCatalogue() -> SiteEdit? {
        let path = "content/data/criteria.yaml"
        var lines = site.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let itemLines = lines.indices.filter { lines[$0].hasPrefix("  - {id: ") }
        guard !itemLines.isEmpty else { return nil }
        func replace(_ i: Int, _ key: String, _ value: String) {
            guard let start = lines[i].range(of: "\(key): ") else { return }
            let rest = lines[i][start.upperBound...]
            let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
            lines[i] = String(lines[i][..<start.upperBound]) + value + String(lines[i][end...])
        }
        let what: String
        switch int(0...5) {
        case 0:
            let i = pick(itemLines)
            replace(i, "name", pick(["资料不全", "帮包社区工作台账完整", "志愿服务规章流程上墙", "“文明单位”标识牌悬挂规范"]) + "（第\(int(1...99))条）")
            what = "item renamed: \(lines[i])"
        case 1:
            let i = pick(itemLines)
            replace(i, "group", pick(["组织领导", "思想道德建设", "帮包社区", "负面清单", "创建档案"]))
            what = "item regrouped: \(lines[i])"
        case 2:
            let i = pick(itemLines)
            let points = lines[i].range(of: #"points: [0-9.]+"#, options: .regularExpression).map { Self.quarters(String(lines[i][$0].dropFirst(8))) } ?? 4
            replace(i, "points", Self.points(points + 4 * int(1...3)))
            what = "item allows more: \(lines[i])"
        case 3:
            let full = pick([100, 100, 105, 120])
            lines = lines.map { $0.hasPrefix("full: ") ? "full: \(full)" : $0 }
            what = "full \(full)"
        case 4:
            let id = fresh("X")
            lines.insert("  - {id: \"\(id)\", group: \(pick(["帮包社区", "志愿服务", "新增细则"])), name: 新增细则\(id), points: \(int(1...5))}",
                         at: itemLines.last! + 1)
            what = "item \(id) added"
        default:
            // Only an item no row names.
            let rows = site.read("content/data/deductions.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let named = Set(rows.compactMap { $0.count > 2 ? String($0[2]) : nil })
            let unused = itemLines.filter { i in catalogueItems.contains { lines[i].contains("id: \"\($0.id)\"") || lines[i].contains("id: \($0.id),") }
                && !named.contains(where: { lines[i].contains("id: \"\($0)\"") || lines[i].contains("id: \($0),") }) }
            guard !unused.isEmpty else { return nil }
            let i = pick(unused)
            what = "item removed: \(lines[i])"
            lines.remove(at: i)
        }
        site.write(path, lines.joined(separator: "\n"))
        return SiteEdit("\(path): \(what)")
    }

    // MARK: Units

    private mutating func editUnit(_ kind: Kind) -> SiteEdit? {
        let id = pick(units)
        let path = "content/units/\(id).md"
        guard var doc = FrontMatterDocument(site.read(path)) else { return nil }
        let what: String
        var mustChange = false
        switch kind {
        case .unitName:
            let base = (doc.value("name") ?? id).components(separatedBy: "（").first!
            doc.set("name", chance(0.5) ? base : base + "（\(pick(["改", "新", "二"]))\(int(1...9))）")
            what = "name \(doc.value("name")!)"
        case .unitShortName:
            if doc.value("short_name") != nil, chance(0.3) { doc.remove("short_name"); what = "short name removed" } else {
                doc.set("short_name", "简称\(int(1...99))")
                what = "short name \(doc.value("short_name")!)"
            }
        case .unitCategory:
            doc.set("category", pick(Self.categories))
            what = "category \(doc.value("category")!)"
        case .unitCommunity:
            if doc.value("community") != nil, chance(0.2) { doc.remove("community"); what = "community removed" } else {
                doc.set("community", pick(Self.communities))
                what = "community \(doc.value("community")!)"
            }
        case .unitIntersection:
            if doc.value("intersection") != nil, chance(0.2) { doc.remove("intersection"); what = "intersection removed" } else {
                doc.set("intersection", pick(["柳园路与兴华路路口", "湖南路与柳园路路口", "光岳路与兴华路路口", "东昌路与花园路路口"]))
                what = "intersection \(doc.value("intersection")!)"
            }
        case .unitStatus:
            let status = pick(["active", "active", "suspended", "revoked", "none"])
            if status == "none" { doc.remove("status") } else { doc.set("status", status) }
            what = "status \(status)"
        case .unitStaff:
            if chance(0.2) { doc.remove("staff"); what = "staff removed" } else { doc.set("staff", "\(int(5...400))"); what = "staff \(doc.value("staff")!)" }
        default:
            doc.body += "\n" + paragraph() + "\n"
            what = "profile"
            mustChange = true
        }
        site.write(path, doc.text)
        return SiteEdit("\(path): \(what)", mustChange: mustChange)
    }

    // MARK: Unit histories (r2)

    /// `content/notices/2018/x.md` and `content/notices/2018/x/index.md` as a history names them: `2018/x`.
    static func noticeName(_ path: String) -> String {
        var name = path.dropFirst("content/notices/".count).dropLast(".md".count)
        if name.hasSuffix("/index") { name = name.dropLast("/index".count) }
        return String(name)
    }

    /// The notices the units' histories name.
    var historyNotices: Set<String> {
        Set(units.flatMap { id -> [String] in
            site.read("content/units/\(id).md").components(separatedBy: "notice: ").dropFirst().map {
                String($0.prefix { $0 != "}" && $0 != "," && $0 != "\n" && $0 != "\r" }).trimmingCharacters(in: .whitespaces)
            }
        })
    }

    /// Adds a decision after the last one (dates never go backwards), changes or removes one, or the whole history.
    private mutating func editHistory() -> SiteEdit? {
        let id = pick(units)
        let path = "content/units/\(id).md"
        guard var doc = FrontMatterDocument(site.read(path)) else { return nil }
        let field = doc.fields.first { $0.key == "history" }
        // Only histories written one decision a line, as the example's are.
        guard field.map({ $0.lines.dropFirst().allSatisfy { $0.hasPrefix("  - {") || $0.isEmpty } }) ?? true else { return nil }
        var entries = field?.lines.dropFirst().filter { !$0.isEmpty } ?? []
        let what: String
        switch int(0...5) {
        case 0...2:
            let last = entries.last.flatMap { line in line.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression).map { String(line[$0]) } }
            var date = day(years: (last.flatMap { Int($0.prefix(4)) } ?? 2012)...2019)
            if let last, date < last { date = last }
            var entry = "  - {date: \(date), status: \(pick(["active", "active", "suspended", "revoked", "暂停", "正常"])), "
                + "decision: \(pick(["认定", "保留", "暂停", "恢复", "撤销", "黄牌警告"]))"
            if chance(0.5) { entry += ", note: \(pick(["复查合格", "整改到位", "帮包路口多次缺勤", "创建资料严重缺失"]))" }
            let published = notices.filter { !site.read($0).contains("draft: true") }
            if chance(0.5), !published.isEmpty { entry += ", notice: \(Self.noticeName(pick(published)))" }
            entries.append(entry + "}")
            what = "history: added \(entry.dropFirst(4))"
        case 3 where !entries.isEmpty:
            entries.removeLast()
            what = "history: last decision removed"
        case 4 where !entries.isEmpty:
            let i = int(0...(entries.count - 1))
            let decision = pick(["认定", "保留", "恢复", "黄牌警告", "暂停并限期整改"])
            entries[i] = entries[i].replacingOccurrences(of: #"decision: [^,}]+"#, with: "decision: \(decision)", options: .regularExpression)
            what = "history: decision \(i + 1) now \(decision)"
        case 5 where field != nil:
            entries = []
            what = "history removed"
        default:
            return nil
        }
        if entries.isEmpty { doc.remove("history") } else { doc.setLines("history", ["history:"] + entries) }
        site.write(path, doc.text)
        return SiteEdit("\(path): \(what)")
    }

    // MARK: site.yaml

    /// Replaces `key: value` inside the flow map on the first line that starts with `prefix`.
    private func replacing(_ text: String, line prefix: String, key: String, with value: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { $0.hasPrefix(prefix) }),
              let start = lines[i].range(of: "\(key): ") else { return nil }
        let rest = lines[i][start.upperBound...]
        let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
        lines[i] = String(lines[i][..<start.upperBound]) + value + String(lines[i][end...])
        return lines.joined(separator: "\n")
    }

    private mutating func editSiteYAML(_ kind: Kind) -> SiteEdit? {
        let path = "content/site.yaml"
        var text = site.read(path)
        let what: String
        var mustChange = false
        switch kind {
        case .siteTitle:
            var title: String
            repeat { title = "聊城市文明单位创建公示" + pick(["", "平台", "网", "（试行）"]) + "\(int(0...99))" } while text.contains("title: \(title)\n")
            text = replacing(text, line: "title:", key: "title", with: title)!
            what = "title \(title)"; mustChange = true
        case .siteKindName:
            let kindID = pick(Self.kindIDs)
            let name = pick(["捐赠", "捐助", "宣传牌匾", "公益广告", "讲座", "宣讲", "志愿服务", "志愿活动"]) + "\(int(0...9))"
            text = replacing(text, line: "  \(kindID):", key: "name", with: name)!
            what = "kind \(kindID) named \(name)"
        case .sitePeriod:
            if chance(0.5) {
                let period = pick(Self.periods)
                let name = "2018年\(period.hasSuffix("h1") ? "年中" : "年终")考核" + pick(["", "（第\(int(1...9))次）"])
                text = replacing(text, line: "  - {id: \(period),", key: "name", with: name)!
                what = "period \(period) named \(name)"
            } else {
                // The boundary between the two periods moves: reports, duty rows and notices change period.
                let (end, start) = pick([("2018-05-31", "2018-06-01"), ("2018-06-30", "2018-07-01"), ("2018-07-31", "2018-08-01")])
                text = replacing(text, line: "  - {id: 2018-h1,", key: "end", with: end)!
                text = replacing(text, line: "  - {id: 2018-h2,", key: "start", with: start)!
                what = "periods split at \(end)"
            }
        case .siteCategoryName:
            let category = pick(Self.categories)
            let name = pick(["全国文明单位", "省级文明单位", "市级文明单位", "新申报单位"]) + "\(int(0...9))"
            text = replacing(text, line: "  - {id: \(category),", key: "name", with: name)!
            what = "category \(category) named \(name)"
        case .siteWeights:
            let weight = int(10...60)
            switch int(0...2) {
            case 0: text = replacing(text, line: "    - {id: community,", key: "weight", with: "\(weight)")!; what = "community weight \(weight)"
            case 1: text = replacing(text, line: "    - {id: criteria,", key: "weight", with: "\(weight)")!; what = "criteria weight \(weight)"
            default:
                text = text.replacingOccurrences(of: #"\n      weight: \d+"#, with: "\n      weight: \(weight)", options: .regularExpression)
                what = "intersection weight \(weight)"
            }
        case .siteEvents:
            // The long form (r2): `absent:   {name: 缺勤, points: -5}`; a point or a name changes.
            let event = pick(Self.events)
            if chance(0.7) {
                let points = event == "diligent" ? int(1...5) : int(-10...(-1))
                text = replacing(text, line: "        \(event):", key: "points", with: "\(points)")!
                what = "duty event \(event) \(points) points"
            } else {
                let name = pick(["缺勤", "迟到早退", "工作不认真", "工作认真负责", "未到岗", "早退"]) + "\(int(0...9))"
                text = replacing(text, line: "        \(event):", key: "name", with: name)!
                what = "duty event \(event) named \(name)"
            }
        case .siteTarget:
            let target = int(500...2500)
            text = text.replacingOccurrences(of: #"volunteer_points_target: \d+"#, with: "volunteer_points_target: \(target)", options: .regularExpression)
            // (r2) The long form: the target, or what it applies to (per year or per period).
            if text.contains("\n    per: "), chance(0.4) {
                let per = text.contains("\n    per: year") ? "period" : "year"
                text = text.replacingOccurrences(of: #"\n    per: [a-z]+"#, with: "\n    per: \(per)", options: .regularExpression)
                what = "volunteer per \(per)"
            } else {
                text = text.replacingOccurrences(of: #"\n    target: \d+"#, with: "\n    target: \(target)", options: .regularExpression)
                what = "volunteer target \(target)"
            }
        default:
            // as_of in site.yaml; without it, the build's today (2026).
            if text.contains("\nas_of: "), chance(0.2) {
                text = text.replacingOccurrences(of: #"\nas_of: [0-9-]+"#, with: "", options: .regularExpression)
                what = "as_of removed"
            } else {
                let dates: [String] = ["2018-12-31", "2018-06-30", "2018-10-15", day(), day(years: 2019...2019)]
                let date = pick(dates.filter { allowsAsOf($0) })
                if text.contains("\nas_of: ") {
                    text = text.replacingOccurrences(of: #"\nas_of: [0-9-]+"#, with: "\nas_of: \(date)", options: .regularExpression)
                } else {
                    text = text.replacingOccurrences(of: "\nlanguage: zh-CN", with: "\nlanguage: zh-CN\nas_of: \(date)")
                }
                what = "as_of \(date)"
            }
        }
        site.write(path, text)
        return SiteEdit("site.yaml: \(what)", mustChange: mustChange)
    }

    // MARK: Notices

    private mutating func rankingBlock() -> String {
        var lines = ["```ranking"]
        if chance(0.6) { lines.append("period: \(pick(Self.periods))") }
        if chance(0.4) { lines.append("category: \(pick(Self.categories))") }
        if chance(0.6) { lines.append(chance(0.7) ? "top: \(int(1...8))" : "bottom: \(int(1...8))") }
        return (lines + ["```"]).joined(separator: "\n")
    }

    private mutating func editNotice(_ kind: Kind) -> SiteEdit? {
        guard !notices.isEmpty else { return nil }
        let path = pick(notices)
        guard var doc = FrontMatterDocument(site.read(path)) else { return nil }
        let what: String
        switch kind {
        case .noticeBody:
            doc.body += "\n" + paragraph() + "\n"
            what = "body"
        case .noticeTitle:
            doc.set("title", (doc.value("title") ?? "通报") + pick(["（更正）", "的补充通知", "（第二次）"]))
            what = "title"
        case .noticeDate:
            // A ranking block without a period takes the last period ending before the notice: keep one there.
            let needsPeriod = doc.body.contains("```ranking") && doc.value("period") == nil
            let date = needsPeriod ? "\(pick(["2018", "2019"]))-\(String(format: "%02d", int(8...12)))-\(String(format: "%02d", int(1...28)))"
                                   : (chance(0.8) ? day() : day(years: 2019...2019))
            doc.set("date", date)
            what = "date \(date)"
        case .noticeRanking:
            if let start = doc.body.range(of: "```ranking"), let end = doc.body.range(of: "```", range: start.upperBound..<doc.body.endIndex) {
                var block = rankingBlock()
                if doc.value("period") == nil, !block.contains("period:"), (doc.value("date") ?? "") < "2018-08-01" {
                    block = block.replacingOccurrences(of: "```ranking", with: "```ranking\nperiod: 2018-h1")
                }
                doc.body.replaceSubrange(start.lowerBound..<end.upperBound, with: block)
                what = "ranking block \(block.split(separator: "\n").dropFirst().dropLast().joined(separator: ", "))"
            } else {
                var block = rankingBlock()
                if !block.contains("period:") { block = block.replacingOccurrences(of: "```ranking", with: "```ranking\nperiod: \(pick(Self.periods))") }
                doc.body += "\n" + block + "\n"
                what = "ranking block added"
            }
        default:
            // (r2) A notice a unit's history names must stay published (a shown decision may not name a draft).
            if doc.value("draft") != "true", historyNotices.contains(Self.noticeName(path)) { return nil }
            if doc.value("draft") == "true" { doc.remove("draft"); what = "draft off" } else { doc.set("draft", "true"); what = "draft on" }
        }
        site.write(path, doc.text)
        return SiteEdit("\(path): \(what)")
    }

    private mutating func addNotice() -> SiteEdit {
        let date = chance(0.8) ? day() : day(years: 2019...2019)
        let slug = fresh("tongbao")
        var text = "---\ntitle: 关于文明单位创建工作的通报\(slug.suffix(3))\ndate: \(date)\nissuer: 聊城市精神文明建设委员会办公室\n"
        if chance(0.6) { text += "doc_number: 聊文明办〔\(date.prefix(4))〕\(int(1...60))号\n" }
        text += "kind: \(pick(["通报", "通知", "公示"]))\n"
        if chance(0.4) { text += "cc: [省文明办, 市委办公室]\n" }
        text += "---\n" + paragraph() + "\n"
        switch int(0...3) {
        case 0:
            var block = rankingBlock()
            if !block.contains("period:") { block = block.replacingOccurrences(of: "```ranking", with: "```ranking\nperiod: \(pick(Self.periods))") }
            text += "\n" + block + "\n"
        case 1:
            let planned = plans.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "") }
            if !planned.isEmpty { text += "\n```rectification\nunit: \(pick(planned))\n```\n" }
        default: break
        }
        if chance(0.2) {
            let folder = "content/notices/\(date.prefix(4))/\(slug)"
            site.write(folder + "/index.md", text + "\n![文件扫描件](scan.jpg)\n")
            site.write(folder + "/scan.jpg", randomPhoto())
            return SiteEdit("add bundle \(folder)/ with a photo")
        }
        let path = "content/notices/\(date.prefix(4))/\(slug).md"
        site.write(path, text)
        return SiteEdit("add \(path)")
    }

    // MARK: Rectification plans

    /// A plan's items: the line ranges of each `  - id:` block.
    func items(_ lines: [String]) -> [Range<Int>] {
        let starts = lines.indices.filter { lines[$0].hasPrefix("  - id: ") }
        return starts.enumerated().map { n, start in
            var end = n + 1 < starts.count ? starts[n + 1] : (lines[start...].firstIndex { !$0.hasPrefix(" ") && !$0.isEmpty } ?? lines.count)
            while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            return start..<end
        }
    }

    private mutating func editPlan(_ kind: Kind) -> SiteEdit? {
        guard !plans.isEmpty else { return nil }
        let path = pick(plans)
        var lines = site.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blocks = items(lines)
        guard !blocks.isEmpty else { return nil }
        let block = pick(blocks)
        func set(_ key: String, _ value: String?, after: String? = nil) {
            var item = Array(lines[block])
            if let i = item.firstIndex(where: { $0.hasPrefix("    \(key): ") }) {
                if let value { item[i] = "    \(key): \(value)" } else { item.remove(at: i) }
            } else if let value {
                let at = after.flatMap { a in item.firstIndex { $0.hasPrefix("    \(a): ") } }.map { $0 + 1 } ?? item.count
                item.insert("    \(key): \(value)", at: at)
            }
            lines.replaceSubrange(block, with: item)
        }
        let what: String
        switch kind {
        case .planStatus:
            let status = pick(["todo", "doing", "done"])
            // done_on goes in before status is rewritten, so the block's lines are still where `block` says.
            if status == "done" {
                if !lines[block].contains(where: { $0.hasPrefix("    done_on: ") }) { set("done_on", day(), after: "status") }
            } else {
                set("done_on", nil)
            }
            let item = items(lines).first { $0.lowerBound == block.lowerBound }!
            if let i = lines[item].firstIndex(where: { $0.hasPrefix("    status: ") }) { lines[i] = "    status: \(status)" }
            what = "\(lines[block.lowerBound].trimmingCharacters(in: .whitespaces)) status \(status)"
        case .planDoneOn:
            if lines[block].contains(where: { $0.hasPrefix("    done_on: ") }) {
                set("done_on", day())
            } else {
                set("deadline", day())
            }
            what = "\(lines[block.lowerBound].trimmingCharacters(in: .whitespaces)) done_on or deadline moved"
        case .planSlip:
            let slip = pick(["white", "yellow", "red", "none"])
            if slip != "none", lines[block].contains("    slips:") {
                // (r2) With a slip history, the slip in force is its last entry: a new slip is a new entry.
                appendSlip(&lines, block: block, date: later(than: lastSlipDate(lines[block]) ?? "2018-01-01"), color: slip)
            } else {
                set("slip", slip == "none" ? nil : slip)
            }
            what = "\(lines[block.lowerBound].trimmingCharacters(in: .whitespaces)) slip \(slip)"
        default:
            let ids = blocks.compactMap { Int(lines[$0.lowerBound].dropFirst("  - id: ".count)) }
            let id = (ids.max() ?? 0) + 1
            let done = chance(0.4)
            var item = ["  - id: \(id)", "    problem: 新发现的问题\(id)", "    measures: |", "      \(pick(Self.sentences).replacingOccurrences(of: "\n", with: " "))",
                        "    leaders: [王振东]", "    department: 办公室", "    deadline: \(day())", "    status: \(done ? "done" : pick(["todo", "doing"]))"]
            if done { item.append("    done_on: \(day())") }
            let end = blocks.last!.upperBound
            lines.insert(contentsOf: item, at: end)
            what = "item \(id) added"
        }
        site.write(path, lines.joined(separator: "\n"))
        return SiteEdit("\(path): \(what)")
    }

    private mutating func addOrRemovePlan() -> SiteEdit? {
        let planned = Set(plans.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "") })
        let noticeText = notices.map { site.read($0) }.joined()
        // A plan that no notice's rectification block shows may go.
        let removable = planned.sorted().filter { !noticeText.contains("unit: \($0)\n") }
        if !removable.isEmpty, chance(0.4) {
            let unit = pick(removable)
            site.remove("content/rectification/\(unit).yaml")
            return SiteEdit("plan of \(unit) removed")
        }
        let candidates = units.filter { !planned.contains($0) }
        guard !candidates.isEmpty else { return nil }
        let unit = pick(candidates)
        var text = "title: \(unit)文明单位创建整改方案\nstages:\n  - {name: 全面整改阶段, start: \(day()), end: 2018-12-31}\nitems:\n"
        for id in 1...int(1...4) {
            let status = pick(["todo", "doing", "done"])
            text += "  - id: \(id)\n    problem: 问题\(id)\n    measures: |\n      \(pick(Self.sentences).replacingOccurrences(of: "\n", with: " "))\n"
                + "    leaders: [李建华]\n    department: 办公室\n    deadline: \(day())\n    status: \(status)\n"
            if status == "done" { text += "    done_on: \(day())\n" }
        }
        site.write("content/rectification/\(unit).yaml", text)
        return SiteEdit("plan of \(unit) added")
    }

    /// Saved by another editor: with a BOM, with CRLF line ends, or (a CSV sheet, as Chinese Excel saves it) in GB18030.
    private mutating func reencode() -> SiteEdit? {
        let sheets = ["content/data/assessments.csv", "content/data/duty.csv", "content/data/volunteer.csv", "content/data/deductions.csv"]
        let path = pick(reports + notices + plans + sheets + ["content/site.yaml", "content/units/\(pick(units)).md", "content/pages/about.md",
                                                              "content/data/criteria.yaml"])
        let text = site.read(path)
        let how = sheets.contains(path) ? int(0...2) : int(0...1)
        switch how {
        case 0: site.write(path, Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        case 1: site.write(path, text.replacingOccurrences(of: "\n", with: "\r\n"))
        default:
            guard let bytes = text.data(using: EditableSite.gb18030) else { return nil }
            site.write(path, bytes)
        }
        return SiteEdit("\(path) saved \(["with a BOM", "with CRLF", "in GB18030"][how])")
    }

    // MARK: Theme and pages

    private mutating func editTemplate() -> SiteEdit {
        let templates = site.files(under: "templates", suffix: ".mustache")
        let marked = templates.filter { site.read($0).contains("<!-- property ") }
        if !marked.isEmpty, chance(0.3) {
            let path = pick(marked)
            let lines = site.read(path).split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("<!-- property ") }
            site.write(path, lines.joined(separator: "\n"))
            return SiteEdit("\(path): marks removed")
        }
        let path = pick(templates)
        var lines = site.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = int(0...(lines.count - 1))
        lines.insert("<!-- property \(int(0...9999)) -->", at: at)
        site.write(path, lines.joined(separator: "\n"))
        // The layout is on every page, outside its one comment.
        return SiteEdit("\(path): a line inserted at \(at + 1)", mustChange: path.hasSuffix("layouts/base.mustache") && at > 0)
    }

    private mutating func editPage() -> SiteEdit {
        let pages = site.files(under: "content/pages", suffix: ".md")
        let added = pages.filter { $0.contains("/xin-") }
        switch int(0...3) {
        case 0:
            let slug = fresh("xin")
            site.write("content/pages/\(slug).md", "---\ntitle: 新页面\(slug.suffix(3))\n---\n" + paragraph() + "\n")
            return SiteEdit("add page \(slug)", mustChange: true)
        case 1 where !added.isEmpty:
            let path = pick(added)
            site.remove(path)
            return SiteEdit("remove \(path)", mustChange: true)
        default:
            let path = pick(pages)
            var doc = FrontMatterDocument(site.read(path))!
            if chance(0.5) { doc.body += "\n" + paragraph() + "\n" } else { doc.set("title", (doc.value("title") ?? "") + "\(int(0...9))") }
            site.write(path, doc.text)
            return SiteEdit("\(path) edited", mustChange: true)
        }
    }

    // MARK: Breaking edits

    /// An edit that makes the content (or theme) invalid; its snapshot puts the files back.
    mutating func breakSomething() -> SiteEdit {
        func breaking(_ path: String, _ description: String, _ change: (String) -> String) -> SiteEdit {
            var edit = SiteEdit("BREAK \(path): \(description)")
            edit.valid = false
            edit.snapshot = [(path, site.data(path))]
            site.write(path, change(site.read(path)))
            return edit
        }
        switch int(0...11) {
        case 8:
            return breaking("content/data/deductions.csv", "an item no catalogue has") { $0 + "2018-h1,shuiwu,99.9,1,\n" }
        case 9:
            return breaking("content/data/deductions.csv", "more points than the item allows") { $0 + "2018-h2,shuiwu,N1,500,\n" }
        case 10:
            return breaking("content/data/criteria.yaml", "an item id twice") { $0 + "  - {id: \"5.2\", name: 重复的细则, points: 1}\n" }
        case 11:
            // (r2) A decision naming a notice that does not exist (a unit file saved with CRLF is left alone).
            let path = "content/units/\(pick(units)).md"
            if FrontMatterDocument(site.read(path)) != nil {
                return breaking(path, "history naming a notice that does not exist") {
                    var d = FrontMatterDocument($0)!
                    let lines = d.fields.first { $0.key == "history" }?.lines ?? ["history:"]
                    d.setLines("history", lines + ["  - {date: 2019-12-31, status: active, decision: 恢复, notice: 2018/no-such-notice}"])
                    return d.text
                }
            }
            fallthrough
        case 0:
            let path = pick(reports)
            return breaking(path, "unknown unit") { var d = FrontMatterDocument($0)!; d.set("unit", "nobody"); return d.text }
        case 1:
            let path = pick(reports)
            return breaking(path, "unknown figure") { var d = FrontMatterDocument($0)!; d.setFigures(d.figures + [("bogus", "3")]); return d.text }
        case 2:
            let path = pick(reports)
            return breaking(path, "impossible date") { var d = FrontMatterDocument($0)!; d.set("date", "2018-02-30"); return d.text }
        case 3:
            return breaking("content/data/assessments.csv", "a score of 101") { $0 + "2018-h2,nobody-row,101,90\n" }
        case 4:
            let path = "content/units/\(pick(units)).md"
            return breaking(path, "unknown category") { var d = FrontMatterDocument($0)!; d.set("category", "nosuch"); return d.text }
        case 5:
            let path = pick(notices)
            return breaking(path, "ranking block with an unknown category") { $0 + "\n```ranking\nperiod: 2018-h1\ncategory: nosuch\n```\n" }
        case 6 where !plans.isEmpty:
            let path = pick(plans)
            return breaking(path, "an item done with no done_on") {
                $0 + (($0.hasSuffix("\n")) ? "" : "\n") + "  - id: 999\n    problem: 问题\n    measures: |\n      措施\n    leaders: [王]\n    department: 办公室\n    deadline: 2018-06-01\n    status: done\n"
            }
        default:
            return breaking("templates/unit.mustache", "an unclosed section") { $0 + "\n{{#unclosed}}\n" }
        }
    }
}
