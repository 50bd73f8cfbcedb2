import GongshiModel

/// The machine-readable files: ranking JSON and CSV per period, units.json,
/// the Atom feed and the sitemap. Written by hand, not through templates, so
/// key order and escaping never depend on a theme.
public enum OpenData {
    public static func rankingJSON(_ ranking: PeriodRanking, units: [String: Unit], config: SiteConfig) -> String {
        var out = "{\"period\": \(Escape.json(ranking.period.id)), \"name\": \(Escape.json(ranking.period.name)), \"categories\": ["
        for (c, category) in ranking.categories.enumerated() {
            if c > 0 { out += "," }
            out += "\n  {\"id\": \(Escape.json(category.category.id)), \"name\": \(Escape.json(category.category.name)), \"rows\": ["
            for (r, row) in category.rows.enumerated() {
                if r > 0 { out += "," }
                let scores = config.components.compactMap { component in
                    row.scores.components[component.id].map { "\(Escape.json(component.id)): \($0)" }
                }.joined(separator: ", ")
                out += "\n    {\"rank\": \(row.rank), \"unit\": \(Escape.json(row.unit)), \"name\": \(Escape.json(units[row.unit]?.name ?? row.unit)), "
                out += "\"total\": \(row.scores.total), \"scores\": {\(scores)}, \"change\": \(row.change.map(String.init) ?? "null")}"
            }
            out += category.rows.isEmpty ? "]}" : "\n  ]}"
        }
        return out + "\n]}\n"
    }

    /// `category,rank,unit,name,total,<component ids...>,change`, one row per ranked unit.
    public static func rankingCSV(_ ranking: PeriodRanking, units: [String: Unit], config: SiteConfig) -> String {
        var lines = [(["category", "rank", "unit", "name", "total"] + config.components.map(\.id) + ["change"])
            .map { Escape.csv($0) }.joined(separator: ",")]
        for category in ranking.categories {
            for row in category.rows {
                var cells = [Escape.csv(category.category.id), String(row.rank), Escape.csv(row.unit),
                             Escape.csv(units[row.unit]?.name ?? row.unit), row.scores.total.description]
                cells += config.components.map { row.scores.components[$0.id]?.description ?? "" }
                cells.append(row.change.map(String.init) ?? "")
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One object per unit, ordered by id. Kinds with no reports, periods with
    /// no volunteer row and units with no plan are left out of their maps.
    static func unitsJSON(_ read: PageReader) -> String {
        let config = read.config, units = read.units
        var out = "["
        for (index, unit) in units.enumerated() {
            if index > 0 { out += "," }
            out += "\n  {\"id\": \(Escape.json(unit.id)), \"name\": \(Escape.json(unit.name)), "
            out += "\"category\": \(Escape.json(unit.category)), \"status\": \(Escape.json(unit.status(on: read.asOf).rawValue)),\n   \"activities\": {"
            let totals = read.totals(.unit(unit.id))
            out += totals.map { total in
                let kind = config.kind(total.kind)
                let figures = (kind?.figures ?? []).map { "\(Escape.json($0.id)): \(total.figures[$0.id] ?? .zero)" }.joined(separator: ", ")
                return "\(Escape.json(total.kind)): {\"count\": \(total.count), \"figures\": {\(figures)}}"
            }.joined(separator: ", ")
            out += "},\n   \"volunteer\": {"
            out += read.volunteer(unit: unit.id).map { standing in
                "\(Escape.json(standing.period)): {\"points\": \(standing.points), \"per_head\": \(standing.perHead?.description ?? "null"), "
                    + "\"target_met\": \(standing.targetMet.map { $0 ? "true" : "false" } ?? "null")}"
            }.joined(separator: ", ")
            out += "},\n   \"rectification\": "
            if let plan = read.plan(unit: unit.id) {
                let progress = read.progress(plan)
                out += "{\"items\": \(progress.itemCount), \"done\": \(progress.done), \"overdue\": \(progress.overdue)}"
            } else {
                out += "null"
            }
            out += ",\n   \"status_history\": " + statusHistoryJSON(unit, asOf: read.asOf)
            out += ",\n   " + evidenceJSON(unit, read)  // (r2)
            if let years = volunteerYearsJSON(unit, read) { out += ",\n   \"volunteer_years\": " + years }
            out += "}"
        }
        return out + (units.isEmpty ? "]\n" : "\n]\n")
    }

    public struct FeedEntry {
        var title: String
        var path: String
        var date: CalendarDate
        var summary: String
        var category: String
    }

    /// Atom feed of the newest notices and reports.
    public static func atom(entries: [FeedEntry], config: SiteConfig, asOf: CalendarDate, limit: Int = 50) -> String {
        let sorted = entries.sorted { $0.date != $1.date ? $0.date > $1.date : $0.path < $1.path }.prefix(limit)
        func time(_ date: CalendarDate) -> String { "\(date)T00:00:00+08:00" }
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escape.xml(config.language))">
          <title>\(Escape.xml(config.title))</title>
          <id>\(Escape.xml(config.baseURL))</id>
          <link rel="alternate" type="text/html" href="\(Escape.xml(config.baseURL))"/>
          <link rel="self" type="application/atom+xml" href="\(Escape.xml(config.baseURL + "feed.xml"))"/>
          <updated>\(time(sorted.first?.date ?? asOf))</updated>

        """
        for entry in sorted {
            let url = Escape.xml(config.baseURL + Links.encode(entry.path) + "/")
            out += """
              <entry>
                <title>\(Escape.xml(entry.title))</title>
                <id>\(url)</id>
                <link rel="alternate" type="text/html" href="\(url)"/>
                <updated>\(time(entry.date))</updated>
                <author><name>\(Escape.xml(config.title))</name></author>
                <category term="\(Escape.xml(entry.category))"/>
                <summary>\(Escape.xml(entry.summary))</summary>
              </entry>

            """
        }
        return out + "</feed>\n"
    }

    /// Every HTML page with its absolute URL under base_url.
    public static func sitemap(pages: [String], config: SiteConfig) -> String {
        sitemap(sorted: pages.sorted()[...], config: config)
    }

    /// (issue 13) A `<urlset>` of pages already in order (one file of a large site's sitemap).
    static func sitemap(sorted pages: ArraySlice<String>, config: SiteConfig) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            let folder = page == "index.html" ? "" : String(page.dropLast("index.html".count))
            out += "  <url><loc>\(Escape.xml(config.baseURL + Links.encode(folder)))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    /// (issue 13) A `<sitemapindex>` of the sitemap files at `paths` (site-relative), absolute under base_url.
    static func sitemapIndex(_ paths: [String], config: SiteConfig) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths {
            out += "  <sitemap><loc>\(Escape.xml(config.baseURL + Links.encode(path)))</loc></sitemap>\n"
        }
        return out + "</sitemapindex>\n"
    }
}
