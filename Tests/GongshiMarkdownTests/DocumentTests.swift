import Dispatch
import Testing
@testable import GongshiMarkdown

@Suite struct EmbeddedBlockTests {
    let renderer = MarkdownRenderer(embeddedBlockNames: ["ranking", "chart"])

    @Test func blockIsCutOutWithItsLine() {
        let markdown = "# 榜单\n\n介绍文字。\n\n```ranking\ntitle: 排名\nitems: [a, b]\n```\n\n结尾。\n"
        let document = renderer.render(markdown)
        #expect(document.parts == [
            .html("<h1>榜单</h1>\n<p>介绍文字。</p>\n"),
            .block(0),
            .html("<p>结尾。</p>\n"),
        ])
        #expect(document.blocks == [
            EmbeddedBlock(name: "ranking", source: "title: 排名\nitems: [a, b]\n", line: 5, column: 1),
        ])
        #expect(document.html { "<div id=\"b\($0)\"></div>\n" } ==
            "<h1>榜单</h1>\n<p>介绍文字。</p>\n<div id=\"b0\"></div>\n<p>结尾。</p>\n")
        #expect(document.html() == "<h1>榜单</h1>\n<p>介绍文字。</p>\n<p>结尾。</p>\n")
    }

    @Test func severalBlocksAndOrdinaryCode() {
        let markdown = "```chart extra words\na: 1\n```\n```yaml\nb: 2\n```\n~~~ranking\nc: 3\n~~~\n"
        let document = renderer.render(markdown)
        #expect(document.parts == [
            .block(0),
            .html("<pre><code class=\"language-yaml\">b: 2\n</code></pre>\n"),
            .block(1),
        ])
        #expect(document.blocks == [
            EmbeddedBlock(name: "chart", source: "a: 1\n", line: 1, column: 1),
            EmbeddedBlock(name: "ranking", source: "c: 3\n", line: 7, column: 1),
        ])
    }

    @Test func blockSourceKeepsItsBytes() {
        let yaml = "note: \"**加粗。**后面 这是**“引号”**测试\"\n  indented: ~~x~~\n"
        let document = renderer.render("```ranking\n" + yaml + "```\n")
        #expect(document.blocks.map(\.source) == [yaml])
    }

    @Test func blockInsideTightListItem() {
        let document = renderer.render("- 第一项\n\n  ```ranking\n  a: 1\n  ```\n- 第二项\n")
        #expect(document.parts == [
            .html("<ul>\n<li>\n<p>第一项</p>\n"),
            .block(0),
            .html("</li>\n<li>\n<p>第二项</p>\n</li>\n</ul>\n"),
        ])
        #expect(document.blocks == [EmbeddedBlock(name: "ranking", source: "a: 1\n", line: 3, column: 3)])
    }

    @Test func blockInsideBlockquote() {
        let document = renderer.render("引言：\n\n> ```ranking\n> a: 1\n> ```\n")
        #expect(document.parts == [
            .html("<p>引言：</p>\n<blockquote>\n"),
            .block(0),
            .html("</blockquote>\n"),
        ])
        #expect(document.blocks == [EmbeddedBlock(name: "ranking", source: "a: 1\n", line: 3, column: 3)])
    }

    @Test func indentedCodeAndOtherNamesAreNotBlocks() {
        let document = renderer.render("    ranking\n\n```Ranking\nx\n```\n")
        #expect(document.blocks == [])
        #expect(document.html() ==
            "<pre><code>ranking\n</code></pre>\n<pre><code class=\"language-Ranking\">x\n</code></pre>\n")
    }

    @Test func placeholdersCannotBeForged() {
        let document = renderer.render("\u{E001}0\u{E001}\n\n&#xE001;0&#xE001;\n\n```ranking\na: 1\n```\n")
        #expect(document.parts == [.html("<p>0</p>\n<p>0</p>\n"), .block(0)])
    }

    @Test func lineNumbersAfterCJKMarkersAndMultilineSpans() {
        let markdown = "这是**“引号”**测试 `code\nspan` [a](/x\n) 和\n\n  ```ranking\n  a: 1\n  ```\n"
        let document = renderer.render(markdown)
        #expect(document.blocks == [EmbeddedBlock(name: "ranking", source: "a: 1\n", line: 5, column: 3)])
        #expect(document.links == [LinkReference(destination: "/x", isImage: false, line: 2, column: 7)])
    }
}

