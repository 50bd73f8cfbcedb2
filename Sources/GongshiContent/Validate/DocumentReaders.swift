import GongshiMarkdown
import GongshiModel

/// A Markdown file's front matter fields and body.
struct ParsedDocument {
    var fields: FieldReader
    var body: String
    var bodyLine: Int

    /// - Parameter simple: read the front matter with `SimpleFrontMatter`, giving nil when it is
    ///   not in that simple form; the nodes then have no positions, so a caller must read the
    ///   file again without `simple` if anything is to be reported.
    static func parse(path: String, bytes: [UInt8], diagnostics: inout Diagnostics, simple: Bool = false) -> ParsedDocument? {
        guard let text = TextDecoding.utf8(bytes, path: path, diagnostics: &diagnostics) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "文件是空的；开头要有用两行“---”围起来的字段（front matter）",
                              en: "the file is empty; it needs front matter between \"---\" lines")
            return nil
        }
        switch FrontMatterDocument.split(text) {
        case .failure(.missing):
            diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "文件要以开头的字段（front matter）开始：第一行写“---”，然后是字段，再写一行“---”",
                              en: "the file must start with front matter: a \"---\" line, the fields, and another \"---\" line")
            return nil
        case .failure(.unclosed):
            diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "从这里开始的字段（front matter）没有结束：请在最后一个字段下面加一行“---”",
                              en: "the front matter starting here is never closed with a \"---\" line")
            return nil
        case .success(let document):
            let source = YAMLSource(path: path, firstLine: document.yamlLine)
            if simple {
                guard let root = SimpleFrontMatter.compose(document.yaml),
                      let fields = FieldReader(root, source: source, what: "the front matter", diagnostics: &diagnostics) else { return nil }
                return ParsedDocument(fields: fields, body: document.body, bodyLine: document.bodyLine)
            }
            guard let root = source.compose(document.yaml, diagnostics: &diagnostics) else {
                if document.yaml.allSatisfy(\.isWhitespace) {
                    diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "两行“---”之间没有任何字段；请写上 title、date 等字段",
                                      en: "the front matter is empty")
                }
                return nil
            }
            guard let fields = FieldReader(root, source: source, what: "the front matter", diagnostics: &diagnostics,
                                           at: SourceLocation(path: path, line: 2, column: 1)) else { return nil }
            if document.yaml.utf8.contains(UInt8(ascii: "#")) {
                YAMLPrecheck.checkCommentCut(["title", "name", "short_name", "issuer", "doc_number"], in: fields, yaml: document.yaml,
                                             diagnostics: &diagnostics)
            }
            return ParsedDocument(fields: fields, body: document.body, bodyLine: document.bodyLine)
        }
    }
}

extension ParsedDocument {
    /// Reads with `SimpleFrontMatter` first (no libyaml); when that declines, or the reading has
    /// anything at all to report, reads again in full so every message carries its position.
    static func simpleFirst<T>(_ diagnostics: inout Diagnostics, _ read: (inout Diagnostics, Bool) -> T?) -> T? {
        var quiet = Diagnostics()
        if let value = read(&quiet, true), quiet.all.isEmpty { return value }
        return read(&diagnostics, false)
    }
}

/// What later readers need to know about units before the units are read in full.
struct UnitDirectory: Sendable {
    var units: [String: Unit] { didSet { names = .units(units.values) } }
    /// The units' ids, names and short names.
    private(set) var names: NameTable

    init(units: [String: Unit]) {
        self.units = units
        names = .units(units.values)
    }

    /// The unit named by its id, or by its exact name or short name when only one unit has it.
    func resolve(_ text: String?, key: String, at location: SourceLocation, diagnostics: inout Diagnostics) -> Unit? {
        guard let id = names.resolve(text, at: location, diagnostics: &diagnostics) else { return nil }
        return units[id]
    }
}

enum Names {
    /// Community names become folder names: no separators, no dot-only names, no control characters.
    static func checkCommunity(_ name: String?, at location: SourceLocation, diagnostics: inout Diagnostics) -> String? {
        guard let name else { return nil }
        let bytes = name.utf8
        let bad = bytes.first == UInt8(ascii: ".") || bytes.count > 200
            || bytes.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0x7F }
            || name.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }  // the C1 controls
        if bad {
            diagnostics.error(location,
                              "社区名称“\(name)”会用作社区网页的地址，但名称里不能有“/”“\\”或看不见的控制字符，不能以“.”开头，也不能太长（最多约 60 个汉字）；请改正社区名称",
                              en: "community name \"\(name)\" cannot be used as a page address (no \"/\", \"\\\", leading \".\" or control characters)")
            return nil
        }
        return name
    }
}

enum UnitReader {
    static let fields = ["name", "short_name", "category", "status", "community", "intersection", "staff", "history"]

