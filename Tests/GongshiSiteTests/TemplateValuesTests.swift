import Foundation
import GongshiContent
import GongshiModel
@testable import GongshiRender
@testable import GongshiSite
import Testing

/// The example theme's files, read once; tests change copies of them in memory.
private let exampleThemeFiles: [String: [UInt8]] = {
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(atPath: Repo.templates)!
    while let path = enumerator.nextObject() as? String {
        guard let data = FileManager.default.contents(atPath: Repo.templates + "/" + path) else { continue }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: Repo.templates + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = [UInt8](data)
        }
    }
    return files
}()

/// The example theme with some files replaced (or added), loaded as a build loads it: its diagnostics as printed.
private func loadTheme(changing changes: [String: String] = [:]) -> (theme: Theme?, diagnostics: [String]) {
    var files = exampleThemeFiles
    for (path, text) in changes { files[path] = Array(text.utf8) }
    var diagnostics = Diagnostics()
    let theme = Theme(files: files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, reportAs: "site-templates/", diagnostics: &diagnostics)
    return (theme, diagnostics.all.sorted().map(\.description))
}

/// An example template with `old` replaced by `new` (which must be there once).
private func example(_ path: String, _ old: String, _ new: String) -> [String: String] {
    let text = String(decoding: exampleThemeFiles[path]!, as: UTF8.self)
    precondition(text.components(separatedBy: old).count == 2, "\(old) is not in \(path) exactly once")
    return [path: text.replacingOccurrences(of: old, with: new)]
}

@Suite struct TemplateCheckTests {
    @Test func theExampleThemePassesWithNoDiagnostics() {
        let (theme, diagnostics) = loadTheme()
        #expect(theme != nil)
        #expect(diagnostics == [])
    }

