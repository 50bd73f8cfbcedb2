import ArgumentParser
import Foundation
import GongshiContent
import GongshiModel

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "新建一个文件（报告、通报、单位、整改方案），按 site.yaml 填好开头的字段。",
        subcommands: [NewReport.self, NewNotice.self, NewUnit.self, NewPlan.self]
    )
}

/// The content folder: `--content` when given, else the nearest folder at or above the working
/// directory that holds `site.yaml` (or a `content/site.yaml`), so `new` works from anywhere in a site.
func contentFolder(_ given: String?) throws -> String {
    if let given {
        try requireFolder(given, .content)
        return given
    }
    let files = FileManager.default
    var folder = URL(fileURLWithPath: files.currentDirectoryPath).standardizedFileURL
    while true {
        if files.fileExists(atPath: folder.appendingPathComponent("site.yaml").path) { return folder.path }
        let content = folder.appendingPathComponent("content")
        if files.fileExists(atPath: content.appendingPathComponent("site.yaml").path) { return content.path }
        if folder.path == "/" { break }
        folder.deleteLastPathComponent()
    }
    throw UsageError("找不到 site.yaml：请在网站的文件夹（或它下面的任何文件夹）里运行，或用 --content 指定内容文件夹",
                     en: "site.yaml not found: run this in the site's folder (or any folder below it), or give the content folder with --content")
}

struct NewOptions: ParsableArguments {
    @OptionGroup var lang: LanguageOption
    @Option(help: "内容文件夹；默认从当前文件夹向上找 site.yaml。") var content: String?
    @Option(help: "写进文件的日期（YYYY-MM-DD）；默认今天。") var date: String?
    @Option(help: "文件名（不带 .md；小写字母、数字和 -）；默认按日期自动取。") var slug: String?

    func day() throws -> CalendarDate {
        guard let date else { return Today.date }
        switch StaffForms.date(date) {
        case .success(let day): return day
        case .failure(let failure): throw UsageError("--date：\(failure.message)", en: "--date: \(failure.english)")
        }
    }

    /// site.yaml, units and notice issuers; content errors there end the command with exit 1.
    func site(issuers: Bool = false) throws -> (Scaffold.Site, String) {
        let folder = try contentFolder(content)
        let (site, diagnostics) = SiteOutline.read(root: folder, issuers: issuers)
        guard let site else {
            FileHandle.standardError.write(Data(diagnostics.map { $0.description(in: lang.language) + "\n" }.joined().utf8))
            throw ExitCode(1)
        }
        return (site, folder)
    }
}

/// Writes new files into one content folder, never replacing anything.
struct NewWriter {
    let folder: String
    let language: Language

