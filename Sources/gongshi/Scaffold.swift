import GongshiContent
import GongshiModel
import GongshiRender

/// `gongshi new`: a new report, notice or unit with its front matter filled in
/// from site.yaml, so staff start from a file that already passes `check`.
enum Scaffold {
    /// What a new file is filled in from (read by GongshiContent).
    typealias Site = SiteOutline

    struct NewFile: Sendable, Equatable {
        /// Relative to the content folder.
        var path: String
        var text: String
    }

    /// A mistake in the command (unknown unit, bad name): exit 2.
    struct UsageError: Error, CustomStringConvertible, Sendable {
        let description: String
        init(_ message: String) { description = message }
    }

    static func report(in site: Site, unit unitID: String, kind kindID: String, date: CalendarDate,
                       title: String?, slug: String?) throws(UsageError) -> NewFile {
        let unit = try resolve(NameTable.units(site.units), unitID) { id in site.units.first { $0.id == id } }
        let kind = try resolve(NameTable.kinds(site.config), kindID, site.config.kind)
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

    static func notice(in site: Site, date: CalendarDate, title: String?, issuer: String?, kind: String?,
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

    static func unit(in site: Site, id: String, name: String?, category categoryID: String?) throws(UsageError) -> NewFile {
        guard Identifier.isValid(id) else {
            throw UsageError("\"\(id)\" is not a valid unit id (lowercase letters, digits and \"-\"); it becomes the page's address")
        }
        guard let categoryID = categoryID ?? site.config.categories.first?.id else { throw UsageError("site.yaml has no categories") }
        let category = try resolve(NameTable.categories(site.config), categoryID, site.config.category)
        var text = "---\n"
        text += "name: \(yaml(name ?? id))\n"
        text += "category: \(category.id)  # \(category.name)\n"
        text += "status: active\n"
        text += "---\n（在这里写单位简介。）\n"
        return NewFile(path: "units/\(id).md", text: text)
    }

    /// What a unit, kind or category argument names: its id, or its exact name when unique.
    private static func resolve<T>(_ names: NameTable, _ text: String, _ find: (String) -> T?) throws(UsageError) -> T {
        switch names.lookup(text) {
        case .success(let id): if let found = find(id) { return found }
            throw UsageError(names.unknownMessage(text))
        case .failure(let failure): throw UsageError(failure.message)
        }
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
