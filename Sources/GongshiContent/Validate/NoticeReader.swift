import GongshiMarkdown
import GongshiModel

enum NoticeReader {
    static let fields = ["title", "date", "issuer", "doc_number", "kind", "period", "cc", "draft", "public_period", "supervision"]
    static let blockNames: Set<String> = ["ranking", "rectification"]

    static func read(_ source: DocumentSource, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
                     planUnits: Set<String>, asOf: CalendarDate, markdown: MarkdownRenderer,
                     diagnostics: inout Diagnostics) -> Notice? {
        ParsedDocument.simpleFirst(&diagnostics) { diagnostics, simple in
            read(source, bytes: bytes, config: config, units: units, planUnits: planUnits, asOf: asOf, markdown: markdown,
                 diagnostics: &diagnostics, simple: simple)
        }
    }

    private static func read(_ source: DocumentSource, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
                             planUnits: Set<String>, asOf: CalendarDate, markdown: MarkdownRenderer,
                             diagnostics: inout Diagnostics, simple: Bool) -> Notice? {
        let path = source.sourcePath
        guard let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &diagnostics, simple: simple) else { return nil }
        let f = document.fields
        f.checkKeys(fields, severity: .warning, diagnostics: &diagnostics)
        let before = diagnostics.errors.count
        let title = f.string("title", required: true, diagnostics: &diagnostics)
        let date = f.date("date", required: true, diagnostics: &diagnostics)
        let issuer = f.string("issuer", required: true, diagnostics: &diagnostics)
        let period = NameTable.periods(config).resolve(f.string("period", diagnostics: &diagnostics), at: f.location(of: "period"),
                                                       diagnostics: &diagnostics)
        let draft = f.bool("draft", diagnostics: &diagnostics) ?? false
        // (r2) A public notice's 公示期 and its own contacts.
        let publicPeriod = f.value("public_period").flatMap {
            PublicNoticeReaders.publicPeriod($0, source: f.source, diagnostics: &diagnostics)
        }
        let supervision = f.value("supervision").flatMap {
            PublicNoticeReaders.supervision($0, source: f.source, diagnostics: &diagnostics)
        }
        checkFenceNames(TypingMistakes.fixingFences(document.body), bodyLine: document.bodyLine, path: path, diagnostics: &diagnostics)
        let rendered = markdown.render(document.body)
        MarkdownChecks.check(body: document.body, bodyLine: document.bodyLine, path: path, diagnostics: &diagnostics)
        // Only the bundle's files the page uses are published.
        let used = LinkCheck.check(rendered.links, body: document.body, bodyLine: document.bodyLine, path: path, assets: source.assets,
                                   diagnostics: &diagnostics)
        var blocks: [Notice.BodyPart?] = []
        for block in rendered.blocks {
            blocks.append(readBlock(block, path: path, bodyLine: document.bodyLine, noticePeriod: period, noticeDate: date,
                                    config: config, units: units, planUnits: planUnits, diagnostics: &diagnostics))
        }
        guard let title, let date, let issuer, diagnostics.errors.count == before else { return nil }
        if date > asOf && !draft {
            diagnostics.warning(f.location(of: "date"), SiteChecks.notPublishedYet(date, asOf: asOf),
                                en: SiteChecks.notPublishedYet(date, asOf: asOf, in: .english))
        }
        var body: [Notice.BodyPart] = []
        for part in rendered.parts {
            switch part {
            case .html(let html): body.append(.html(html))
            case .block(let index): if let block = blocks[index] { body.append(block) }
            }
        }
        var notice = Notice(path: source.urlPath, sourcePath: path, title: title, date: date, issuer: issuer,
                            docNumber: f.string("doc_number", diagnostics: &diagnostics),
                            kind: f.string("kind", diagnostics: &diagnostics) ?? "通报", period: period,
                            cc: f.stringList("cc", diagnostics: &diagnostics), draft: draft, body: body,
                            excerpt: rendered.excerpt, assets: source.assets.filter { used.contains($0.name) })
        notice.publicPeriod = publicPeriod
        notice.supervision = supervision
        return notice
    }

    /// A fence whose info is a near miss of a block name (```rankings) is almost certainly a typo.
    static func checkFenceNames(_ body: String, bodyLine: Int, path: String, diagnostics: inout Diagnostics) {
        var lineNumber = bodyLine
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { lineNumber += 1 }
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") else { continue }
            let info = trimmed.drop(while: { $0 == "`" || $0 == "~" }).drop(while: { $0 == " " })
            let name = String(info.prefix(while: { !$0.isWhitespace }))
            guard !name.isEmpty, !blockNames.contains(name),
                  let suggestion = Suggest.closest(to: name, in: blockNames) else { continue }
            let column = line.count - trimmed.count + 1
            diagnostics.error(SourceLocation(path: path, line: lineNumber, column: column),
                              "没有名为“\(name)”的块；是不是 \(suggestion)？",
                              en: "unknown block \"\(name)\"; did you mean \"\(suggestion)\"?")
        }
    }

    static func readBlock(_ block: EmbeddedBlock, path: String, bodyLine: Int, noticePeriod: String?, noticeDate: CalendarDate?,
                          config: SiteConfig, units: UnitDirectory, planUnits: Set<String>,
                          diagnostics: inout Diagnostics) -> Notice.BodyPart? {
        let fenceLine = bodyLine + block.line - 1
        let source = YAMLSource(path: path, firstLine: fenceLine + 1)
        let fenceLocation = SourceLocation(path: path, line: fenceLine, column: block.column)
        let what = "the \(block.name) block"
        guard let root = source.compose(block.source, diagnostics: &diagnostics) else {
            if block.source.allSatisfy(\.isWhitespace), block.name == "rectification" {
                diagnostics.error(fenceLocation, "rectification 块要写明是哪个单位的整改方案：请在块里写一行 unit: 单位编号",
                                  en: "the rectification block needs \"unit: <unit id>\"")
            } else if block.source.allSatisfy(\.isWhitespace) {
                return resolveRanking(period: nil, category: nil, top: nil, fenceLocation: fenceLocation, noticePeriod: noticePeriod,
                                      noticeDate: noticeDate, config: config, diagnostics: &diagnostics)
            }
            return nil
        }
        guard let fields = FieldReader(root, source: source, what: what, diagnostics: &diagnostics, at: fenceLocation) else { return nil }
        let before = diagnostics.errors.count
        switch block.name {
        case "ranking":
            fields.checkKeys(["period", "category", "top", "bottom"], severity: .error, diagnostics: &diagnostics)
            let period = NameTable.periods(config).resolve(fields.string("period", diagnostics: &diagnostics),
                                                           at: fields.location(of: "period"), diagnostics: &diagnostics)
            let category = NameTable.categories(config).resolve(fields.string("category", diagnostics: &diagnostics),
                                                                at: fields.location(of: "category"), diagnostics: &diagnostics)
            let top = fields.integer("top", diagnostics: &diagnostics)
            if let top, top <= 0 {
                diagnostics.error(fields.location(of: "top"), "“top”要写 1 或更大的数（写的是 \(top)）；不写就列出全部",
                                  en: "\"top\" must be 1 or more")
            }
            // (r2) `bottom: N`: the last N ranks (红黑榜).
            let bottom = fields.integer("bottom", diagnostics: &diagnostics)
            if let bottom, bottom <= 0 {
                diagnostics.error(fields.location(of: "bottom"), "“bottom”要写 1 或更大的整数（写的是 \(bottom)）", en: "\"bottom\" must be 1 or more")
            }
            if top != nil, bottom != nil {
                diagnostics.error(fields.location(of: "bottom"), "“top”（前几名）和“bottom”（后几名）只能写一个；请删掉其中一行",
                                  en: "a ranking block takes \"top\" or \"bottom\", not both")
            }
            guard diagnostics.errors.count == before else { return nil }
            let part = resolveRanking(period: period, category: category, top: top, fenceLocation: fenceLocation,
                                      noticePeriod: noticePeriod, noticeDate: noticeDate, config: config, diagnostics: &diagnostics)
            guard case .ranking(var block)? = part else { return part }
            block.bottom = bottom
            return .ranking(block)
        default:
            fields.checkKeys(["unit"], severity: .error, diagnostics: &diagnostics)
            let unit = units.resolve(fields.string("unit", required: true, diagnostics: &diagnostics), key: "unit",
                                     at: fields.location(of: "unit"), diagnostics: &diagnostics)
            guard let unit, diagnostics.errors.count == before else { return nil }
            guard planUnits.contains(unit.id) else {
                diagnostics.error(fields.location(of: "unit"),
                                  "单位 \(unit.id) 没有整改方案（rectification/\(unit.id).yaml）；请先写好整改方案，或检查单位是否写对",
                                  en: "unit \"\(unit.id)\" has no rectification plan (rectification/\(unit.id).yaml)")
                return nil
            }
            return .rectification(unit: unit.id)
        }
    }

    /// Default period: the notice's, else the last period ending on or before its date.
    static func resolveRanking(period: String?, category: String?, top: Int?, fenceLocation: SourceLocation, noticePeriod: String?,
                               noticeDate: CalendarDate?, config: SiteConfig, diagnostics: inout Diagnostics) -> Notice.BodyPart? {
        if let id = period ?? noticePeriod { return .ranking(RankingBlock(period: id, category: category, top: top)) }
        guard let noticeDate else { return nil }
        guard let last = config.lastPeriod(endingOnOrBefore: noticeDate) else {
            diagnostics.error(fenceLocation, "通报日期 \(noticeDate) 之前还没有哪个考核期结束，不知道排哪一期的名次；请在块里加一行 period: 考核期",
                              en: "no period has ended by the notice's date \(noticeDate); name one with \"period:\"")
            return nil
        }
        return .ranking(RankingBlock(period: last.id, category: category, top: top))
    }
}
