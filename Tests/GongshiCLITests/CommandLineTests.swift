import Foundation
import Testing

@Suite struct ExitStatusTests {
    @Test func cleanContentExitsZero() {
        let run = gongshi(["check", "--content", Repo.content])
        #expect(run.status == 0)
        #expect(run.stderrLines.isEmpty)
        #expect(run.stdout.contains("中的内容没有错误，数据截止 2018-12-31"))
    }

    @Test func contentErrorsExitOneWithEveryProblemSortedAndLocated() {
        let scratch = Scratch()
        let content = scratch.copyContent()
        write("---\ntitle: 捐赠\nunit: shuiwuu\ndate: 2018-02-30\nkind: donation\n---\n", to: content + "/reports/2018/09/zz-bad.md")
        write("---\nname: 公路局\ncategory: provincal\n---\n", to: content + "/units/aa-bad.md")
        let run = gongshi(["check", "--content", content])
        #expect(run.status == 1)
        #expect(run.stderrLines == [
            "reports/2018/09/zz-bad.md:3:7: error: 未知的单位“shuiwuu”；是不是 shuiwu（市税务局）？",
            "reports/2018/09/zz-bad.md:4:7: error: date：“2018-02-30”不是真实的日期：2018年2月只有 28 天；日期请写成 2018-06-01",
            "units/aa-bad.md:3:11: error: 未知的类别“provincal”；是不是 provincial（省级文明单位）？",
            "3 处错误，0 处警告",
        ])
    }

    @Test func usageErrorsExitTwo() {
        #expect(gongshi(["build", "--no-such-flag"]).status == 2)
        #expect(gongshi(["frobnicate"]).status == 2)
        let badDate = gongshi(["check", "--content", Repo.content, "--as-of", "2018-02-30"])
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--as-of：“2018-02-30”不是真实的日期：2018年2月只有 28 天；日期请写成 2018-06-01"))
        #expect(gongshi(["check", "--content", Repo.content, "--as-of", "2018年12月31日"]).status == 0)
        let noFolder = gongshi(["check", "--content", "/nonexistent/content"])
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr.contains("用法错误：找不到内容文件夹：/nonexistent/content"))
    }

    @Test func warningsArePrintedButDoNotFail() {
        let scratch = Scratch()
        let content = scratch.copyContent()
        write("---\ntitle: 学习会\nunit: guotu\ndate: 2018-05-02\nkind: lecture\nfigures: {attendees: 20}\n---\n", to: content + "/reports/2018/05/guotu-xuexi.md")
        let run = gongshi(["build", "--content", content, "--templates", Repo.templates, "--output", scratch.path + "/public"])
        #expect(run.status == 0)
        #expect(run.stderrLines == ["reports/2018/05/guotu-xuexi.md:3:7: warning: 单位 guotu 的文明单位称号已暂停（units/guotu.md 的 history：2018-02-09 暂停），仍会发布这篇报道；日期或单位写错了就请改正"])
    }
}

@Suite struct NothingLostTests {
    @Test func aFailedBuildLeavesThePreviousSiteByteIdentical() {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let output = scratch.path + "/public"
        #expect(gongshi(["build", "--content", content, "--templates", Repo.templates, "--output", output]).status == 0)
        let before = tree(output)
        write("---\nname: x\n", to: content + "/units/broken.md")
        let run = gongshi(["build", "--content", content, "--templates", Repo.templates, "--output", output])
        #expect(run.status == 1)
        #expect(run.stderrLines.first == "units/broken.md:1:1: error: 从这里开始的字段（front matter）没有结束：请在最后一个字段下面加一行“---”")
        #expect(tree(output) == before)
    }