    /// - Parameter notices: (r2) the notices' page paths (`notices/2018/x`), which a history's `notice` must name; nil: not checked.
    static func read(path: String, bytes: [UInt8], config: SiteConfig, markdown: MarkdownRenderer, notices: Set<String>? = nil,
                     diagnostics: inout Diagnostics) -> Unit? {
        ParsedDocument.simpleFirst(&diagnostics) { diagnostics, simple in
            read(path: path, bytes: bytes, config: config, markdown: markdown, notices: notices, diagnostics: &diagnostics, simple: simple)
        }
    }

    private static func read(path: String, bytes: [UInt8], config: SiteConfig, markdown: MarkdownRenderer, notices: Set<String>?,
                             diagnostics: inout Diagnostics, simple: Bool) -> Unit? {
        let id = String(path.dropFirst("units/".count).dropLast(".md".count))
        guard Identifier.isValid(id) else {
            diagnostics.error(SourceLocation(path: path),
                              "文件名“\(id)”就是单位编号，只能用小写英文字母、数字和“-”（例如 shuiwu.md）；请给文件改名",
                              en: "\"\(id)\" is not a valid unit id (lowercase letters, digits and \"-\"); rename the file")
            return nil
        }
        guard let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &diagnostics, simple: simple) else { return nil }
        let f = document.fields
        f.checkKeys(fields, severity: .warning, diagnostics: &diagnostics)
        let before = diagnostics.errors.count
        let name = f.string("name", required: true, diagnostics: &diagnostics)
        let category = NameTable.categories(config).resolve(f.string("category", required: true, diagnostics: &diagnostics),
                                                            at: f.location(of: "category"), diagnostics: &diagnostics)
        var status = UnitStatus.active
        if let id = NameTable.unitStatuses.resolve(f.string("status", diagnostics: &diagnostics), at: f.location(of: "status"),
                                                   diagnostics: &diagnostics) {
            status = UnitStatus(rawValue: id)!
        }
        let staff = f.integer("staff", diagnostics: &diagnostics)
        if let staff, staff <= 0 {
            let written = f.value("staff")?.scalar?.string.trimmed() ?? "\(staff)"
            diagnostics.error(f.location(of: "staff"), "“staff”是职工人数，要写大于 0 的整数（写的是 \(written)）",
                              en: "\"staff\" must be a head count above 0")
        }
        let community = Names.checkCommunity(f.string("community", diagnostics: &diagnostics), at: f.location(of: "community"), diagnostics: &diagnostics)
        let history = UnitHistoryReader.read(f, notices: notices, diagnostics: &diagnostics)
        let rendered = markdown.render(document.body)
        MarkdownChecks.check(body: document.body, bodyLine: document.bodyLine, path: path, diagnostics: &diagnostics)
        LinkCheck.check(rendered.links, body: document.body, bodyLine: document.bodyLine, path: path, assets: [], diagnostics: &diagnostics)
        guard let name, let category, diagnostics.errors.count == before else { return nil }
        let html = rendered.html()
        var unit = Unit(id: id, name: name, shortName: f.string("short_name", diagnostics: &diagnostics), category: category,
                        status: status, community: community,
                        intersection: Names.checkIntersection(f.string("intersection", diagnostics: &diagnostics),
                                                              at: f.location(of: "intersection"), diagnostics: &diagnostics),
                        staff: staff, profileHTML: html)
        unit.history = history
        return unit
    }
}

enum ReportReader {
    static let fields = ["title", "unit", "date", "kind", "figures", "community", "tags", "draft"]

    static func read(_ source: DocumentSource, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
                     markdown: MarkdownRenderer, diagnostics: inout Diagnostics) -> Report? {
        ParsedDocument.simpleFirst(&diagnostics) { diagnostics, simple in
            read(source, bytes: bytes, config: config, units: units, markdown: markdown, diagnostics: &diagnostics, simple: simple)
        }
    }

