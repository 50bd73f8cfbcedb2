import GongshiModel

/// `units/index.html`: every unit, by category.
struct UnitsIndexPage: HTMLPage {
    static let name = "units"
    static let folder = "units"
    static let menu: String? = "文明单位"
    static let template = "units"
    static let section = "units"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "categories": .list(of: ["id": .text, "name": .text, "units": .list(TemplateValues.unitLink)]),
        "dataFiles": .list(TemplateValues.dataFile),  // (issue 12) the open data behind the page
    ]
    static func all(in site: RenderSite) -> [UnitsIndexPage] { [UnitsIndexPage()] }

    var path: String { "units/index.html" }
    var subject: String { "" }
    var origin: String { "units index" }

    func title(_ read: PageReader) -> String { "文明单位" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["dataFiles"] = read.unitsFile
        let units = read.units
        page["categories"] = read.config.categories.map { category -> TemplateObject in
            ["id": category.id, "name": category.name,
             "units": units.filter { $0.category == category.id }.map { read.unitLink($0) }]
        }
    }
}
