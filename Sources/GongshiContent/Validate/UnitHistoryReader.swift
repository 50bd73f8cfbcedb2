import GongshiFiles
import GongshiModel
import Yams

/// (r2) A unit's `history` of title decisions (`units/<id>.md`): each entry's date,
/// status, decision word, note and notice, oldest first.
enum UnitHistoryReader {
    static let fields = ["date", "status", "decision", "note", "notice"]

    /// The entries as written, every problem reported at its place.
    /// - Parameter notices: the notices' page paths (`notices/2018/x`), drafts included; nil: not checked. Whether
    ///   a notice is published is checked once every notice is read (`UnitHistoryChecks`).
    static func read(_ f: FieldReader, notices: Set<String>?, diagnostics: inout Diagnostics) -> [StatusChange] {
        guard let node = f.value("history") else { return [] }
        guard case .sequence(let sequence) = node else {
            diagnostics.error(f.source.location(node), "“history”要写成列表：每个决定一行，以“- ”开头，例如 - {date: 2018-03-20, status: suspended, decision: 暂停}",
                              en: "\"history\" must be a list of entries (lines starting with \"- \")")
            return []
        }
        var result: [StatusChange] = []
        var previous: (date: CalendarDate, number: Int)? = nil
        for (index, element) in sequence.enumerated() {
            let number = index + 1
            guard case .mapping = element else {
                diagnostics.error(f.source.location(element), "history 第 \(number) 条要写成 {date: …, status: …, decision: …}",
                                  en: "history entry \(number) must be a mapping {date, status, decision}")
                continue
            }
            guard let e = FieldReader(element, source: f.source, what: "history entry \(number)", diagnostics: &diagnostics) else { continue }
            e.checkKeys(fields, severity: .warning, diagnostics: &diagnostics)
            let date = e.date("date", required: true, diagnostics: &diagnostics)
            var status: UnitStatus? = nil
            if let text = e.string("status", required: true, diagnostics: &diagnostics) {
                switch NameTable.unitStatuses.lookup(text) {
                case .success(let id): status = UnitStatus(rawValue: id)
                case .failure(let failure):
                    diagnostics.error(e.location(of: "status"), failure.message,
                                      en: "unknown status \"\(text)\" in history entry \(number) (active, suspended or revoked)")
                }
            }
            let decision = e.string("decision", required: true, diagnostics: &diagnostics)
            let note = e.string("note", diagnostics: &diagnostics)
            var notice: String? = nil
            if let text = e.string("notice", diagnostics: &diagnostics) {
                notice = normalize(notice: text)
                if notice == nil {
                    diagnostics.error(e.location(of: "notice"), "history 第 \(number) 条的 notice 要写通报在 notices/ 下的路径（不带 .md），例如 2018/zanting-shengji-wenming-danwei（写的是“\(text)”）",
                                      en: "\"notice\" in history entry \(number) must be a notice's path under notices/ without .md (got \"\(text)\")")
                } else if let name = notice, let notices, !notices.contains("notices/" + name) {
                    let known = NameTable("通报", en: "notice", notices.sorted().map { NameTable.Entry(id: String($0.dropFirst("notices/".count)), names: []) })
                    let near = known.nearest(name)
                    diagnostics.error(e.location(of: "notice"), "history 第 \(number) 条的 notice“\(name)”找不到：没有 notices/\(name).md 这份通报"
                                      + (near.isEmpty ? "；请写通报在 notices/ 下的路径（不带 .md）" : "；是不是 \(near.map(\.id).joined(separator: "、"))？"),
                                      en: "unknown notice \"\(name)\" in history entry \(number) (no notices/\(name).md)")
                    notice = nil
                }
            }
            if let date {
                if let previous, date < previous.date {
                    diagnostics.error(e.location(of: "date"),
                                      "history 要按日期从早到晚写：第 \(number) 条的日期 \(date) 早于第 \(previous.number) 条的 \(previous.date)；请调整顺序或改正日期",
                                      en: "history dates must not go backwards: entry \(number) (\(date)) is before entry \(previous.number) (\(previous.date))")
                }
                previous = (date, number)
            }
            guard let date, let status, let decision else { continue }
            result.append(StatusChange(date: date, status: status, decision: decision, note: note, notice: notice))
        }
        return result
    }

    /// `2018/zanting`, also when written `notices/2018/zanting.md` or as a bundle's `2018/zanting/index.md`; nil when it is no path.
    static func normalize(notice text: String) -> String? {
        var path = Substring(text.trimmed())
        if path.hasPrefix("notices/") { path = path.dropFirst("notices/".count) }
        if path.hasSuffix(".md") { path = path.dropLast(3) }
        if path.hasSuffix("/index") { path = path.dropLast("/index".count) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        guard !path.isEmpty, !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
        else { return nil }
        return String(path)
    }
}

/// (r2) Checks of units' histories against the notices as read, once everything is read.
enum UnitHistoryChecks {
    /// A notice that a shown entry (dated on or before the as-of date) names must be published: a draft is an
    /// error unless drafts are built. (That it exists is checked as the unit is read.)
    static func run(_ content: SiteContent, root: String, asOf: CalendarDate, includeDrafts: Bool, diagnostics: inout Diagnostics) {
        guard !includeDrafts else { return }
        let drafts = Set(content.notices.filter(\.draft).map(\.path))
        guard !drafts.isEmpty else { return }
        for unit in content.units {
            for (index, entry) in unit.history.enumerated() {
                guard let name = entry.notice, let path = entry.noticePath, drafts.contains(path), entry.date <= asOf else { continue }
                let number = index + 1
                diagnostics.error(location(unit: unit.id, entry: index, root: root),
                                  "history 第 \(number) 条的 notice 是草稿（notices/\(name).md 里 draft: true），不会发布；请先发布这份通报，或去掉 notice",
                                  en: "history entry \(number) names the draft notice \"\(name)\", which is not published")
            }
        }
    }

    /// Where the `notice` of a history entry is written (the file is read again: only for the entries reported).
    static func location(unit: String, entry index: Int, root: String) -> SourceLocation {
        let path = "units/\(unit).md"
        var ignored = Diagnostics()
        guard let bytes = FileTree.read(root + "/" + path),
              let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &ignored) else {
            return SourceLocation(path: path, line: 1, column: 1)
        }
        let f = document.fields
        guard let node = f.value("history"), case .sequence(let sequence) = node, index < sequence.count else {
            return f.location(of: "history")
        }
        let element = Array(sequence)[index]
        guard let entry = FieldReader(element, source: f.source, what: "history entry \(index + 1)", diagnostics: &ignored) else {
            return f.source.location(element)
        }
        return entry.location(of: "notice")
    }
}