    @Test func anUnknownValueIsReportedAtItsTagWithWhatThePageProvides() {
        // unit.mustache line 5 is `<h1>{{name}}</h1>`, inside {{#unit}}.
        let (theme, diagnostics) = loadTheme(changing: example("unit.mustache", "<h1>{{name}}</h1>", "<h1>{{nmae}}</h1>"))
        #expect(theme == nil)
        #expect(diagnostics.count == 1)
        let line = diagnostics.first ?? ""
        #expect(line.hasPrefix("site-templates/unit.mustache:5:5: error: 模板使用了页面不提供的值（value）\"nmae\"；是不是 \"name\"？（此处可用：id, name, shortName, href,"),
                "\(line)")
        // The unit's own values come first; the page's values still resolve inside {{#unit}}.
        #expect(line.contains("profileHTML, site, root, title"))
    }

    @Test func aDottedNameIsCheckedPartByPart() {
        let (_, diagnostics) = loadTheme(changing: example("layouts/base.mustache", "<p class=\"site-name\">{{site.title}}</p>",
                                                           "<p class=\"site-name\">{{site.titel}}</p>"))
        #expect(diagnostics == [
            "site-templates/layouts/base.mustache:44:22: error: 模板使用了页面不提供的值（value）\"site.titel\"；是不是 \"site.title\"？"
                + "（site 提供：title, language）；引入它的每个页面模板（template）都如此",
        ])
        let (_, deeper) = loadTheme(changing: example("notice.mustache", "<p class=\"doc-issuer\">{{issuer}}</p>",
                                                      "<p class=\"doc-issuer\">{{issuer.name}}</p>"))
        #expect(deeper == ["site-templates/notice.mustache:7:23: error: 模板使用了页面不提供的值（value）\"issuer.name\"（issuer 是文字（text），没有字段）"])
    }

    @Test func anUnknownTransformIsReportedAndSoIsOneThatDoesNotFitItsValue() {
        let (_, unknown) = loadTheme(changing: example("report.mustache", "<h1>{{title}}</h1>", "<h1>{{uppercase(title)}}</h1>"))
        #expect(unknown == [
            "site-templates/report.mustache:6:5: error: 未知的转换（transform）\"uppercase\"；是不是 \"uppercased\"？（可用：count, empty, first, "
                + "last, reversed, uppercased, lowercased, plusone, minusone, equalzero, even, odd）",
        ])
        let (_, misfit) = loadTheme(changing: example("unit.mustache", "viewBox=\"0 0 100 {{count(scores)}}0\"",
                                                      "viewBox=\"0 0 100 {{count(ranked)}}0\""))
        #expect(misfit == ["site-templates/unit.mustache:35:36: error: 转换（transform）\"count\" 不能用于真假值（flag）\"ranked\"（它用于列表（list）或文字（text））"])
        // Transforms that fit, nested, on lists, text, links and numbers.
        let (_, fine) = loadTheme(changing: example("unit.mustache", "<h3>{{name}}</h3>",
                                                    "<h3>{{name}}{{uppercased(href)}}{{count(reversed(scores))}}{{#first(scores)}}{{bar}}{{/first(scores)}}"
                                                        + "{{plusone(index())}}{{#equalzero(rank)}}0{{/equalzero(rank)}}</h3>"))
        #expect(fine == [])
    }

    @Test func loopPropertiesOnlyInsideAList() {
        let (_, outside) = loadTheme(changing: example("units.mustache", "<h1>{{title}}</h1>", "<h1>{{title}}{{index()}}{{#first()}}1{{/first()}}</h1>"))
        #expect(outside == [
            "site-templates/units.mustache:3:14: error: \"index()\" 只能用在列表（list）的 {{#…}} 循环里（这里不在任何列表之内）",
            "site-templates/units.mustache:3:25: error: \"first()\" 只能用在列表（list）的 {{#…}} 循环里（这里不在任何列表之内）",
        ])
        // Inside a list, and inside a section within a list item (the renderer keeps the loop there).
        let (_, inside) = loadTheme(changing: example("units.mustache", "<h2 id=\"cat-{{id}}\">{{name}}</h2>",
                                                      "<h2 id=\"cat-{{id}}\">{{name}}{{index()}}{{#units}}{{#isActive}}{{last()}}{{/isActive}}{{/units}}{{firts()}}</h2>"))
        #expect(inside == [
            "site-templates/units.mustache:6:96: error: 未知的循环属性（loop property）\"firts()\"；是不是 \"first\"？（可用：first(), last(), index(), even(), odd()）",
        ])
    }

    @Test func theStackFollowsSectionsAsTheRendererDoes() {
        // In a list item: the item's fields, then outer objects (here `kind` of the page); a flag pushes nothing.
        let (_, fine) = loadTheme(changing: example("kind.mustache", "<tr><th scope=\"row\">{{name}}{{#total}}",
                                                    "<tr><th scope=\"row\">{{name}}{{kind.id}}{{root}}{{#total}}{{count}}{{name}}{{/total}}{{#total}}"))
        #expect(fine == [])
        // Inside {{#total}} (a kindTotal) `reports` still resolves from the page, but `figures` of
        // the total hides nothing: `value` is a field of figures' items only.
        let (_, wrong) = loadTheme(changing: example("kind.mustache", "<tr><th scope=\"row\">{{name}}{{#total}}",
                                                     "<tr><th scope=\"row\">{{#total}}{{value}}{{#reports}}{{unitName}}{{/reports}}{{/total}}{{#total}}"))
        #expect(wrong.count == 1)
        #expect(wrong.first?.hasPrefix("site-templates/kind.mustache:20:31: error: 模板使用了页面不提供的值（value）\"value\"（此处可用：id, name, href, count, figures, ") == true,
                "\(wrong)")
        // An inverted section pushes nothing: inside {{^periods}} the period's fields are not in scope.
        let (_, inverted) = loadTheme(changing: example("unit.mustache", "<p class=\"empty\">暂无考核数据。</p>", "<p class=\"empty\">{{categorySize}}</p>"))
        #expect(inverted.count == 1)
        #expect(inverted.first?.hasPrefix("site-templates/unit.mustache:62:18: error: 模板使用了页面不提供的值（value）\"categorySize\"") == true)
        // A section of an unknown value is reported once; its content never renders, so it is not checked.
        let (_, unknownSection) = loadTheme(changing: example("reports.mustache", "<h1>{{title}}</h1>", "<h1>{{#pagre}}{{curent}}{{/pagre}}</h1>"))
        #expect(unknownSection.count == 1)
        #expect(unknownSection.first?.hasPrefix("site-templates/reports.mustache:3:5: error: 模板使用了页面不提供的值（value）\"pagre\"；是不是 \"pager\"？") == true,
                "\(unknownSection)")
        // Printing a list or an object prints nothing: reported.
        let (_, printed) = loadTheme(changing: example("reports.mustache", "<h1>{{title}}</h1>", "<h1>{{title}}{{{pager}}}</h1>"))
        #expect(printed == ["site-templates/reports.mustache:3:14: error: 值（value）\"pager\" 是对象（object），不能直接输出（用 {{#pager}}…{{/pager}} 逐项输出其中的值）"])
    }

    @Test func aPartialIsCheckedInEveryTemplateThatIncludesIt() {
        // partials/unit-link is included from units and community (in unitLink items), both have `name`;
        // `categoryName` is only on the unit page's `unit`, so it fails in both.
        let (_, both) = loadTheme(changing: example("partials/unit-link.mustache", "<a href=\"{{href}}\">{{name}}</a>",
                                                    "<a href=\"{{href}}\">{{name}}{{categoryName}}</a>"))
        #expect(both.count == 1, "\(both)")
        #expect(both.first?.hasPrefix("site-templates/partials/unit-link.mustache:2:28: error: 模板使用了页面不提供的值（value）\"categoryName\"") == true)
        #expect(both.first?.hasSuffix("；引入它的每个页面模板（template）都如此") == true, "\(both)")
        // `dataFiles` is on reports, kind, community and unit, which include partials/report-list, but not on
        // unit-reports (a unit's further pages of reports).
        let (_, one) = loadTheme(changing: example("partials/report-list.mustache", "<ol class=\"list\">", "<ol class=\"list\">{{#dataFiles}}{{/dataFiles}}"))
        #expect(one.count == 1, "\(one)")
        #expect(one.first?.hasPrefix("site-templates/partials/report-list.mustache:2:18: error: 模板使用了页面不提供的值（value）\"dataFiles\"") == true, "\(one)")
        #expect(one.first?.hasSuffix("；在页面模板（template）unit-reports 中") == true, "\(one)")
    }

    @Test func blockOverridesAreCheckedWhereTheLayoutPlacesThemAndReportedInTheirOwnFile() {
        // home.mustache overrides the title block; layouts/base places it at the top level of the page.
        let (_, diagnostics) = loadTheme(changing: example("home.mustache", "{{$title}}{{site.title}}{{/title}}", "{{$title}}{{site.title}}{{href}}{{/title}}"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("site-templates/home.mustache:2:25: error: 模板使用了页面不提供的值（value）\"href\"") == true, "\(diagnostics)")
        // A layout's own block content is checked where no page overrides it.
        let (_, layout) = loadTheme(changing: example("layouts/base.mustache", "{{$main}}{{/main}}", "{{$main}}{{nope}}{{/main}}"))
        #expect(layout == [])  // every page overrides main
        let (_, fallback) = loadTheme(changing: example("layouts/base.mustache", "{{$title}}{{title}}{{/title}}", "{{$title}}{{titel}}{{/title}}"))
        #expect(fallback.count == 1)
        // Home and 404 override the title block; the other pages use the layout's own.
        #expect(fallback.first?.hasPrefix("site-templates/layouts/base.mustache:8:18: error: 模板使用了页面不提供的值（value）\"titel\"；是不是 \"title\"？") == true)
        #expect(fallback.first?.hasSuffix("；在页面模板（template）community, criteria, intersection, intersections, kind, notice, notices, page, ranking, rankings, rectification, report, reports, search, unit, unit-reports, units, volunteer 中") == true,
                "\(fallback)")
    }

    @Test func checkingAddsNothingToRenderingAndOnlyRunsWhenTheThemeIsOtherwiseSound() {
        // A missing partial is reported once, as before; the value check does not run on a broken theme.
        let (theme, diagnostics) = loadTheme(changing: example("units.mustache", "<h1>{{title}}</h1>", "<h1>{{nmae}}</h1>{{> partials/nope}}"))
        #expect(theme == nil)
        #expect(diagnostics == ["site-templates/units.mustache:3:18: error: 模板错误：没有名为“partials/nope”的模板；请检查名字，或添加 partials/nope.mustache"])
    }
}

