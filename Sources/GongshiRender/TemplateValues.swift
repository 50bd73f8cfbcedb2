import GongshiModel

/// What each template's context holds: the values every page gets and the shapes
/// several pages share are declared here, each kind's own in its file in `Pages/`. The theme is checked against these when it is loaded; a test
/// renders the example site and checks every context against them, and another checks
/// docs/templates.md against them, so the three cannot drift apart.
public enum TemplateValues {
    /// The shape of the context `template` is rendered with; nil for templates the
    /// renderer never renders by name (layouts, partials included by other templates).
    public static func shape(forTemplate template: String) -> TemplateShape? { templates[template] }

    /// Every template the page kinds render by name, with its context.
    public static var templates: [String: TemplateShape] { declared.value }

    /// Every template the page kinds render by name, with its context: each kind's `values`
    /// on top of `everyPage`, and the partials a kind renders itself.
    private static let declared = Lazy<[String: TemplateShape]> {
        var result: [String: TemplateShape] = [:]
        for case let kind as any HTMLPage.Type in SiteRenderer.kinds {
            result[kind.template] = page(kind.values)
            for (name, values) in kind.partials { result[name] = page(values) }
        }
        return result
    }

    // MARK: Every page

    /// What every page's context starts with (`PageReader.base`), used by `layouts/base`.
    public static let everyPage: TemplateShape = .object([
        "site": .object(["title": .text, "language": .text]),
        "root": .text,
        "title": .text,
        "section": .text,
        "isHome": .flag,
        "nav": .list(of: ["label": .text, "href": .link, "current": .flag]),
        "asOf": .text,
        "asOfISO": .text,
        "footerPages": .list(of: ["title": .text, "href": .link]),
        "supervision": .optional(supervision),
        // (issue 12) for search engines and link previews: the page's summary, its absolute URL, og:type
        "description": .text, "canonical": .text, "ogType": .text,
    ])

    static func page(_ fields: TemplateFields) -> TemplateShape { everyPage.adding(fields) }

    // MARK: Shared shapes

    public static let unitLink: TemplateShape = .object([
        "id": .text, "name": .text, "shortName": .text, "href": .link, "statusLabel": .text, "isActive": .flag,
        "community": .optional(.text),
    ])

    public static let reportSummary: TemplateShape = .object([
        "title": .text, "href": .link, "date": .text, "dateISO": .text, "kindName": .text, "kindHref": .link,
        "unitName": .text, "unitHref": .link, "excerpt": .optional(.text),
    ])

    public static let noticeSummary: TemplateShape = .object([
        "title": .text, "href": .link, "kind": .text, "issuer": .text, "docNumber": .optional(.text),
        "date": .text, "dateISO": .text,
        "publicPeriod": .optional(.text), "publicState": .optional(.text), "publicStateId": .optional(.text), "isOpen": .flag,
    ])

    /// (r2) 监督 contacts; `phoneHref` and `emailHref` are `tel:` and `mailto:` links.
    public static let supervision: TemplateShape = .object([
        "phone": .optional(.text), "phoneHref": .optional(.text), "email": .optional(.text), "emailHref": .optional(.text),
        "address": .optional(.text), "hours": .optional(.text),
    ])

    public static let figure: TemplateShape = .object(["name": .text, "value": .text])

    public static let kindTotal: TemplateShape = .object([
        "id": .text, "name": .text, "href": .link, "count": .number, "figures": .list(figure),
    ])

    public static let change: TemplateShape = .object([
        "text": .text, "label": .text, "up": .flag, "down": .flag, "same": .flag, "new": .flag,
    ])

    public static let rankingRow: TemplateShape = .object([
        "rank": .number, "shared": .flag, "unitId": .text, "name": .text, "href": .link,
        "scores": .list(of: ["id": .text, "name": .text, "value": .text]), "total": .text, "change": change,
    ])

    public static let rankingTable: TemplateShape = .object([
        "caption": .text, "periodName": .text, "categoryName": .text,
        "components": .list(of: ["id": .text, "name": .text, "weight": .text]),
        "rows": .list(rankingRow), "isEmpty": .flag,
    ])

    public static let period: TemplateShape = .object([
        "id": .text, "name": .text, "start": .text, "end": .text, "href": .link, "jsonHref": .link, "csvHref": .link,
        "tables": .list(rankingTable),
        // (issue 12) the open data behind the tables; `top`: only the first ones of each category are shown
        "dataFiles": .list(dataFile), "top": .optional(.number),
    ])

    public static let pager: TemplateShape = .object([
        "current": .number, "total": .number, "prevHref": .optional(.link), "nextHref": .optional(.link),
        "pages": .list(of: ["number": .number, "href": .link, "current": .flag]),
    ])

    public static let planItem: TemplateShape = .object([
        "id": .text, "problem": .text, "measures": .optional(.text), "leaders": .optional(.text),
        "department": .optional(.text), "deadline": .text, "deadlineISO": .text, "ongoing": .flag,
        "status": .text, "statusLabel": .text, "overdue": .flag, "doneOn": .optional(.text), "doneLate": .flag,
        "slip": .optional(.text), "slipLabel": .optional(.text),
        "anchor": .text, "group": .optional(.text), "slipMeaning": .optional(.text),
        "slips": .list(of: ["color": .text, "name": .text, "meaning": .text, "date": .text, "dateISO": .text, "note": .optional(.text)]),
        "evidence": .list(of: ["title": .text, "href": .link, "date": .text, "dateISO": .text]),
    ])

    public static let planDetail: TemplateShape = .object([
        "unitId": .text, "unitName": .text, "unitHref": .link, "title": .text,
        "itemCount": .number, "doneCount": .number, "overdueCount": .number, "doneLateCount": .number,
        "percent": .number, "progress": .text, "currentStage": .optional(.text),
        "stages": .list(of: ["name": .text, "start": .text, "end": .text, "current": .flag]),
        "items": .list(planItem),
        "groups": .list(of: ["name": .optional(.text), "itemCount": .number, "doneCount": .number, "items": .list(planItem)]),
        "slipLegend": .list(of: ["color": .text, "name": .text, "meaning": .text]),
        "review": .optional(.object([
            "appliedOn": .optional(.text), "date": .optional(.text), "result": .optional(.text), "pending": .flag,
            "noticeTitle": .optional(.text), "noticeHref": .optional(.link),
        ])),
        "liveHref": .link,
    ])

    /// The shared shapes by the names docs/templates.md gives them.
    public static let shared: [(name: String, shape: TemplateShape)] = [
        ("supervision", supervision), ("everyPage", everyPage), ("unitLink", unitLink), ("reportSummary", reportSummary),
        ("noticeSummary", noticeSummary), ("figure", figure), ("kindTotal", kindTotal), ("change", change), ("rankingRow", rankingRow),
        ("rankingTable", rankingTable),
        ("dataFile", dataFile), ("bar", bar), ("barChart", barChart), ("period", period), ("pager", pager), ("planItem", planItem), ("planDetail", planDetail),
    ]
}
