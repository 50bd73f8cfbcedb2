import GongshiContent
import GongshiModel
import GongshiRender

/// `gongshi new`: a new report, notice, unit or rectification plan with its front matter
/// filled in from site.yaml, every optional field written out as a comment, so staff start
/// from a file that already passes `check` and see what else they may write.
enum Scaffold {
    /// What a new file is filled in from (read by GongshiContent).
    typealias Site = SiteOutline

    struct NewFile: Sendable, Equatable {
        /// Relative to the content folder.
        var path: String
        var text: String
        /// For a report with photos: the bundle folder (relative to the content folder) and the
        /// photos to copy into it (as given on the command line), in order.
        var bundle: String? = nil
        var photos: [String] = []
        /// Other paths (relative to the content folder) that would be the same page: the file
        /// must not be written when one of them exists.
        var samePage: [String] = []
    }

    /// A mistake in the command (unknown unit, bad name): exit 2.
    struct UsageError: Error, CustomStringConvertible, Sendable {
        let description: String
        let english: String
        init(_ message: String, en english: String) { description = message; self.english = english }
        init(_ failure: NameTable.Failure) { description = failure.message; english = failure.english }
    }

    /// - Parameters:
    ///   - photos: photo files as given on the command line; the report is then a folder with them.
    ///   - taken: whether a path (relative to the content folder) exists, to choose a free name.
    static func report(in site: Site, unit unitID: String, kind kindID: String, date: CalendarDate,
                       title: String?, slug: String?, photos: [String] = [],
                       taken: (String) -> Bool = { _ in false }) throws(UsageError) -> NewFile {
        let unit = try resolve(NameTable.units(site.units), unitID) { id in site.units.first { $0.id == id } }
        let kind = try resolve(NameTable.kinds(site.config), kindID, site.config.kind)
        let names = try photoNames(photos)
        let folder = "reports/\(date.year)/\(pad(date.month))"
        let name = try freeName(slug, "\(date)-\(kind.id)", in: folder, taken: taken)
        var text = "---\n"
        text += "title: \(yaml(title ?? "\(unit.displayName)\(kind.name)活动"))\n"
        text += "unit: \(unit.id)\n"
        text += "date: \(date)\n"
        text += "kind: \(kind.id)\n"
        if !kind.figures.isEmpty {
            text += "figures:\n"
            let width = kind.figures.map(\.id.count).max() ?? 0
            for figure in kind.figures {
                text += "  \(figure.id): 0" + String(repeating: " ", count: width - figure.id.count) + "  # \(figure.name)\n"
            }
        }
        text += commented([
            ("community: \(unit.community ?? "某某社区")", "活动所在社区；不写就是本单位的帮包社区" + (unit.community.map { "（\($0)）" } ?? "")),
            ("tags: [志愿服务, 进社区]", "标签，可写几个"),
            ("draft: true", "草稿：去掉行首的 # 就先不发布"),
        ])
        text += "---\n\(date.chinese)，\(unit.name)……（在这里写活动情况）\n"
        for (index, photo) in names.enumerated() {
            text += "\n![现场照片\(index + 1)](\(imageDestination(photo)))\n"
        }
        if names.isEmpty {
            return NewFile(path: "\(folder)/\(name).md", text: text, samePage: ["\(folder)/\(name)"])
        }
        return NewFile(path: "\(folder)/\(name)/index.md", text: text, bundle: "\(folder)/\(name)", photos: photos,
                       samePage: ["\(folder)/\(name).md"])
    }

