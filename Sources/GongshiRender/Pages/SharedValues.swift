import GongshiModel

/// What every page shows the same way (site title, navigation, footer), made once per build.
struct SharedValues: Sendable {
    var site: TemplateObject
    /// The navigation with each section marked current ("" for none).
    var nav: [String: [TemplateObject]]
    var footerPages: [TemplateObject]
    var asOf: String
    var asOfISO: String
    /// (r2) The site's 监督 contacts, in every page's footer.
    var supervision: TemplateObject?
    /// (issue 12) base_url, for canonical URLs.
    var baseURL: String
    var siteTitle: String

    init(content: SiteContent, computation: SiteComputation) {
        let sections = SiteRenderer.navigation
        site = ["title": content.config.title, "language": content.config.language]
        var nav: [String: [TemplateObject]] = [:]
        for current in sections.map(\.0) + [""] {
            nav[current] = sections.map { ["label": $0.1, "href": SiteLink(Links.page($0.2)), "current": $0.0 == current] as TemplateObject }
        }
        self.nav = nav
        footerPages = content.pages.sorted { $0.slug < $1.slug }.map { ["title": $0.title, "href": SiteLink(Links.page($0.slug))] as TemplateObject }
        asOf = computation.asOf.chinese
        asOfISO = computation.asOf.description
        supervision = SupervisionValue.make(content.config.supervision)
        baseURL = content.config.baseURL
        siteTitle = content.config.title
    }
}

extension PageReader {
    /// The values every page gets: the site, links home, the navigation and footer, the as-of date.
    func base(outputPath: String, title: String, section: String) -> TemplateObject {
        note(1 | 8)  // the site's title and language; the free pages in the footer
        let shared = site.shared
        return [
            "site": shared.site,
            "root": root,
            "title": title,
            "section": section,
            "isHome": section == "home",
            "nav": shared.nav[section] ?? shared.nav[""]!,
            "asOf": shared.asOf,
            "asOfISO": shared.asOfISO,
            "footerPages": shared.footerPages,
            "supervision": shared.supervision,
            // (issue 12) pages with something better to say give their own `description` (and `ogType`).
            "description": section == "home" ? "\(shared.siteTitle)：文明单位创建的考核排名、活动报道、通报公告和整改进展。"
                : "\(title)｜\(shared.siteTitle)：文明单位创建的考核排名、活动报道、通报公告和整改进展。",
            "canonical": Self.canonical(outputPath, baseURL: shared.baseURL),
            "ogType": "website",
        ]
    }

    /// The page's absolute URL under base_url, as the sitemap writes it (a folder, not its index.html).
    static func canonical(_ outputPath: String, baseURL: String) -> String {
        let folder = outputPath == "index.html" ? "" : outputPath.hasSuffix("/index.html") ? String(outputPath.dropLast("index.html".count)) : outputPath
        return baseURL + Links.encode(folder)
    }

}
