import CCmarkGFM
import Foundation

/// Renders GitHub-flavoured Markdown to safe HTML with the system libcmark-gfm.
///
/// Pipeline: a byte pre-pass for CJK emphasis and bare URLs before Chinese text (`SourceText`), cmark
/// parse, one walk over the syntax tree (`TreeWalker`: strip the pre-pass characters, fix bare URLs,
/// blank unsafe URLs, collect links, cut out embedded blocks), cmark's HTML renderer, then splitting
/// the HTML at the block placeholders.
public struct MarkdownRenderer: Sendable {
    public let embeddedBlockNames: Set<String>

    /// Fenced code blocks whose info string (first word) is one of these names are not rendered as code:
    /// they are cut out and returned in `blocks`, and a `.block(index)` part stands where they were.
    public init(embeddedBlockNames: Set<String> = []) {
        self.embeddedBlockNames = embeddedBlockNames
    }

    public func render(_ markdown: String) -> MarkdownDocument {
        // `···` typed for ``` by a Chinese input method: the fence that was meant (the reader warns).
        let source = SourceText(TypingMistakes.fixingFences(markdown))
        guard CMark.isReady, let parser = cmark_parser_new(CMark.parseOptions) else {
            return MarkdownDocument(parts: [], blocks: [], links: [], excerpt: "")
        }
        defer { cmark_parser_free(parser) }
        let inlineExtensions = CMark.inlineExtensionsNeeded(by: source.bytes)
        for name in CMark.blockExtensionNames + inlineExtensions {
            if let extensionHandle = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionHandle)
            }
        }

        func parse() -> OpaquePointer? {
            source.bytes.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress, buffer.count > 0 {
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        cmark_parser_feed(parser, $0, buffer.count)
                    }
                }
            }
            return cmark_parser_finish(parser)
        }
        // See CMark.parseLock for why parses with inline extensions are serialised.
        let parsedRoot = inlineExtensions.isEmpty ? parse() : CMark.parseLock.withLock(parse)
        guard let root = parsedRoot else {
            return MarkdownDocument(parts: [], blocks: [], links: [], excerpt: "")
        }
        defer { cmark_node_free(root) }

        let walker = TreeWalker(source: source, embeddedBlockNames: embeddedBlockNames)
        walker.walk(root)
        let excerpt = Excerpt.make(root)
        Figures.wrap(root)
        Tables.wrap(root)

        guard let html = cmark_render_html(root, CMark.renderOptions, cmark_parser_get_syntax_extensions(parser)) else {
            return MarkdownDocument(parts: [], blocks: walker.blocks, links: walker.links, excerpt: excerpt)
        }
        defer { cmark_get_default_mem_allocator().pointee.free(html) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self),
                                        count: strlen(html))
        let parts = Placeholder.split(bytes, blockCount: walker.blocks.count)
        return MarkdownDocument(parts: parts, blocks: walker.blocks, links: walker.links, excerpt: excerpt)
    }
}

/// Process-wide libcmark-gfm set-up.
enum CMark {
    /// Extensions without inline special characters (they never touch cmark's global tables).
    static let blockExtensionNames = ["table", "tagfilter", "tasklist"]
    /// Raw HTML stays off (no CMARK_OPT_UNSAFE). SOURCEPOS is for the parser only: without it cmark does
    /// not count newlines inside code spans and link destinations, and later line numbers drift.
    static let parseOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS
    /// Table column alignment as `style="text-align: …"`, not the obsolete `align` attribute (see `Tables`).
    static let renderOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES

    /// `cmark_gfm_core_extensions_ensure_registered` is not thread-safe; a static let runs it exactly once.
    static let isReady: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Serialises parses that use strikethrough or autolink. libcmark-gfm keeps the inline parser's
    /// special-character tables (SPECIAL_CHARS, SKIP_CHARS) in process-wide arrays. Every parse with
    /// these extensions switches their characters (`~`, `:`, `w`) on when it starts inline parsing and
    /// off when it ends (`cmark_manage_extensions_special_characters`, also around table rows), so
    /// concurrent parses turn strikethrough and autolinks off under each other. In a C test, 8 threads
    /// rendering one document got a third of 160,000 results wrong. Pinning the characters on is not
    /// possible: cmark finds the strikethrough extension for a `~` delimiter through that same list
    /// (emptying it makes parsing hang). A document that cannot contain strikethrough or an autolink is
    /// parsed without those two extensions. That parse writes no global, and its result does not depend
    /// on one, so it needs no lock. The tree walk and HTML rendering, which touch no globals, always
    /// run in parallel.
    static let parseLock = NSLock()

