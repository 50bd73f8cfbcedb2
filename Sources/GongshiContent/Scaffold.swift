import GongshiFiles
import GongshiMarkdown
import GongshiModel

/// `gongshi new`: a new report, notice or unit with its front matter filled in
/// from site.yaml, so staff start from a file that already passes `check`.
public enum Scaffold {
    public struct NewFile: Sendable, Equatable {
        /// Relative to the content folder.
        public var path: String
        public var text: String
    }

    /// A mistake in the command (unknown unit, bad name): exit 2.
    public struct UsageError: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ message: String) { description = message }
    }

    /// What a new file is filled in from: site.yaml, the units, the issuers of earlier notices.
    public struct Site: Sendable {
        public var config: SiteConfig
        public var units: [Unit]
        public var issuers: [String]
    }

    /// Reads only what scaffolding needs (not the reports): site.yaml, units, and
    /// for a new notice the issuers of the earlier ones.
    public static func site(root: String, issuers wantIssuers: Bool = false) -> (Site?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        guard let bytes = FileTree.read(root + "/" + SiteConfigReader.path) else {
            diagnostics.error(SourceLocation(path: SiteConfigReader.path), "site.yaml not found in the content folder")
            return (nil, diagnostics.sorted)
        }
        guard let text = TextDecoding.utf8(bytes, path: SiteConfigReader.path, diagnostics: &diagnostics),
              let config = SiteConfigReader.read(text, diagnostics: &diagnostics) else { return (nil, diagnostics.sorted) }
        let markdown = MarkdownRenderer()
        var units: [Unit] = []
        for name in (FileTree.names(in: root + "/units") ?? []).sorted() where name.hasSuffix(".md") {
            var ignored = Diagnostics()
            if let bytes = FileTree.read(root + "/units/" + name),
               let unit = UnitReader.read(path: "units/" + name, bytes: bytes, config: config, markdown: markdown, diagnostics: &ignored) {
                units.append(unit)
            }
        }
        var issuers: [String: Int] = [:]
        var ignored = Diagnostics()
        for path in wantIssuers ? FileTree.files(under: root + "/notices", diagnostics: &ignored) : [] where path.hasSuffix(".md") {
            guard let bytes = FileTree.read(root + "/notices/" + path),
                  let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &ignored),
                  let issuer = document.fields.string("issuer", diagnostics: &ignored) else { continue }
            issuers[issuer, default: 0] += 1
        }
        let ordered = issuers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        return (Site(config: config, units: units, issuers: ordered), diagnostics.sorted)
    }

    public static func report(in site: Site, unit unitID: String, kind kindID: String, date: CalendarDate,
                              title: String?, slug: String?) throws(UsageError) -> NewFile {
        guard let unit = site.units.first(where: { $0.id == unitID }) else {
            throw UsageError(Suggest.unknown("unit", unitID, among: site.units.map(\.id), listing: true))
        }
        guard let kind = site.config.kind(kindID) else {
            throw UsageError(Suggest.unknown("activity kind", kindID, among: site.config.kinds.map(\.id), listing: true))
        }
        let name = try slugOrDefault(slug, "\(unit.id)-\(kind.id)-\(pad(date.month))\(pad(date.day))")
        var text = "---\n"
        text += "title: \(yaml(title ?? "\(unit.displayName)\(kind.name)活动"))\n"
        text += "unit: \(unit.id)\n"
        text += "date: \(date)\n"
        text += "kind: \(kind.id)\n"
        if !kind.figures.isEmpty {
            text += "figures:\n"
            let width = kind.figures.map(\.id.count).max() ?? 0
            for figure in kind.figures {
                text += "  \(figure.id): 0" + String(repeating: " ", count: width - figure.id.count) + "  # \(figure.name)\n"
            }
        }
        text += "---\n\(date.chinese)，\(unit.name)……（在这里写活动情况）\n"
        return NewFile(path: "reports/\(date.year)/\(pad(date.month))/\(name).md", text: text)
    }

    public static func notice(in site: Site, date: CalendarDate, title: String?, issuer: String?, kind: String?,
                              slug: String?) throws(UsageError) -> NewFile {
        guard let issuer = issuer ?? site.issuers.first else {
            throw UsageError("no earlier notice names an issuer; give one with --issuer (发文机关)")
        }
        let name = try slugOrDefault(slug, "tongbao-\(date.year)\(pad(date.month))\(pad(date.day))")
        var text = "---\n"
        text += "title: \(yaml(title ?? "关于……的\(kind ?? "通报")"))\n"
        text += "date: \(date)\n"
        text += "issuer: \(yaml(issuer))\n"
        text += "kind: \(yaml(kind ?? "通报"))\n"
        text += "---\n各文明单位：\n\n（在这里写正文。要嵌入排名表，写一个 ranking 代码块。）\n"
        return NewFile(path: "notices/\(date.year)/\(name).md", text: text)
    }

    public static func unit(in site: Site, id: String, name: String?, category categoryID: String?) throws(UsageError) -> NewFile {
        guard Identifier.isValid(id) else {
            throw UsageError("\"\(id)\" is not a valid unit id (lowercase letters, digits and \"-\"); it becomes the page's address")
        }
        guard let categoryID = categoryID ?? site.config.categories.first?.id else { throw UsageError("site.yaml has no categories") }
        guard let category = site.config.category(categoryID) else {
            throw UsageError(Suggest.unknown("category", categoryID, among: site.config.categories.map(\.id), listing: true))
        }
        var text = "---\n"
        text += "name: \(yaml(name ?? id))\n"
        text += "category: \(category.id)  # \(category.name)\n"
        text += "status: active\n"
        text += "---\n（在这里写单位简介。）\n"
        return NewFile(path: "units/\(id).md", text: text)
    }

    private static func slugOrDefault(_ slug: String?, _ fallback: String) throws(UsageError) -> String {
        let name = slug ?? fallback
        guard Identifier.isValid(name) else {
            throw UsageError("\"\(name)\" is not a valid file name (lowercase letters, digits and \"-\"); it becomes the page's address")
        }
        return name
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A YAML scalar that reads back as exactly `text`.
    static func yaml(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
