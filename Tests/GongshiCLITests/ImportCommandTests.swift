import Foundation
import Testing

/// `gongshi import`: every fixture becomes a file that passes `check`, and nothing is ever overwritten.
@Suite struct ImportCommandTests {
    static let fixtures = Repo.root + "/Tests/GongshiCLITests/Fixtures/docx/"

    @Test func everyFixtureImportsIntoTheExampleSiteAndPassesCheck() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let runs: [([String], String)] = [
            (["tongbao-python-docx.docx", "--as", "notice"], "notices/2018/tongbao-2018-08-20/index.md"),
            (["tongbao-libreoffice.docx", "--as", "notice"], "notices/2018/tongzhi-2018-10-09/index.md"),
            (["report-python-docx.docx", "--as", "report", "--unit", "shuiwu", "--kind", "volunteer"], "reports/2018/shuiwu-volunteer-2018-06-12/index.md"),
            (["bare-python-docx.docx", "--as", "notice", "--slug", "bare"], "notices/\(Calendar.current.component(.year, from: Date()))/bare.md"),
        ]
        for (arguments, path) in runs {
            let run = gongshi(["import", Self.fixtures + arguments[0]] + arguments.dropFirst() + ["--content", content])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: content + "/" + path), "\(path): \(run.stdout)")
            if path.hasSuffix("index.md") {
                let folder = (content + "/" + path as NSString).deletingLastPathComponent
                #expect(FileManager.default.fileExists(atPath: folder + "/image1.png"))
            }
        }
        let notice = try String(contentsOfFile: content + "/" + runs[0].1, encoding: .utf8)
        #expect(notice.hasPrefix("""
            ---
            title: "关于2018年上半年帮包社区工作情况的通报"
            date: 2018-08-20
            issuer: "聊城市精神文明建设委员会办公室"
            doc_number: "聊文明办〔2018〕12号"
            kind: "通报"
            cc: ["省文明办", "市委办公室", "市政府办公室"]
            ---
            各县（市、区）文明办，市直各单位：

            """))
        let bare = try String(contentsOfFile: content + "/" + runs[3].1, encoding: .utf8)
        #expect(bare.contains("draft: true\n"))
        let check = gongshi(["check", "--content", content])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func itSaysWhatItRecognisedAndWhatNot() {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let run = gongshi(["import", Self.fixtures + "tongbao-python-docx.docx", "--as", "notice", "--content", content])
        for line in ["文号：聊文明办〔2018〕12号", "发文机关：聊城市精神文明建设委员会办公室", "日期：2018-08-20", "主送：各县（市、区）文明办，市直各单位", "抄送：省文明办、市委办公室、市政府办公室", "含 1 张图片"] {
            #expect(run.stdout.contains(line), "\(line)")
        }
        let bare = gongshi(["import", Self.fixtures + "bare-python-docx.docx", "--as", "notice", "--content", content])
        for line in ["未识别到文号", "未识别到日期", "未识别到标题", "未识别到抄送"] { #expect(bare.stdout.contains(line), "\(line)") }
    }

    @Test func aTakenNameGetsANumberAndAGivenOneIsNeverOverwritten() throws {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let file = Self.fixtures + "tongbao-libreoffice.docx"
        let first = gongshi(["import", file, "--as", "notice", "--content", content])
        #expect(first.status == 0)
        #expect(!first.stderr.contains("warning"), "\(first.stderr)")
        let second = gongshi(["import", file, "--as", "notice", "--content", content])
        #expect(second.status == 0)
        #expect(FileManager.default.fileExists(atPath: content + "/notices/2018/tongzhi-2018-10-09-2/index.md"))
        // The same document twice: the second file is written, and the staff member is told which one it repeats.
        #expect(second.stderr.contains("notices/2018/tongzhi-2018-10-09-2/index.md:5:13: warning: 文号"), "\(second.stderr)")
        #expect(second.stderr.contains("notices/2018/tongzhi-2018-10-09/index.md"), "\(second.stderr)")
        let before = tree(content)
        let again = gongshi(["import", file, "--as", "notice", "--slug", "tongzhi-2018-10-09", "--content", content])
        #expect(again.status == 1)
        #expect(again.stderr.contains("已存在"))
        #expect(tree(content) == before)
    }

    @Test func itSpeaksEnglishWhenAskedFor() {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let file = Self.fixtures + "tongbao-python-docx.docx"
        let run = gongshi(["import", file, "--as", "notice", "--content", content, "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        for line in ["written: ", "recognised:", "doc number: 聊文明办〔2018〕12号", "issuer: 聊城市精神文明建设委员会办公室", "gongshi check."] {
            #expect(run.stdout.contains(line), "\(line): \(run.stdout)")
        }
        #expect(!run.stdout.contains("识别到"))
        let again = gongshi(["import", file, "--as", "notice", "--content", content, "--lang", "en"])
        #expect(again.stderr.contains("warning: doc number \"聊文明办〔2018〕12号\" is the same as notices/2018/tongbao-2018-08-20/index.md's"), "\(again.stderr)")
        write("not a word file", to: scratch.path + "/old.doc")
        let old = gongshi(["import", scratch.path + "/old.doc", "--as", "notice", "--content", content, "--lang", "en"])
        #expect(old.status == 1)
        #expect(old.stderr.contains("Save as"), "\(old.stderr)")
        let noUnit = gongshi(["import", file, "--as", "report", "--content", content, "--lang", "en"])
        #expect(noUnit.stderr.contains("usage error: importing a report needs --unit"), "\(noUnit.stderr)")
    }

    @Test func mistakesInTheCommandAreUsageErrors() {
        let scratch = Scratch()
        let content = scratch.copyContent()
        let file = Self.fixtures + "report-python-docx.docx"
        #expect(gongshi(["import", file, "--as", "report", "--content", content]).status == 2)
        #expect(gongshi(["import", file, "--as", "report", "--unit", "shuiwuu", "--content", content]).status == 2)
        #expect(gongshi(["import", file, "--as", "notice", "--slug", "Bad Name", "--content", content]).status == 2)
        #expect(gongshi(["import", scratch.path + "/missing.docx", "--as", "notice", "--content", content]).status == 2)
        write("not a word file", to: scratch.path + "/old.doc")
        let old = gongshi(["import", scratch.path + "/old.doc", "--as", "notice", "--content", content])
        #expect(old.status == 1)
        #expect(old.stderr.contains("另存为"))
    }
}