/// `--lang en`: the theme's messages (template syntax, missing and cyclic templates, values the
/// pages do not provide) have an English text; `description` is the Chinese one.
@Suite struct ThemeMessageTests {
    private func load(_ changes: [String: String], bytes: [String: [UInt8]] = [:], removing: [String] = []) -> [Diagnostic] {
        var files = exampleThemeFiles
        for (path, text) in changes { files[path] = Array(text.utf8) }
        for (path, data) in bytes { files[path] = data }
        for path in removing { files[path] = nil }
        var diagnostics = Diagnostics()
        _ = Theme(files: files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, reportAs: "site-templates/", diagnostics: &diagnostics)
        return diagnostics.all.sorted()
    }

    @Test func syntaxErrorsAndMissingTemplates() {
        let found = load(["partials/a.mustache": "{{#list}}x", "partials/b.mustache": "{{/list}}", "partials/c.mustache": "{{#list}}{{/lists}}",
                          "partials/d.mustache": "{{ }}", "partials/e.mustache": "{{=<% %>=}}", "partials/f.mustache": "{{title"],
                         bytes: ["partials/g.mustache": [0xFF, 0xFE]], removing: ["404.mustache"])
        #expect(found.map(\.description) == [
            "site-templates/404.mustache:1:1: error: 模板文件夹里缺少模板“404”；请添加 404.mustache",
            "site-templates/partials/a.mustache:1:1: error: 模板错误：“list”在这里打开，但没有结束；请在后面加上 {{/list}}",
            "site-templates/partials/b.mustache:1:1: error: 模板错误：{{/list}} 前面没有对应的 {{#list}}；请删掉它或补上开始的标签",
            "site-templates/partials/c.mustache:1:10: error: 模板错误：这里要结束的是第 1 行打开的“list”，写的却是 {{/lists}}；请改为 {{/list}}",
            "site-templates/partials/d.mustache:1:1: error: 模板错误：标签里没有名字；请写上名字或删掉这个标签",
            "site-templates/partials/e.mustache:1:1: error: 模板错误：不支持更换分隔符的标签（{{=...=}}）；请删掉它，标签一律用 {{ }}",
            "site-templates/partials/f.mustache:1:1: error: 模板错误：这个标签没有用“}}”结束；请补上 }}",
            "site-templates/partials/g.mustache:1:1: error: 模板不是 UTF-8 编码的文字；请用 UTF-8 编码另存",
        ])
        #expect(found.map { $0.description(in: .english) } == [
            "site-templates/404.mustache:1:1: error: the theme has no template \"404\"",
            "site-templates/partials/a.mustache:1:1: error: template error: \"list\" is opened here and never closed with {{/list}}",
            "site-templates/partials/b.mustache:1:1: error: template error: {{/list}} closes nothing",
            "site-templates/partials/c.mustache:1:10: error: template error: {{/lists}} closes \"list\", opened on line 1",
            "site-templates/partials/d.mustache:1:1: error: template error: empty tag",
            "site-templates/partials/e.mustache:1:1: error: template error: set-delimiter tags ({{=...=}}) are not supported",
            "site-templates/partials/f.mustache:1:1: error: template error: this tag is never closed with \"}}\"",
            "site-templates/partials/g.mustache:1:1: error: the template is not UTF-8 text",
        ])
        let cycle = load(["partials/a.mustache": "{{> partials/b}}", "partials/b.mustache": "{{> partials/a}}{{> partials/nope}}"])
        #expect(cycle.map(\.description) == [
            "site-templates/partials/a.mustache:1:1: error: 模板错误：模板引用了自己：partials/a → partials/b → partials/a；请去掉其中一处引用，否则会无限循环",
            "site-templates/partials/b.mustache:1:1: error: 模板错误：模板引用了自己：partials/b → partials/a → partials/b；请去掉其中一处引用，否则会无限循环",
            "site-templates/partials/b.mustache:1:17: error: 模板错误：没有名为“partials/nope”的模板；请检查名字，或添加 partials/nope.mustache",
        ])
        #expect(cycle.map { $0.description(in: .english) } == [
            "site-templates/partials/a.mustache:1:1: error: template error: includes itself: partials/a → partials/b → partials/a",
            "site-templates/partials/b.mustache:1:1: error: template error: includes itself: partials/b → partials/a → partials/b",
            "site-templates/partials/b.mustache:1:17: error: template error: no template named \"partials/nope\"",
        ])
    }

    @Test func valuesThePagesDoNotProvide() {
        let found = load(example("units.mustache", "<h1>{{title}}</h1>", "<h1>{{categories}}{{index()}}{{plusone(title)}}{{title.x}}{{size(title)}}</h1>"))
        #expect(found.map { $0.description(in: .english) } == [
            "site-templates/units.mustache:3:5: error: the value \"categories\" is a list, which cannot be output directly (use {{#categories}}…{{/categories}} to output the values in it)",
            "site-templates/units.mustache:3:19: error: \"index()\" can only be used in the {{#…}} loop of a list (this place is inside no list)",
            "site-templates/units.mustache:3:30: error: the transform \"plusone\" does not apply to \"title\", which is text (it applies to a number)",
            "site-templates/units.mustache:3:48: error: the template uses the value \"title.x\", which the page does not provide (title is text and has no fields)",
            "site-templates/units.mustache:3:59: error: unknown transform \"size\" (available: count, empty, first, last, reversed, uppercased, lowercased, plusone, minusone, equalzero, even, odd)",
        ])
        #expect(found.map(\.description) == [
            "site-templates/units.mustache:3:5: error: 值（value）\"categories\" 是列表（list），不能直接输出（用 {{#categories}}…{{/categories}} 逐项输出其中的值）",
            "site-templates/units.mustache:3:19: error: \"index()\" 只能用在列表（list）的 {{#…}} 循环里（这里不在任何列表之内）",
            "site-templates/units.mustache:3:30: error: 转换（transform）\"plusone\" 不能用于文字（text）\"title\"（它用于数字（number））",
            "site-templates/units.mustache:3:48: error: 模板使用了页面不提供的值（value）\"title.x\"（title 是文字（text），没有字段）",
            "site-templates/units.mustache:3:59: error: 未知的转换（transform）\"size\"（可用：count, empty, first, last, reversed, uppercased, lowercased, plusone, minusone, equalzero, even, odd）",
        ])
    }
}

