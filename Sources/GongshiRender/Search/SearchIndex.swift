import GongshiModel

/// The search index of one build (`search/…`), read by `site-templates/assets/search.js`
/// with `<script src>`, so it works opened from disk (docs/decisions.md, "Search").
///
/// Pages are split into groups: the units (`u`), the notices (`n`) and the reports
/// in date order, oldest first, `groupSize` a group (`r0` the oldest). A new report
/// (the newest) joins the last group: only its files change; editing a report remakes
/// its group's files only. Results are shown units first, then notices, then reports
/// newest first, so the browser reads the newest group first and shows its results
/// before it has read the others. In a group, pages are numbered in date order. Each group has
/// - `search/<group>/p<b>.js`: postings of the keys whose first unit hashes to bucket `b`
///   (`SearchText`): key → the pages that have it (`SearchEncoding`);
/// - `search/<group>/t<c>.js`: chunk `c` of the pages themselves (title, label, date, path,
///   text), to check a candidate really contains the query and show the text around it.
/// How many pages each group has follows from the counts, which the search page carries.
public enum SearchLayout {
    /// Reports a group: a group is made again when one of its reports changes.
    public static let groupSize = 1280
    /// Report groups for `count` published reports.
    public static func reportGroups(_ count: Int) -> Int { (count + groupSize - 1) / groupSize }
    /// Buckets per group (a power of two, at least 2): a query loads one bucket per distinct character.
    public static func buckets(_ reportCount: Int) -> Int { reportCount >= 4000 ? 16 : reportCount >= 400 ? 8 : 2 }
    /// Pages per text chunk (`groupSize` is a multiple of the reports').
    static let unitChunk = 32, noticeChunk = 8, reportChunk = 32
    static func chunkSize(_ group: Int) -> Int { group == units ? unitChunk : group == notices ? noticeChunk : reportChunk }

    /// Group numbers: the units, the notices, then the report groups, oldest first.
    static let units = 0, notices = 1, firstReports = 2
    static func name(_ group: Int) -> String { group == units ? "u" : group == notices ? "n" : "r\(group - firstReports)" }

    /// The bucket of a key's first unit (search.js: `Math.imul(u, 0x9E3779B1) >>> (32 - bits)`).
    @inline(__always) public static func bucket(_ unit: UInt16, buckets: Int) -> Int {
        let bits = UInt32(buckets.trailingZeroBitCount)
        return Int((UInt32(unit) &* 0x9E37_79B1) >> (32 - bits))
    }