    @Test func aSecondBuildIntoTheSameOutputIsRefusedWhileTheFirstHoldsTheLock() throws {
        let scratch = Scratch()
        let output = scratch.path + "/public"
        // Hold the lock the way a running build does.
        let lock = scratch.path + "/.public.gongshi-lock"
        let fd = open(lock, O_CREAT | O_RDWR, 0o644)
        try #require(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let run = gongshi(["build", "--content", Repo.content, "--templates", Repo.templates, "--output", output])
        #expect(run.status == 1)
        #expect(run.stderr.contains("另一个 gongshi 正在生成网站，写的是同一个输出文件夹"))
        let english = gongshi(["build", "--lang", "en", "--content", Repo.content, "--templates", Repo.templates, "--output", output])
        #expect(english.status == 1)
        #expect(english.stderr.contains("another gongshi build is writing this output"))
        #expect(!FileManager.default.fileExists(atPath: output))
        flock(fd, LOCK_UN)
        close(fd)
        #expect(gongshi(["build", "--content", Repo.content, "--templates", Repo.templates, "--output", output]).status == 0)
    }

    @Test func buildsStartedTogetherNeverMixTheirOutput() {
        let scratch = Scratch()
        let output = scratch.path + "/public"
        let arguments = ["build", "--content", Repo.content, "--templates", Repo.templates, "--output", output]
        let collected = Locked([Run]())
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let run = gongshi(arguments)
            collected.update { $0.append(run) }
        }
        let runs = collected.value
        #expect(runs.count == 4)
        for run in runs {
            #expect(run.status == 0 || run.stderr.contains("另一个 gongshi 正在生成网站"))
        }
        #expect(runs.contains { $0.status == 0 })
        let reference = scratch.path + "/reference"
        #expect(gongshi(["build", "--content", Repo.content, "--templates", Repo.templates, "--output", reference]).status == 0)
        #expect(tree(output) == tree(reference))
    }

    /// Kills builds at many moments. With `--atomic` the output must always be the old
    /// site or the new one. By default a few changed files are renamed into the output
    /// one by one when there is no spare tree: each file must be its old or its new
    /// version, never a partial one, and the next build must give the new site.
    @Test(arguments: [true, false])
    func aKilledBuildLeavesTheOldSiteOrTheNewOne(atomic: Bool) throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        // Enough reports that a build takes a while and can be caught mid-write.
        let report = try String(contentsOfFile: content + "/reports/2018/05/caizheng-hubei-huanjing.md", encoding: .utf8)
        for i in 0..<400 {
            write(report, to: content + "/reports/2018/05/copy-\(i).md")
        }
        let output = scratch.path + "/public"
        let arguments = ["build", "--content", content, "--templates", Repo.templates, "--output", output] + (atomic ? ["--atomic"] : [])
        #expect(gongshi(arguments).status == 0)
        let old = tree(output)
        let page = content + "/reports/2018/05/copy-0.md"
        write(report.replacingOccurrences(of: "title: ", with: "title: 改："), to: page)
        // A new site title changes every page, so the new build writes for a long while
        // (not a few milliseconds): kills land inside it however loaded the machine is.
        let siteFile = content + "/site.yaml"
        let site = try String(contentsOfFile: siteFile, encoding: .utf8)
        write(site.replacingOccurrences(of: "title: 聊城市文明单位创建公示", with: "title: 聊城市文明单位创建公示（改）"), to: siteFile)
        let newReference = scratch.path + "/new-reference"
        #expect(gongshi(["build", "--content", content, "--templates", Repo.templates, "--output", newReference]).status == 0)
        let new = tree(newReference)
        #expect(old != new)

        // What a build writes beside the output before it swaps (the spare tree, the cache
        // folder's manifests): a kill that left a change there landed inside the build, not
        // before it began. Only such a kill, with the old site still standing, shows anything.
        let spare = scratch.path + "/.public.gongshi-spare", cache = scratch.path + "/.public.gongshi-cache"
        var sawOld = false
        // Fine steps, so that some kills land while the pages are written and some after.
        for delay in stride(from: 0.0, through: 5.0, by: 0.02) {
            let tracesBefore = traces([spare, cache])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: gongshiBinary)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = tree(output)
            if atomic {
                #expect(now == old || now == new, "after a kill at \(delay) s the output is neither the old nor the new site")
            } else {
                let torn = now.keys.filter { now[$0] != old[$0] && now[$0] != new[$0] }
                let lost = Set(old.keys).intersection(new.keys).subtracting(now.keys)
                #expect(torn.isEmpty && lost.isEmpty, "after a kill at \(delay) s: files neither old nor new \(torn.prefix(3)), missing \(lost.prefix(3))")
            }
            if now == old, traces([spare, cache]) != tracesBefore { sawOld = true }
            if now == new { break }
        }
        #expect(sawOld, "no kill landed inside a build (after it began writing, before the swap); the test proved nothing")
        // The next build recovers from whatever the killed one left behind.
        #expect(gongshi(arguments).status == 0)
        #expect(tree(output) == new)
    }
}

