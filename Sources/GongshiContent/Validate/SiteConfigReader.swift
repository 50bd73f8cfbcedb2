import GongshiModel
import Yams

/// Reads `site.yaml` into a `SiteConfig`, reporting every problem.
enum SiteConfigReader {
    static let path = "site.yaml"

    static func read(_ text: String, diagnostics: inout Diagnostics) -> SiteConfig? {
        let source = YAMLSource(path: path)
        guard let root = source.compose(text, diagnostics: &diagnostics) else {
            if !diagnostics.hasErrors { diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "site.yaml is empty") }
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
                diagnostics.error(fields.location(of: "base_url"), "\"base_url\" must start with https:// or http://")
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
        if let scoringNode = fields.value("scoring"),
           let scoring = FieldReader(scoringNode, source: source, what: "scoring", diagnostics: &diagnostics) {
            scoring.checkKeys(["components", "volunteer_points_target"], severity: .warning, diagnostics: &diagnostics)
            components = readComponents(scoring, source: source, diagnostics: &diagnostics)
            target = scoring.decimal("volunteer_points_target", diagnostics: &diagnostics)
            if let t = target, t.isNegative {
                diagnostics.error(scoring.location(of: "volunteer_points_target"), "\"volunteer_points_target\" must not be negative")
            }
        } else if fields.value("scoring") == nil {
            diagnostics.error(fields.location, "site.yaml is missing the required field \"scoring\"")
        }
        // (r2) The 监督 contacts and the slips' names.
        let supervision = fields.value("supervision").flatMap {
            PublicNoticeReaders.supervision($0, source: source, diagnostics: &diagnostics)
        }
        let slips = fields.value("slips").map { PublicNoticeReaders.slips($0, source: source, diagnostics: &diagnostics) } ?? SlipKinds()
        guard let title, diagnostics.errors.count == errorsBefore else { return nil }
        var config = SiteConfig(title: title, baseURL: baseURL, language: language, asOf: asOf, categories: categories,
                                periods: periods, kinds: kinds, components: components, volunteerPointsTarget: target)
        config.supervision = supervision
        config.slips = slips
        return config
    }

    private static func list(_ key: String, _ fields: FieldReader, diagnostics: inout Diagnostics) -> [Node] {
        guard let node = fields.value(key) else {
            diagnostics.error(fields.location, "site.yaml is missing the required field \"\(key)\"")
            return []
        }
        guard case .sequence(let sequence) = node else {
            diagnostics.error(fields.source.location(node), "\"\(key)\" must be a list (lines starting with \"- \")")
            return []
        }
        return Array(sequence)
    }

    private static func uniqueID(_ id: String?, _ seen: inout [String: Int], at fields: FieldReader, what: String,
                                 diagnostics: inout Diagnostics) -> String? {
        guard let id else { return nil }
        if let line = seen[id] {
            diagnostics.error(fields.location(of: "id"), "duplicate \(what) id \"\(id)\" (first on line \(line))")
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
                diagnostics.error(item.location(of: "end"), "period \"\(id)\" ends (\(end)) before it starts (\(start))")
                continue
            }
            if let last = result.last, start <= last.end {
                diagnostics.error(item.location(of: "start"),
                                  "period \"\(id)\" starts \(start), before period \"\(last.id)\" ends (\(last.end)); periods must be oldest first and must not overlap")
                continue
            }
            result.append(Period(id: id, name: name, start: start, end: end))
        }
        return result
    }

    static func readKinds(_ fields: FieldReader, source: YAMLSource, diagnostics: inout Diagnostics) -> [ActivityKind] {
        guard let node = fields.value("activity_kinds") else {
            diagnostics.error(fields.location, "site.yaml is missing the required field \"activity_kinds\"")
            return []
        }
        guard let kinds = FieldReader(node, source: source, what: "activity_kinds", diagnostics: &diagnostics) else { return [] }
        var result: [ActivityKind] = []
        for pair in kinds.pairs {
            guard Identifier.isValid(pair.key) else {
                diagnostics.error(source.location(pair.keyNode), "activity kind \"\(pair.key)\" is not a valid id (lowercase letters, digits and \"-\")")
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
                        diagnostics.error(source.location(figure.keyNode), "figure \"\(figure.key)\" must be a name of lowercase letters, digits and \"_\"")
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
            item.checkKeys(["id", "name", "weight", "source", "base", "events"], severity: .warning, diagnostics: &diagnostics)
            let id = uniqueID(item.identifier("id", required: true, diagnostics: &diagnostics), &seen, at: item, what: "component", diagnostics: &diagnostics)
            let name = item.string("name", required: true, diagnostics: &diagnostics)
            let weight = item.decimal("weight", required: true, diagnostics: &diagnostics)
            if let weight, !(weight > .zero) {
                diagnostics.error(item.location(of: "weight"), "\"weight\" must be greater than 0")
            }
            let sourceName = item.string("source", required: true, diagnostics: &diagnostics)
            var componentSource: ScoringComponent.Source? = nil
            switch sourceName {
            case "assessment":
                componentSource = .assessment
                for key in ["base", "events"] where item.value(key) != nil {
                    diagnostics.error(item.location(of: key), "\"\(key)\" only applies to a component whose source is duty")
                }
            case "duty":
                let base = item.decimal("base", diagnostics: &diagnostics) ?? ExactDecimal(100)
                var events: [DutyEvent] = []
                if let eventsNode = item.value("events"),
                   let eventFields = FieldReader(eventsNode, source: source, what: "events", diagnostics: &diagnostics) {
                    for pair in eventFields.pairs {
                        guard Identifier.isValid(pair.key) else {
                            diagnostics.error(source.location(pair.keyNode), "duty event \"\(pair.key)\" is not a valid id")
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
                    diagnostics.error(item.location, "a duty component needs \"events\" with the points of each event")
                }
                if result.contains(where: { if case .duty = $0.source { return true } else { return false } }) {
                    diagnostics.error(item.location(of: "source"), "only one component can take its score from duty.csv")
                }
                componentSource = .duty(base: base, events: events)
            case nil: break
            case let other?:
                diagnostics.error(item.location(of: "source"), "\"source\" must be assessment or duty (got \"\(other)\")")
            }
            if let id, let name, let weight, let componentSource {
                result.append(ScoringComponent(id: id, name: name, weight: weight, source: componentSource))
            }
        }
        return result
    }
}
