import Foundation
import Testing

/// `check` and `build` report template values the pages do not provide, and unknown transforms,
/// at their file, line and column, instead of rendering them as nothing.
@Suite struct TemplateCheckCommandTests {
    /// A scratch folder holding a copy of the example theme in `site-templates/` with two mistakes.
    static func brokenTheme() throws -> Scratch {
        let scratch = Scratch()
        let theme = scratch.path + "/site-templates"
        try FileManager.default.copyItem(atPath: Repo.templates, toPath: theme)
        for (file, old, new) in [("unit.mustache", "<h1>{{name}}</h1>", "<h1>{{nmae}}</h1>"),
                                 ("report.mustache", "<h1>{{title}}</h1>", "<h1>{{uppercase(title)}}</h1>")] {
            let path = theme + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.components(separatedBy: old).count == 2)
            write(text.replacingOccurrences(of: old, with: new), to: path)
        }
        return scratch
    }

    static let expected = [
        "site-templates/report.mustache:6:5: error: 未知的转换（transform）\"uppercase\"；是不是 \"uppercased\"？"
            + "（可用：count, empty, first, last, reversed, uppercased, lowercased, plusone, minusone, equalzero, even, odd）",
        "site-templates/unit.mustache:5:5: error: 模板使用了页面不提供的值（value）\"nmae\"；是不是 \"name\"？",
    ]

    static func located(_ run: Run) -> [String] {
        run.stderrLines.filter(isLocatedDiagnostic).map { line in
            // The list of what the page provides is long; the test pins what comes before it.
            line.hasPrefix("site-templates/unit.mustache") ? String(line[..<line.range(of: "（此处可用：")!.lowerBound]) : line
        }
    }

    @Test func checkReportsThemProblemsAtTheirTags() throws {
        let scratch = try Self.brokenTheme()
        let run = gongshi(["check", "--content", Repo.content], in: scratch.path)
        #expect(run.status == 1)
        #expect(Self.located(run) == Self.expected, "\(run.stderr)")
        #expect(run.stderrLines.last == "2 处错误，0 处警告")
        // --templates names the theme from anywhere.
        let named = gongshi(["check", "--content", Repo.content, "--templates", scratch.path + "/site-templates"])
        #expect(named.status == 1)
        #expect(named.stderrLines.filter(isLocatedDiagnostic).count == 2)
        #expect(named.stderrLines.first?.hasPrefix(scratch.path + "/site-templates/report.mustache:6:5: error: ") == true)
        #expect(gongshi(["check", "--content", Repo.content, "--templates", scratch.path + "/nope"]).status == 2)
    }

    @Test func checkReportsThemInEnglishWhenAskedFor() throws {
        let scratch = try Self.brokenTheme()
        let run = gongshi(["check", "--lang", "en", "--content", Repo.content], in: scratch.path)
        #expect(run.status == 1)
        let located = run.stderrLines.filter(isLocatedDiagnostic).map { line in
            line.hasPrefix("site-templates/unit.mustache") ? String(line[..<line.range(of: " (available here: ")!.lowerBound]) : line
        }
        #expect(located == [
            "site-templates/report.mustache:6:5: error: unknown transform \"uppercase\"; did you mean \"uppercased\"?"
                + " (available: count, empty, first, last, reversed, uppercased, lowercased, plusone, minusone, equalzero, even, odd)",
            "site-templates/unit.mustache:5:5: error: the template uses the value \"nmae\", which the page does not provide; did you mean \"name\"?",
        ], "\(run.stderr)")
        #expect(run.stderrLines.last == "2 errors, 0 warnings")
    }

    @Test func buildReportsThemAndWritesNothing() throws {
        let scratch = try Self.brokenTheme()
        let run = gongshi(["build", "--content", Repo.content, "--output", "public"], in: scratch.path)
        #expect(run.status == 1)
        #expect(Self.located(run) == Self.expected, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/public"))
    }

    @Test func theExampleThemePassesCheckWithNothingPrinted() {
        let run = gongshi(["check", "--content", Repo.content, "--templates", Repo.templates])
        #expect(run.status == 0)
        #expect(run.stderrLines.isEmpty, "\(run.stderr)")
    }
}