/// Every path under `roots` (the roots too) with its inode, size and modification time:
/// a file written, replaced or removed changes it.
func traces(_ roots: [String]) -> [String: String] {
    var result: [String: String] = [:]
    func note(_ path: String) {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return }
        result[path] = "\(a[.systemFileNumber] ?? 0) \(a[.size] ?? 0) \((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }
    for root in roots {
        note(root)
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String { note(root + "/" + path) }
    }
    return result
}

@Suite struct CheckNeedsNoThemeTests {
    /// `check` renders nothing, so it must work where there is no site-templates folder.
    @Test func checkRunsAnywhere() {
        let scratch = Scratch()
        let run = gongshi(["check", "--content", Repo.content], in: scratch.path)
        #expect(run.status == 0, "\(run.stderr)")
        let build = gongshi(["build", "--content", Repo.content, "--output", scratch.path + "/public"], in: scratch.path)
        #expect(build.status == 2)
        #expect(build.stderr.contains("找不到模板文件夹：site-templates"))
    }
}

@Suite struct NewFileTests {
    @Test func newReportIsFilledInFromSiteYAMLPassesCheckAndIsNeverOverwritten() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let arguments = ["new", "report", "shuiwu", "donation", "--content", content, "--date", "2018-12-20", "--slug", "shuiwu-donation-1220"]
        let first = gongshi(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("已写好"))
        let path = content + "/reports/2018/12/shuiwu-donation-1220.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"市税务局捐赠活动\"\nunit: shuiwu\ndate: 2018-12-20\nkind: donation\nfigures:\n  amount_yuan: 0  # 金额（元）\n  items: 0        # 物品（件）\n"))
        // Every optional field is there, commented.
        #expect(text.contains("\n# community: 新世纪社区 "))
        #expect(text.contains("\n# tags: ["))
        #expect(text.contains("\n# draft: true "))
        #expect(gongshi(["check", "--content", content]).status == 0)

        try "---\ntitle: 已写好\n---\n".write(toFile: path, atomically: false, encoding: .utf8)
        let again = gongshi(arguments)
        #expect(again.status == 1)
        #expect(again.stderr.contains("reports/2018/12/shuiwu-donation-1220.md:1:1: error: 这个文件已经存在，没有做任何改动"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "---\ntitle: 已写好\n---\n")
    }

    @Test func theFileNameIsTheDateAndKindWithANumberWhenTaken() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let arguments = ["new", "report", "shuiwu", "donation", "--content", content, "--date", "2018-06-01"]
        for _ in 0..<3 { #expect(gongshi(arguments).status == 0) }
        let folder = content + "/reports/2018/06/"
        for name in ["2018-06-01-donation.md", "2018-06-01-donation-2.md", "2018-06-01-donation-3.md"] {
            #expect(FileManager.default.fileExists(atPath: folder + name), "\(name)")
        }
        // A bundle folder of that name takes the name too.
        try FileManager.default.createDirectory(atPath: folder + "2018-06-01-donation-4", withIntermediateDirectories: true)
        #expect(gongshi(arguments).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "2018-06-01-donation-5.md"))
        #expect(gongshi(["check", "--content", content]).status == 0)
    }

    @Test func photosMakeAFolderWithTheImageLinesAndCaptions() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let a = scratch.path + "/a.jpg", spaced = scratch.path + "/现场 照片.jpg"
        // Real photos (the build resizes them): a small one and a phone's, with its GPS position.
        let photos = Repo.root + "/Tests/GongshiSiteTests/Fixtures/photos/"
        try FileManager.default.copyItem(atPath: photos + "small.jpg", toPath: a)
        try FileManager.default.copyItem(atPath: photos + "gps.jpg", toPath: spaced)
        let run = gongshi(["new", "report", "shuiwu", "lecture", "--date", "2018-06-01", "--photos", "a.jpg", "现场 照片.jpg",
                           "--content", content], in: scratch.path)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = content + "/reports/2018/06/2018-06-01-lecture/"
        let text = try String(contentsOfFile: folder + "index.md", encoding: .utf8)
        #expect(text.hasSuffix("\n\n![现场照片1](a.jpg)\n\n![现场照片2](<现场 照片.jpg>)\n"))
        #expect(FileManager.default.contents(atPath: folder + "a.jpg") == FileManager.default.contents(atPath: a))
        #expect(FileManager.default.contents(atPath: folder + "现场 照片.jpg") == FileManager.default.contents(atPath: spaced))
        let output = scratch.path + "/public"
        let build = gongshi(["build", "--content", content, "--templates", Repo.templates, "--output", output])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains("2018-06-01-lecture"), "\(build.stderr)")
        let page = try String(contentsOfFile: output + "/reports/2018/06/2018-06-01-lecture/index.html", encoding: .utf8)
        #expect(page.contains("<figcaption>现场照片1</figcaption>"))
        #expect(page.contains("<figcaption>现场照片2</figcaption>"))
        // Published resized (issue 12), not as the file itself.
        #expect(FileManager.default.fileExists(atPath: output + "/reports/2018/06/2018-06-01-lecture/现场 照片-1280.jpg"))
        #expect(FileManager.default.fileExists(atPath: output + "/reports/2018/06/2018-06-01-lecture/a-480.jpg"))
        #expect(!FileManager.default.fileExists(atPath: output + "/reports/2018/06/2018-06-01-lecture/现场 照片.jpg"))

        // A photo that is not there: a usage error, nothing written.
        let missing = gongshi(["new", "report", "shuiwu", "lecture", "--date", "2018-06-02", "--photos", "nope.jpg", "--content", content],
                              in: scratch.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("找不到照片文件：nope.jpg"))
        #expect(!FileManager.default.fileExists(atPath: content + "/reports/2018/06/2018-06-02-lecture"))
    }

    @Test func aReportDatedAfterTheAsOfDateIsWrittenWithAWarningThatEveryBuildRepeats() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let run = gongshi(["new", "report", "shuiwu", "lecture", "--date", "2019-03-01", "--content", content])
        #expect(run.status == 0)
        let warning = "reports/2019/03/2019-03-01-lecture.md:4:7: warning: 未发布：日期晚于数据截止日期 2018-12-31"
        #expect(run.stderr.contains(warning), "\(run.stderr)")
        let check = gongshi(["check", "--content", content])
        #expect(check.status == 0)
        #expect(check.stderr.contains(warning), "\(check.stderr)")
    }

    @Test func newSpeaksEnglishWhenAskedFor() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let run = gongshi(["new", "report", "shuiwu", "lecture", "--date", "2019-03-01", "--content", content, "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("written: "), "\(run.stdout)")
        #expect(run.stderr.contains("reports/2019/03/2019-03-01-lecture.md:4:7: warning: not published: the date is after the as-of date 2018-12-31"), "\(run.stderr)")
        let unit = gongshi(["new", "report", "shuiwuu", "donation", "--content", content, "--lang", "en"])
        #expect(unit.status == 2)
        #expect(unit.stderr.contains("usage error: unknown unit \"shuiwuu\""), "\(unit.stderr)")
        let plan = gongshi(["new", "plan", "shuiwuu", "--content", content, "--lang", "en"])
        #expect(plan.stderr.contains("usage error: unknown unit"), "\(plan.stderr)")
        let outside = gongshi(["new", "report", "shuiwu", "lecture", "--lang", "en"], in: NSTemporaryDirectory())
        #expect(outside.stderr.contains("usage error: site.yaml not found"), "\(outside.stderr)")
        // Chinese by default: none of these English texts.
        let chinese = gongshi(["new", "report", "shuiwu", "lecture", "--date", "2018-06-03", "--content", content])
        #expect(chinese.stdout.contains("已写好 "), "\(chinese.stdout)")
    }

    @Test func newFindsTheSiteFromAnyFolderInsideIt() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let inside = content + "/reports/2018"
        let run = gongshi(["new", "report", "shuiwu", "lecture", "--date", "2018-06-03"], in: inside)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: content + "/reports/2018/06/2018-06-03-lecture.md"))
        // From the site's root (the folder holding content/).
        #expect(gongshi(["new", "unit", "xinbao", "--name", "新报社"], in: scratch.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: content + "/units/xinbao.md"))
        // Outside any site: a usage error saying what to do.
        let outside = gongshi(["new", "report", "shuiwu", "lecture"], in: NSTemporaryDirectory())
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("找不到 site.yaml"))
    }

    @Test func unknownUnitOrKindIsAUsageError() {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let unit = gongshi(["new", "report", "shuiwuu", "donation", "--content", content])
        #expect(unit.status == 2)
        #expect(unit.stderr.contains("未知的单位“shuiwuu”；是不是 shuiwu（市税务局）？"))
        let kind = gongshi(["new", "report", "shuiwu", "concert", "--content", content])
        #expect(kind.status == 2)
        #expect(kind.stderr.contains("未知的活动类型“concert”"))
        #expect(gongshi(["new", "plan", "shuiwuu", "--content", content]).status == 2)
        #expect(gongshi(["new", "notice", "--period", "2018-h3", "--content", content]).status == 2)
    }

    @Test func unitKindAndCategoryMayBeNamedByTheirNames() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let run = gongshi(["new", "report", "市税务局", "捐赠", "--content", content, "--date", "2018/12/20"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: content + "/reports/2018/12/2018-12-20-donation.md", encoding: .utf8)
        #expect(text.contains("\nunit: shuiwu\n") && text.contains("\nkind: donation\n"))
        let unit = gongshi(["new", "unit", "xinbao", "--name", "新报社", "--category", "市级文明单位", "--content", content])
        #expect(unit.status == 0, "\(unit.stderr)")
        #expect(try String(contentsOfFile: content + "/units/xinbao.md", encoding: .utf8).contains("category: municipal"))
        let typo = gongshi(["new", "report", "市税物局", "捐赠", "--content", content])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("未知的单位“市税物局”；是不是 shuiwu（市税务局）？"))
        #expect(gongshi(["check", "--content", content]).status == 0)
    }

    @Test func newNoticeUnitAndPlanPassCheck() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        #expect(gongshi(["new", "notice", "--content", content, "--date", "2018-12-21", "--title", "关于表彰的通报"]).status == 0)
        let notice = try String(contentsOfFile: content + "/notices/2018/tongbao-2018-12-21.md", encoding: .utf8)
        #expect(notice.contains("issuer: \"聊城市精神文明建设委员会办公室\""))
        #expect(notice.contains("\n# doc_number: "))
        #expect(notice.contains("\n# period: 2018-h1 "))
        #expect(notice.contains("\n# cc: ["))
        #expect(notice.contains("```ranking\nperiod: 2018-h1"))
        let given = gongshi(["new", "notice", "--content", content, "--date", "2018-12-21", "--doc-number", "聊文明办〔2018〕12号",
                             "--period", "2018-h2", "--cc", "市委办公室", "市政府办公室"])
        #expect(given.status == 0, "\(given.stderr)")
        let second = try String(contentsOfFile: content + "/notices/2018/tongbao-2018-12-21-2.md", encoding: .utf8)
        #expect(second.contains("\ndoc_number: \"聊文明办〔2018〕12号\""))
        #expect(second.contains("\nperiod: 2018-h2 "))
        #expect(second.contains("\ncc: [\"市委办公室\", \"市政府办公室\"]"))
        #expect(gongshi(["new", "unit", "xinbao", "--name", "新报社", "--category", "municipal", "--content", content]).status == 0)
        #expect(gongshi(["new", "unit", "Bad_Id", "--content", content]).status == 2)
        #expect(gongshi(["new", "plan", "xinbao", "--date", "2018-10-01", "--content", content]).status == 0)
        let plan = try String(contentsOfFile: content + "/rectification/xinbao.yaml", encoding: .utf8)
        #expect(plan.contains("\ntitle: "))
        #expect(plan.contains("\nstages:"))
        #expect(plan.contains("\n  - id: 1\n"))
        #expect(plan.contains("    # leaders: "))
        let again = gongshi(["new", "plan", "xinbao", "--content", content])
        #expect(again.status == 1)
        #expect(again.stderr.contains("rectification/xinbao.yaml:1:1: error: 这个文件已经存在"))
        let check = gongshi(["check", "--content", content])
        #expect(check.status == 0, "\(check.stderr)")
    }
}