    private func say(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/" + path) }

    private func fail(_ path: String, _ reason: String) -> ExitCode {
        FileHandle.standardError.write(Data("\(path):1:1: error: \(reason)\n".utf8))
        return ExitCode(1)
    }

    /// Creates the file (and for a report with photos its folder and the photos), never replacing
    /// one: O_EXCL makes the check and the creation one step.
    func write(_ file: Scaffold.NewFile) throws {
        let hint = file.path.hasPrefix("reports/") || file.path.hasPrefix("notices/") ? say("（用 --slug 另起一个名字）", " (choose another name with --slug)") : ""
        let exists = say("这个文件已经存在，没有做任何改动", "this file already exists; nothing was changed") + hint
        for other in file.samePage where self.exists(other) {
            throw fail(other, say("已经有同名的\(other.hasSuffix(".md") ? "文件" : "文件夹")，没有做任何改动",
                                  "a \(other.hasSuffix(".md") ? "file" : "folder") of the same name exists; nothing was changed") + hint)
        }
        // Photos are checked before anything is made.
        for photo in file.photos {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: photo, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw UsageError("找不到照片文件：\(photo)", en: "photo not found: \(photo)")
            }
        }
        let path = folder + "/" + file.path
        let parent = (path as NSString).deletingLastPathComponent
        if let bundle = file.bundle {
            try FileManager.default.createDirectory(atPath: (parent as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard mkdir(folder + "/" + bundle, 0o755) == 0 else {
                throw fail(bundle, errno == EEXIST ? say("这个文件夹已经存在，没有做任何改动", "this folder already exists; nothing was changed") + hint : String(cString: strerror(errno)))
            }
        } else {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail(file.path, errno == EEXIST ? exists : String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        handle.write(Data(file.text.utf8))
        print(say("已写好 \(path)", "written: \(path)"))
        if let bundle = file.bundle {
            for photo in file.photos {
                let name = (photo as NSString).lastPathComponent
                do {
                    try FileManager.default.copyItem(atPath: photo, toPath: folder + "/" + bundle + "/" + name)
                } catch {
                    throw fail(bundle + "/" + name, say("照片没能复制过来（\(photo)）：", "the photo could not be copied (\(photo)): ") + error.localizedDescription)
                }
                print(say("已复制照片 \(name)", "photo copied: \(name)"))
            }
        }
    }

    /// A report or notice dated after the as-of date is not published: say so now, as every build will.
    func warnIfNotPublished(_ file: Scaffold.NewFile, date: CalendarDate, site: Scaffold.Site) {
        guard let message = SiteOutline.notPublishedWarning(date: date, asOf: site.asOf(today: Today.date), in: language) else { return }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (lines.firstIndex { $0.hasPrefix("date: ") } ?? 0) + 1
        FileHandle.standardError.write(Data("\(file.path):\(line):7: warning: \(message)\n".utf8))
    }
}

func scaffold(_ make: () throws(Scaffold.UsageError) -> Scaffold.NewFile) throws -> Scaffold.NewFile {
    do { return try make() } catch { throw UsageError(error.description, en: error.english) }
}

struct NewReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "一个单位的活动报告。")
    @Argument(help: "单位编号（units/ 里的文件名）。") var unit: String
    @Argument(help: "活动类型（site.yaml 的 activity_kinds）。") var kind: String
    @Option(help: "标题；默认是单位简称加活动类型。") var title: String?
    @Option(parsing: .upToNextOption, help: "照片文件：报告会写成一个文件夹，照片复制进去，每张一行带说明的图片。")
    var photos: [String] = []
    @OptionGroup var options: NewOptions

    func run() throws {
        let (site, folder) = try options.site()
        let day = try options.day()
        let writer = NewWriter(folder: folder, language: options.lang.language)
        let file = try scaffold { () throws(Scaffold.UsageError) in
            try Scaffold.report(in: site, unit: unit, kind: kind, date: day, title: title, slug: options.slug, photos: photos,
                                taken: writer.exists)
        }
        try writer.write(file)
        writer.warnIfNotPublished(file, date: day, site: site)
    }
}

struct NewNotice: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notice", abstract: "一份通报（通报、通知、公示……）。")
    @Option(help: "标题。") var title: String?
    @Option(help: "发文机关；默认用以前的通报里最常见的。") var issuer: String?
    @Option(help: "通报、通知、公示……；默认“通报”。") var kind: String?
    @Option(name: .customLong("doc-number"), help: "文号，例如 聊文明办〔2018〕12号。") var docNumber: String?
    @Option(help: "考核期编号：通报里的排名表默认用这一期。") var period: String?
    @Option(parsing: .upToNextOption, help: "抄送单位，可写几个。") var cc: [String] = []
    @OptionGroup var options: NewOptions

    func run() throws {
        let (site, folder) = try options.site(issuers: true)
        let day = try options.day()
        let writer = NewWriter(folder: folder, language: options.lang.language)
        let file = try scaffold { () throws(Scaffold.UsageError) in
            try Scaffold.notice(in: site, date: day, title: title, issuer: issuer, kind: kind, slug: options.slug,
                                docNumber: docNumber, period: period, cc: cc, taken: writer.exists)
        }
        try writer.write(file)
        writer.warnIfNotPublished(file, date: day, site: site)
    }
}

struct NewUnit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unit", abstract: "一个参加创建的单位。")
    @Argument(help: "单位编号：小写字母、数字和 -。") var id: String
    @OptionGroup var lang: LanguageOption
    @Option(help: "单位全称。") var name: String?
    @Option(help: "类别编号（site.yaml 的 categories）；默认第一个。") var category: String?
    @Option(help: "内容文件夹；默认从当前文件夹向上找 site.yaml。") var content: String?

    func run() throws {
        let options = try NewOptions.parse((content.map { ["--content", $0] } ?? []) + ["--lang", lang.language == .english ? "en" : "zh"])
        let (site, folder) = try options.site()
        try NewWriter(folder: folder, language: options.lang.language).write(try scaffold { () throws(Scaffold.UsageError) in
            try Scaffold.unit(in: site, id: id, name: name, category: category)
        })
    }
}

struct NewPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "一个单位的整改方案（rectification/<单位>.yaml）。")
    @Argument(help: "单位编号（units/ 里的文件名）。") var unit: String
    @OptionGroup var lang: LanguageOption
    @Option(help: "内容文件夹；默认从当前文件夹向上找 site.yaml。") var content: String?
    @Option(help: "方案开始的日期（YYYY-MM-DD）；默认今天。") var date: String?

    func run() throws {
        var arguments = content.map { ["--content", $0] } ?? []
        if let date { arguments += ["--date", date] }
        arguments += ["--lang", lang.language == .english ? "en" : "zh"]
        let options = try NewOptions.parse(arguments)
        let (site, folder) = try options.site()
        let day = try options.day()
        try NewWriter(folder: folder, language: options.lang.language).write(try scaffold { () throws(Scaffold.UsageError) in
            try Scaffold.plan(in: site, unit: unit, date: day)
        })
    }
}