    static func notice(in site: Site, date: CalendarDate, title: String?, issuer: String?, kind: String?,
                       slug: String?, docNumber: String? = nil, period periodID: String? = nil, cc: [String] = [],
                       taken: (String) -> Bool = { _ in false }) throws(UsageError) -> NewFile {
        guard let issuer = issuer ?? site.issuers.first else {
            throw UsageError("以前的通报里都没有写发文机关，请用 --issuer 给出（例如 --issuer 聊城市精神文明建设委员会办公室）",
                             en: "no earlier notice names its issuer; give one with --issuer (e.g. --issuer 聊城市精神文明建设委员会办公室)")
        }
        var period: Period? = nil
        if let periodID {
            period = try resolve(NameTable.periods(site.config), periodID, site.config.period)
        }
        let folder = "notices/\(date.year)"
        let name = try freeName(slug, "tongbao-\(date)", in: folder, taken: taken)  // as `import` names them
        // The period a ranking block shows by default: the last one ending on or before the notice's date.
        let suggested = period ?? site.config.periods.last { $0.end <= date } ?? site.config.period(containing: date)
            ?? site.config.periods.last
        var text = "---\n"
        text += "title: \(yaml(title ?? "关于……的\(kind ?? "通报")"))\n"
        text += "date: \(date)\n"
        text += "issuer: \(yaml(issuer))\n"
        text += "kind: \(yaml(kind ?? "通报"))\n"
        var optional: [(String, String)] = []
        if let docNumber { text += "doc_number: \(yaml(docNumber))  # 文号\n" }
        else { optional.append(("doc_number: \"聊文明办〔\(date.year)〕1号\"", "文号")) }
        if let period { text += "period: \(period.id)  # \(period.name)：排名表默认用这一期\n" }
        else if let suggested { optional.append(("period: \(suggested.id)", "\(suggested.name)：排名表默认用这一期")) }
        if !cc.isEmpty { text += "cc: [\(cc.map(yaml).joined(separator: ", "))]  # 抄送\n" }
        else { optional.append(("cc: [市委办公室, 市政府办公室]", "抄送")) }
        if kind == "公示" {
            // (r2) A 公示 with its period: shown with its state and the contacts to write or call.
            var end = date
            for _ in 0..<7 {
                end = CalendarDate(year: end.year, month: end.month, day: end.day + 1)
                    ?? CalendarDate(year: end.year, month: end.month + 1, day: 1) ?? CalendarDate(year: end.year + 1, month: 1, day: 1)!
            }
            optional.append(("public_period: {start: \(date), end: \(end)}", "公示期：网页上显示公示期和“公示中”等状态"))
        }
        optional.append(("draft: true", "草稿：去掉行首的 # 就先不发布"))
        text += commented(optional)
        text += "---\n各文明单位：\n\n（在这里写正文。）\n\n"
        text += "<!-- 要在通报里放排名表，删掉这一行和本段最后一行（-->）：\n"
        text += "```ranking\n"
        text += "period: \(suggested?.id ?? "2018-h1")        # 考核期；不写就用上面的 period\n"
        text += "# category: \(site.config.categories.first?.id ?? "provincial")   # 只列一个类别；不写每个类别一张表\n"
        text += "# top: 10               # 只列前 10 名\n"
        text += "# bottom: 3             # 或者只列后 3 名（红黑榜）；top 和 bottom 只能写一个\n"
        text += "```\n-->\n"
        return NewFile(path: "\(folder)/\(name).md", text: text, samePage: ["\(folder)/\(name)"])
    }

    static func unit(in site: Site, id: String, name: String?, category categoryID: String?) throws(UsageError) -> NewFile {
        guard Identifier.isValid(id) else {
            throw UsageError("“\(id)”不能用作单位编号：只能用小写字母、数字和“-”（它会成为网页地址的一部分）",
                             en: "\"\(id)\" cannot be a unit id: use lowercase letters, digits and \"-\" only (it becomes part of the address)")
        }
        guard let categoryID = categoryID ?? site.config.categories.first?.id else { throw UsageError("site.yaml 里没有任何类别（categories）", en: "site.yaml has no categories") }
        let category = try resolve(NameTable.categories(site.config), categoryID, site.config.category)
        var text = "---\n"
        text += "name: \(yaml(name ?? id))\n"
        text += "category: \(category.id)  # \(category.name)\n"
        text += "status: active\n"
        text += commented([
            ("short_name: 简称", "表格里用的简称"),
            ("community: 某某社区", "帮包社区"),
            ("intersection: 某某路口", "帮包路口"),
            ("staff: 100", "职工人数，用来算人均志愿服务积分"),
        ])
        text += "# history:                # 称号变动记录，按日期先后一行一条；status 写 active 正常 | suspended 暂停 | revoked 撤销\n"
        text += "#   - {date: 2016-12-01, status: active, decision: 认定, note: 获评省级文明单位}\n"
        text += "#   - {date: 2018-03-20, status: suspended, decision: 暂停, notice: 2018/某某通报}   # notice：通报在 notices/ 下的路径，不带 .md\n"
        text += "---\n（在这里写单位简介。）\n"
        return NewFile(path: "units/\(id).md", text: text)
    }

    /// What a unit, kind or category argument names: its id, or its exact name when unique.
    private static func resolve<T>(_ names: NameTable, _ text: String, _ find: (String) -> T?) throws(UsageError) -> T {
        switch names.lookup(text) {
        case .success(let id): if let found = find(id) { return found }
            throw UsageError(names.unknown(text))
        case .failure(let failure): throw UsageError(failure)
        }
    }

