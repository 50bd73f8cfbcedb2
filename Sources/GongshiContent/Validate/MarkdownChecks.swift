import GongshiMarkdown
import GongshiModel

/// What a Chinese input method typed differently from what was meant, in a document's body.
enum MarkdownChecks {
    static func check(body: String, bodyLine: Int, path: String, diagnostics: inout Diagnostics) {
        for fence in TypingMistakes.mistypedFences(in: body) {
            diagnostics.warning(SourceLocation(path: path, line: bodyLine + fence.line - 1, column: fence.column),
                                "“\(fence.written)”是中文输入法打出的符号，已按代码块标记“\(fence.meant)”处理；请改为英文符号：\(fence.meant)",
                                en: "\"\(fence.written)\" was typed with a Chinese input method and is read as the code fence \"\(fence.meant)\"; type it in plain (ASCII) characters: \(fence.meant)")
        }
        for image in TypingMistakes.unparsedImages(in: body) {
            diagnostics.error(SourceLocation(path: path, line: bodyLine + image.line - 1, column: image.column),
                              "图片地址里有空格，Markdown 认不出这张图片，页面上会显示原文；请把地址放进尖括号：\(image.fixed)",
                              en: "the image's address has spaces, so Markdown does not see an image and the page shows the text as written; put the address in angle brackets: \(image.fixed)")
        }
    }
}
