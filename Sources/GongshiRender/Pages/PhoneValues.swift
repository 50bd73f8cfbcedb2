import GongshiModel

/// (issue 12) What pages give for readers on phones and for links shared in chat apps: the numbers of
/// the charts (a bar's length is a percentage for `style="width:…%"`, its number is always beside it as
/// text), the open-data files behind a page's tables, and a page's description for search engines and
/// link previews. Everything is read through the reader, so it is recorded.
extension TemplateValues {
    /// An open-data file behind a page's tables: `label` (`JSON`, `CSV`), `href`, `type` (its media type).
    public static let dataFile: TemplateShape = .object(["label": .text, "href": .link, "type": .text])

    /// One bar of a chart: its `label` (a link when `labelHref` is given), its number as text (`value`) and its
    /// length in per cent (`percent`, one decimal: `42.5`).
    public static let bar: TemplateShape = .object([
        "label": .text, "labelHref": .optional(.link), "value": .text, "percent": .text,
    ])

    /// A bar chart drawn as a table (`partials/bar-chart`): `caption`, the two columns' headings, an
    /// optional `note` on how the bars are scaled, and the bars.
    public static let barChart: TemplateShape = .object([
        "caption": .text, "labelHeading": .text, "valueHeading": .text, "note": .optional(.text), "bars": .list(bar),
    ])
}

extension PageReader {
    /// `part / whole` in per cent with one decimal, half up, kept within 0–100 ("0.0" when `whole` is 0).
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0" }
        let value = ExactDecimal.quotient(ExactDecimal(max(0, min(part, whole)) * 100), ExactDecimal(whole), scale: 1) ?? .zero
        return value.description
    }

    /// `value` out of `full` in per cent, as `percent(_:of:)` does, for decimals (scores).
    static func percent(_ value: ExactDecimal, of full: ExactDecimal) -> String {
        guard full > .zero else { return "0.0" }
        let clamped = value.clamped(.zero, full)
        return (ExactDecimal.quotient(clamped * ExactDecimal(100), full, scale: 1) ?? .zero).description
    }

    // MARK: Open data

    func dataFile(_ label: String, _ path: String, type: String) -> TemplateObject {
        ["label": label, "href": root + Links.encode(path), "type": type]
    }

    /// A period's ranking as JSON and CSV (`data/rankings-<period>.json`, `.csv`).
    func rankingFiles(period: String) -> [TemplateObject] {
        [dataFile("JSON", "data/rankings-\(period).json", type: "application/json"),
         dataFile("CSV", "data/rankings-\(period).csv", type: "text/csv")]
    }

    /// `data/units.json`: every unit with its activities, volunteer points, duty, deductions and plan progress.
    var unitsFile: [TemplateObject] { [dataFile("units.json", "data/units.json", type: "application/json")] }
    /// `data/reports.json`: every published report's front matter.
    var reportsFile: [TemplateObject] { [dataFile("reports.json", "data/reports.json", type: "application/json")] }

    // MARK: Charts

    /// Reports per month over the months of the assessment periods up to the as-of date (the last 24 at
    /// most), for the site (`.site`) or one kind (`.kind(id)`); nil when there is no report in those months.
    /// Bars are scaled to the busiest month. Noted as the totals, whose value includes the months.
    func monthlyChart(_ key: Dependency.ActivityTotals, kindName: String? = nil) -> TemplateObject? {
        note(.totals(key))
        let activities = site.activities
        let counts: [Int: Int]
        switch key {
        case .site: counts = activities.siteMonths
        case .kind(let id): counts = activities.kindMonths[id] ?? [:]
        case .unit, .community: return nil
        }
        let periods = config.periods
        let end = min(asOf, periods.map(\.end).max() ?? asOf)
        let last = ActivityIndex.monthKey(end)
        let first = max(periods.map(\.start).min().map(ActivityIndex.monthKey) ?? last - 11, last - 23)
        guard first <= last else { return nil }
        let months = Array(first...last)
        let values = months.map { counts[$0] ?? 0 }
        guard let most = values.max(), most > 0 else { return nil }
        let oneYear = first / 12 == last / 12
        func name(_ month: Int) -> String { oneYear ? "\(month % 12 + 1)月" : "\(month / 12)年\(month % 12 + 1)月" }
        let span = oneYear ? "\(first / 12)年\(first % 12 + 1)月至\(last % 12 + 1)月" : "\(name(first))至\(name(last))"
        return [
            "caption": "\(span)每月\(kindName ?? "")活动报道数",
            "labelHeading": "月份", "valueHeading": "报道数（篇）",
            "note": "条形长度按报道最多的月份（\(ExactDecimal(most).grouped) 篇）计。",
            "bars": zip(months, values).map { month, count -> TemplateObject in
                ["label": name(month), "value": ExactDecimal(count).grouped, "percent": Self.percent(count, of: most)]
            },
        ]
    }

    // MARK: Descriptions

    /// `text` in one line, cut to `limit` characters with an ellipsis: what a link preview shows (search results
    /// and chat apps show about 80 Chinese characters).
    static func clip(_ text: String, _ limit: Int = 80) -> String {
        let line = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
