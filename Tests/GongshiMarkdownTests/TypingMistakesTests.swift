import Testing
@testable import GongshiMarkdown

@Suite struct TypingMistakesTests {
    let renderer = MarkdownRenderer(embeddedBlockNames: ["ranking"])

    @Test func middleDotFenceIsTheBacktickFence() {
        let markdown = "介绍\n\n···ranking\ntop: 3\n···\n\n  ｀｀｀｀\ncode ···\n｀｀｀｀\n"
        let document = renderer.render(markdown)
        #expect(document.blocks == [EmbeddedBlock(name: "ranking", source: "top: 3\n", line: 3, column: 1)])
        #expect(document.html() == "<p>介绍</p>\n<pre><code>code ···\n</code></pre>\n")
        #expect(TypingMistakes.mistypedFences(in: markdown) == [
            .init(line: 3, column: 1, written: "···ranking", meant: "```ranking"),
            .init(line: 5, column: 1, written: "···", meant: "```"),
            .init(line: 7, column: 3, written: "｀｀｀｀", meant: "````"),
            .init(line: 9, column: 1, written: "｀｀｀｀", meant: "````"),
        ])
    }

    @Test func fullWidthTildeAndMixedClosing() {
        let markdown = "～～～ranking\nperiod: 2018-h1\n~~~\n"
        #expect(renderer.render(markdown).blocks.map(\.source) == ["period: 2018-h1\n"])
        #expect(TypingMistakes.mistypedFences(in: markdown).map(\.line) == [1])
        // A ~ fence is not closed by ``` (CommonMark): no block, no fix.
        #expect(TypingMistakes.mistypedFences(in: "～～～ranking\nx\n```\n").isEmpty)
        // A fence closed properly keeps a ··· line inside as text.
        let code = "```\n···\n```\n"
        #expect(renderer.render(code).html() == "<pre><code>···\n</code></pre>\n")
        #expect(TypingMistakes.mistypedFences(in: code).isEmpty)
    }

    @Test func aLoneMiddleDotLineStaysText() {
        #expect(renderer.render("甲\n\n···\n\n乙\n").html() == "<p>甲</p>\n<p>···</p>\n<p>乙</p>\n")
        #expect(TypingMistakes.mistypedFences(in: "甲\n\n···\n\n乙\n").isEmpty)
    }

    @Test func imagesWithSpaces() {
        let markdown = "看：![现场 照片](现场 照片.jpg) 和 ![a](b.jpg \"标题\")\n\n```\n![x](y z.jpg)\n```\n\n`![x](y z.jpg)` ![c](<d e.jpg>)\n"
        #expect(TypingMistakes.unparsedImages(in: markdown) == [
            .init(line: 1, column: 3, written: "![现场 照片](现场 照片.jpg)", fixed: "![现场 照片](<现场 照片.jpg>)"),
        ])
        #expect(renderer.render("![c](<d e.jpg>)").links == [LinkReference(destination: "d e.jpg", isImage: true, line: 1, column: 1)])
        #expect(TypingMistakes.unparsedImages(in: "![a](b.jpg)").isEmpty)
        // CommonMark takes U+3000 into an address: that image works.
        #expect(TypingMistakes.unparsedImages(in: "![a](现场\u{3000}照片.jpg)").isEmpty)
        #expect(renderer.render("![a](现场\u{3000}照片.jpg)").links.count == 1)
    }
}
