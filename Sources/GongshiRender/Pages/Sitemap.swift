import GongshiModel

/// `sitemap.xml`: every page, with absolute URLs from `base_url`. Made after
/// the pages, from their paths: it shows nothing else of the model but site.yaml.
///
/// (issue 13) The sitemap protocol allows 50,000 URLs a file. Up to that, `sitemap.xml` is the one
/// `<urlset>`; above it, `sitemap.xml` is a `<sitemapindex>` of `sitemaps/1.xml`, `sitemaps/2.xml` …,
/// each a `<urlset>` of the next 50,000 pages in the same (sorted) order.
public struct Sitemap {
    static let path = "sitemap.xml"
    /// The top-level folder of a large site's sitemap files (reserved: `SiteRenderer.reservedFolders`).
    static let folder = "sitemaps"
    /// The most URLs one file lists (sitemaps.org).
    public static let urlLimit = 50_000

    /// The sitemap's files, `.unchanged` where the tree (`previous`) holds them as they would be made.
    static func files(pages: [String], limit: Int, _ site: RenderSite, previous: (String) -> PreviousFile?) -> [OutputFile] {
        func file(_ path: String, _ print: UInt64, _ contents: () -> String) -> OutputFile {
            if let known = previous(path), known.fingerprint == print {
                return OutputFile(path: path, contents: .unchanged(hash: known.hash), origin: "sitemap", fingerprint: print)
            }
            return OutputFile(path: path, contents: .text(contents()), origin: "sitemap", fingerprint: print)
        }
        let config = site.content.config
        guard pages.count > limit else {
            return [file(path, fingerprint(pages: pages, site)) { OpenData.sitemap(pages: pages, config: config) }]
        }
        let count = (pages.count + limit - 1) / limit
        let paths = (1...count).map { "\(folder)/\($0).xml" }
        // The index's fingerprint is every page as given (no sorting): when it is unchanged, so is
        // every file, and a one-report rebuild of a million pages sorts nothing.
        let whole = fingerprint(file: path, pages: pages[...], limit: limit, site)
        if let known = previous(path), known.fingerprint == whole {
            let parts = paths.compactMap { part in
                previous(part).map { OutputFile(path: part, contents: .unchanged(hash: $0.hash), origin: "sitemap", fingerprint: $0.fingerprint) }
            }
            if parts.count == count {
                return [OutputFile(path: path, contents: .unchanged(hash: known.hash), origin: "sitemap", fingerprint: whole)] + parts
            }
        }
        // Each file's own fingerprint is its pages: a page added or removed remakes the file it falls
        // in and the ones after it (their pages move by one), not those before.
        let sorted = pages.sorted()
        var files = [file(path, whole) { OpenData.sitemapIndex(paths, config: config) }]
        for (k, part) in paths.enumerated() {
            let slice = sorted[(k * limit)..<min(sorted.count, (k + 1) * limit)]
            files.append(file(part, fingerprint(file: part, pages: slice, limit: limit, site)) { OpenData.sitemap(sorted: slice, config: config) })
        }
        return files
    }

    /// The one sitemap.xml of a site of up to `urlLimit` pages.
    static func fingerprint(pages: [String], _ site: RenderSite) -> UInt64 {
        var hash = ContentHash()
        hash.combine(site.globalHash)
        hash.combine(path)
        site.value(of: .settings, into: &hash)
        for page in pages { hash.combine(page) }
        return hash.value | 1
    }

    /// A file of a split sitemap: the pages it lists (for the index, every page) and site.yaml (base_url).
    private static func fingerprint(file: String, pages: ArraySlice<String>, limit: Int, _ site: RenderSite) -> UInt64 {
        var hash = ContentHash()
        hash.combine(site.globalHash)
        hash.combine(file)
        hash.combine(UInt64(limit))
        site.value(of: .settings, into: &hash)
        hash.combine(UInt64(pages.count))
        for page in pages { hash.combine(page) }
        return hash.value | 1
    }
}
