import GongshiModel

/// The templates of `site-templates/`, parsed once per build.
public struct Theme: Sendable {
    let library: TemplateLibrary
    public let names: Set<String>
    /// Files under `assets/`, relative to the theme folder.
    public let assets: [String]
    /// Hash of every file of the theme: a changed template or stylesheet remakes every page.
    public let fingerprint: UInt64
    /// (issue 12) The `.css` files under `assets/` as published: minified (`CSSMinifier`), by path.
    public let stylesheets: [String: [UInt8]]

    /// - Parameter files: every file under the theme folder (relative paths) with its bytes, read by the caller.
    public init?(files: [(path: String, bytes: [UInt8])], reportAs prefix: String, diagnostics: inout Diagnostics) {
        var library = TemplateLibrary()
        var names = Set<String>()
        var assets: [String] = []
        var stylesheets: [String: [UInt8]] = [:]
        var hash = ContentHash()
        for file in files {
            hash.combine(file.path)
            hash.combine(file.bytes)
            if file.path.hasPrefix("assets/") {
                assets.append(file.path)
                if file.path.hasSuffix(".css") { stylesheets[file.path] = CSSMinifier.minify(file.bytes) }
                continue
            }
            guard file.path.hasSuffix(".mustache") else { continue }
            let location = SourceLocation(path: prefix + file.path)
            guard String(validating: file.bytes, as: UTF8.self) != nil else {
                diagnostics.error(location, "模板不是 UTF-8 编码的文字；请用 UTF-8 编码另存", en: "the template is not UTF-8 text")
                continue
            }
            let name = String(file.path.dropLast(".mustache".count))
            do {
                library.register(try Template(file.bytes), named: name)
                names.insert(name)
            } catch {
                diagnostics.error(SourceLocation(path: prefix + file.path, line: error.line, column: error.column),
                                  "模板错误：\(error.message)", en: "template error: \(error.english)")
            }
        }
        let problems = library.problems()
        for problem in problems {
            diagnostics.error(SourceLocation(path: prefix + problem.template + ".mustache", line: problem.line, column: problem.column),
                              "模板错误：\(problem.message)", en: "template error: \(problem.english)")
        }
        // Names and transforms the pages do not provide (once per theme load; rendering does not check).
        if problems.isEmpty {
            for problem in library.check(TemplateValues.templates) {
                diagnostics.error(SourceLocation(path: prefix + problem.template + ".mustache", line: problem.line, column: problem.column),
                                  problem.message, en: problem.english)
            }
        }
        for name in SiteRenderer.templates where !names.contains(name) {
            diagnostics.error(SourceLocation(path: prefix + name + ".mustache"), "模板文件夹里缺少模板“\(name)”；请添加 \(name).mustache",
                              en: "the theme has no template \"\(name)\"")
        }
        guard !diagnostics.hasErrors else { return nil }
        self.library = library
        self.names = names
        self.assets = assets.sorted()
        self.stylesheets = stylesheets
        fingerprint = hash.value
    }

    /// Tests only: sees every context a template is rendered with (to check it against `TemplateValues`).
    var contextObserver: (@Sendable (_ template: String, _ context: TemplateObject) -> Void)? = nil

    func render(_ name: String, _ context: TemplateObject) -> [UInt8] {
        contextObserver?(name, context)
        return library.render(name, context)
    }

    func renderString(_ name: String, _ context: TemplateObject) -> String {
        String(decoding: render(name, context), as: UTF8.self)
    }
}
