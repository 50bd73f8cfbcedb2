import ArgumentParser
import Foundation
import GongshiContent
import GongshiModel

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new report, notice or unit with its front matter filled in from site.yaml.",
        subcommands: [NewReport.self, NewNotice.self, NewUnit.self]
    )
}

struct NewOptions: ParsableArguments {
    @Option(help: "The content folder.") var content = "content"
    @Option(help: "The date to put in the file (YYYY-MM-DD); default today.") var date: String?
    @Option(help: "The file name without .md (lowercase letters, digits and -).") var slug: String?

    func day() throws -> CalendarDate {
        guard let date else { return Today.date }
        switch StaffForms.date(date) {
        case .success(let day): return day
        case .failure(let failure): throw ValidationError("--date：\(failure.message)")
        }
    }

    /// site.yaml, units and notice issuers; content errors there end the command with exit 1.
    func site(issuers: Bool = false) throws -> Scaffold.Site {
        try requireFolder(content, "content")
        let (site, diagnostics) = SiteOutline.read(root: content, issuers: issuers)
        guard let site else {
            FileHandle.standardError.write(Data(diagnostics.map { $0.description + "\n" }.joined().utf8))
            throw ExitCode(1)
        }
        return site
    }

    /// Creates the file, never replacing one: O_EXCL makes the check and the creation one step.
    func write(_ file: Scaffold.NewFile) throws {
        let path = content + "/" + file.path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it already exists; nothing was changed (choose another name with --slug)" : String(cString: strerror(errno))
            FileHandle.standardError.write(Data("\(file.path):1:1: error: \(reason)\n".utf8))
            throw ExitCode(1)
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        handle.write(Data(file.text.utf8))
        print("wrote \(path)")
    }
}

func scaffold(_ make: () throws(Scaffold.UsageError) -> Scaffold.NewFile) throws -> Scaffold.NewFile {
    do { return try make() } catch { throw ValidationError(error.description) }
}

struct NewReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "A report of one unit's activity.")
    @Argument(help: "The unit's id (its file name in units/).") var unit: String
    @Argument(help: "The activity kind, as in site.yaml's activity_kinds.") var kind: String
    @Option(help: "The title; default the unit's short name and the kind.") var title: String?
    @OptionGroup var options: NewOptions

    func run() throws {
        let site = try options.site()
        let day = try options.day()
        try options.write(try scaffold { () throws(Scaffold.UsageError) in
            try Scaffold.report(in: site, unit: unit, kind: kind, date: day, title: title, slug: options.slug)
        })
    }
}

struct NewNotice: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notice", abstract: "A notice (通报, 通知, 公示 ...).")
    @Option(help: "The title.") var title: String?
    @Option(help: "发文机关; default the issuer of most earlier notices.") var issuer: String?
    @Option(help: "通报, 通知, 公示 ...; default 通报.") var kind: String?
    @OptionGroup var options: NewOptions

    func run() throws {
        let site = try options.site(issuers: true)
        let day = try options.day()
        try options.write(try scaffold { () throws(Scaffold.UsageError) in
            try Scaffold.notice(in: site, date: day, title: title, issuer: issuer, kind: kind, slug: options.slug)
        })
    }
}

struct NewUnit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unit", abstract: "A unit taking part in the campaign.")
    @Argument(help: "The unit's id: lowercase letters, digits and -.") var id: String
    @Option(help: "The unit's full name.") var name: String?
    @Option(help: "Its category id from site.yaml; default the first.") var category: String?
    @Option(help: "The content folder.") var content = "content"

    func run() throws {
        let options = try NewOptions.parse(["--content", content])
        let site = try options.site()
        try options.write(try scaffold { () throws(Scaffold.UsageError) in
            try Scaffold.unit(in: site, id: id, name: name, category: category)
        })
    }
}