    /// Days since 1970-01-01 (proleptic Gregorian), to order reports by date.
    static func day(_ date: CalendarDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (date.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + date.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// One page in the index. What a query can match: the title, the text, the slug, the label and
/// the date as pages show it (2018年6月12日), each on its own (search.js checks the same fields).
struct SearchDoc: Sendable {
    var title: String
    /// Who it is from: a report's unit, a notice's issuer, a unit's category.
    var label: String
    var date: CalendarDate?
    /// The page's folder (`reports/2018/08/x`), as written.
    var path: String
    /// What the page says, as plain text on one line (UTF-8).
    var text: [UInt8]

    /// The last part of the path (a report's file name, a unit's id): Latin queries such as "dianxin" match it.
    var slug: Substring { path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...] }
}

/// A group's pages and the bytes of its postings files, made once per build when a page of it is made.
final class SearchGroup: Sendable {
    let docs: [SearchDoc]
    let buckets: [[UInt8]]
    /// What making the pages' text read besides what `PageReader.searchGroup` notes (the notices' own pages).
    let read: (coarse: UInt8, items: [Dependency])

    init(name: String, docs: [SearchDoc], buckets count: Int, read: (coarse: UInt8, items: [Dependency]) = (0, [])) {
        self.docs = docs
        self.read = read
        var table = PostingTable()
        for (id, doc) in docs.enumerated() {
            let doc32 = Int32(id)
            table.addBigrams(doc.title, doc: doc32, unigrams: true)
            table.addBigrams(doc.text, doc: doc32, unigrams: false)
            table.addBigrams(String(doc.slug), doc: doc32, unigrams: false)
            table.addBigrams(doc.label, doc: doc32, unigrams: false)
            if let date = doc.date { table.addBigrams(date.chinese, doc: doc32, unigrams: false) }
        }
        table.finish()
        // Keys by bucket, each bucket's keys in order: the same bytes every build.
        var byBucket = Array(repeating: [Int](), count: count)
        for (list, key) in table.listKeys.enumerated() {
            byBucket[SearchLayout.bucket(UInt16(truncatingIfNeeded: key >> 16), buckets: count)].append(list)
        }
        buckets = byBucket.enumerated().map { bucket, lists in
            var out: [UInt8] = []
            out.reserveCapacity(lists.reduce(64) { $0 + 12 + min(Int(table.counts[$1]) * 2, docs.count / 6 + 2) })
            SearchEncoding.append("GongshiSearch.p(", to: &out)
            SearchEncoding.appendString(name, to: &out)
            out.append(UInt8(ascii: ","))
            SearchEncoding.appendInt(bucket, to: &out)
            SearchEncoding.append(",{", to: &out)
            for (i, list) in lists.sorted(by: { table.listKeys[$0] < table.listKeys[$1] }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                SearchEncoding.appendKey(table.listKeys[list], to: &out)
                SearchEncoding.append(":\"", to: &out)
                table.appendPages(list, to: &out)
                out.append(UInt8(ascii: "\""))
            }
            SearchEncoding.append("})\n", to: &out)
            return out
        }
    }

    /// `t<c>.js`: pages `range` of the group, five strings each: title, label, date (ISO, or ""), path (percent-encoded), text.
    static func chunk(name: String, number: Int, docs: ArraySlice<SearchDoc>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(docs.reduce(64) { $0 + $1.text.count + $1.title.utf8.count + 96 })
        SearchEncoding.append("GongshiSearch.t(", to: &out)
        SearchEncoding.appendString(name, to: &out)
        out.append(UInt8(ascii: ","))
        SearchEncoding.appendInt(number, to: &out)
        SearchEncoding.append(",[", to: &out)
        for (i, doc) in docs.enumerated() {
            if i > 0 { SearchEncoding.append(",\n", to: &out) }
            SearchEncoding.appendString(doc.title, to: &out)
            out.append(UInt8(ascii: ","))
            SearchEncoding.appendString(doc.label, to: &out)
            out.append(UInt8(ascii: ","))
            SearchEncoding.appendString(doc.date?.description ?? "", to: &out)
            out.append(UInt8(ascii: ","))
            SearchEncoding.appendString(Links.encode(doc.path), to: &out)
            out.append(UInt8(ascii: ","))
            doc.text.withUnsafeBufferPointer { SearchEncoding.appendString(utf8: $0, to: &out) }
        }
        SearchEncoding.append("])\n", to: &out)
        return out
    }
}

/// Key → pages, with the keys in a small open-addressing table (Swift's Dictionary hashes with
/// SipHash) and the postings as (key, page) pairs in the order pages are added, sorted by key
/// (a counting sort, stable: each key's pages stay ascending) when the group is complete.
/// An array per key was a retain, a uniqueness check and often a copy per posting.
struct PostingTable {
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    private var mask = 1023
    /// Per key: the key, the last page added, how many pages.
    private(set) var listKeys: [UInt32] = []
    private var lastDoc: [Int32] = []
    private(set) var counts: [Int32] = []
    /// Per posting, in the order added: its key's number and its page.
    private var pairList: [Int32] = []
    private var pairDoc: [Int32] = []
    /// After `finish()`: every key's pages, key after key; key `k`'s from `offsets[k]` to `offsets[k + 1]`.
    private var pages: [Int32] = []
    private var offsets: [Int] = []
    /// A field's UTF-16 units, normalized (reused).
    private var units: [UInt16] = []

    mutating func add(_ key: UInt32, doc: Int32) {
        var slot = Int((key &* 0x9E37_79B1) >> 7) & mask
        while true {
            let list = Int(slots[slot])
            if list < 0 { break }
            if listKeys[list] == key {
                if lastDoc[list] != doc {
                    lastDoc[list] = doc
                    counts[list] += 1
                    pairList.append(Int32(list)); pairDoc.append(doc)
                }
                return
            }
            slot = (slot + 1) & mask
        }
        let list = Int32(listKeys.count)
        slots[slot] = list
        listKeys.append(key); lastDoc.append(doc); counts.append(1)
        pairList.append(list); pairDoc.append(doc)
        if listKeys.count * 2 > mask { grow() }
    }

    private mutating func grow() {
        mask = mask * 2 + 1
        slots = Array(repeating: -1, count: mask + 1)
        for (list, key) in listKeys.enumerated() {
            var slot = Int((key &* 0x9E37_79B1) >> 7) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(list)
        }
    }

    /// Sorts the postings by key, once every page is added.
    mutating func finish() {
        offsets = Array(repeating: 0, count: listKeys.count + 1)
        for list in counts.indices { offsets[list + 1] = offsets[list] + Int(counts[list]) }
        var cursor = offsets
        pages = [Int32](unsafeUninitializedCapacity: pairDoc.count) { out, count in
            pairList.withUnsafeBufferPointer { lists in
                pairDoc.withUnsafeBufferPointer { docs in
                    cursor.withUnsafeMutableBufferPointer { cursor in
                        for i in 0..<docs.count {
                            let list = Int(lists[i])
                            out[cursor[list]] = docs[i]
                            cursor[list] += 1
                        }
                    }
                }
            }
            count = pairDoc.count
        }
        pairList = []; pairDoc = []
    }

    /// The pages of key number `list` as `SearchEncoding.appendIDs` writes them.
    func appendPages(_ list: Int, to out: inout [UInt8]) {
        pages.withUnsafeBufferPointer { all in
            SearchEncoding.appendIDs(UnsafeBufferPointer(rebasing: all[offsets[list]..<offsets[list + 1]]), to: &out)
        }
    }

    /// The bigrams (and, for a title, the unigrams) of a field: its UTF-8 read as UTF-16 units, normalized.
    mutating func addBigrams(_ text: String, doc: Int32, unigrams: Bool) {
        var text = text
        text.withUTF8 { addBigrams(utf8: $0, doc: doc, unigrams: unigrams) }
    }

    mutating func addBigrams(_ text: [UInt8], doc: Int32, unigrams: Bool) {
        text.withUnsafeBufferPointer { addBigrams(utf8: $0, doc: doc, unigrams: unigrams) }
    }

    mutating func addBigrams(utf8 bytes: UnsafeBufferPointer<UInt8>, doc: Int32, unigrams: Bool) {
        var units = self.units
        self.units = []
        units.removeAll(keepingCapacity: true)
        defer { self.units = units }
        do {
            var i = 0
            let n = bytes.count
            while i < n {
                let b0 = UInt32(bytes[i])
                if b0 < 0x80 {
                    units.append(SearchText.normalize(UInt16(b0))); i += 1
                } else if b0 < 0xE0 {
                    guard i + 1 < n else { break }
                    units.append(SearchText.normalize(UInt16((b0 & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F))); i += 2
                } else if b0 < 0xF0 {
                    guard i + 2 < n else { break }
                    units.append(SearchText.normalize(UInt16((b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F))); i += 3
                } else {
                    guard i + 3 < n else { break }
                    let v = ((b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6 | UInt32(bytes[i + 3]) & 0x3F) - 0x10000
                    units.append(UInt16(0xD800 + (v >> 10))); units.append(UInt16(0xDC00 + (v & 0x3FF))); i += 4
                }
            }
        }
        var previous: UInt16 = 0, previousIsWord = false
        for k in units.indices {
            let unit = units[k], word = SearchText.isWord(unit)
            if word {
                if previousIsWord { add(SearchText.key(previous, unit), doc: doc) }
                if unigrams { add(SearchText.key(unit), doc: doc) }
            }
            previous = unit; previousIsWord = word
        }
    }
}

/// The build's search index: which group each report is in, and each group, made when first asked for.
final class SearchIndex: @unchecked Sendable {
    let reportGroups: Int
    let buckets: Int
    private let lock = Lock()
    /// Positions in `activities.reports` in index order: by date, then path, oldest first.
    private var order: [Int]?
    private var groups: [SearchGroup?]
    private var building: [Lock]
    /// The values of the whole report groups (`value(group:from:to:)`), worked out once.
    private var wholeValues: [UInt64?]

    init(reportCount: Int) {
        reportGroups = SearchLayout.reportGroups(reportCount)
        buckets = SearchLayout.buckets(reportCount)
        groups = Array(repeating: nil, count: reportGroups + SearchLayout.firstReports)
        building = (0..<groups.count).map { _ in Lock() }
        wholeValues = Array(repeating: nil, count: reportGroups)
    }

    var groupCount: Int { groups.count }

    /// The reports of report group `k`, by position in `activities.reports`, oldest first.
    func members(_ k: Int, _ site: RenderSite) -> ArraySlice<Int> {
        let sorted = lock.withLock {
            if let order { return order }
            let reports = site.activities.reports
            var days: [Int] = [], paths: [String] = []
            days.reserveCapacity(reports.count); paths.reserveCapacity(reports.count)
            for report in reports { days.append(SearchLayout.day(report.date)); paths.append(report.path) }
            let made = reports.indices.sorted { a, b in
                days[a] != days[b] ? days[a] < days[b] : paths[a].utf8.lexicographicallyPrecedes(paths[b].utf8)
            }
            order = made
            return made
        }
        let size = SearchLayout.groupSize
        return sorted[min(sorted.count, k * size)..<min(sorted.count, (k + 1) * size)]
    }

    /// How many pages group `group` has (units, notices or a report group).
    func size(_ group: Int, _ site: RenderSite) -> Int {
        switch group {
        case SearchLayout.units: return site.content.units.count
        case SearchLayout.notices: return site.notices.count
        default: return members(group - SearchLayout.firstReports, site).count
        }
    }

    /// The value of `Dependency.searchGroup`: the layout and the reports at positions `from..<to` of the group.
    func value(group k: Int, from: Int, to: Int, _ site: RenderSite) -> UInt64 {
        let whole = from == 0 && to >= Int(UInt32.max)
        if whole, k < reportGroups, let known = lock.withLock({ wholeValues[k] }) { return known }
        let value = computeValue(group: k, from: from, to: to, site)
        if whole, k < reportGroups { lock.withLock { wholeValues[k] = value } }
        return value
    }

    private func computeValue(group k: Int, from: Int, to: Int, _ site: RenderSite) -> UInt64 {
        var hash = ContentHash()
        hash.combine(UInt64(SearchLayout.groupSize)); hash.combine(UInt64(buckets)); hash.combine(UInt64(SearchLayout.reportChunk))
        let members = self.members(k, site)
        let upper = min(members.count, to), lower = min(from, upper)
        if from == 0 && to >= Int(UInt32.max) { hash.combine(UInt64(members.count)) }
        for index in members.dropFirst(lower).prefix(upper - lower) {
            hash.combine(site.activities.reports[index].path)
            hash.combine(site.reportValue(index))
        }
        return hash.value
    }

    /// Group `group`, made the first time a page asks (one thread makes it; others asking wait).
    func group(_ group: Int, _ site: RenderSite) -> SearchGroup {
        building[group].withLock {
            if let made = lock.withLock({ groups[group] }) { return made }
            var read: (coarse: UInt8, items: [Dependency]) = (0, [])
            let made = SearchGroup(name: SearchLayout.name(group), docs: docs(group, site, read: &read), buckets: buckets, read: read)
            lock.withLock { groups[group] = made; timesMade += 1 }
            return made
        }
    }

    /// How many times a group was made (for tests: each group once, however the files are batched).
    private(set) var timesMade = 0
    /// The groups held now (for tests).
    var heldGroups: [Int] { lock.withLock { groups.indices.filter { groups[$0] != nil } } }

    /// Forgets group `group` once its files are made (asked again, it is made again).
    func release(_ group: Int) {
        building[group].withLock { lock.withLock { groups[group] = nil } }
    }

    /// The pages of a group, in index order; `read` gets what making them read that the group's
    /// pages must note too.
    func docs(_ group: Int, _ site: RenderSite, read: inout (coarse: UInt8, items: [Dependency])) -> [SearchDoc] {
        switch group {
        case SearchLayout.units:
            let categories = Dictionary(site.content.config.categories.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            return site.content.units.map { unit in
                let parts = [unit.shortName, unit.community, unit.intersection].compactMap { $0 }.map(SearchText.oneLine) + [SearchText.plain(html: unit.profileHTML)]
                return SearchDoc(title: unit.name, label: categories[unit.category] ?? "", date: nil, path: Links.unit(unit.id),
                                 text: Array(parts.filter { !$0.isEmpty }.joined(separator: " ").utf8))
            }
        case SearchLayout.notices:
            // A notice is a document: what its page shows is what it says (its header, rectification
            // tables, contacts, 抄送), so its text is its page's, made as the page is; its rankings
            // without their tables (`NoticePage.forSearch`).
            let order = site.notices.indices.sorted {
                let a = site.notices[$0], b = site.notices[$1]
                return a.date != b.date ? a.date < b.date : a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
            }
            return order.map { index in
                let notice = site.notices[index]
                return SearchDoc(title: notice.title, label: notice.issuer, date: notice.date, path: notice.path,
                                 text: pageText(NoticePage(index: index, notice: notice.path, origin: notice.sourcePath, forSearch: true), site, read: &read))
            }
        default:
            let reports = site.activities.reports
            let kinds = site.kinds
            let k = group - SearchLayout.firstReports
            let stored = site.searchTexts.texts(group: k)
            var texts: SearchTextMemo.Texts = [:], rendered = 0
            defer { site.searchTexts.record(group: k, texts, rendered: rendered) }
            return members(k, site).map { index in
                let report = reports[index]
                let key = site.sourceHash(index)
                var text: [UInt8]
                if key != 0, let known = stored[key] {
                    text = known
                } else {
                    let body = site.body(ofReport: index)
                    text = SearchText.plainBytes(html: body)
                    rendered += 1
                }
                if key != 0 { texts[key] = text }
                // What the page shows beside the text: the kind, the community, the figures, the tags.
                let kind = kinds[report.kind]
                var extra = [kind?.name ?? report.kind]
                if let community = report.community { extra.append(community) }
                for figure in kind?.figures ?? [] { if let value = report.figures[figure.id] { extra.append("\(figure.name) \(value.grouped)") } }
                extra += report.tags
                for part in extra.map(SearchText.oneLine) where !part.isEmpty {
                    if !text.isEmpty { text.append(0x20) }
                    text.append(contentsOf: part.utf8)
                }
                return SearchDoc(title: report.title, label: site.units[report.unit]?.name ?? report.unit, date: report.date,
                                 path: report.path, text: text)
            }
        }
    }

    /// The text of a page's `<main>` as the theme renders it (the whole page when it has none).
    private func pageText(_ page: some HTMLPage, _ site: RenderSite, read: inout (coarse: UInt8, items: [Dependency])) -> [UInt8] {
        let reader = PageReader(site: site, subject: page.subject, root: Links.root(of: page.path))
        var values = TemplateObject()
        page.fill(&values, reader)
        var context = reader.base(outputPath: page.path, title: page.title(reader), section: type(of: page).section)
        for (key, value) in values.fields { context.fields[key] = value }
        let html = site.theme.render(type(of: page).template, context)
        read.coarse |= reader.coarse
        for item in reader.items where !read.items.contains(item) { read.items.append(item) }
        var lower = 0, upper = html.count
        if let open = find(Array("<main".utf8), in: html, from: 0), let close = find(Array("</main>".utf8), in: html, from: open) {
            lower = open; upper = close
        }
        return SearchText.plainBytes(html: String(decoding: html[lower..<upper], as: UTF8.self))
    }

    private func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