@Suite struct LinkListTests {
    @Test func linksAndImagesInDocumentOrder() {
        let markdown = """
            # 标题 [首页](/)

            这是**“引号”**和[链接](https://a.example/页 "t")，![图](img/b.png)
            详见https://example.com/docs。也见https://example.com/docs。
            访问www.example.com，或 <https://c.example> 和 me@example.com 及 www.d.example

            > 引用 <https://q.example>

            [ref]: /from-reference
            另见[参考][ref]。
            """
        let links = MarkdownRenderer().render(markdown).links
        #expect(links == [
            LinkReference(destination: "/", isImage: false, line: 1, column: 10),
            LinkReference(destination: "https://a.example/页", isImage: false, line: 3, column: 26),
            LinkReference(destination: "img/b.png", isImage: true, line: 3, column: 64),
            LinkReference(destination: "https://example.com/docs", isImage: false, line: 4, column: 7),
            LinkReference(destination: "https://example.com/docs", isImage: false, line: 4, column: 40),
            LinkReference(destination: "http://www.example.com", isImage: false, line: 5, column: 7),
            LinkReference(destination: "https://c.example", isImage: false, line: 5, column: 29),
            LinkReference(destination: "mailto:me@example.com", isImage: false, line: 5, column: 53),
            LinkReference(destination: "http://www.d.example", isImage: false, line: 5, column: 72),
            LinkReference(destination: "https://q.example", isImage: false, line: 7, column: 10),
            LinkReference(destination: "/from-reference", isImage: false, line: 10, column: 7),
        ])
    }
}

extension LinkListTests {
    @Test func columnsAfterInsertedAndRemovedCharacters() {
        // A URL break (4 bytes) and a removed U+E000 (3 bytes) before links on the same line.
        let links = MarkdownRenderer().render("见https://a.example/x。[链接](/y) \u{E000}[z](/z)\n").links
        #expect(links == [
            LinkReference(destination: "https://a.example/x", isImage: false, line: 1, column: 4),
            LinkReference(destination: "/y", isImage: false, line: 1, column: 26),
            LinkReference(destination: "/z", isImage: false, line: 1, column: 42),
        ])
    }
}

@Suite struct ExcerptTests {
    @Test func firstParagraphAsPlainText() {
        let markdown = "# 标题\n\n> 引言不算。\n\n这是**第一段**，含[链接](/x)、`代码`\n和  换行。![图](a.png)\n\n第二段。\n"
        #expect(MarkdownRenderer().render(markdown).excerpt == "这是第一段，含链接、代码 和 换行。图")
    }

    @Test func fallsBackToANestedParagraph() {
        #expect(MarkdownRenderer().render("- 列表**第一项**\n- 第二项\n").excerpt == "列表第一项")
    }

    @Test func longParagraphIsCutTo120Characters() {
        let sentence = String(repeating: "这是一个很长的句子，", count: 20)
        let excerpt = MarkdownRenderer().render(sentence + "\n").excerpt
        #expect(excerpt.count == 120)
        #expect(excerpt == String(sentence.prefix(119)) + "…")
        let exact = String(repeating: "字", count: 120)
        #expect(MarkdownRenderer().render(exact).excerpt == exact)
    }

    @Test func cutDoesNotEndInASpace() {
        let text = String(repeating: "a", count: 118) + " bcdef"
        #expect(MarkdownRenderer().render(text).excerpt == String(repeating: "a", count: 118) + "…")
    }
}

