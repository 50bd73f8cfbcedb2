import Foundation
import GongshiMarkdown
import GongshiModel

/// Checks the links and images of one document against the files published
/// beside it. Gongshi never reads a file an image names (only a bundle's own
/// files are copied), so these checks are about pages that work, not about
/// safety: an image that points outside its folder or at an absolute path
/// would be broken on the public site, so it is an error, located at the image.
enum LinkCheck {
    /// Returns the names of the bundle's files that the page uses (an image or a link names them):
    /// only those are published.
    @discardableResult
    static func check(_ links: [LinkReference], body: String, bodyLine: Int, path: String, assets: [BundleAsset],
                      diagnostics: inout Diagnostics) -> Set<String> {
        guard !links.isEmpty || !assets.isEmpty else { return [] }
        func location(_ link: LinkReference) -> SourceLocation {
            // Only for a problem: splitting every body into lines was 15% of loading 20,000 reports.
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            var column = link.column
            if link.line >= 1, link.line <= lines.count {
                // cmark counts bytes; editors count characters.
                let utf8 = lines[link.line - 1].utf8
                let end = utf8.index(utf8.startIndex, offsetBy: max(0, min(link.column - 1, utf8.count)))
                column = Substring(utf8[utf8.startIndex..<end]).count + 1
            }
            return SourceLocation(path: path, line: bodyLine + link.line - 1, column: column)
        }

        let assetNames = Set(assets.map(\.name))
        var used = Set<String>()
        let isBundle = path.hasSuffix("/index.md") && !path.hasPrefix("pages/") && !path.hasPrefix("units/")
        for link in links {
            let destination = link.destination.trimmed()
            let what = link.isImage ? "image" : "link"
            let chinese = link.isImage ? "图片" : "链接"
            let scheme = scheme(of: destination)
            // The renderer's own test of what it blanks, so the warning and the page agree.
            if URLSafety.isDangerous(Array(link.destination.utf8)) {
                diagnostics.warning(location(link),
                                    "\(chinese)“\(destination)”是 \(scheme ?? "script"): 地址，不安全，已从网页上去掉；只能用网址（https://…）或和这一篇放在同一个文件夹里的文件",
                                    en: "\(what) to a \(scheme ?? "script"): address is removed; only web addresses and files beside the page can be linked")
                continue
            }
            if scheme != nil { continue }
            if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("?") { continue }
            let file = String(destination.prefix { $0 != "#" && $0 != "?" })
            let name = file.removingPercentEncoding ?? file
            if name.hasPrefix("/") || name.hasPrefix("\\") || name.hasPrefix("//") {
                if link.isImage {
                    diagnostics.error(location(link), "图片“\(destination)”用的是绝对路径；请把照片放在报道文件夹里（和 index.md 放在一起），只写文件名",
                                      en: "image \"\(destination)\" has an absolute path; put the photo beside the report (a folder with index.md) and write just its file name")
                } else {
                    diagnostics.warning(location(link),
                                        "链接“\(destination)”以“/”开头，把网站拷到电脑上直接打开时这个链接会失效；请改成不以“/”开头的相对地址，或写完整的网址（https://…）",
                                        en: "link \"\(destination)\" starts with \"/\" and will not work when the site is opened from disk; use a relative link")
                }
                continue
            }
            let segments = name.split(separator: "/", omittingEmptySubsequences: false)
            if segments.contains(where: { $0 == ".." }) || name.contains("\\") {
                // Links may climb to other pages of the site; images must stay in their folder.
                if link.isImage {
                    diagnostics.error(location(link), "图片“\(destination)”指到了这一篇所在的文件夹外面；请把照片放在报道文件夹里（和 index.md 放在一起），只写文件名",
                                      en: "image \"\(destination)\" points outside the page's folder; put the photo beside index.md and write just its file name")
                }
                continue
            }
            let normalized = segments.filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
            if assetNames.contains(normalized) { used.insert(normalized); continue }
            guard link.isImage else { continue }
            if isBundle {
                var message = "image \"\(destination)\" is not in the folder \(folder(of: path))"
                var chinese = "文件夹 \(folder(of: path)) 里没有图片“\(destination)”"
                if let s = Suggest.closest(to: normalized, in: assets.map(\.name)) {
                    message += "; did you mean \"\(s)\"?"
                    chinese += "；是不是 \(s)？"
                } else {
                    chinese += "；请把照片放进这个文件夹，或改正文件名"
                }
                diagnostics.error(location(link), chinese, en: message)
            } else {
                diagnostics.error(location(link), notABundle(destination, path: path),
                                  en: "image \"\(destination)\" not found: only a report or notice kept as a folder (with index.md) can have photos beside it")
            }
        }
        for asset in assets where !used.contains(asset.name) {
            let written = asset.name.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) ? "<\(asset.name)>" : asset.name
            diagnostics.warning(SourceLocation(path: asset.sourcePath, line: 1, column: 1),
                                "未发布：“\(asset.name)”没有被 \(folder(of: path))/index.md 的图片或链接用到，不会发布到网站上；"
                                + "要发布，请在正文中写 ![说明](\(written)) 或 [说明](\(written))，不需要就把它移出这个文件夹",
                                en: "not published: \"\(asset.name)\" is not used by an image or link of \(folder(of: path))/index.md; "
                                + "to publish it write ![caption](\(written)) or [text](\(written)), else move it out of this folder")
        }
        return used
    }

    /// An image in a document kept as a single file: how to make it a folder, for a report or notice.
    private static func notABundle(_ destination: String, path: String) -> String {
        let message = "找不到图片“\(destination)”：只有做成文件夹（里面是 index.md）的报道或通报才能带照片"
        guard path.hasPrefix("reports/") || path.hasPrefix("notices/"), path.hasSuffix(".md") else {
            return message + "，单位介绍和 pages/ 里的页面不能带照片；请删掉这张图片"
        }
        let folder = String(path.dropLast(".md".count))
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return message + "；请新建文件夹 \(folder)，把 \(name) 移进去并改名为 index.md，再把照片放进这个文件夹"
    }

    private static func folder(of path: String) -> String {
        path.hasSuffix("/index.md") ? String(path.dropLast("/index.md".count)) : path
    }

    /// The URL scheme, lowercased, if `text` starts with one (`https:`, `mailto:`).
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let candidate = text[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
              candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return candidate.lowercased()
    }
}
