import Testing
@testable import GongshiMarkdown

@Suite struct CJKEmphasisTests {
    @Test func strongBeforeFullStop() {
        #expect(html("**加粗。**后面\n") == "<p><strong>加粗。</strong>后面</p>\n")
    }

    @Test func strongAroundCurlyQuotes() {
        #expect(html("这是**“引号”**测试\n") == "<p>这是<strong>“引号”</strong>测试</p>\n")
    }

    @Test func strongAroundFullwidthParentheses() {
        #expect(html("这是**（括号）**测试\n") == "<p>这是<strong>（括号）</strong>测试</p>\n")
    }

    @Test func emphasisBeforeFullStop() {
        #expect(html("这是*斜体。*后面\n") == "<p>这是<em>斜体。</em>后面</p>\n")
    }

    @Test func strikethroughBeforeFullStop() {
        #expect(html("这是~~删除。~~后面\n") == "<p>这是<del>删除。</del>后面</p>\n")
    }

    @Test func nestedStrongAndStrikethroughAroundQuotes() {
        #expect(html("中**~~“x”~~**中\n") == "<p>中<strong><del>“x”</del></strong>中</p>\n")
        #expect(html("中~~**“x”**~~中\n") == "<p>中<del><strong>“x”</strong></del>中</p>\n")
    }

    @Test func asciiTextKeepsCommonMarkRules() {
        #expect(html("a**\"b\"**c\n") == "<p>a**&quot;b&quot;**c</p>\n")
        #expect(html("**bold** text\n") == "<p><strong>bold</strong> text</p>\n")
        #expect(html("2*3*4\n") == "<p>2<em>3</em>4</p>\n")
    }

    @Test func plainCJKStrongUnchanged() {
        #expect(html("中文**加粗**中文\n") == "<p>中文<strong>加粗</strong>中文</p>\n")
    }

    @Test func codeSpanStaysLiteral() {
        #expect(html("`**code。**后`\n") == "<p><code>**code。**后</code></p>\n")
    }

    @Test func fencedCodeKeepsItsBytes() {
        let code = "**加粗。**后面 这是**“引号”**测试 ~~删除。~~后\n`x`\n"
        #expect(html("```\n" + code + "```\n") == "<pre><code>" + code + "</code></pre>\n")
    }

    @Test func escapedAndUnderscoreRunsAreLeftAlone() {
        // A marker between `\` and `**` would turn the escape into a literal backslash and bold the rest.
        #expect(html("这是\\**加粗**后\n") == "<p>这是**加粗**后</p>\n")
        #expect(html("这是__“引号”__测试\n") == "<p>这是__“引号”__测试</p>\n")
    }

    @Test func tildeFenceAfterBlockquoteMarkerStillFences() {
        #expect(html(">~~~中文\n>代码\n>~~~\n") == "<blockquote>\n<pre><code class=\"language-中文\">代码\n</code></pre>\n</blockquote>\n")
    }

    @Test func markerCharactersInTheInputCannotLeak() {
        #expect(html("a\u{E000}b\u{E001}c\u{E002} d **加粗。\u{E000}**后面 &#xE000;&#xE002; x\n") ==
            "<p>abc d <strong>加粗。</strong>后面 x</p>\n")
    }

    @Test func prepassLeavesTextWithoutCJKRunsUntouched() {
        let text = "plain *ascii* text\n中文**加粗**中文\n"
        #expect(SourceText(text).bytes == Array(text.utf8))
        #expect(String(decoding: SourceText("这是**“引号”**测试").bytes, as: UTF8.self) ==
            "这是**\u{E000}“引号”\u{E000}**测试")
    }
}