/// Chinese by default; English with `--lang en`, `GONGSHI_LANG=en` or an English locale. The
/// `path:line:column: error:` prefix is the same in both.
@Suite struct LanguageTests {
    static let broken = "---\nname: x\n"

    func brokenSite() -> (Scratch, String) {
        let scratch = Scratch()
        let content = scratch.copyContent()
        write(Self.broken, to: content + "/units/broken.md")
        write("---\ntitle: 学习会\nunit: guotu\ndate: 2018-05-02\nkind: lecture\nfigures: {attendees: 20}\n---\n", to: content + "/reports/2018/05/guotu-xuexi.md")
        return (scratch, content)
    }

    static let chinese = [
        "reports/2018/05/guotu-xuexi.md:3:7: warning: 单位 guotu 的文明单位称号已暂停（units/guotu.md 的 history：2018-02-09 暂停），仍会发布这篇报道；日期或单位写错了就请改正",
        "units/broken.md:1:1: error: 从这里开始的字段（front matter）没有结束：请在最后一个字段下面加一行“---”",
        "1 处错误，1 处警告",
    ]
    static let english = [
        "reports/2018/05/guotu-xuexi.md:3:7: warning: report of a suspended unit \"guotu\"",
        "units/broken.md:1:1: error: the front matter starting here is never closed with a \"---\" line",
        "1 error, 1 warning",
    ]

