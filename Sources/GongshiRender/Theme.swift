import Foundation
import GongshiModel
import Mustache

/// The templates of `site-templates/`, parsed once per build.
public struct Theme: Sendable {
    let library: MustacheLibrary
    public let names: Set<String>
    /// Files under `assets/`, relative to the theme folder.
    public let assets: [String]

    public static let requiredTemplates = ["layouts/base", "home", "units", "unit", "reports", "report", "kind", "community",
                                           "notices", "notice", "rankings", "ranking", "rectification", "page", "404",
                                           "partials/ranking-block", "partials/rectification-block"]

    /// - Parameter files: every file under the theme folder (relative paths) with its bytes, read by the caller.
    public init?(files: [(path: String, bytes: [UInt8])], reportAs prefix: String, diagnostics: inout Diagnostics) {
        var library = MustacheLibrary()
        var names = Set<String>()
        var assets: [String] = []
        for file in files {
            if file.path.hasPrefix("assets/") { assets.append(file.path); continue }
            guard file.path.hasSuffix(".mustache") else { continue }
            let location = SourceLocation(path: prefix + file.path)
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                diagnostics.error(location, "the template is not UTF-8 text")
                continue
            }
            let name = String(file.path.dropLast(".mustache".count))
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(SourceLocation(path: prefix + file.path, line: error.context.lineNumber, column: error.context.columnNumber),
                                  "template error: \(error.error)")
            } catch {
                diagnostics.error(location, "template error: \(error)")
            }
        }
        for name in Self.requiredTemplates where !names.contains(name) {
            diagnostics.error(SourceLocation(path: prefix + name + ".mustache"), "the theme has no template \"\(name)\"")
        }
        guard !diagnostics.hasErrors else { return nil }
        self.library = library
        self.names = names
        self.assets = assets.sorted()
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
