import ArgumentParser
import Foundation
import GongshiContent
import GongshiModel
import GongshiSite

struct Gongshi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongshi",
        abstract: "Builds a 文明单位 public-notice website from a content folder.",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Import.self]
    )
}

struct SiteOptions: ParsableArguments {
    @OptionGroup var lang: LanguageOption
    @Option(help: "The content folder.") var content = "content"
    @Option(help: "Show the day the site describes (YYYY-MM-DD); default: as_of in site.yaml, else today.")
    var asOf: String?

    /// - Parameter templates: nil when not given on the command line (site-templates, which need not exist).
    /// The language chosen for this run (`--lang`, `GONGSHI_LANG`, the locale).
    var language: Language { lang.language }

    func options(templates: String? = nil, output: String = "public", drafts: Bool = false) throws -> BuildOptions {
        // A folder that is not there is a mistake in the command, not in the content: exit 2.
        try requireFolder(content, .content)
        if let templates { try requireFolder(templates, .templates) }
        var date: CalendarDate? = nil
        if let asOf {
            switch StaffForms.date(asOf) {
            case .success(let parsed): date = parsed
            case .failure(let failure): throw ValidationError("--as-of：\(failure.message)")
            }
        }
        var options = BuildOptions(content: content, templates: templates ?? "site-templates", output: output, asOf: date, today: Today.date, includeDrafts: drafts)
        options.language = language
        return options
    }
}

enum FolderKind { case content, templates }

func requireFolder(_ path: String, _ what: FolderKind) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        switch what {
        case .content:
            throw UsageError("找不到内容文件夹：\(path)；请在网站的文件夹里运行，或用 --content 指定", en: "content folder not found: \(path)")
        case .templates:
            throw UsageError("找不到模板文件夹：\(path)；请用 --templates 指定主题文件夹",
                             en: "template folder not found: \(path)")
        }
    }
}

enum Today {
    /// The local calendar day: what a member of staff means by "today".
    static var date: CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}

/// Prints problems as `path:line:column: error: message`, errors and warnings alike, to stderr,
/// each message in `language` (the prefix is the same in every language), then the count.
func printDiagnostics(_ report: BuildReport, _ language: Language) {
    var text = ""
    for diagnostic in report.diagnostics { text += diagnostic.description(in: language) + "\n" }
    let errors = report.diagnostics.filter { $0.severity == .error }.count
    let warnings = report.diagnostics.count - errors
    if errors > 0 {
        text += language.pick("\(errors) 处错误，\(warnings) 处警告",
                              "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")") + "\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
}

struct Build: ParsableCommand {
    /// When the process started its work, for `--timings`' total.
    nonisolated(unsafe) static var started = ContinuousClock.now

    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder; it is replaced only when the build succeeds.")

    @OptionGroup var site: SiteOptions
    @Option(help: "The theme folder.") var templates = "site-templates"
    @Option(help: "The output folder.") var output = "public"
    @Flag(help: "Publish drafts too.") var drafts = false
    @Flag(help: "Print how long each step took.") var timings = false
    @Flag(help: "Ignore what earlier builds cached: read every file and make every page.") var full = false
    @Flag(help: "Always switch the whole output at once, even for a few changed files (slower when there is no spare tree yet).")
    var atomic = false

    func run() throws {
        Build.started = ContinuousClock.now
        var options = try site.options(templates: templates, output: output, drafts: drafts)
        options.incremental = !full
        if atomic { options.inPlaceLimit = 0 }
        options.exitsAfterBuild = true
        let report = SiteBuilder.build(options)
        printDiagnostics(report, options.language)
        if timings {
            var lines = report.timings.map { String(format: "%-12@ %8.3f s", $0.step as NSString, $0.seconds) }
            lines.append(String(format: "%-12@ %8.3f s", "total" as NSString, (ContinuousClock.now - Build.started).seconds))
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        guard report.succeeded else { throw ExitCode(1) }
        if let stats = report.stats {
            let asOf = report.asOf.map(\.description) ?? "?"
            print(options.language.pick(
                "已生成 \(report.files) 个文件到 \(output)，数据截止 \(asOf)"
                    + "（读了 \(report.reportsRead) 篇报道，新做 \(report.filesMade) 个文件；"
                    + "写入 \(stats.written) 个，未变 \(stats.unchanged) 个，删除 \(stats.removed) 个）",
                "built \(report.files) files into \(output) as of \(asOf)"
                    + " (\(report.reportsRead) reports read, \(report.filesMade) files made;"
                    + " \(stats.written) written, \(stats.unchanged) unchanged, \(stats.removed) removed)"))
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the content and report every problem, writing nothing.")

    @OptionGroup var site: SiteOptions
    @Option(help: "The theme folder (default: site-templates, checked when it exists).") var templates: String?

    func run() throws {
        var options = try site.options(templates: templates)
        options.exitsAfterBuild = true
        let report = SiteBuilder.check(options)
        printDiagnostics(report, options.language)
        guard report.succeeded else { throw ExitCode(1) }
        let asOf = report.asOf.map(\.description) ?? "?"
        print(options.language.pick("\(site.content) 中的内容没有错误，数据截止 \(asOf)", "no errors in \(site.content) as of \(asOf)"))
    }
}
