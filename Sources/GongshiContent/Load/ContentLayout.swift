import GongshiFiles
import GongshiModel

/// A Markdown document and, for a bundle, the files published beside it.
struct DocumentSource: Sendable {
    var sourcePath: String
    /// URL path of the page's folder: `reports/2018/08/r000001`.
    var urlPath: String
    var assets: [BundleAsset]
    /// The Markdown file's stamp, from the walk.
    var stamp: FileStamp? = nil

    /// The bundle's file names, hashed (0 for none): a cache entry stands only while they are the same.
    var assetsKey: UInt64 { assets.isEmpty ? 0 : ContentHash.of(assets.map(\.name).joined(separator: "\n")) }
}

/// The content folder's files sorted into what the format says they are.
struct ContentLayout: Sendable {
    var hasSiteYAML = false
    var units: [String] = []
    var reports: [DocumentSource] = []
    var notices: [DocumentSource] = []
    var pages: [String] = []
    /// Files of the registered data sheets (`DataSheets.all`).
    var dataFiles: [String] = []
    /// (r2) `data/<component-id>.yaml`: the catalogues of `deductions` components.
    var catalogues: [String] = []
    var plans: [String] = []
    /// Relative to `static/`.
    var staticFiles: [String] = []
    /// (issue 12) The stamps of the files beside reports' and notices' `index.md`, by path: a photo
    /// whose stamp is unchanged is not read again.
    var assetStamps: [String: FileStamp] = [:]

    static func classify(_ files: [(path: String, stamp: FileStamp)], diagnostics: inout Diagnostics) -> ContentLayout {
        var layout = ContentLayout()
        var reportFiles: [(path: String, stamp: FileStamp)] = [], noticeFiles: [(path: String, stamp: FileStamp)] = []
        reportFiles.reserveCapacity(files.count)
        for (path, stamp) in files {
            // Most paths are reports: tested on bytes first, with no substrings made.
            if path.hasBytePrefix("reports/") { reportFiles.append((path, stamp)); continue }
            if path.hasBytePrefix("notices/") { noticeFiles.append((path, stamp)); continue }
            let slash = path.utf8.firstIndex(of: UInt8(ascii: "/"))
            let top = slash.map { String(path[..<$0]) } ?? path
            let rest = slash.map { String(path[path.index(after: $0)...]) } ?? ""
            switch (top, rest.isEmpty) {
            case ("site.yaml", true): layout.hasSiteYAML = true
            case ("units", false) where !rest.contains("/") && rest.hasSuffix(".md"): layout.units.append(path)
            case ("pages", false) where !rest.contains("/") && rest.hasSuffix(".md"): layout.pages.append(path)
            case ("rectification", false) where !rest.contains("/") && rest.hasSuffix(".yaml"): layout.plans.append(path)
            case ("data", false) where DataSheets.isSheetFile(rest): layout.dataFiles.append(path)
            case ("data", false) where DeductionCatalogues.componentID(ofFile: path) != nil: layout.catalogues.append(path)
            case ("data", false):
                // A sheet saved under another name must not silently drop units from the ranking.
                let problem = DataSheets.notASheet(rest)
                if problem.isError { diagnostics.error(SourceLocation(path: path), problem.message, en: problem.english) }
                else { diagnostics.warning(SourceLocation(path: path), problem.message, en: problem.english) }
            case ("static", false): layout.staticFiles.append(rest)
            default:
                if top == "units" || top == "pages", !rest.contains("/"), let fixed = misnamedMarkdown(rest) {
                    diagnostics.error(SourceLocation(path: path), misnamedMessage(rest, fixed), en: misnamedEnglish(rest, fixed))
                    continue
                }
                diagnostics.warning(SourceLocation(path: path),
                                    "这个位置的文件不属于内容格式，已忽略（不会读取，也不会发布）；要用的话请按《内容编写指南》“文件夹里放什么”放进对应的文件夹，要原样发布的文件放进 static/",
                                    en: "not part of the content format; ignored")
            }
        }
        layout.reports = documents(in: reportFiles, diagnostics: &diagnostics, assetStamps: &layout.assetStamps)
        layout.notices = documents(in: noticeFiles, diagnostics: &diagnostics, assetStamps: &layout.assetStamps)
        return layout
    }

    /// A Markdown file under another extension (`.MD`, `.md.txt`, `.markdown`): its name with `.md`.
    static func misnamedMarkdown(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        for suffix in [".md.txt", ".markdown.txt", ".markdown", ".mdown", ".md"] where lower.hasSuffix(suffix) && lower.count > suffix.count {
            let fixed = String(name.dropLast(suffix.count)) + ".md"
            return fixed == name ? nil : fixed
        }
        return nil
    }