    @Test func diagnosticsAreChineseByDefaultAndEnglishWhenAskedFor() {
        let (scratch, content) = brokenSite()
        _ = scratch
        let check = ["check", "--content", content]
        let chinese = gongshi(check)
        #expect(chinese.status == 1)
        #expect(chinese.stderrLines == Self.chinese)
        #expect(gongshi(check, environment: ["LANG": "C.UTF-8"]).stderrLines == Self.chinese)
        #expect(gongshi(check, environment: ["LANG": "zh_CN.UTF-8"]).stderrLines == Self.chinese)
        for english in [gongshi(check + ["--lang", "en"]), gongshi(check + ["--lang=en"]),
                        gongshi(check, environment: ["LANG": "en_US.UTF-8"]),
                        gongshi(check, environment: ["LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"]),
                        gongshi(check, environment: ["GONGSHI_LANG": "en", "LANG": "zh_CN.UTF-8"])] {
            #expect(english.status == 1)
            #expect(english.stderrLines == Self.english)
        }
        // The flag wins over the environment, both ways.
        #expect(gongshi(check + ["--lang", "zh"], environment: ["LANG": "en_US.UTF-8"]).stderrLines == Self.chinese)
        #expect(gongshi(check + ["--lang", "en"], environment: ["GONGSHI_LANG": "zh"]).stderrLines == Self.english)
    }