@Suite struct ConcurrencyTests {
    /// Even documents exercise everything that touches cmark's process-wide state (strikethrough,
    /// autolinks in text and tables) and take the parse lock. Odd ones have no `~`, URL or `@` and parse
    /// without it, at the same time.
    static func document(_ i: Int) -> String {
        guard i % 2 == 0 else {
            return "# 文档 \(i)\n\n这是**“第\(i)篇”**，*斜体。*后面。\n\n| 列 | 值 |\n|---|---|\n| **\(i)** | 值 |\n\n- [ ] 任务\n"
        }
        return """
            # 文档 \(i)

            这是**“第\(i)篇”**，~~删除。~~后面，详见https://example.com/\(i)。访问www.example\(i % 7).com，谢谢。

            | 列 | 值 |
            |---|---|
            | ~~\(i)~~ | https://t.example/\(i) |

            ```ranking
            id: \(i)
            ```

            - [x] 任务 \(i) *斜体。*后 me@example.com
            """
    }

    @Test func inlineExtensionsAreAttachedOnlyWhenTheyCanMatch() {
        #expect(CMark.inlineExtensionsNeeded(by: Array("**加粗** | 表 | 10:30 wwx.".utf8)) == [])
        #expect(CMark.inlineExtensionsNeeded(by: Array("约~3".utf8)) == ["strikethrough"])
        #expect(CMark.inlineExtensionsNeeded(by: Array("a@b.c".utf8)) == ["autolink"])
        #expect(CMark.inlineExtensionsNeeded(by: Array("www.x.y ~".utf8)) == ["strikethrough", "autolink"])
        #expect(CMark.inlineExtensionsNeeded(by: Array("见http://x".utf8)) == ["autolink"])
    }

    /// Most reports link with `[text](https://…)`; core cmark handles those, so such a report
    /// needs no autolink extension and no lock. Anything less clean keeps the extension.
    @Test func inlineLinkDestinationsNeedNoAutolinkExtension() {
        #expect(CMark.inlineExtensionsNeeded(by: Array("详见[动态](https://example.org/a)。".utf8)) == [])
        #expect(CMark.inlineExtensionsNeeded(by: Array("![图](https://example.org/p.jpg) <https://example.org/>".utf8)) == [])
        #expect(CMark.inlineExtensionsNeeded(by: Array("[a](https://x.org/) 又见 https://y.org/".utf8)) == ["autolink"])
        #expect(CMark.inlineExtensionsNeeded(by: Array("[a](https://x.org/a b)".utf8)) == ["autolink"])
        #expect(CMark.inlineExtensionsNeeded(by: Array("\\[a\\](https://x.org/)".utf8)) == ["autolink"])
        #expect(CMark.inlineExtensionsNeeded(by: Array("[a](https://x.org/(1))".utf8)) == ["autolink"])
        // With or without the extension these render the same.
        let renderer = MarkdownRenderer()
        #expect(renderer.render("详见[动态](https://example.org/a)。").html() == "<p>详见<a href=\"https://example.org/a\">动态</a>。</p>\n")
    }

    @Test func concurrentRendersEqualSerialOnes() {
        let renderer = MarkdownRenderer(embeddedBlockNames: ["ranking"])
        let documents = (0..<200).map(Self.document)
        let serial = documents.map(renderer.render)
        #expect(serial[4].html().contains("<del>删除。</del>"))
        #expect(serial[4].html().contains("<td><del>4</del></td>\n<td><a href=\"https://t.example/4\">"))
        #expect(serial[5].html().contains("<td><strong>5</strong></td>"))

        final class Results: @unchecked Sendable {
            // Each index is written by exactly one iteration.
            var documents: [MarkdownDocument?]
            init(count: Int) { documents = Array(repeating: nil, count: count) }
        }
        for _ in 0..<3 {
            let results = Results(count: documents.count)
            results.documents.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: documents.count) { index in
                    slots[index] = renderer.render(documents[index])
                }
            }
            #expect(results.documents.map { $0! } == serial)
        }
    }
}
