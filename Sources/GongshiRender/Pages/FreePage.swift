import GongshiModel

/// `<slug>/index.html`: a free page from `pages/` (关于本站 ...).
struct FreePage: HTMLPage {
    static let name = "page"
    static let folder = ""
    static let template = "page"
    static let section = "pages"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "page": .object(["title": .text, "bodyHTML": .html]),
    ]
    static func all(in site: RenderSite) -> [FreePage] {
        site.content.pages.indices.map { FreePage(index: $0, slug: site.content.pages[$0].slug, origin: site.content.pages[$0].sourcePath) }
    }

    let index: Int
    let slug: String
    let origin: String
    var path: String { slug + "/index.html" }
    var subject: String { slug }

    func title(_ read: PageReader) -> String { read.freePages[index].title }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let free = read.freePages[index]
        page["page"] = ["title": free.title, "bodyHTML": free.bodyHTML] as TemplateObject
    }
}