    /// Warnings kept in the cache between builds keep both texts: the second, incremental build
    /// reads the report from the cache and still prints its warning in the language asked for.
    @Test func cachedWarningsKeepTheirEnglishText() {
        let (scratch, content) = brokenSite()
        try? FileManager.default.removeItem(atPath: content + "/units/broken.md")
        let build = ["build", "--content", content, "--templates", Repo.templates, "--output", scratch.path + "/public"]
        let first = gongshi(build)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderrLines == [Self.chinese[0]])
        let again = gongshi(build + ["--lang", "en"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 reports read"), "\(again.stdout)")
        #expect(again.stderrLines == [Self.english[0]])
        #expect(gongshi(build).stderrLines == [Self.chinese[0]])
    }

    @Test func theSummaryLinesFollowTheLanguage() {
        let scratch = Scratch()
        let output = scratch.path + "/public"
        let build = ["build", "--content", Repo.content, "--templates", Repo.templates, "--output", output]
        let chinese = gongshi(build)
        #expect(chinese.status == 0, "\(chinese.stderr)")
        #expect(chinese.stdout.hasPrefix("已生成 "), "\(chinese.stdout)")
        #expect(chinese.stdout.contains("数据截止 2018-12-31"))
        let english = gongshi(build + ["--lang", "en"])
        #expect(english.stdout.hasPrefix("built "), "\(english.stdout)")
        #expect(english.stdout.contains("files into \(output) as of 2018-12-31"))
        let check = gongshi(["check", "--content", Repo.content], environment: ["LANG": "en_US.UTF-8"])
        #expect(check.stdout.hasPrefix("no errors in "))
    }

    /// One line, with the fix, exit 2, and no `Usage:` line.
    @Test func usageErrorsAreOneLineWithTheFix() {
        let typo = gongshi(["build", "--outptu", "x"])
        #expect(typo.status == 2)
        #expect(typo.stderrLines == ["用法错误：未知的选项 --outptu；是不是 --output？"])
        let english = gongshi(["build", "--outptu", "x", "--lang", "en"])
        #expect(english.status == 2)
        #expect(english.stderrLines == ["usage error: unknown option --outptu; did you mean --output?"])
        #expect(gongshi(["build", "--outptu", "x"], environment: ["LANG": "en_US.UTF-8"]).stderrLines == english.stderrLines)
        let command = gongshi(["biuld"])
        #expect(command.status == 2)
        #expect(command.stderrLines == ["用法错误：未知的命令“biuld”；是不是 build？"])
        let missing = gongshi(["check", "--as-of"])
        #expect(missing.status == 2)
        #expect(missing.stderrLines.count == 1)
        #expect(missing.stderr.hasPrefix("用法错误：选项 --as-of 后面要写一个值"))
        let port = gongshi(["serve", "--port", "70000"])
        #expect(port.status == 2)
        #expect(port.stderrLines == ["用法错误：--port 要在 0 到 65535 之间（写的是 70000）"])
        let lang = gongshi(["check", "--lang", "fr"])
        #expect(lang.status == 2)
        #expect(lang.stderrLines == ["用法错误：--lang 只能是 zh 或 en（写的是“fr”）"])
        for run in [typo, english, command, missing, port, lang] {
            #expect(!run.stderr.contains("Usage:") && !run.stderr.contains("USAGE:") && !run.stderr.contains("Error:"), "\(run.stderr)")
        }
        // --help stays ArgumentParser's, and lists --lang.
        let help = gongshi(["build", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--lang"))
    }
}