@Suite struct BareURLTests {
    @Test func urlEndsAtChinesePunctuation() {
        #expect(html("详见https://example.com/docs。后面\n") ==
            "<p>详见<a href=\"https://example.com/docs\">https://example.com/docs</a>。后面</p>\n")
    }

    @Test func wwwRightAfterChineseIsLinkedAndEndsAtComma() {
        #expect(html("访问www.example.com，谢谢\n") ==
            "<p>访问<a href=\"http://www.example.com\">www.example.com</a>，谢谢</p>\n")
    }

    @Test func wwwAfterSpaceEndsAtComma() {
        #expect(html("访问 www.example.com，谢谢\n") ==
            "<p>访问 <a href=\"http://www.example.com\">www.example.com</a>，谢谢</p>\n")
    }

    @Test func urlFollowedByClosingBrackets() {
        #expect(html("（见https://example.com/a）和「https://example.com/b」\n") ==
            "<p>（见<a href=\"https://example.com/a\">https://example.com/a</a>）和「"
            + "<a href=\"https://example.com/b\">https://example.com/b</a>」</p>\n")
    }

    @Test func trailingASCIIPunctuationBeforeChineseIsDropped() {
        #expect(html("见https://example.com/a.。后\n") ==
            "<p>见<a href=\"https://example.com/a\">https://example.com/a</a>.。后</p>\n")
    }

    @Test func secondURLGluedToTheFirstIsLinkedToo() {
        #expect(html("见https://a.example/x。或https://b.example/y。\n") ==
            "<p>见<a href=\"https://a.example/x\">https://a.example/x</a>。或"
            + "<a href=\"https://b.example/y\">https://b.example/y</a>。</p>\n")
    }

    @Test func markupAfterTheURLIsStillParsed() {
        #expect(html("详见https://example.com/docs。另外，**重要**的是[链接](/x)和`code`。\n") ==
            "<p>详见<a href=\"https://example.com/docs\">https://example.com/docs</a>。另外，"
            + "<strong>重要</strong>的是<a href=\"/x\">链接</a>和<code>code</code>。</p>\n")
        #expect(html("访问 www.example.com，**谢谢**\n") ==
            "<p>访问 <a href=\"http://www.example.com\">www.example.com</a>，<strong>谢谢</strong></p>\n")
    }

    @Test func emphasisAroundAURLStillPairs() {
        #expect(html("**详见https://example.com/a。**后面\n") ==
            "<p><strong>详见<a href=\"https://example.com/a\">https://example.com/a</a>。</strong>后面</p>\n")
    }

    @Test func urlInParenthesesIsCutInTheTree() {
        // After `(` the pre-pass does not break the URL (it might be a link destination).
        #expect(html("见(https://example.com/a.中文)\n") ==
            "<p>见(<a href=\"https://example.com/a\">https://example.com/a</a>.中文)</p>\n")
    }

    @Test func urlInFootnoteDefinition() {
        #expect(html("正文[^1]\n\n[^1]: https://example.com/a。**注**\n").contains(
            "<p><a href=\"https://example.com/a\">https://example.com/a</a>。<strong>注</strong> <a href=\"#fnref-1\""))
    }

    @Test func urlBreakInOtherContexts() {
        #expect(html("| 网址 | 说明 |\n|---|---|\n| https://example.com/a.中 | c |\n").contains(
            "<td><a href=\"https://example.com/a\">https://example.com/a</a>.中</td>"))
        #expect(html("`https://example.com/x中` [见https://example.com/x中](/y) ![https://example.com/x中](i.png)\n") ==
            "<p><code>https://example.com/x中</code> <a href=\"/y\">见https://example.com/x中</a> "
            + "<img src=\"i.png\" alt=\"https://example.com/x中\" /></p>\n")
        #expect(html("[a](/u \"见https://example.com/x中\")\n") ==
            "<p><a href=\"/u\" title=\"见https://example.com/x中\">a</a></p>\n")
    }

    @Test func destinationsKeepTheirNonASCIIText() {
        #expect(html("[r]: https://example.com/文档\n\n[x][r] [y](https://example.com/文档) <https://example.com/文档>\n") ==
            "<p><a href=\"https://example.com/%E6%96%87%E6%A1%A3\">x</a> "
            + "<a href=\"https://example.com/%E6%96%87%E6%A1%A3\">y</a> "
            + "<a href=\"https://example.com/%E6%96%87%E6%A1%A3\">https://example.com/文档</a></p>\n")
        #expect(html("文字<a href=https://example.com/x中>y</a>\n") ==
            "<p>文字<!-- raw HTML omitted -->y<!-- raw HTML omitted --></p>\n")
        #expect(html("```\nhttps://example.com/x中\n```\n") == "<pre><code>https://example.com/x中\n</code></pre>\n")
    }

    @Test func explicitLinksAreNotTouched() {
        #expect(html("[https://example.com/文档](https://example.com/文档)\n") ==
            "<p><a href=\"https://example.com/%E6%96%87%E6%A1%A3\">https://example.com/文档</a></p>\n")
        #expect(html("<https://example.com/文档>\n") ==
            "<p><a href=\"https://example.com/%E6%96%87%E6%A1%A3\">https://example.com/文档</a></p>\n")
    }

    @Test func noLinkInsideLinkText() {
        #expect(html("[访问www.example.com](/x)\n") == "<p><a href=\"/x\">访问www.example.com</a></p>\n")
    }

    @Test func codeSpansAreNotLinked() {
        #expect(html("`访问www.example.com`\n") == "<p><code>访问www.example.com</code></p>\n")
    }
}
