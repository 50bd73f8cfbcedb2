import GongshiModel

/// `data/units.json`: every unit with its activity totals, volunteer points and plan progress, as open data.
struct UnitsJSON: PageKind {
    static let name = "units-json"
    static let folder = "data"
    static func all(in site: RenderSite) -> [UnitsJSON] { [UnitsJSON()] }

    var path: String { "data/units.json" }
    var subject: String { "" }
    var origin: String { "units" }

    func contents(_ read: PageReader) -> PageContents { .text(OpenData.unitsJSON(read)) }
}
