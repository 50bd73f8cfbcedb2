import Testing
@testable import GongshiMarkdown

/// Renders with no embedded blocks and joins the parts.
func html(_ markdown: String) -> String {
    MarkdownRenderer().render(markdown).html()
}

@Suite struct BasicRenderingTests {
    @Test func paragraphsHeadingsAndEmphasis() {
        #expect(html("# 标题\n\nHello *world* and **bold** text\n") ==
            "<h1>标题</h1>\n<p>Hello <em>world</em> and <strong>bold</strong> text</p>\n")
    }

    @Test func emptyInput() {
        let document = MarkdownRenderer().render("")
        #expect(document.parts == [])
        #expect(document.html() == "")
        #expect(document.excerpt == "")
    }

    /// In the theme's scroll box, named by its header; alignment as a style, never the obsolete `align`.
    @Test func table() {
        let markdown = "| 名称 | 分数 |\n|---|:-:|\n| 甲 | 9.5 |\n"
        #expect(html(markdown) == """
            <div class="table-scroll" role="region" tabindex="0" aria-label="表格：名称、分数">
            <table>
            <thead>
            <tr>
            <th>名称</th>
            <th style="text-align: center">分数</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>甲</td>
            <td style="text-align: center">9.5</td>
            </tr>
            </tbody>
            </table>
            </div>

            """)
    }

    @Test func tablesInListsAndQuotesAndEveryAlignment() {
        let markdown = "> | a **b** | `c` | \"d\" |\n> |:--|--:|:-:|\n> | 1 | 2 | 3 |\n\n- | x |\n  |---|\n  | y |\n"
        let out = html(markdown)
        #expect(!out.contains("align="))
        #expect(out.contains("<th style=\"text-align: left\">a <strong>b</strong></th>"))
        #expect(out.contains("<th style=\"text-align: right\"><code>c</code></th>"))
        #expect(out.contains("aria-label=\"表格：a b、c、&quot;d&quot;\">\n<table>"))
        #expect(out.contains("aria-label=\"表格：x\">\n<table>"))
        #expect(out.components(separatedBy: "<div class=\"table-scroll\"").count == 3)
        #expect(out.components(separatedBy: "</table>\n</div>").count == 3)
    }

    @Test func aTableWithAnEmptyHeaderIsStillNamed() {
        #expect(html("|   |   |\n|---|---|\n| 1 | 2 |\n").hasPrefix(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">\n<table>"))
    }

    @Test func strikethrough() {
        #expect(html("这是~~删除~~的 and ~~gone~~\n") == "<p>这是<del>删除</del>的 and <del>gone</del></p>\n")
    }

    @Test func taskList() {
        #expect(html("- [ ] 待办\n- [x] 完成\n") == """
            <ul>
            <li><input type="checkbox" disabled="" /> 待办</li>
            <li><input type="checkbox" checked="" disabled="" /> 完成</li>
            </ul>

            """)
    }

    @Test func autolinks() {
        #expect(html("see https://example.com/a?b=1. and www.example.org, mail me@example.com\n") ==
            "<p>see <a href=\"https://example.com/a?b=1\">https://example.com/a?b=1</a>. and "
            + "<a href=\"http://www.example.org\">www.example.org</a>, mail "
            + "<a href=\"mailto:me@example.com\">me@example.com</a></p>\n")
    }

    @Test func footnotes() {
        #expect(html("正文[^1]。\n\n[^1]: 注释。\n") == """
            <p>正文<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup>。</p>
            <section class="footnotes" data-footnotes>
            <ol>
            <li id="fn-1">
            <p>注释。 <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p>
            </li>
            </ol>
            </section>

            """)
    }

    @Test func ordinaryCodeBlockKeepsLanguageClass() {
        #expect(html("```swift\nlet x = 1 < 2\n```\n") ==
            "<pre><code class=\"language-swift\">let x = 1 &lt; 2\n</code></pre>\n")
    }
}

@Suite struct SafetyTests {
    @Test func scriptBlockIsOmitted() {
        #expect(html("<script>alert(1)</script>\n") == "<!-- raw HTML omitted -->\n")
    }

    @Test func imgWithOnerrorIsOmitted() {
        #expect(html("<img src=x onerror=alert(1)>\n") == "<!-- raw HTML omitted -->\n")
        #expect(html("文字<img src=x onerror=alert(1)>文字\n") == "<p>文字<!-- raw HTML omitted -->文字</p>\n")
    }

    @Test func inlineAnchorWithJavascriptIsOmitted() {
        #expect(html("点击<a href=\"javascript:alert(1)\">这里</a>\n") ==
            "<p>点击<!-- raw HTML omitted -->这里<!-- raw HTML omitted --></p>\n")
    }

    @Test func javascriptLinksAreBlanked() {
        #expect(html("[x](javascript:alert(1))\n") == "<p><a href=\"\">x</a></p>\n")
        #expect(html("[x](JaVaScRiPt:alert(1))\n") == "<p><a href=\"\">x</a></p>\n")
        #expect(html("[x](&#106;avascript:alert(1))\n") == "<p><a href=\"\">x</a></p>\n")
        #expect(html("[x](<java\tscript:alert(1)>)\n") == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func otherDangerousSchemesAreBlanked() {
        #expect(html("[a](vbscript:msgbox(1)) [b](file:///etc/passwd) [c](data:text/html,x)\n") ==
            "<p><a href=\"\">a</a> <a href=\"\">b</a> <a href=\"\">c</a></p>\n")
    }

    @Test func dataImagesAreBlanked() {
        #expect(html("![x](data:image/png;base64,AAAA)\n") == "<p><img src=\"\" alt=\"x\" /></p>\n")
        #expect(html("![x](DATA:image/gif;base64,AAAA)\n") == "<p><img src=\"\" alt=\"x\" /></p>\n")
    }

    @Test func javascriptAutolinks() {
        #expect(html("<javascript:alert(1)>\n") == "<p><a href=\"\">javascript:alert(1)</a></p>\n")
        #expect(html("javascript:alert(1) 见javascript:alert(1)\n") == "<p>javascript:alert(1) 见javascript:alert(1)</p>\n")
    }

    @Test func unsafeDestinationsAreStillListed() {
        let links = MarkdownRenderer().render("[x](javascript:alert(1))\n").links
        #expect(links == [LinkReference(destination: "javascript:alert(1)", isImage: false, line: 1, column: 1)])
    }

    @Test func ordinaryLinksKeepTheirURLs() {
        #expect(html("[a](https://example.com/路径?q=1) [b](/local/page/) ![c](img/a.png \"标题\")\n") ==
            "<p><a href=\"https://example.com/%E8%B7%AF%E5%BE%84?q=1\">a</a> <a href=\"/local/page/\">b</a> "
            + "<img src=\"img/a.png\" alt=\"c\" title=\"标题\" /></p>\n")
    }
}

@Suite struct FigureTests {
    @Test func anImageAloneInItsParagraphShowsItsCaption() {
        #expect(html("![现场照片](a.jpg)\n") == "<figure>\n<img src=\"a.jpg\" alt=\"现场照片\" />\n<figcaption>现场照片</figcaption></figure>\n")
        #expect(html("文字\n\n![说明 & <更多>](<现场 照片.jpg> \"标题\")\n\n后文\n") ==
            "<p>文字</p>\n<figure>\n<img src=\"%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.jpg\" alt=\"说明 &amp; &lt;更多&gt;\" title=\"标题\" />\n"
            + "<figcaption>说明 &amp; &lt;更多&gt;</figcaption></figure>\n<p>后文</p>\n")
        #expect(html("- ![列表中的照片](b.png)\n") ==
            "<ul>\n<li>\n<figure>\n<img src=\"b.png\" alt=\"列表中的照片\" />\n<figcaption>列表中的照片</figcaption></figure>\n</li>\n</ul>\n")
    }

    @Test func inlineImagesAndImagesWithoutACaptionStayAsTheyWere() {
        #expect(html("见图![小图](a.jpg)所示\n") == "<p>见图<img src=\"a.jpg\" alt=\"小图\" />所示</p>\n")
        #expect(html("![](a.jpg)\n") == "<p><img src=\"a.jpg\" alt=\"\" /></p>\n")
        #expect(html("![一](a.jpg) ![二](b.jpg)\n") == "<p><img src=\"a.jpg\" alt=\"一\" /> <img src=\"b.jpg\" alt=\"二\" /></p>\n")
        #expect(html("[![链接中的图](a.jpg)](https://example.com)\n") ==
            "<p><a href=\"https://example.com\"><img src=\"a.jpg\" alt=\"链接中的图\" /></a></p>\n")
        #expect(html("![x](javascript:alert(1))\n") == "<p><img src=\"\" alt=\"x\" /></p>\n")
    }

    @Test func theExcerptIsStillTheFirstParagraphsText() {
        let document = MarkdownRenderer().render("![照片](a.jpg)\n\n正文第一段。\n")
        #expect(document.excerpt == MarkdownRenderer().render("![照片](a.jpg)\n\n正文第一段。\n").excerpt)
        #expect(document.links.map(\.destination) == ["a.jpg"])
    }
}
