import GongshiModel

/// `search/index.html`: the search box. The search itself is `assets/search.js`, reading
/// the index files below with `<script src>`; without JavaScript the page says so and
/// links to the lists.
struct SearchPage: HTMLPage {
    static let name = "search"
    static let folder = "search"
    static let menu: String? = "搜索"
    static let template = "search"
    static let section = "search"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "search": .object([
            "buckets": .number, "reports": .number, "units": .number, "notices": .number, "groupSize": .number, "chunks": .text,
        ]),
    ]
    static func all(in site: RenderSite) -> [SearchPage] { [SearchPage()] }

    var path: String { "search/index.html" }
    var subject: String { "" }
    var origin: String { "search" }

    func title(_ read: PageReader) -> String { "搜索" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        // The index's layout follows from the counts (SearchLayout): search.js works out the groups from them.
        let count = read.reportCount(.all)
        page["search"] = [
            "buckets": SearchLayout.buckets(count), "reports": count, "units": read.units.count, "notices": read.notices.count,
            "groupSize": SearchLayout.groupSize,
            "chunks": "\(SearchLayout.unitChunk) \(SearchLayout.noticeChunk) \(SearchLayout.reportChunk)",
        ] as TemplateObject
    }
}

/// The search index's files, a group at a time: `search/<group>/p<bucket>.js`, the postings of
/// one bucket of the group, then `search/<group>/t<chunk>.js`, a chunk of the group's pages with
/// their text. A group's files are next to each other so that the group is made, written and let
/// go before the next: at a million reports all groups at once were gigabytes
/// (`SiteRenderer.releaseSearchGroups`).
struct SearchFile: PageKind {
    enum Part: Sendable { case postings(bucket: Int), chunk(Int) }
    static let name = "search-file"
    static let folder = "search"
    static func all(in site: RenderSite) -> [SearchFile] {
        let index = site.search
        return (0..<index.groupCount).flatMap { group in
            let chunks = (index.size(group, site) + SearchLayout.chunkSize(group) - 1) / SearchLayout.chunkSize(group)
            return (0..<index.buckets).map { SearchFile(group: group, part: .postings(bucket: $0)) }
                + (0..<chunks).map { SearchFile(group: group, part: .chunk($0)) }
        }
    }

    let group: Int
    let part: Part
    var path: String {
        switch part {
        case .postings(let bucket): "search/\(SearchLayout.name(group))/p\(bucket).js"
        case .chunk(let chunk): "search/\(SearchLayout.name(group))/t\(chunk).js"
        }
    }
    var subject: String { "" }
    var origin: String { "search index" }

    func contents(_ read: PageReader) -> PageContents {
        switch part {
        case .postings(let bucket):
            return .bytes(read.searchGroup(group).buckets[bucket])
        case .chunk(let chunk):
            let size = SearchLayout.chunkSize(group)
            let from = chunk * size, to = from + size
            let docs = read.searchGroup(group, from: from, to: to).docs
            return .bytes(SearchGroup.chunk(name: SearchLayout.name(group), number: chunk, docs: docs[min(from, docs.count)..<min(to, docs.count)]))
        }
    }
}

extension PageReader {
    /// A group of the search index. A page that shows only pages `from..<to` of a report group
    /// depends on those reports only; the units' and the notices' groups are noted as the parts
    /// they are made from.
    func searchGroup(_ group: Int, from: Int = 0, to: Int = Int(UInt32.max)) -> SearchGroup {
        switch group {
        case SearchLayout.units:
            note(2 | 1)  // the units, their categories' names
        case SearchLayout.notices:
            note(4)  // the notices; their pages' text notes the rest (below)
        default:
            note(.searchGroup(group - SearchLayout.firstReports, from: from, to: to))
            note(2 | 1)  // the units' names, the kinds' and figures' names
        }
        let made = site.search.group(group, site)
        note(made.read.coarse)
        for item in made.read.items { note(item) }
        return made
    }
}

extension SiteRenderer {
    /// Whether group `group`'s postings are not as the target tree holds them, so the group is made
    /// this build (the group's other files read what its postings read, or a part of it).
    func searchGroupNeeded(_ group: Int) -> Bool {
        let page = SearchFile(group: group, part: .postings(bucket: 0))
        guard let known = previous(page.path), let (coarse, items) = Recipe.decode(known.recipe, subject: page.subject) else { return true }
        return site.fingerprint(kind: SearchFile.name, subject: page.subject, coarse: coarse, items: items) != known.fingerprint
    }
}
