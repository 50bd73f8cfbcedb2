import GongshiModel
import Yams

/// Reads `site.yaml` into a `SiteConfig`, reporting every problem.
enum SiteConfigReader {
    static let path = "site.yaml"

    static func read(_ text: String, diagnostics: inout Diagnostics) -> SiteConfig? {
        let source = YAMLSource(path: path)
        guard let root = source.compose(text, diagnostics: &diagnostics) else {
            if !diagnostics.hasErrors {
                diagnostics.error(SourceLocation(path: path, line: 1, column: 1),
                                  "site.yaml 是空的；请写上网站的设置：title、base_url、categories、periods、activity_kinds、scoring",
                                  en: "site.yaml is empty")
            }
            return nil
        }
        guard let fields = FieldReader(root, source: source, what: "site.yaml", diagnostics: &diagnostics) else { return nil }
        fields.checkKeys(["title", "base_url", "language", "as_of", "categories", "periods", "activity_kinds", "scoring",
                          "supervision", "slips"],
                         severity: .warning, diagnostics: &diagnostics)
        let errorsBefore = diagnostics.errors.count
        let title = fields.string("title", required: true, diagnostics: &diagnostics)
        var baseURL = fields.string("base_url", required: true, diagnostics: &diagnostics) ?? ""
        if !baseURL.isEmpty {
            if !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
                diagnostics.error(fields.location(of: "base_url"), "“base_url”要以 https:// 或 http:// 开头（写的是“\(baseURL)”）",
                                  en: "\"base_url\" must start with https:// or http://")
            }
            if !baseURL.hasSuffix("/") { baseURL += "/" }
        }
        let language = fields.string("language", diagnostics: &diagnostics) ?? "zh-CN"
        let asOf = fields.date("as_of", diagnostics: &diagnostics)
        let categories = readCategories(fields, source: source, diagnostics: &diagnostics)
        let periods = readPeriods(fields, source: source, diagnostics: &diagnostics)
        let kinds = readKinds(fields, source: source, diagnostics: &diagnostics)
        var components: [ScoringComponent] = []
        var target: ExactDecimal? = nil
        var volunteerPer = VolunteerPer.period
        if let scoringNode = fields.value("scoring"),
           let scoring = FieldReader(scoringNode, source: source, what: "scoring", diagnostics: &diagnostics) {
            scoring.checkKeys(["components", "volunteer_points_target", "volunteer"], severity: .warning, diagnostics: &diagnostics)
            components = readComponents(scoring, source: source, diagnostics: &diagnostics)
            target = scoring.decimal("volunteer_points_target", diagnostics: &diagnostics)
            if let t = target, t.isNegative {
                diagnostics.error(scoring.location(of: "volunteer_points_target"), "“volunteer_points_target”不能是负数（写的是 \(t)）",
                                  en: "\"volunteer_points_target\" must not be negative")
            }
            if let volunteer = VolunteerSettingsReader.read(scoring, shortForm: scoring.value("volunteer_points_target") != nil,
                                                            diagnostics: &diagnostics) {
                target = volunteer.target ?? target
                volunteerPer = volunteer.per
            }
        } else if fields.value("scoring") == nil {
            diagnostics.error(fields.location, "site.yaml 缺少必填字段“scoring”；请加上 scoring:（考核设置）",
                              en: "site.yaml is missing the required field \"scoring\"")
        }
        // (r2) The 监督 contacts and the slips' names.
        let supervision = fields.value("supervision").flatMap {
            PublicNoticeReaders.supervision($0, source: source, diagnostics: &diagnostics)
        }
        let slips = fields.value("slips").map { PublicNoticeReaders.slips($0, source: source, diagnostics: &diagnostics) } ?? SlipKinds()
        guard let title, diagnostics.errors.count == errorsBefore else { return nil }
        var config = SiteConfig(title: title, baseURL: baseURL, language: language, asOf: asOf, categories: categories,
                                periods: periods, kinds: kinds, components: components, volunteerPointsTarget: target)
        config.volunteerPer = volunteerPer
        config.supervision = supervision
        config.slips = slips
        return config
    }

    private static func list(_ key: String, _ fields: FieldReader, diagnostics: inout Diagnostics) -> [Node] {
        guard let node = fields.value(key) else {
            diagnostics.error(fields.location, "\(key == "components" ? "scoring（考核设置）" : "site.yaml ")缺少必填字段“\(key)”；请加一行 \(key):，下面每一项以“- ”开头",
                              en: "site.yaml is missing the required field \"\(key)\"")
            return []
        }
        guard case .sequence(let sequence) = node else {
            diagnostics.error(fields.source.location(node), "“\(key)”要写成列表：下面每一项另起一行，以“- ”开头",
                              en: "\"\(key)\" must be a list (lines starting with \"- \")")
            return []
        }
        return Array(sequence)
    }

    private static func uniqueID(_ id: String?, _ seen: inout [String: Int], at fields: FieldReader, what: String,
                                 diagnostics: inout Diagnostics) -> String? {
        guard let id else { return nil }
        if let line = seen[id] {
            let chinese = ["category": "类别", "period": "考核期", "component": "考核项目"][what] ?? what
            diagnostics.error(fields.location(of: "id"), "\(chinese)的编号“\(id)”重复了（第一次在第 \(line) 行）；每个\(chinese)要用不同的 id",
                              en: "duplicate \(what) id \"\(id)\" (first on line \(line))")
            return nil
        }
        seen[id] = fields.location(of: "id").line
        return id
    }

    static func readCategories(_ fields: FieldReader, source: YAMLSource, diagnostics: inout Diagnostics) -> [Category] {
        var result: [Category] = [], seen: [String: Int] = [:]
        for node in list("categories", fields, diagnostics: &diagnostics) {
            guard let item = FieldReader(node, source: source, what: "a category", diagnostics: &diagnostics) else { continue }
            item.checkKeys(["id", "name"], severity: .warning, diagnostics: &diagnostics)
            let id = uniqueID(item.identifier("id", required: true, diagnostics: &diagnostics), &seen, at: item, what: "category", diagnostics: &diagnostics)
            let name = item.string("name", required: true, diagnostics: &diagnostics)
            if let id, let name { result.append(Category(id: id, name: name)) }
        }
        return result
    }

    static func readPeriods(_ fields: FieldReader, source: YAMLSource, diagnostics: inout Diagnostics) -> [Period] {
        var result: [Period] = [], seen: [String: Int] = [:]
        for node in list("periods", fields, diagnostics: &diagnostics) {
            guard let item = FieldReader(node, source: source, what: "a period", diagnostics: &diagnostics) else { continue }
            item.checkKeys(["id", "name", "start", "end"], severity: .warning, diagnostics: &diagnostics)
            let id = uniqueID(item.identifier("id", required: true, diagnostics: &diagnostics), &seen, at: item, what: "period", diagnostics: &diagnostics)
            let name = item.string("name", required: true, diagnostics: &diagnostics)
            let start = item.date("start", required: true, diagnostics: &diagnostics)
            let end = item.date("end", required: true, diagnostics: &diagnostics)
            guard let id, let name, let start, let end else { continue }
            if end < start {
                diagnostics.error(item.location(of: "end"), "考核期 \(id) 的结束日期 \(end) 早于开始日期 \(start)；请检查 start 和 end",
                                  en: "period \"\(id)\" ends (\(end)) before it starts (\(start))")
                continue
            }
            if let last = result.last, start <= last.end {
                diagnostics.error(item.location(of: "start"),
                                  "考核期 \(id) 从 \(start) 开始，这时上一个考核期 \(last.id) 还没有结束（\(last.end)）；考核期要按时间先后排列，不能重叠",
                                  en: "period \"\(id)\" starts \(start), before period \"\(last.id)\" ends (\(last.end)); periods must be oldest first and must not overlap")
                continue
            }
            result.append(Period(id: id, name: name, start: start, end: end))
        }
        return result
    }

    static func readKinds(_ fields: FieldReader, source: YAMLSource, diagnostics: inout Diagnostics) -> [ActivityKind] {
        guard let node = fields.value("activity_kinds") else {
            diagnostics.error(fields.location, "site.yaml 缺少必填字段“activity_kinds”；请加上 activity_kinds:（活动类型）",
                              en: "site.yaml is missing the required field \"activity_kinds\"")
            return []
        }
        guard let kinds = FieldReader(node, source: source, what: "activity_kinds", diagnostics: &diagnostics) else { return [] }
        var result: [ActivityKind] = []
        for pair in kinds.pairs {
            guard Identifier.isValid(pair.key) else {
                diagnostics.error(source.location(pair.keyNode), "活动类型的编号只能用小写字母、数字和“-”（写的是“\(pair.key)”）；中文名称请写在下一行的 name: 里",
                                  en: "activity kind \"\(pair.key)\" is not a valid id (lowercase letters, digits and \"-\")")
                continue
            }
            guard let kind = FieldReader(pair.value, source: source, what: "activity kind \"\(pair.key)\"", diagnostics: &diagnostics) else { continue }
            kind.checkKeys(["name", "figures"], severity: .warning, diagnostics: &diagnostics)
            let name = kind.string("name", required: true, diagnostics: &diagnostics)
            var figures: [ActivityKind.Figure] = []
            if let figuresNode = kind.value("figures"),
               let figureFields = FieldReader(figuresNode, source: source, what: "figures of \"\(pair.key)\"", diagnostics: &diagnostics) {
                for figure in figureFields.pairs {
                    guard Identifier.isValid(figure.key) || figure.key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                        diagnostics.error(source.location(figure.keyNode), "数据项的编号只能用小写字母、数字和“_”（写的是“\(figure.key)”）；中文名称请写在冒号后面",
                                          en: "figure \"\(figure.key)\" must be a name of lowercase letters, digits and \"_\"")
                        continue
                    }
                    let label = figureFields.string(figure.key, required: true, diagnostics: &diagnostics) ?? figure.key
                    figures.append(ActivityKind.Figure(id: figure.key, name: label))
                }
            }
            if let name { result.append(ActivityKind(id: pair.key, name: name, figures: figures)) }
        }
        return result
    }

    static func readComponents(_ scoring: FieldReader, source: YAMLSource, diagnostics: inout Diagnostics) -> [ScoringComponent] {
        var result: [ScoringComponent] = [], seen: [String: Int] = [:]
        for node in list("components", scoring, diagnostics: &diagnostics) {
            guard let item = FieldReader(node, source: source, what: "a scoring component", diagnostics: &diagnostics) else { continue }
            item.checkKeys(["id", "name", "weight", "source", "base", "events", "max"], severity: .warning, diagnostics: &diagnostics)
            let id = uniqueID(item.identifier("id", required: true, diagnostics: &diagnostics), &seen, at: item, what: "component", diagnostics: &diagnostics)
            let name = item.string("name", required: true, diagnostics: &diagnostics)
            let weight = item.decimal("weight", required: true, diagnostics: &diagnostics)
            if let weight, !(weight > .zero) {
                diagnostics.error(item.location(of: "weight"), "“weight”（权重）要大于 0（写的是 \(weight)）",
                                  en: "\"weight\" must be greater than 0")
            }
            let sourceName = item.string("source", required: true, diagnostics: &diagnostics)
            var componentSource: ScoringComponent.Source? = nil
            var dutyMax: ExactDecimal? = nil
            switch sourceName {
            case "assessment":
                componentSource = .assessment
                for key in ["base", "events", "max"] where item.value(key) != nil {
                    diagnostics.error(item.location(of: key), "“\(key)”只用于 source: duty 的考核项目；这个项目不是 source: duty，请删掉这一行",
                                      en: "\"\(key)\" only applies to a component whose source is duty")
                }
            case "duty":
                let base = item.decimal("base", diagnostics: &diagnostics) ?? ExactDecimal(100)
                var events: [DutyEvent] = []
                if let eventsNode = item.value("events"),
                   let eventFields = FieldReader(eventsNode, source: source, what: "events", diagnostics: &diagnostics) {
                    for pair in eventFields.pairs {
                        guard Identifier.isValid(pair.key) else {
                            diagnostics.error(source.location(pair.keyNode), "执勤事件的编号只能用小写字母、数字和“-”（写的是“\(pair.key)”）；中文名称请写在 name: 里，例如 absent: {name: 缺勤, points: -5}",
                                              en: "duty event \"\(pair.key)\" is not a valid id")
                            continue
                        }
                        if case .mapping = pair.value {
                            // (r2) `absent: {name: 缺勤, points: -5}`: the name may be written in duty.csv.
                            guard let event = FieldReader(pair.value, source: source, what: "duty event \"\(pair.key)\"", diagnostics: &diagnostics)
                            else { continue }
                            event.checkKeys(["name", "points"], severity: .warning, diagnostics: &diagnostics)
                            let name = event.string("name", diagnostics: &diagnostics)
                            if let points = event.decimal("points", required: true, diagnostics: &diagnostics) {
                                events.append(DutyEvent(id: pair.key, points: points, name: name))
                            }
                        } else if let points = eventFields.decimal(pair.key, required: true, diagnostics: &diagnostics) {
                            events.append(DutyEvent(id: pair.key, points: points))
                        }
                    }
                } else {
                    diagnostics.error(item.location, "source: duty 的考核项目要写 events：每种执勤事件加减多少分",
                                      en: "a duty component needs \"events\" with the points of each event")
                }
                if result.contains(where: { if case .duty = $0.source { return true } else { return false } }) {
                    diagnostics.error(item.location(of: "source"), "只能有一个考核项目从 duty.csv 计分（source: duty）；请改正多出的这一个",
                                      en: "only one component can take its score from duty.csv")
                }
                componentSource = .duty(base: base, events: events)
                dutyMax = DeductionCatalogues.dutyMax(item, base: base, diagnostics: &diagnostics)
            case "deductions":
                // (r2) The catalogue is read from data/<id>.yaml and put in by the loader.
                componentSource = .deductions(DeductionCatalogue())
                DeductionCatalogues.checkComponent(item, id: id, diagnostics: &diagnostics)
            case nil: break
            case let other?:
                diagnostics.error(item.location(of: "source"), "“source”只能写 assessment、duty 或 deductions（写的是“\(other)”）",
                                  en: "\"source\" must be assessment, duty or deductions (got \"\(other)\")")
            }
            if let id, let name, let weight, let componentSource {
                var component = ScoringComponent(id: id, name: name, weight: weight, source: componentSource)
                if let dutyMax { component.max = dutyMax }
                result.append(component)
            }
        }
        return result
    }
}
