import ArgumentParser
import Foundation
import GongshiContent
import GongshiModel

/// `gongshi import <file.docx> --as notice|report`: a Word document as a new notice or report,
/// its front matter recognised from the header and signature lines (see `DocxImport`).
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a Word document (.docx) as a new notice or report (导入 Word 文档为通报或活动报道)."
    )

    enum Target: String, ExpressibleByArgument, CaseIterable { case notice, report }

    @Argument(help: "The Word document (.docx).") var file: String
    @Option(name: .customLong("as"), help: "notice (通报、通知、公示…) or report (活动报道).") var target: Target
    @Option(help: "For a report: the unit's id or name.") var unit: String?
    @Option(help: "For a report: the activity kind (id or name); default the first in site.yaml.") var kind: String?
    @Option(help: "The file name without .md (lowercase letters, digits and -); default from the kind and the date.") var slug: String?
    @Option(help: "The content folder.") var content = "content"
    @OptionGroup var lang: LanguageOption

    func validate() throws {
        if target == .report, unit == nil { throw UsageError("导入为活动报道时请用 --unit 指定单位", en: "importing a report needs --unit") }
        if target == .notice, unit != nil || kind != nil { throw UsageError("--unit 和 --kind 只用于 --as report", en: "--unit and --kind are only for --as report") }
        if let slug, !Identifier.isValid(slug) {
            throw UsageError("文件名“\(slug)”不可用：只能用小写字母、数字和“-”（它会成为网页地址）",
                             en: "the file name \"\(slug)\" cannot be used: lowercase letters, digits and \"-\" only (it becomes the address)")
        }
    }

    func run() throws {
        let language = lang.language
        func say(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw UsageError("找不到文件：\(file)", en: "file not found: \(file)")
        }
        try requireFolder(content, .content)
        let document: DocxDocument
        do { document = try DocxReader.read(bytes) } catch {
            FileHandle.standardError.write(Data("\(file): error: \(error.message(in: language))\n".utf8))
            throw ExitCode(1)
        }
        let (outline, diagnostics) = SiteOutline.read(root: content, issuers: target == .notice)
        guard let site = outline else {
            FileHandle.standardError.write(Data(diagnostics.map { $0.description(in: language) + "\n" }.joined().utf8))
            throw ExitCode(1)
        }
        let imported = DocxImport.convert(document, as: target == .notice ? .notice : .report)
        var notes: [String] = []
        var missing: [String] = []
        var draft = false
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension

        let title: String
        if let found = imported.title {
            title = found
            notes.append(say("标题：\(found)", "title: \(found)"))
        } else {
            title = stem
            missing.append(say("未识别到标题，已用文件名“\(stem)”，请核对", "no title found; the file name \"\(stem)\" is used, please check"))
        }
        let date: CalendarDate
        var dateNote: String?
        if let found = imported.date {
            date = found
            dateNote = say("日期：\(found)（原文“\(imported.dateText ?? "")”）", "date: \(found) (written \"\(imported.dateText ?? "")\")")
        } else {
            date = Today.date
            draft = true
            missing.append(say("未识别到日期，已暂填今天 \(date) 并标为草稿（draft: true）；改好日期后删去 draft 一行",
                               "no date found; today, \(date), is filled in and the file is a draft (draft: true); correct the date, then delete the draft line"))
        }

        var front = "---\ntitle: \(yaml(title))\n"
        var relative: String
        switch target {
        case .notice:
            let kindWord = imported.noticeKind ?? "通报"
            var issuer = imported.issuer
            if let number = imported.docNumber { notes.append(say("文号：\(number)", "doc number: \(number)")) } else { missing.append(say("未识别到文号", "no doc number found")) }
            if let found = issuer {
                notes.append(say("发文机关：\(found)", "issuer: \(found)"))
            } else if let earlier = site.issuers.first {
                issuer = earlier
                missing.append(say("未识别到发文机关，已用以往通报最常用的“\(earlier)”，请核对", "no issuer found; the one earlier notices use most, \"\(earlier)\", is filled in, please check"))
            } else {
                draft = true
                missing.append(say("未识别到发文机关，已填“请填写发文机关”并标为草稿（draft: true）", "no issuer found; \"请填写发文机关\" is filled in and the file is a draft (draft: true)"))
            }
            if let dateNote { notes.append(dateNote) }
            if let recipients = imported.recipients { notes.append(say("主送：\(recipients)（保留在正文第一行）", "addressees: \(recipients) (kept as the first line of the text)")) } else { missing.append(say("未识别到主送", "no addressees found")) }
            if !imported.cc.isEmpty { notes.append(say("抄送：", "cc: ") + imported.cc.joined(separator: "、")) } else { missing.append(say("未识别到抄送", "no cc found")) }
            notes.append(say("类别：", "kind: ") + kindWord + (imported.noticeKind == nil ? say("（标题未写明，默认通报）", " (not in the title; 通报 by default)") : ""))
            front += "date: \(date)\n"
            front += "issuer: \(yaml(issuer ?? "请填写发文机关"))\n"
            if let number = imported.docNumber { front += "doc_number: \(yaml(number))\n" }
            front += "kind: \(yaml(kindWord))\n"
            if !imported.cc.isEmpty { front += "cc: [" + imported.cc.map(yaml).joined(separator: ", ") + "]\n" }
            relative = "notices/\(date.year)/"
            let words = ["通报": "tongbao", "通知": "tongzhi", "公示": "gongshi", "公告": "gonggao", "决定": "jueding", "意见": "yijian", "方案": "fangan"]
            relative += slug ?? "\(words[kindWord] ?? "wenjian")-\(date)"
        case .report:
            let found = try lookup(unit ?? "", NameTable.units(site.units))
            let kindID: String
            if let kind {
                kindID = try lookup(kind, NameTable.kinds(site.config))
            } else {
                guard let first = site.config.kinds.first else { throw UsageError("site.yaml 里没有活动类别（activity_kinds）", en: "site.yaml has no activity_kinds") }
                kindID = first.id
                missing.append(say("未指定活动类别，已用 site.yaml 的第一个“\(first.name)”（\(first.id)），可用 --kind 指定", "no activity kind given; the first in site.yaml, \(first.id) (\(first.name)), is used; give one with --kind"))
            }
            if let dateNote { notes.append(dateNote) }
            notes.append(say("单位：\(found)", "unit: \(found)"))
            notes.append(say("活动类别：", "activity kind: ") + "\(kindID)（\(site.config.kind(kindID)?.name ?? "")）")
            front += "unit: \(found)\ndate: \(date)\nkind: \(kindID)\n"
            relative = "reports/\(date.year)/" + (slug ?? "\(found)-\(kindID)-\(date)")
        }
        if draft { front += "draft: true\n" }
        front += "---\n"
        let text = front + imported.body

        for picture in imported.pictures {
            let ext = (picture.name as NSString).pathExtension.lowercased()
            if !["png", "jpg", "jpeg", "gif", "webp", "heic", "heif"].contains(ext) {
                missing.append(say("图片 \(picture.name) 是浏览器不能显示的格式，请在 Word 中另存为 PNG 或 JPG 后替换", "picture \(picture.name) is in a format browsers cannot show; save it as PNG or JPG in Word and replace it"))
            }
        }
        let path = try place(relative, bundle: !imported.pictures.isEmpty, explicit: slug != nil, language: language)
        try write(text, pictures: imported.pictures, at: path, language: language)
        if target == .notice, let number = imported.docNumber, let earlier = site.docNumbers[number] {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("doc_number:") }.map { $0 + 1 } ?? 1
            FileHandle.standardError.write(Data("\(path):\(line):13: warning: \(language.pick("文号“\(number)”和 \(earlier) 的相同：这份文件可能已经导入过了；是重复的就删去新写的文件", "doc number \"\(number)\" is the same as \(earlier)'s: this document may have been imported before; if so, delete the new file"))\n".utf8))
        }
        var out = say("已写入 \(content)/\(path)", "written: \(content)/\(path)")
        if !imported.pictures.isEmpty { out += say("（含 \(imported.pictures.count) 张图片）", " (with \(imported.pictures.count) pictures)") }
        out += say("\n识别到：\n", "\nrecognised:\n") + notes.map { "  \($0)\n" }.joined()
        if !missing.isEmpty { out += say("未能识别：\n", "not recognised:\n") + missing.map { "  \($0)\n" }.joined() }
        out += say("请打开文件核对正文和前言（front matter），再运行 gongshi check。\n", "open the file, check the text and the front matter, then run gongshi check.\n")
        print(out, terminator: "")
    }

    /// An id, or a unique exact name.
    /// The id a --unit or --kind argument names (its id, or its name when unique); else a usage error with the candidates.
    private func lookup(_ value: String, _ names: NameTable) throws -> String {
        switch names.lookup(value) {
        case .success(let id): return id
        case .failure(let failure): throw UsageError(failure.message, en: failure.english)
        }
    }

    /// The file's path under the content folder: `x.md`, or `x/index.md` with pictures; `-2`, `-3` … when the
    /// default name is taken, and an error (exit 1) when the name given with --slug is.
    private func place(_ base: String, bundle: Bool, explicit: Bool, language: Language) throws -> String {
        func taken(_ stem: String) -> Bool {
            FileManager.default.fileExists(atPath: "\(content)/\(stem).md") || FileManager.default.fileExists(atPath: "\(content)/\(stem)")
        }
        var stem = base
        var n = 2
        while taken(stem) {
            if explicit {
                FileHandle.standardError.write(Data("\(stem)\(bundle ? "/index.md" : ".md"):1:1: error: \(language.pick("文件已存在，未做任何改动（请用 --slug 换一个文件名）", "the file exists; nothing was changed (choose another name with --slug)"))\n".utf8))
                throw ExitCode(1)
            }
            stem = "\(base)-\(n)"
            n += 1
        }
        return bundle ? stem + "/index.md" : stem + ".md"
    }

    /// Creates the files, never replacing one (mkdir and O_EXCL fail on what exists).
    private func write(_ text: String, pictures: [DocxImport.Picture], at path: String, language: Language) throws {
        let full = content + "/" + path
        let folder = (full as NSString).deletingLastPathComponent
        func fail(_ reason: String) throws -> Never {
            FileHandle.standardError.write(Data("\(path):1:1: error: \(reason)\n".utf8))
            throw ExitCode(1)
        }
        if pictures.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } else {
            try FileManager.default.createDirectory(atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard mkdir(folder, 0o755) == 0 else { try fail(errno == EEXIST ? language.pick("文件夹已存在，未做任何改动", "the folder exists; nothing was changed") : String(cString: strerror(errno))) }
        }
        for (name, data) in [("index.md", Data(text.utf8))].filter({ _ in !pictures.isEmpty }) + pictures.map({ ($0.name, $0.data) }) {
            try create(folder + "/" + name, data, language, fail)
        }
        if pictures.isEmpty { try create(full, Data(text.utf8), language, fail) }
    }

    private func create(_ path: String, _ data: Data, _ language: Language, _ fail: (String) throws -> Never) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { try fail(errno == EEXIST ? language.pick("文件已存在，未做任何改动（请用 --slug 换一个文件名）", "the file exists; nothing was changed (choose another name with --slug)") : String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        handle.write(data)
    }

    /// A YAML scalar that reads back as exactly `text`.
    private func yaml(_ text: String) -> String { Scaffold.yaml(text) }
}