/// docs/templates.md lists each template's values in ```values blocks; they must say what the code declares.
@Suite struct TemplateDocsTests {
    struct Doc {
        var shared: [(name: String, shape: TemplateShape)] = []
        var templates: [String: TemplateShape] = [:]
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
        init(_ line: Int, _ message: String) { description = "docs/templates.md:\(line): \(message)" }
    }

    /// The notation, as docs/templates.md explains it: `name: kind`, fields indented two spaces.
    static func parse(_ text: String) throws -> Doc {
        var doc = Doc()
        var heading = ""
        var inBlock = false
        var lines: [(number: Int, level: Int, text: String)] = []
        func flush() throws {
            var index = 0
            while index < lines.count {
                let (name, shape) = try entry(&index, lines, level: 0, doc)
                if heading == "Shared shapes" {
                    doc.shared.append((name, shape))
                } else {
                    if doc.templates[name] != nil { throw ParseError(lines[index - 1].number, "\(name) is listed twice") }
                    doc.templates[name] = shape
                }
            }
            lines = []
        }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("## ") { heading = String(line.dropFirst(3)) }
            if line.hasPrefix("```") {
                if inBlock { try flush(); inBlock = false } else if line == "```values" { inBlock = true }
                continue
            }
            guard inBlock else { continue }
            var content = String(line)
            if let hash = content.firstIndex(of: "#") { content = String(content[..<hash]) }
            let indent = content.prefix { $0 == " " }.count
            content = content.trimmingCharacters(in: .whitespaces)
            if content.isEmpty { continue }
            guard indent % 2 == 0 else { throw ParseError(offset + 1, "indent by two spaces") }
            lines.append((offset + 1, indent / 2, content))
        }
        return doc
    }

    /// One `name: kind` line and the lines indented under it.
    static func entry(_ index: inout Int, _ lines: [(number: Int, level: Int, text: String)], level: Int, _ doc: Doc) throws -> (String, TemplateShape) {
        let line = lines[index]
        index += 1
        guard line.level == level, let colon = line.text.firstIndex(of: ":") else { throw ParseError(line.number, "expected \"name: kind\"") }
        var name = String(line.text[..<colon])
        let optional = name.hasSuffix("?")
        if optional { name.removeLast() }
        let kind = line.text[line.text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        var fields: TemplateFields? = nil
        if index < lines.count, lines[index].level > level {
            var children: [(String, TemplateShape)] = []
            while index < lines.count, lines[index].level > level {
                let child = try entry(&index, lines, level: level + 1, doc)
                if children.contains(where: { $0.0 == child.0 }) { throw ParseError(lines[index - 1].number, "\(child.0) is listed twice") }
                children.append(child)
            }
            fields = TemplateFields(children)
        }
        var shape: TemplateShape
        switch (kind, fields) {
        case ("", let fields?): shape = .object(fields)
        case ("list of", let fields?): shape = .list(of: fields)
        case (let kind, let fields?) where kind.hasSuffix(" with"):
            shape = try resolve(String(kind.dropLast(" with".count)), line.number, doc)
            guard case .object = shape else { throw ParseError(line.number, "only a shape with fields can be extended") }
            shape = shape.adding(fields)
        case (_, nil) where !kind.isEmpty && kind != "list of" && !kind.hasSuffix(" with"):
            shape = try resolve(kind, line.number, doc)
        default:
            throw ParseError(line.number, "\"\(kind)\" does not go with \(fields == nil ? "no" : "") fields indented below")
        }
        return (name, optional ? .optional(shape) : shape)
    }

    static func resolve(_ kind: String, _ line: Int, _ doc: Doc) throws -> TemplateShape {
        switch kind {
        case "text": return .text
        case "html": return .html
        case "flag": return .flag
        case "number": return .number
        case "link": return .link
        default:
            if kind.hasPrefix("["), kind.hasSuffix("]") { return .list(try resolve(String(kind.dropFirst().dropLast()), line, doc)) }
            guard let shared = doc.shared.first(where: { $0.name == kind }) else { throw ParseError(line, "unknown kind \"\(kind)\"") }
            return shared.shape
        }
    }

    /// Where two shapes differ, by path: `unit.periods[].rank: the doc says text, the code number`.
    static func differences(doc: TemplateShape, code: TemplateShape, at path: String) -> [String] {
        switch (doc, code) {
        case (.optional(let a), .optional(let b)), (.list(let a), .list(let b)):
            return differences(doc: a, code: b, at: path + (doc.isOptional ? "?" : "[]"))
        case (.object(let a), .object(let b)):
            var result: [String] = []
            for name in a.names where b[name] == nil { result.append("\(path).\(name): in the doc, not in the code") }
            for name in b.names where a[name] == nil { result.append("\(path).\(name): in the code, not in the doc") }
            for name in a.names { if let x = a[name], let y = b[name] { result += differences(doc: x, code: y, at: path + "." + name) } }
            return result
        default:
            return doc == code ? [] : ["\(path): the doc says \(doc), the code \(code)"]
        }
    }

    static let doc: Doc = {
        let text = try! String(contentsOfFile: Repo.root + "/docs/templates.md", encoding: .utf8)
        do { return try parse(text) } catch { fatalError("\(error)") }
    }()

    @Test func everyTemplateAndEveryValueIsDocumentedAsTheCodeDeclaresIt() {
        let doc = Self.doc
        #expect(Set(doc.templates.keys) == Set(TemplateValues.templates.keys))
        for (name, code) in TemplateValues.templates.sorted(by: { $0.key < $1.key }) {
            guard let documented = doc.templates[name] else { continue }
            let differences = Self.differences(doc: documented, code: code, at: name)
            #expect(differences == [], "\(name) in docs/templates.md:\n\(differences.joined(separator: "\n"))")
        }
    }

    @Test func theSharedShapesAreTheCodesByName() {
        let doc = Self.doc
        #expect(doc.shared.map(\.name) == TemplateValues.shared.map(\.name))
        for (name, code) in TemplateValues.shared {
            guard let documented = doc.shared.first(where: { $0.name == name }) else { continue }
            #expect(Self.differences(doc: documented.shape, code: code, at: name) == [])
        }
    }

    @Test func everyTransformAndLoopPropertyIsDocumented() throws {
        let text = try String(contentsOfFile: Repo.root + "/docs/templates.md", encoding: .utf8)
        for name in TemplateChecker.transformNames { #expect(text.contains("`\(name)("), "transform \(name) is not in docs/templates.md") }
        for name in TemplateChecker.loopPropertyNames { #expect(text.contains("`\(name)()`"), "loop property \(name)() is not in docs/templates.md") }
        // Every template the theme must have, but the layout, has its values listed.
        #expect(Set(SiteRenderer.templates).subtracting(["layouts/base"]) == Set(TemplateValues.templates.keys))
    }

    @Test func theParserCatchesADocThatDrifted() throws {
        let drifted = """
            ## Shared shapes
            ```values
            figure:
              name: text
              value: number
            ```
            ## Page templates
            ```values
            report: figure with
              extra?: [figure]
            ```
            """
        let doc = try Self.parse(drifted)
        let code: TemplateShape = .object(["name": .text, "value": .text, "extra": .list(TemplateValues.figure)])
        #expect(Self.differences(doc: doc.templates["report"]!, code: code, at: "report") == [
            "report.value: the doc says number, the code text",
            "report.extra: the doc says [{name, value}]?, the code [{name, value}]",
        ])
        #expect(throws: ParseError.self) { try Self.parse("```values\nx: strnig\n```\n") }
        #expect(throws: ParseError.self) { try Self.parse("```values\nx: text\n   y: text\n```\n") }
    }
}