    static func misnamedMessage(_ path: String, _ fixed: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var message = "文件扩展名必须是小写的 .md，否则不会被读取；请把“\(name)”改名为“\(fixed)”"
        if name.lowercased().hasSuffix(".txt") { message += "（Windows 可能隐藏了扩展名 .txt）" }
        return message
    }

    static func misnamedEnglish(_ path: String, _ fixed: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var message = "the extension must be a lowercase .md or the file is not read; rename \"\(name)\" to \"\(fixed)\""
        if name.lowercased().hasSuffix(".txt") { message += " (Windows may hide the .txt extension)" }
        return message
    }

    /// `<slug>.md` files and `<slug>/index.md` bundles, any folder depth.
    static func documents(in stampedFiles: [(path: String, stamp: FileStamp)], diagnostics: inout Diagnostics,
                          assetStamps: inout [String: FileStamp]) -> [DocumentSource] {
        let files = stampedFiles.map(\.path)
        let bundleFolders = Set(files.filter { $0.hasByteSuffix("/index.md") }.map { String($0.dropLast("/index.md".count)) })
        func bundle(of path: String) -> String? {
            guard !bundleFolders.isEmpty else { return nil }
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                let candidate = String(folder)
                if bundleFolders.contains(candidate) { return candidate }
            }
            return nil
        }
        // Bundles first (sorted), then single files in path order: a fixed order without
        // sorting 20,000 page addresses, which was a tenth of an incremental build.
        var documents: [DocumentSource] = []
        documents.reserveCapacity(stampedFiles.count)
        var indexOf: [String: Int] = [:]
        for folder in bundleFolders.sorted() where bundle(of: folder) == nil {
            indexOf[folder] = documents.count
            documents.append(DocumentSource(sourcePath: folder + "/index.md", urlPath: folder, assets: []))
        }
        for (path, stamp) in stampedFiles {
            if let folder = bundle(of: path) {
                guard let index = indexOf[folder] else { continue }
                if path == folder + "/index.md" {
                    documents[index].stamp = stamp
                } else {
                    let name = String(path.dropFirst(folder.count + 1))
                    documents[index].assets.append(BundleAsset(sourcePath: path, name: name))
                    assetStamps[path] = stamp
                }
            } else if path.hasByteSuffix(".md") {
                let urlPath = String(Substring(path.utf8.dropLast(3)))
                // File paths are unique, so a page address can only be taken already by a bundle.
                if let other = indexOf[urlPath] {
                    let bundle = documents[other].sourcePath
                    diagnostics.error(SourceLocation(path: path),
                                      "和 \(bundle) 生成的是同一个网页；请只保留一个（带照片的用文件夹，不带照片的用单个 .md 文件），或者给其中一个改名",
                                      en: "writes the same page as \(bundle)")
                    continue
                }
                documents.append(DocumentSource(sourcePath: path, urlPath: urlPath, assets: [], stamp: stamp))
            } else if let fixed = misnamedMarkdown(path) {
                diagnostics.error(SourceLocation(path: path), misnamedMessage(path, fixed), en: misnamedEnglish(path, fixed))
            } else {
                diagnostics.warning(SourceLocation(path: path),
                                    "这里只能放 .md 文件和带 index.md 的文件夹，这个文件已忽略；照片要和报道或通报的 index.md 放在同一个文件夹里",
                                    en: "only .md files and bundle folders (with index.md) belong here; ignored")
            }
        }
        var result: [DocumentSource] = []
        result.reserveCapacity(documents.count)
        // Folders repeat (reports/2018/05/...), and files come folder by folder: a folder's
        // segments are checked when it differs from the previous document's.
        var lastFolder: Substring? = nil
        var lastBad: Substring? = nil
        for document in documents {
            let path = Substring(document.urlPath)
            let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            let folder = slash.map { path[..<$0] } ?? ""
            let slug = slash.map { path[path.utf8.index(after: $0)...] } ?? path
            var bad: Substring? = Identifier.isValid(slug) ? nil : slug
            if bad == nil, let firstSlash = folder.utf8.firstIndex(of: UInt8(ascii: "/")) {
                if let lastFolder, lastFolder.utf8.elementsEqual(folder.utf8) {
                    bad = lastBad
                } else {
                    lastBad = folder[folder.utf8.index(after: firstSlash)...].split(separator: "/").first { !Identifier.isValid($0) }
                    lastFolder = folder
                    bad = lastBad
                }
            }
            if let bad {
                diagnostics.error(SourceLocation(path: document.sourcePath),
                                  "路径里的“\(bad)”会成为网页地址的一部分，只能用小写英文字母、数字和“-”；请给文件或文件夹改名",
                                  en: "\"\(bad)\" in the path is not a valid id (lowercase letters, digits and \"-\"); it becomes part of the page's address")
                continue
            }
            result.append(document)
        }
        return result
    }
}