    /// "strikethrough" if `~` occurs, "autolink" if `://`, `www.` or `@` does: without them neither
    /// extension can match anything.
    static func inlineExtensionsNeeded(by bytes: [UInt8]) -> [String] {
        var tilde = false, autolink = false
        bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            var i = 0
            while i < n, !(tilde && autolink) {
                switch buffer[i] {
                case 0x7E: tilde = true
                case 0x40: autolink = true
                case 0x3A where i + 2 < n && buffer[i + 1] == 0x2F && buffer[i + 2] == 0x2F:
                    if !isLinkDestination(buffer, schemeEnd: i) { autolink = true }
                case 0x77 where i + 3 < n && buffer[i + 1] == 0x77 && buffer[i + 2] == 0x77 && buffer[i + 3] == 0x2E:
                    autolink = true
                default: break
                }
                i += 1
            }
        }
        return (tilde ? ["strikethrough"] : []) + (autolink ? ["autolink"] : [])
    }
}

/// Whether the URL whose `://` starts at `schemeEnd` is the destination of an inline link
/// (`[text](https://…)`, `![alt](https://…)`) or an angle-bracket autolink (`<https://…>`): core
/// cmark links those itself, so they need no autolink extension (and no lock). Only a clean
/// destination counts: `](` right before the scheme, no escaped `]`, and a `)` before any space.
func isLinkDestination(_ buffer: UnsafeBufferPointer<UInt8>, schemeEnd: Int) -> Bool {
    var start = schemeEnd
    while start > 0 {
        let c = buffer[start - 1]
        let isSchemeCharacter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            || c == 0x2B || c == 0x2E || c == 0x2D
        if !isSchemeCharacter { break }
        start -= 1
    }
    guard start < schemeEnd, start >= 1 else { return false }
    let closing: UInt8
    if buffer[start - 1] == 0x3C {  // <
        closing = 0x3E
    } else if start >= 2, buffer[start - 1] == 0x28, buffer[start - 2] == 0x5D, start < 3 || buffer[start - 3] != 0x5C {  // ]( not \](
        closing = 0x29
    } else {
        return false
    }
    var k = schemeEnd + 3
    while k < buffer.count {
        let c = buffer[k]
        if c == closing { return true }
        if c <= 0x20 || c == 0x3C || c == 0x3E || c == 0x28 || c == 0x29 || c == 0x5C { return false }
        k += 1
    }
    return false
}

/// The cut-out embedded blocks: a custom block node whose on-enter text is emitted verbatim by the HTML
/// renderer, even in tight lists (where a paragraph would lose its <p>).
enum Placeholder {
    static func token(_ index: Int) -> String {
        "\(SourceText.placeholderDelimiter)\(index)\(SourceText.placeholderDelimiter)"
    }

    /// Splits rendered HTML at the placeholders. Also drops any stray pre-pass character as a last line
    /// of defence (the walk already removed them from everything that reaches the HTML).
    static func split(_ html: UnsafeBufferPointer<UInt8>, blockCount: Int) -> [MarkdownDocument.Part] {
        var parts: [MarkdownDocument.Part] = []
        var pending: [UInt8] = []
        var segmentStart = 0
        var i = 0
        let n = html.count
        func flushSegment(upTo end: Int) {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: html[segmentStart..<end]))
        }
        func flushPart() {
            if !pending.isEmpty { parts.append(.html(String(decoding: pending, as: UTF8.self))) }
            pending.removeAll(keepingCapacity: true)
        }
        while i < n {
            guard html[i] == 0xEE, i + 2 < n, html[i + 1] == 0x80, (0x80...0x82).contains(html[i + 2]) else {
                i += 1
                continue
            }
            flushSegment(upTo: i)
            var next = i + 3
            if html[i + 2] == 0x81 {
                var digitsEnd = next
                while digitsEnd < n, html[digitsEnd] >= 0x30, html[digitsEnd] <= 0x39 { digitsEnd += 1 }
                if digitsEnd > next, digitsEnd + 2 < n, html[digitsEnd] == 0xEE, html[digitsEnd + 1] == 0x80,
                   html[digitsEnd + 2] == 0x81,
                   let index = Int(String(decoding: UnsafeBufferPointer(rebasing: html[next..<digitsEnd]), as: UTF8.self)),
                   index < blockCount {
                    flushPart()
                    parts.append(.block(index))
                    next = digitsEnd + 3
                    if next < n, html[next] == 0x0A { next += 1 }
                }
            }
            i = next
            segmentStart = next
        }
        if segmentStart == 0 {
            // Nothing was cut: one part straight from the buffer.
            return n == 0 ? [] : [.html(String(decoding: html, as: UTF8.self))]
        }
        flushSegment(upTo: n)
        flushPart()
        return parts
    }
}
