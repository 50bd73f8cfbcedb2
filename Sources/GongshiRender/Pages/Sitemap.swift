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

    /// One file of the sitemap: its contents made only when the tree does not hold them already.
    struct File {
        let path: String
        let fingerprint: UInt64
        let contents: () -> String
    }

    static func files(pages: [String], limit: Int, _ site: RenderSite) -> [File] {
        let config = site.content.config
        guard pages.count > limit else {
            return [File(path: path, fingerprint: fingerprint(pages: pages, site), contents: { OpenData.sitemap(pages: pages, config: config) })]
        }
        let sorted = pages.sorted()
        let parts = stride(from: 0, to: sorted.count, by: limit).map { sorted[$0..<min(sorted.count, $0 + limit)] }
        let paths = parts.indices.map { "\(folder)/\($0 + 1).xml" }
        var files = [File(path: path, fingerprint: fingerprint(file: path, pages: paths[...], site),
                          contents: { OpenData.sitemapIndex(paths, config: config) })]
        for (part, file) in zip(parts, paths) {
            files.append(File(path: file, fingerprint: fingerprint(file: file, pages: part, site),
                              contents: { OpenData.sitemap(sorted: part, config: config) }))
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

    /// A file of a split sitemap: what it lists (pages, or the index's files) and site.yaml (base_url).
    private static func fingerprint(file: String, pages: ArraySlice<String>, _ site: RenderSite) -> UInt64 {
        var hash = ContentHash()
        hash.combine(site.globalHash)
        hash.combine(file)
        hash.combine("split")
        site.value(of: .settings, into: &hash)
        hash.combine(UInt64(pages.count))
        for page in pages { hash.combine(page) }
        return hash.value | 1
    }
}
