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

/// `search/<group>/p<bucket>.js`: the postings of one bucket of a group.
struct SearchPostings: PageKind {
    static let name = "search-postings"
    static let folder = "search"
    /// Bucket by bucket, the groups in turn: the cores making one batch start on different groups.
    static func all(in site: RenderSite) -> [SearchPostings] {
        (0..<site.search.buckets).flatMap { bucket in (0..<site.search.groupCount).map { SearchPostings(group: $0, bucket: bucket) } }
    }

    let group: Int
    let bucket: Int
    var path: String { "search/\(SearchLayout.name(group))/p\(bucket).js" }
    var subject: String { "" }
    var origin: String { "search index" }

    func contents(_ read: PageReader) -> PageContents { .bytes(read.searchGroup(group).buckets[bucket]) }
}

/// `search/<group>/t<chunk>.js`: a chunk of a group's pages, their text included.
struct SearchChunk: PageKind {
    static let name = "search-text"
    static let folder = "search"
    static func all(in site: RenderSite) -> [SearchChunk] {
        let index = site.search
        let chunks = (0..<index.groupCount).map { group in
            (index.size(group, site) + SearchLayout.chunkSize(group) - 1) / SearchLayout.chunkSize(group)
        }
        return (0..<(chunks.max() ?? 0)).flatMap { chunk in
            (0..<index.groupCount).filter { chunk < chunks[$0] }.map { SearchChunk(group: $0, chunk: chunk) }
        }
    }

    let group: Int
    let chunk: Int
    var path: String { "search/\(SearchLayout.name(group))/t\(chunk).js" }
    var subject: String { "" }
    var origin: String { "search index" }

    func contents(_ read: PageReader) -> PageContents {
        let size = SearchLayout.chunkSize(group)
        let from = chunk * size, to = from + size
        let docs = read.searchGroup(group, from: from, to: to).docs
        return .bytes(SearchGroup.chunk(name: SearchLayout.name(group), number: chunk, docs: docs[min(from, docs.count)..<min(to, docs.count)]))
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
    /// Starts making the search groups this build will make files of, on other threads, while the
    /// other pages are made: the groups' files come last, and made only when they are reached, the
    /// cores took the groups in the same order and waited on each other (a cold 20k build: 0.9 s
    /// more instead of 0.3 s). A group is needed when its first postings file is not as the target
    /// tree holds it; the others of a group read what it reads, and its chunks a part of it.
    func prefetchSearch() {
        let site = self.site
        let needed = (0..<site.search.groupCount).filter { group in
            let page = SearchPostings(group: group, bucket: 0)
            guard let known = previous(page.path), let (coarse, items) = Recipe.decode(known.recipe, subject: page.subject) else { return true }
            return site.fingerprint(kind: SearchPostings.name, subject: page.subject, coarse: coarse, items: items) != known.fingerprint
        }
        guard !needed.isEmpty else { return }
        _ = Pending { Parallel.map(needed) { site.search.group($0, site).docs.count } }
    }
}