    private static func read(_ source: DocumentSource, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
                             markdown: MarkdownRenderer, diagnostics: inout Diagnostics, simple: Bool) -> Report? {
        let path = source.sourcePath
        guard let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &diagnostics, simple: simple) else { return nil }
        let f = document.fields
        f.checkKeys(fields, severity: .warning, diagnostics: &diagnostics)
        let before = diagnostics.errors.count
        let title = f.string("title", required: true, diagnostics: &diagnostics)
        let unit = units.resolve(f.string("unit", required: true, diagnostics: &diagnostics), key: "unit",
                                 at: f.location(of: "unit"), diagnostics: &diagnostics)
        let date = f.date("date", required: true, diagnostics: &diagnostics)
        let kindID = f.string("kind", required: true, diagnostics: &diagnostics)
        // The id is looked up first: building the table of names is only for the reports that need it.
        let kind = kindID.flatMap(config.kind)
            ?? NameTable.kinds(config).resolve(kindID, at: f.location(of: "kind"), diagnostics: &diagnostics).flatMap(config.kind)
        var figures: [String: ExactDecimal] = [:]
        if let node = f.value("figures"),
           let figureFields = FieldReader(node, source: f.source, what: "figures", diagnostics: &diagnostics) {
            var seenFigures: [String: String] = [:]
            for pair in figureFields.pairs {
                var id = pair.key
                if let kind {
                    // A figure named by its id or by its name in site.yaml (金额（元）).
                    let found = kind.figures.contains(where: { $0.id == pair.key }) ? pair.key
                        : NameTable.figures(of: kind).resolve(pair.key, at: f.source.location(pair.keyNode), diagnostics: &diagnostics)
                    guard let found else { continue }
                    if let first = seenFigures[found] {
                        diagnostics.error(f.source.location(pair.keyNode), "数据项 \(found) 写了两次（“\(first)”和“\(pair.key)”）；请删去一个",
                                          en: "figure \(found) is given twice (\"\(first)\" and \"\(pair.key)\"); delete one")
                        continue
                    }
                    seenFigures[found] = pair.key
                    id = found
                }
                guard let value = figureFields.decimal(pair.key, required: true, diagnostics: &diagnostics) else { continue }
                if value.isNegative {
                    let written = figureFields.value(pair.key)?.scalar?.string.trimmed() ?? "\(value)"
                    diagnostics.error(figureFields.location(of: pair.key), "数据项“\(pair.key)”不能是负数（写的是 \(written)）；请填 0 或正数",
                                      en: "figure \"\(pair.key)\" must not be negative (got \(value))")
                    continue
                }
                figures[id] = value
            }
        }
        let community = Names.checkCommunity(f.string("community", diagnostics: &diagnostics), at: f.location(of: "community"),
                                             diagnostics: &diagnostics) ?? unit?.community
        let tags = f.stringList("tags", diagnostics: &diagnostics)
        let draft = f.bool("draft", diagnostics: &diagnostics) ?? false
        if simple, !diagnostics.all.isEmpty { return nil }  // to be read again with positions
        let rendered = markdown.render(document.body)
        MarkdownChecks.check(body: document.body, bodyLine: document.bodyLine, path: path, diagnostics: &diagnostics)
        // Only the bundle's files the page uses are published.
        let used = LinkCheck.check(rendered.links, body: document.body, bodyLine: document.bodyLine, path: path, assets: source.assets,
                                   diagnostics: &diagnostics)
        guard let title, let unit, let date, let kind, diagnostics.errors.count == before else { return nil }
        // (r2) A report of a unit whose title is suspended or revoked on the as-of date is warned about
        // on the model after loading (`SiteChecks.reportsOfInactiveUnits`): the status depends on the as-of date.
        return Report(path: source.urlPath, sourcePath: path, title: title, unit: unit.id, date: date, kind: kind.id,
                      figures: figures, community: community, tags: tags, draft: draft, bodyHTML: rendered.html(),
                      excerpt: rendered.excerpt, assets: source.assets.filter { used.contains($0.name) })
    }
}

enum FreePageReader {
    /// - Parameter reserved: the site's own top-level folders, which a free page may not take.
    static func read(path: String, bytes: [UInt8], reserved: Set<String>, markdown: MarkdownRenderer, diagnostics: inout Diagnostics) -> Page? {
        let slug = String(path.dropFirst("pages/".count).dropLast(".md".count))
        guard Identifier.isValid(slug) else {
            diagnostics.error(SourceLocation(path: path),
                              "文件名“\(slug)”会成为网页地址，只能用小写英文字母、数字和“-”（例如 about.md）；请给文件改名",
                              en: "\"\(slug)\" is not a valid page name (lowercase letters, digits and \"-\"); rename the file")
            return nil
        }
        if reserved.contains(slug) {
            diagnostics.error(SourceLocation(path: path),
                              "页面名“\(slug)”和网站自带的 \(slug)/ 栏目重名，会把它覆盖掉；请给文件改个名字",
                              en: "a page named \"\(slug)\" would overwrite the site's own \(slug)/ pages; rename the file")
            return nil
        }
        guard let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &diagnostics) else { return nil }
        document.fields.checkKeys(["title"], severity: .warning, diagnostics: &diagnostics)
        let rendered = markdown.render(document.body)
        MarkdownChecks.check(body: document.body, bodyLine: document.bodyLine, path: path, diagnostics: &diagnostics)
        LinkCheck.check(rendered.links, body: document.body, bodyLine: document.bodyLine, path: path, assets: [], diagnostics: &diagnostics)
        guard let title = document.fields.string("title", required: true, diagnostics: &diagnostics) else { return nil }
        return Page(slug: slug, sourcePath: path, title: title, bodyHTML: rendered.html())
    }
}