/// Renders the example site with every context checked against `TemplateValues`: no value the
/// declarations do not name, none they require missing, every kind right.
@Suite struct ContextShapeTests {
    final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var problems: Set<String> = []
        var paths: [String: Set<String>] = [:]
        var contexts = 0
    }

    static func renderExample(root: String = Repo.content, asOf: String?, drafts: Bool, into seen: Seen) {
        let loaded = ContentLoader.load(root: root, asOf: asOf.flatMap { CalendarDate(iso: $0) }, today: CalendarDate(iso: "2026-11-23")!,
                                        includeDrafts: drafts, reservedFolders: SiteRenderer.reservedFolders)
        guard let content = loaded.content else { Issue.record("\(loaded.diagnostics)"); return }
        var diagnostics = Diagnostics()
        guard var theme = SiteBuilder.loadTheme(Repo.templates, &diagnostics) else { Issue.record("\(diagnostics.all)"); return }
        theme.contextObserver = { template, context in
            var problems: [String] = []
            var paths: Set<String> = []
            if let shape = TemplateValues.shape(forTemplate: template) {
                shape.conformance(of: .object(context), at: "", seen: &paths, problems: &problems)
            } else {
                problems.append("\(template): rendered, but its values are not declared")
            }
            seen.lock.lock()
            seen.contexts += 1
            seen.problems.formUnion(problems.map { "\(template): \($0)" })
            seen.paths[template, default: []].formUnion(paths)
            seen.lock.unlock()
        }
        let computation = SiteComputation(content: content, asOf: loaded.asOf, includeDrafts: drafts)
        let renderer = SiteRenderer(content: content, computation: computation, theme: theme, includeDrafts: drafts)
        for batch in 0..<renderer.batchCount { _ = renderer.render(batch: batch) }
    }

    @Test func everyContextOfTheExampleSiteHasItsDeclaredShape() {
        let seen = Seen()
        Self.renderExample(asOf: nil, drafts: false, into: seen)
        Self.renderExample(asOf: "2018-12-31", drafts: true, into: seen)
        Self.renderExample(asOf: "2018-06-30", drafts: false, into: seen)
        // (issue 13) With units of 50, 51 and 120 reports and 68 notices: the further pages of a unit's
        // reports, and the pagers of the unit page, the notices index and a kind.
        withTemporaryFolder { folder in
            Self.renderExample(root: PagingTests.pagedExample(in: folder), asOf: nil, drafts: false, into: seen)
        }
        #expect(seen.contexts > 100)
        #expect(seen.problems.sorted() == [])
        // Every template was rendered, and every value declared was given at least once
        // (but those the example site never has: it keeps declarations honest in both directions).
        #expect(Set(seen.paths.keys) == Set(TemplateValues.templates.keys))
        var unseen: [String] = []
        for (template, shape) in TemplateValues.templates.sorted(by: { $0.key < $1.key }) {
            for path in Self.paths(of: shape, at: "") where !(seen.paths[template]?.contains(path) ?? false) {
                unseen.append("\(template): \(path)")
            }
        }
        #expect(unseen.sorted() == Self.neverInTheExample.sorted(), "declared, never given:\n\(unseen.joined(separator: "\n"))")
    }

    /// Declared values the example site (with the paged one above) has no data for: no unit loses more
    /// points than a catalogue's full score. And one no site has: a notice's rectification
    /// block shows the plan as issued, without evidence (links have no date; the live plan shows them),
    /// though its items share the `planItem` shape, and the plan partial, with the live plans.
    static let neverInTheExample = ["plan.items[]", "plan.groups[].items[]"].flatMap { items in
            ["", ".title", ".href", ".date", ".dateISO"].map { "partials/rectification-block: \(items).evidence[]\($0)" }
        } + ["unit: periods[].deductions[].capNote"]
        // (issue 13) The unit page is the first page of the unit's reports: its pager has no previous page.
        + ["unit: pager.prevHref"]
        // (issue 12) Only the criteria page's bars are links; the rankings index shortens earlier periods, a
        // period's own page never.
        + ["home: monthly.bars[].labelHref", "kind: monthly.bars[].labelHref", "ranking: period.top"]
        // The example's volunteer standings are one year: one page, no links between years.
        + ["[]", "[].name", "[].href", "[].current"].map { "volunteer: volunteer.pages\($0)" }

    static func paths(of shape: TemplateShape, at path: String) -> [String] {
        var result = [path]
        switch shape.required {
        case .list(let item): result += paths(of: item, at: path + "[]")
        case .object(let fields):
            for (name, inner) in fields { result += paths(of: inner, at: path.isEmpty ? name : path + "." + name) }
        default: break
        }
        return result
    }
}
