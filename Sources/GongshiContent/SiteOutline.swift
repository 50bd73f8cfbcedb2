import GongshiMarkdown
import GongshiFiles
import GongshiModel

/// What `gongshi new` fills a new file in from: site.yaml, the units, the issuers
/// of earlier notices. Writing the new file is the command line's business.
public struct SiteOutline: Sendable {
    public var config: SiteConfig
    public var units: [Unit]
    /// Most used first.
    public var issuers: [String]
    /// The 文号 of earlier notices and the file that has each (relative to the content folder),
    /// so that importing or writing the same document twice is noticed.
    public var docNumbers: [String: String] = [:]

    /// The day the site describes for `new` (which has no `--as-of`): site.yaml's `as_of`, else today.
    public func asOf(today: CalendarDate) -> CalendarDate { config.asOf ?? today }

    /// The warning a build gives for a report or notice dated `date`, when it is after the as-of date
    /// (it is not published): `new` says the same when it writes one.
    public static func notPublishedWarning(date: CalendarDate, asOf: CalendarDate, in language: Language = .chinese) -> String? {
        date > asOf ? SiteChecks.notPublishedYet(date, asOf: asOf, in: language) : nil
    }

    /// Reads only what scaffolding needs (not the reports): site.yaml, units, and
    /// for a new notice the issuers of the earlier ones.
    public static func read(root: String, issuers wantIssuers: Bool = false) -> (SiteOutline?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        guard let bytes = FileTree.read(root + "/" + SiteConfigReader.path) else {
            diagnostics.error(SourceLocation(path: SiteConfigReader.path), ContentLoader.noSiteYAML, en: "site.yaml not found in the content folder")
            return (nil, diagnostics.sorted)
        }
        guard let text = TextDecoding.utf8(bytes, path: SiteConfigReader.path, diagnostics: &diagnostics),
              let config = SiteConfigReader.read(text, diagnostics: &diagnostics) else { return (nil, diagnostics.sorted) }
        let markdown = MarkdownRenderer()
        var units: [Unit] = []
        for name in (FileTree.names(in: root + "/units") ?? []).sorted() where name.hasSuffix(".md") {
            var ignored = Diagnostics()
            if let bytes = FileTree.read(root + "/units/" + name),
               let unit = UnitReader.read(path: "units/" + name, bytes: bytes, config: config, markdown: markdown, diagnostics: &ignored) {
                units.append(unit)
            }
        }
        var issuers: [String: Int] = [:]
        var docNumbers: [String: String] = [:]
        var ignored = Diagnostics()
        for path in wantIssuers ? FileTree.files(under: root + "/notices", diagnostics: &ignored).sorted() : [] where path.hasSuffix(".md") {
            guard let bytes = FileTree.read(root + "/notices/" + path),
                  let document = ParsedDocument.parse(path: path, bytes: bytes, diagnostics: &ignored) else { continue }
            if let issuer = document.fields.string("issuer", diagnostics: &ignored) { issuers[issuer, default: 0] += 1 }
            if let number = document.fields.string("doc_number", diagnostics: &ignored), docNumbers[number] == nil {
                docNumbers[number] = "notices/" + path
            }
        }
        let ordered = issuers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        var outline = SiteOutline(config: config, units: units, issuers: ordered)
        outline.docNumbers = docNumbers
        return (outline, diagnostics.sorted)
    }
}
