import GongshiModel
import Yams

enum PlanReader {
    static func read(path: String, bytes: [UInt8], units: UnitDirectory, slips slipKinds: SlipKinds = SlipKinds(),
                     diagnostics: inout Diagnostics) -> RectificationPlan? {
        let unitID = String(path.dropFirst("rectification/".count).dropLast(".yaml".count))
        guard let unit = units.units[unitID] else {
            // The file name is the plan's address and what notices look plans up by: it must be the id.
            switch units.names.lookup(unitID) {
            case .success(let id):
                diagnostics.error(SourceLocation(path: path), "整改方案的文件名要用单位的 id：请把它改名为 rectification/\(id).yaml",
                                  en: "a plan's file name must be its unit's id: rename it to rectification/\(id).yaml")
            case .failure(let failure):
                diagnostics.error(SourceLocation(path: path), failure.message + "（整改方案的文件名要用单位的 id）",
                                  en: failure.english + " (a plan's file name must be its unit's id)")
            }
            return nil
        }
        guard let text = TextDecoding.utf8(bytes, path: path, diagnostics: &diagnostics) else { return nil }
        let source = YAMLSource(path: path)
        guard let root = source.compose(text, diagnostics: &diagnostics) else {
            if text.allSatisfy(\.isWhitespace) {
                diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "文件是空的；整改方案至少要写 title 和 items",
                                  en: "the file is empty")
            }
            return nil
        }
        guard let f = FieldReader(root, source: source, what: "the plan", diagnostics: &diagnostics) else { return nil }
        f.checkKeys(["title", "stages", "items", "review"], severity: .warning, diagnostics: &diagnostics)
        let before = diagnostics.errors.count
        let title = f.string("title", required: true, diagnostics: &diagnostics)
        var stages: [RectificationPlan.Stage] = []
        for node in sequence("stages", f, required: false, diagnostics: &diagnostics) {
            guard let s = FieldReader(node, source: source, what: "a stage", diagnostics: &diagnostics) else { continue }
            s.checkKeys(["name", "start", "end"], severity: .warning, diagnostics: &diagnostics)
            let name = s.string("name", required: true, diagnostics: &diagnostics)
            let start = s.date("start", required: true, diagnostics: &diagnostics)
            let end = s.date("end", required: true, diagnostics: &diagnostics)
            guard let name, let start, let end else { continue }
            if end < start {
                diagnostics.error(s.location(of: "end"), "阶段“\(name)”的结束日期 \(end) 早于开始日期 \(start)；请检查 start 和 end",
                                  en: "stage \"\(name)\" ends before it starts")
                continue
            }
            stages.append(.init(name: name, start: start, end: end))
        }
        var items: [RectificationPlan.Item] = []
        var seen: [String: Int] = [:]
        for node in sequence("items", f, required: true, diagnostics: &diagnostics) {
            let number = items.count + 1
            guard let i = FieldReader(node, source: source, what: "item \(number)", diagnostics: &diagnostics) else { continue }
            i.checkKeys(["id", "problem", "measures", "leaders", "department", "deadline", "ongoing", "status", "done_on", "slip",
                         "group", "slips", "evidence"],
                        severity: .warning, diagnostics: &diagnostics)
            let itemBefore = diagnostics.errors.count
            let id = i.string("id", required: true, diagnostics: &diagnostics)
            if let id {
                if let line = seen[id] {
                    diagnostics.error(i.location(of: "id"), "整改项的编号“\(id)”重复了（第一次在第 \(line) 行）；每一项要用不同的 id",
                                      en: "duplicate item id \"\(id)\" (first on line \(line))")
                }
                seen[id] = i.location(of: "id").line
            }
            let problem = i.string("problem", required: true, diagnostics: &diagnostics)
            let deadline = i.date("deadline", required: true, diagnostics: &diagnostics)
            var status = RectificationPlan.Status.todo
            if let id = NameTable.planStatuses.resolve(i.string("status", diagnostics: &diagnostics), at: i.location(of: "status"),
                                                       diagnostics: &diagnostics) {
                status = RectificationPlan.Status(rawValue: id)!
            }
            let doneOn = i.date("done_on", diagnostics: &diagnostics)
            if status == .done, doneOn == nil, i.value("done_on") == nil {
                diagnostics.error(i.location(of: "status"), "整改项 \(id ?? String(number)) 已完成，但没有写完成日期；请加一行 done_on: 完成的日期",
                                  en: "item \(id ?? String(number)) is done but has no \"done_on\" date")
            }
            if status != .done, doneOn != nil {
                diagnostics.warning(i.location(of: "done_on"),
                                    "写了完成日期 done_on，但状态是 \(status.rawValue)（\(status == .todo ? "未开始" : "整改中")），不是 done（已完成）；完成日期已忽略，已完成就请把 status 改为 done",
                                    en: "\"done_on\" is given but the status is \(status.rawValue), not done")
            }
            var slip: RectificationPlan.Slip? = nil
            let slipTable = NameTable.slips(slipKinds)
            if let id = slipTable.resolve(i.string("slip", diagnostics: &diagnostics), at: i.location(of: "slip"),
                                          diagnostics: &diagnostics) {
                slip = RectificationPlan.Slip(rawValue: id)
            }
            // (r2) The item's group, slip history and evidence.
            let accountability = Accountability.read(i, item: id ?? String(number), slip: slip, slipTable: slipTable, diagnostics: &diagnostics)
            let measures = (i.text("measures", diagnostics: &diagnostics) ?? "").trimmed()
            guard let id, let problem, let deadline, diagnostics.errors.count == itemBefore else { continue }
            var item = RectificationPlan.Item(id: id, problem: problem, measures: measures,
                                              leaders: i.stringList("leaders", diagnostics: &diagnostics),
                                              department: i.string("department", diagnostics: &diagnostics), deadline: deadline,
                                              ongoing: i.bool("ongoing", diagnostics: &diagnostics) ?? false, status: status,
                                              doneOn: status == .done ? doneOn : nil, slip: slip ?? accountability.slips.last?.color)
            item.group = accountability.group
            item.slips = accountability.slips
            item.evidence = accountability.evidence
            items.append(item)
        }
        let review = f.value("review").flatMap { Accountability.review($0, source: source, diagnostics: &diagnostics) }
        guard let title, diagnostics.errors.count == before else { return nil }
        var plan = RectificationPlan(unit: unit.id, title: title, stages: stages, items: items)
        plan.review = review
        return plan
    }

    private static func sequence(_ key: String, _ f: FieldReader, required: Bool, diagnostics: inout Diagnostics) -> [Node] {
        guard let node = f.value(key) else {
            if required {
                diagnostics.error(f.location, "整改方案缺少必填字段“\(key)”；请加一行 \(key):，下面每一项以“- ”开头",
                                  en: "the plan is missing the required field \"\(key)\"")
            }
            return []
        }
        guard case .sequence(let s) = node else {
            diagnostics.error(f.source.location(node), "“\(key)”要写成列表：下面每一项另起一行，以“- ”开头",
                              en: "\"\(key)\" must be a list (lines starting with \"- \")")
            return []
        }
        return Array(s)
    }
}
