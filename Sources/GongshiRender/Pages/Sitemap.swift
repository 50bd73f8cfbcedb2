import GongshiModel

/// `sitemap.xml`: every page, with absolute URLs from `base_url`. Made after
/// the pages, from their paths: it shows nothing else of the model but site.yaml.
struct Sitemap {
    static let path = "sitemap.xml"

    static func fingerprint(pages: [String], _ site: RenderSite) -> UInt64 {
        var hash = ContentHash()
        hash.combine(site.globalHash)
        hash.combine(path)
        site.value(of: .settings, into: &hash)
        for page in pages { hash.combine(page) }
        return hash.value | 1
    }

    static func contents(pages: [String], _ site: RenderSite) -> String {
        OpenData.sitemap(pages: pages, config: site.content.config)
    }
}