    /// `rectification/<unit>.yaml`: a title, one stage and one item; what is optional is commented.
    static func plan(in site: Site, unit unitID: String, date: CalendarDate) throws(UsageError) -> NewFile {
        let unit = try resolve(NameTable.units(site.units), unitID) { id in site.units.first { $0.id == id } }
        let month = months(1, after: date), end = months(3, after: date)
        var text = "# \(unit.name)整改方案。以 # 开头的行是说明或可选项，去掉 # 就生效。\n"
        text += "title: \(yaml("\(unit.displayName)\(date.year)年文明单位创建反馈意见整改方案"))\n"
        text += "stages:                    # 可选：整改阶段\n"
        text += "  - {name: 全面整改阶段, start: \(date), end: \(end)}\n"
        text += "items:\n"
        text += "  - id: 1\n"
        text += "    problem: \"（在这里写存在的问题）\"\n"
        text += "    measures: |\n"
        text += "      （在这里写整改措施。）\n"
        text += "    deadline: \(month)       # 整改时限\n"
        text += "    status: todo               # todo 未开始 | doing 整改中 | done 已完成\n"
        text += "    # done_on: \(month)     # 完成日期：status 是 done 时必须写\n"
        text += "    # leaders: [张三, 李四]      # 责任领导\n"
        text += "    # department: 办公室         # 责任部门\n"
        text += "    # ongoing: true              # 并长期坚持\n"
        text += "    # slip: white                # 督办单：white 白色提醒单 | yellow 黄色警示单 | red 红色责任单\n"
        text += "    # group: 创建基础工作         # 所属方面\n"
        text += "    # slips:                     # 督办单记录，按日期先后；最后一张的颜色要和 slip 一致\n"
        text += "    #   - {date: \(month), color: white, note: 资料未按期报送}\n"
        text += "    # evidence: [\(date.year)/某某报道]   # 证明已整改的活动报道：reports/ 下的路径，不带 .md\n"
        text += "# review:                     # 可选：复查\n"
        text += "#   applied_on: \(end)       # 申请复查的日期\n"
        text += "#   date: \(end)             # 复查结果确定的日期\n"
        text += "#   result: 通过               # 通过、未通过、恢复称号……\n"
        text += "#   notice: \(date.year)/某某通报   # 可选：复查结果的通报（notices/ 下的路径，不带 .md）\n"
        return NewFile(path: "rectification/\(unit.id).yaml", text: text)
    }

    /// Lines `# key: value   # 说明`, aligned.
    private static func commented(_ lines: [(String, String)]) -> String {
        let width = lines.map { $0.0.count }.max() ?? 0
        return lines.map { "# \($0.0)" + String(repeating: " ", count: width - $0.0.count) + "  # \($0.1)\n" }.joined()
    }

    /// The file names of the photos, checked: each once, and writable in an image line.
    private static func photoNames(_ photos: [String]) throws(UsageError) -> [String] {
        var names: [String] = []
        for photo in photos {
            let name = String(photo.split(separator: "/", omittingEmptySubsequences: true).last ?? "")
            guard !name.isEmpty, name != "index.md", !name.hasPrefix("."), !name.contains(where: { "<>\n\r\\".contains($0) }) else {
                throw UsageError("照片文件名“\(name)”不能用：请改名（不要用 <、>、\\，不要以 . 开头，也不能叫 index.md）",
                                 en: "the photo name \"\(name)\" cannot be used: rename it (no <, > or \\, not starting with a dot, not index.md)")
            }
            guard !names.contains(name) else { throw UsageError("有两张照片都叫“\(name)”：请先把其中一张改名", en: "two photos are named \"\(name)\": rename one of them first") }
            names.append(name)
        }
        return names
    }

    /// What goes between `(` and `)`: names with spaces or brackets in `<…>`, so CommonMark reads them.
    static func imageDestination(_ name: String) -> String {
        name.contains(where: { $0 == " " || $0 == "\u{3000}" || $0 == "(" || $0 == ")" || $0 == "\t" }) ? "<\(name)>" : name
    }

    /// `--slug` as given, else the first free of `fallback`, `fallback-2`, `fallback-3` ...
    private static func freeName(_ slug: String?, _ fallback: String, in folder: String,
                                 taken: (String) -> Bool) throws(UsageError) -> String {
        if let slug {
            guard Identifier.isValid(slug) else {
                throw UsageError("“\(slug)”不能用作文件名：只能用小写字母、数字和“-”（它会成为网页地址的一部分）",
                                 en: "\"\(slug)\" cannot be a file name: use lowercase letters, digits and \"-\" only (it becomes part of the address)")
            }
            return slug
        }
        var name = fallback
        var n = 1
        while taken("\(folder)/\(name).md") || taken("\(folder)/\(name)") {
            n += 1
            name = "\(fallback)-\(n)"
        }
        return name
    }

    private static func months(_ n: Int, after date: CalendarDate) -> CalendarDate {
        let zeroBased = date.month - 1 + n
        let year = date.year + zeroBased / 12, month = zeroBased % 12 + 1
        return CalendarDate(year: year, month: month, day: min(date.day, CalendarDate.daysIn(month: month, year: year))) ?? date
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A YAML scalar that reads back as exactly `text`.
    static func yaml(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
