import Foundation
import Testing
@testable import GongshiContent
import GongshiModel
@testable import GongshiRender
@testable import GongshiSite

/// The search index (search/…, read by site-templates/assets/search.js): its keys, its files
/// (JavaScript: nothing in a title may end a string or a script), and which files an edit remakes.
@Suite struct SearchIndexTests {
    // MARK: Text and keys

    @Test func normalizationKeepsLengthAndFoldsCaseAndFullWidth() {
        #expect(SearchText.normalized("AbＣ１　x") == Array("abc1 x".utf16))
        #expect("中".utf16.map(SearchText.normalize) == Array("中".utf16))
        for word in ["中", "a", "9", "é", "𠀀"] { #expect(word.utf16.allSatisfy(SearchText.isWord), "\(word)") }
        for other in ["，", "。", "“", "”", "、", " ", "-", "《", "〔", "·", "—", "…", "（", "!", "<"] {
            #expect(!other.utf16.map(SearchText.normalize).contains(where: SearchText.isWord), "\(other)")
        }
    }

    @Test func keysAreBigramsOfEachFieldAndUnigramsOfTheTitle() {
        func key(_ pair: String) -> UInt32 {
            let units = Array(pair.utf16)
            return SearchText.key(units[0], units.count > 1 ? units[1] : 0)
        }
        let keys = Set(SearchText.keys(title: "志愿服务", text: "文明，交通 Dian", slug: "ab"))
        for bigram in ["志愿", "愿服", "服务", "文明", "交通", "di", "ia", "an", "ab"] { #expect(keys.contains(key(bigram)), "\(bigram)") }
        for unigram in ["志", "愿", "服", "务"] { #expect(keys.contains(key(unigram)), "\(unigram)") }
        // Punctuation and spaces part words; fields are not joined; text gives no unigrams.
        for absent in ["明交", "通d", "务文", "文", "ba"] { #expect(!keys.contains(key(absent)), "\(absent)") }
    }

    @Test func plainTextIsWhatAReaderSees() {
        let html = "<h2>活动情况</h2>\n<p>第一行\n第二行，<strong>重点</strong>内容。</p>\n<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n"
            + "<p>A &amp; B &lt;c&gt; &#x4E2D;&#25991; &unknown; 5G\nnet</p><script>var x = \"<p>\";</script><!-- 注释 --><table><tr><td>项目</td><td>数量</td></tr></table>"
        #expect(SearchText.plain(html: html) == "活动情况 第一行第二行，重点内容。 甲 乙 A & B <c> 中文 &unknown; 5G net 项目 数量")
        #expect(SearchText.plain(html: "") == "")
        #expect(SearchText.plain(html: "<p>　前后　</p>") == "前后")
        #expect(SearchText.oneLine("一是\n  二是\t三是") == "一是 二是 三是")
    }

    // MARK: Files

    @Test func idListsReadBackAsWritten() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 0...300, using: &rng), span = Int.random(in: 1...2000, using: &rng)
            let ids = Set((0..<count).map { _ in Int32.random(in: 0..<Int32(span), using: &rng) }).sorted()
            var out: [UInt8] = []
            SearchEncoding.appendIDs(ids, to: &out)
            let text = String(decoding: out, as: UTF8.self)
            #expect(SearchEncoding.decodeIDs(text) == ids, "\(ids) → \(text)")
            #expect(!text.contains("\"") && !text.contains("\\"))
        }
        // A page in every slot is a bitmap: a bit a page.
        var out: [UInt8] = []
        SearchEncoding.appendIDs(Array(0..<600), to: &out)
        #expect(out.first == UInt8(ascii: "~") && out.count == 101)
        // Gaps: 0, 31 (one character each), 32 (two: 32 + 1 ("X"), then 0).
        out = []
        SearchEncoding.appendIDs([0, 32, 65], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "0VX0")
    }

    /// search.js computes `Math.imul(unit, 0x9E3779B1) >>> (32 - bits)`: the same buckets.
    @Test func bucketsAreTheBrowsers() {
        #expect(SearchLayout.bucket(0x5FD7, buckets: 16) == 7)  // 志
        #expect(SearchLayout.bucket(0x61, buckets: 16) == 15)  // a
        #expect(SearchLayout.bucket(0x6587, buckets: 16) == 5)  // 文
        #expect(SearchLayout.bucket(0xD840, buckets: 32) == 11)  // half of 𠀀
        #expect(SearchLayout.bucket(0x61, buckets: 2) == 1)
    }

    @Test func stringsCannotEndTheirScript() throws {
        let nasty = "标题</script><script>alert(1)</script>\"'\\ & <!-- \u{2028}\u{2029}\u{1}\n𠀀"
        var out: [UInt8] = []
        SearchEncoding.appendString(nasty, to: &out)
        let literal = String(decoding: out, as: UTF8.self)
        #expect(!literal.lowercased().contains("</script"))
        #expect(!literal.contains("<") && !literal.contains("\u{2028}") && !literal.contains("\u{2029}") && !literal.contains("\n"))
        // A JSON string literal, so a JavaScript one: it reads back as written.
        let back = try JSONSerialization.jsonObject(with: Data(("[" + literal + "]").utf8)) as? [String]
        #expect(back == [nasty])
        // Keys: a half of a character outside the BMP is escaped, the rest written as it is.
        var key: [UInt8] = []
        SearchEncoding.appendKey(SearchText.key(0xD840, 0xDC00), to: &key)
        #expect(String(decoding: key, as: UTF8.self) == "\"\\ud840\\udc00\"")
        key = []
        SearchEncoding.appendKey(SearchText.key(0x5FD7, 0x613F), to: &key)
        #expect(String(decoding: key, as: UTF8.self) == "\"志愿\"")
    }

    /// A chunk file is one call with the pages' strings; a title with `</script>` and quotes stays a title.
    @Test func chunkFilesAreOneCallWithSafeStrings() throws {
        let docs = [
            SearchDoc(title: "“讲文明”</script><b>'\"", label: "聊城市民政局", date: CalendarDate(iso: "2018-06-12"),
                      path: "reports/2018/06/社区", text: Array("正文\\内容".utf8)),
            SearchDoc(title: "市教育局", label: "省级文明单位", date: nil, path: "units/jiaoyu", text: []),
        ]
        let file = String(decoding: SearchGroup.chunk(name: "r3", number: 7, docs: docs[...]), as: UTF8.self)
        #expect(file.hasPrefix("GongshiSearch.t(\"r3\",7,[") && file.hasSuffix("])\n"))
        #expect(!file.lowercased().contains("</script"))
        let array = String(file.dropFirst("GongshiSearch.t(\"r3\",7,".count).dropLast(2))
        let strings = try #require(try JSONSerialization.jsonObject(with: Data(array.utf8)) as? [String])
        #expect(strings == ["“讲文明”</script><b>'\"", "聊城市民政局", "2018-06-12", "reports/2018/06/%E7%A4%BE%E5%8C%BA", "正文\\内容",
                            "市教育局", "省级文明单位", "", "units/jiaoyu", ""])
    }

    /// A postings file maps each key to the pages that have it.
    @Test func postingsFilesMapKeysToPages() throws {
        let docs = (0..<40).map { i in
            SearchDoc(title: i % 2 == 0 ? "志愿服务\(i)" : "文明交通", label: "", date: nil, path: "reports/x/p\(i)",
                      text: Array((i == 39 ? "学雷锋" : "清理卫生死角").utf8))
        }
        let group = SearchGroup(name: "r0", docs: docs, buckets: 2)
        var postings: [String: [Int32]] = [:]
        for (bucket, bytes) in group.buckets.enumerated() {
            let file = String(decoding: bytes, as: UTF8.self)
            let prefix = "GongshiSearch.p(\"r0\",\(bucket),"
            #expect(file.hasPrefix(prefix) && file.hasSuffix(")\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(String(file.dropFirst(prefix.count).dropLast(2)).utf8)) as? [String: String])
            for (key, ids) in object {
                #expect(SearchLayout.bucket(key.utf16.first!, buckets: 2) == bucket, "\(key) is in the wrong bucket")
                postings[key] = SearchEncoding.decodeIDs(ids)
            }
        }
        #expect(postings["志愿"] == stride(from: 0, to: 40, by: 2).map(Int32.init))
        #expect(postings["交通"] == stride(from: 1, to: 40, by: 2).map(Int32.init))
        #expect(postings["卫生"] == Array(0..<39))
        #expect(postings["雷锋"] == [39])
        #expect(postings["志"] != nil && postings["卫"] == nil, "title unigrams only")
        #expect(postings["p3"] == [3] + Array(30...39), "slug bigrams")
    }

    // MARK: The example site

    @Test func theExamplesSearchFilesHoldItsPages() throws {
        let output = ExampleSiteTests.output
        let page = text(output, "search/index.html")
        #expect(page.contains("<form id=\"search-form\" class=\"search-form\" role=\"search\" hidden"))
        #expect(page.contains("data-reports=\"") && page.contains("data-buckets=\"2\""))
        #expect(page.contains("搜索要在浏览器里运行 JavaScript") && page.contains("../reports/index.html"))
        #expect(page.contains("<script src=\"../assets/search.js\"></script>"))
        #expect(text(output, "index.html").contains("<a href=\"search/index.html\">搜索</a>"))
        let files = tree(output).keys.filter { $0.hasPrefix("search/") }.sorted()
        #expect(tree(output)["assets/search.js"] != nil)
        for group in ["u", "n", "r0"] {
            #expect(files.contains("search/\(group)/p0.js") && files.contains("search/\(group)/p1.js") && files.contains("search/\(group)/t0.js"))
        }
        // A report, a notice and a unit of the example, each in its group's text with its words in the postings.
        let reports = files.filter { $0.hasPrefix("search/r0/t") }.map { text(output, $0) }.joined()
        #expect(reports.contains("reports/2018/08/guowang-yongdian-paicha"))
        #expect(text(output, "search/n/t0.js").contains("notices/2018/"))
        #expect(text(output, "search/u/t0.js").contains("国家税务总局聊城市税务局"))
        let postings = text(output, "search/r0/p0.js") + text(output, "search/r0/p1.js")
        #expect(postings.contains("\"供电\":"))
        // Drafts and reports after the as-of date are not in the index.
        #expect(!reports.contains("gonglu-jiaotong-anquan-jiangzuo") && !reports.contains("shuiwu-xinchun-songwennuan"))
    }

    // MARK: What an edit remakes

    /// The example with `extra` more reports, one a day from 2016-01-01 (`i` the report's place in date order).
    static func renderer(extra: Int, edit: ((inout Report, inout UInt64) -> Void)? = nil, at edited: Int = -1, add: Bool = false,
                         previous: [String: OutputFile] = [:]) -> (SiteRenderer, [OutputFile]) {
        let loaded = ContentLoader.load(root: Repo.content, asOf: nil, today: CalendarDate(iso: "2026-11-23")!,
                                        reservedFolders: SiteRenderer.reservedFolders)
        var diagnostics = Diagnostics()
        let theme = SiteBuilder.loadTheme(Repo.templates, &diagnostics)!
        var content = loaded.content!
        let model = content.reports[0]
        var hashes: [UInt64] = []
        content.reports = (0..<(extra + (add ? 1 : 0))).map { i in
            var report = model
            let day = i == extra ? 365 * 3 : i / 3  // the added report is the newest
            let date = CalendarDate(year: 2016 + day / 336, month: day % 336 / 28 + 1, day: day % 28 + 1)!
            report.path = "reports/\(date.year)/p\(String(format: "%05d", i))"
            report.sourcePath = report.path + ".md"
            report.date = date
            report.title = "测试报道第\(i)篇"
            report.bodyHTML = "<p>正文\(i)：开展文明交通劝导。</p>"
            report.assets = []
            var hash = UInt64(i + 1) * 7919
            if i == edited, let edit { edit(&report, &hash) }
            hashes.append(hash)
            return report
        }
        let computation = SiteComputation(content: content, asOf: CalendarDate(iso: "2020-12-31")!)
        let renderer = SiteRenderer(content: content, computation: computation, theme: theme, includeDrafts: false,
                                    inputs: loaded.inputHashes, sources: ReportSources(hashes: hashes, cached: hashes.map { _ in false }),
                                    previous: { path in previous[path].map { PreviousFile(fingerprint: $0.fingerprint, hash: 1, recipe: $0.recipe) } })
        // Only the search files are made: the other 2,000 pages are of no interest here.
        let files = zip(SiteRenderer.kinds, renderer.lists).filter { $0.0.folder == "search" }.flatMap { _, list in
            (0..<list.count).map { list.file(renderer, $0) }
        }
        return (renderer, files)
    }

    static func made(_ files: [OutputFile]) -> Set<String> {
        Set(files.filter { if case .unchanged = $0.contents { false } else { true } }.map(\.path))
    }

    @Test func editingAReportRemakesItsGroupsPostingsAndItsChunkOnly() throws {
        let size = SearchLayout.groupSize, extra = size * 2 + 100
        let (first, files) = Self.renderer(extra: extra)
        #expect(first.site.search.reportGroups == 3)
        let search = Set(files.map(\.path).filter { $0.hasPrefix("search/") })
        #expect(search.contains("search/r2/t3.js") && !search.contains("search/r3/p0.js"))
        let previous = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })

        // Nothing changed: nothing is made.
        let (_, again) = Self.renderer(extra: extra, previous: previous)
        #expect(Self.made(again).filter { $0.hasPrefix("search/") } == [])

        // Report 1300 (group 1, its 20th page: chunk 0) gets new text.
        let edited = size + 20
        let (_, after) = Self.renderer(extra: extra, edit: { report, hash in report.bodyHTML += "<p>补充：整改到位。</p>"; hash += 1 },
                                       at: edited, previous: previous)
        let buckets = SearchLayout.buckets(extra)
        let expected = Set((0..<buckets).map { "search/r1/p\($0).js" } + ["search/r1/t\(20 / SearchLayout.reportChunk).js"])
        #expect(Self.made(after).filter { $0.hasPrefix("search/") } == expected)
        let chunk = try #require(after.first { $0.path == "search/r1/t0.js" })
        guard case .bytes(let bytes) = chunk.contents else { Issue.record("chunk not made"); return }
        #expect(String(decoding: bytes, as: UTF8.self).contains("补充：整改到位。"))

        // A new report, the newest: the last group's postings and last chunk, and the search page (the count).
        let (_, added) = Self.renderer(extra: extra, add: true, previous: previous)
        let last = (extra % size) / SearchLayout.reportChunk
        #expect(Self.made(added).filter { $0.hasPrefix("search/") }
            == Set((0..<buckets).map { "search/r2/p\($0).js" } + ["search/r2/t\(last).js", "search/index.html"]))
    }

    // MARK: Incremental builds, searched

    /// What search.js finds for `word` (a word of two or more characters, no spaces) in the index written to
    /// `output`: the pages that have every bigram of it, kept when their title or text really contains it.
    static func search(_ word: String, in output: String) throws -> Set<String> {
        let units = Array(SearchText.normalized(word))
        let keys = Set((1..<units.count).map { String(decoding: [units[$0 - 1], units[$0]], as: UTF16.self) })
        var found: Set<String> = []
        let folder = output + "/search"
        for group in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where !group.hasSuffix(".html") {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/" + group)
            var postings: [String: [Int32]] = [:]
            for file in files where file.hasPrefix("p") {
                let js = try String(contentsOfFile: folder + "/" + group + "/" + file, encoding: .utf8)
                let object = String(js[js.index(after: js.firstIndex(of: "{")!)...].dropLast(2))
                let map = try #require(try JSONSerialization.jsonObject(with: Data(("{" + object).utf8)) as? [String: String])
                for key in keys { if let ids = map[key] { postings[key] = SearchEncoding.decodeIDs(ids) } }
            }
            var candidates: Set<Int32>? = nil
            for key in keys { candidates = (candidates ?? Set(postings[key] ?? [])).intersection(postings[key] ?? []) }
            let size = group == "u" ? SearchLayout.unitChunk : group == "n" ? SearchLayout.noticeChunk : SearchLayout.reportChunk
            for id in candidates ?? [] {
                let js = try String(contentsOfFile: folder + "/\(group)/t\(Int(id) / size).js", encoding: .utf8)
                let array = String(js[js.firstIndex(of: "[")!...].dropLast(2))
                let strings = try #require(try JSONSerialization.jsonObject(with: Data(array.utf8)) as? [String])
                let at = Int(id) % size * 5
                if strings[at].contains(word) || strings[at + 4].contains(word) { found.insert(strings[at + 3].removingPercentEncoding!) }
            }
        }
        return found
    }

    /// (issue 13) Remaking a report group after one edit renders that report's text only: the others'
    /// come from the texts the last build kept (`SearchTextStore`). A kept file that is damaged or
    /// written by another program is not used; the site is the clean build's every time.
    @Test func aRemadeGroupRendersOnlyTheEditedReportsText() throws {
        let w = IncrementalBuildTests.Workspace()
        let first = w.buildAndCompare("first build")
        let all = first.searchTextsRendered
        #expect(all > 40, "the example's published reports")

        w.edit("reports/2018/06/shuiwu-lajitong.md") { $0 + "\n又补充了一段文字：鑫龘新词。\n" }
        #expect(w.buildAndCompare("one report edited").searchTextsRendered == 1)
        #expect(try Self.search("鑫龘新词", in: w.output) == ["reports/2018/06/shuiwu-lajitong"])

        let stored = w.folder + "/.public.gongshi-cache/search-texts/0"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: stored)))
        bytes[bytes.count - 3] ^= 0x55  // a letter of some report's text
        try Data(bytes).write(to: URL(fileURLWithPath: stored))
        w.edit("reports/2018/06/shuiwu-lajitong.md") { $0 + "\n再补充：鑫龘第二。\n" }
        #expect(w.buildAndCompare("a damaged texts file").searchTextsRendered == all)

        var options = w.options(w.output, incremental: true)
        options.programStamp = 12345
        w.edit("reports/2018/06/shuiwu-lajitong.md") { $0 + "\n三补充。\n" }
        #expect(SiteBuilder.build(options).searchTextsRendered == all, "another program's texts are not used")
        #expect(SiteBuilder.build(options).searchTextsRendered == 0, "nothing changed: no group is made")
    }

    /// (issue 13) A notice is found by what it says and by its rankings' titles, not by every unit
    /// its ranking tables name: a unit's name would find every notice that ranks it, and at a
    /// province's size the tables were most of the index's text. The page itself keeps its tables.
    @Test func aNoticesTextHasItsRankingsTitlesNotTheirTables() throws {
        let (renderer, files) = PageKindTests.render()
        let site = renderer.site
        let docs = site.search.group(SearchLayout.notices, site).docs
        let doc = try #require(docs.first { $0.path == "notices/2018/nianzhong-kaohe-tongbao" })
        let text = String(decoding: doc.text, as: UTF8.self)
        let page = try #require(files.first { $0.path == "notices/2018/nianzhong-kaohe-tongbao/index.html" })
        guard case .bytes(let bytes) = page.contents else { Issue.record("the notice's page is not bytes"); return }
        let html = String(decoding: bytes, as: UTF8.self)
        #expect(html.contains("ranking-block") && html.contains("升降"), "the page shows its ranking tables")
        #expect(text.contains("2018年年中考核"), "the ranking's title is in the text")
        #expect(!text.contains("升降"), "no ranking table is in the text")
    }

    /// (issue 13) A memo that hands each group's texts to the store as the group is made holds none
    /// itself: at a million reports they were gigabytes held until the build ended.
    @Test func textsGoToTheStoreAsTheirGroupIsMade() throws {
        final class Kept: @unchecked Sendable {
            let lock = Lock()
            var groups: [Int: SearchTextMemo.Texts] = [:]
        }
        let kept = Kept()
        let memo = SearchTextMemo(keep: { group, texts in kept.lock.withLock { kept.groups[group] = texts } })
        let renderer = PageKindTests.renderer(searchTexts: memo)
        for batch in 0..<renderer.batchCount { _ = renderer.render(batch: batch) }
        #expect(memo.madeGroups.isEmpty)
        #expect(memo.madeGroupNumbers == Set(kept.groups.keys))
        #expect(kept.groups.keys.sorted() == Array(0..<renderer.searchReportGroups))
        #expect(kept.groups.values.map(\.count).reduce(0, +) == memo.rendered)
    }

    /// A report edited, added and removed: each incremental build's index equals a clean build's
    /// (`buildAndCompare`), the new words are found where they are, and an edit rewrites a few files
    /// of the index, not all of it.
    @Test func editedAddedAndRemovedReportsAreFoundAsACleanBuildFindsThem() throws {
        let w = IncrementalBuildTests.Workspace()
        w.buildAndCompare("first build")
        #expect(try Self.search("垃圾桶", in: w.output).contains("reports/2018/06/shuiwu-lajitong"))
        #expect(try Self.search("鑫龘新词", in: w.output).isEmpty)

        w.edit("reports/2018/06/shuiwu-lajitong.md") { $0 + "\n又补充了一段文字：鑫龘新词。\n" }
        let edited = w.buildAndCompare("text edited")
        #expect(try Self.search("鑫龘新词", in: w.output) == ["reports/2018/06/shuiwu-lajitong"])
        #expect(try Self.search("龘新", in: w.output) == ["reports/2018/06/shuiwu-lajitong"])
        let index = tree(w.output).keys.filter { $0.hasPrefix("search/") }.count
        #expect((edited.stats?.written ?? 99) <= 5 && index > 10, "wrote \(edited.stats?.written ?? -1) files; the index has \(index)")

        let source = try String(contentsOfFile: w.content + "/reports/2018/06/shuiwu-lajitong.md", encoding: .utf8)
        w.write("reports/2018/07/shuiwu-xinbaodao.md", source
            .replacingOccurrences(of: "title: 市税务局", with: "title: 淼淼新篇：市税务局")
            .replacingOccurrences(of: "date: 2018-06-06", with: "date: 2018-07-02")
            .replacingOccurrences(of: "鑫龘新词", with: "另一段"))
        w.buildAndCompare("report added")
        #expect(try Self.search("淼淼新篇", in: w.output) == ["reports/2018/07/shuiwu-xinbaodao"])
        #expect(try Self.search("鑫龘新词", in: w.output) == ["reports/2018/06/shuiwu-lajitong"])

        try FileManager.default.removeItem(atPath: w.content + "/reports/2018/06/shuiwu-lajitong.md")
        w.buildAndCompare("report removed")
        #expect(try Self.search("鑫龘新词", in: w.output).isEmpty)
        #expect(try Self.search("淼淼新篇", in: w.output) == ["reports/2018/07/shuiwu-xinbaodao"])
    }
}
