import CCmarkGFM
import Foundation

/// One pass over the parsed tree, in document order, that
/// - removes the pre-pass characters (and any U+E000...U+E002 that cmark decoded from entities) from
///   every literal, URL, title and fence info, so nothing downstream ever sees them;
/// - cuts bare URLs at Chinese text and links `www.` after Chinese text (see `BareURL`);
/// - records every link and image, then blanks `javascript:`, `vbscript:`, `data:` and `file:` URLs
///   (cmark's safe mode lets `data:image/...` through);
/// - replaces embedded blocks with placeholders.
/// The walk is iterative (deeply nested blockquotes must not overflow the stack) and tolerates the
/// edits it makes: new nodes are only inserted after the current one, which the walk then visits.
final class TreeWalker {
    private let source: SourceText
    private let embeddedBlockNames: Set<String>
    private(set) var blocks: [EmbeddedBlock] = []
    private(set) var links: [LinkReference] = []

    private var linkDepth = 0
    /// Last known source position (modified coordinates) before the current node, for nodes cmark
    /// leaves without one (links from the autolink extension).
    private var anchor = (line: 1, column: 1)
    /// Lines to add to inline positions in the current paragraph (see `referenceDefinitionShift`).
    private var lineShift = 0
    private lazy var lineStarts: [Int] = source.lineStarts()

    init(source: SourceText, embeddedBlockNames: Set<String>) {
        self.source = source
        self.embeddedBlockNames = embeddedBlockNames
    }

    func walk(_ root: OpaquePointer) {
        var node = root
        var entering = true
        while true {
            if entering {
                node = enter(node)
                if let child = cmark_node_first_child(node) {
                    node = child
                    continue
                }
            }
            exit(node)
            if node == root { break }
            if let next = cmark_node_next(node) {
                node = next
                entering = true
            } else if let parent = cmark_node_parent(node) {
                node = parent
                entering = false
            } else {
                break
            }
        }
    }

    /// Returns the node now at this place in the tree (a placeholder replaces an embedded block).
    private func enter(_ node: OpaquePointer) -> OpaquePointer {
        let type = cmark_node_get_type(node)
        if type != CMARK_NODE_LINK, type != CMARK_NODE_IMAGE, let position = reportedPosition(of: node) {
            anchor = position
        }
        switch type {
        case CMARK_NODE_PARAGRAPH:
            lineShift = referenceDefinitionShift(node)
        case CMARK_NODE_TEXT:
            stripMarkers(fromLiteralOf: node)
            if linkDepth == 0 { linkBareURL(in: node) }
        case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
            stripMarkers(fromLiteralOf: node)
        case CMARK_NODE_CODE_BLOCK:
            stripMarkers(fromLiteralOf: node)
            if let info = Node.bytes(cmark_node_get_fence_info(node)), let clean = Node.withoutMarkers(info) {
                cmark_node_set_fence_info(node, Node.string(clean))
            }
            if let placeholder = extractEmbeddedBlock(node) { return placeholder }
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            visitLink(node, isImage: type == CMARK_NODE_IMAGE)
            linkDepth += 1
        default:
            break
        }
        return node
    }

    private func exit(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { linkDepth -= 1 }
        if type == CMARK_NODE_PARAGRAPH { lineShift = 0 }
    }

    // MARK: Links

    private func visitLink(_ node: OpaquePointer, isImage: Bool) {
        // A bare URL that swallowed the pre-pass's U+E002 left the break's space in the next text.
        if let child = cmark_node_first_child(node), cmark_node_get_type(child) == CMARK_NODE_TEXT,
           let text = Node.bytes(cmark_node_get_literal(child)), Node.hasSplitURLBreak(text),
           let next = cmark_node_next(node), cmark_node_get_type(next) == CMARK_NODE_TEXT,
           let following = Node.bytes(cmark_node_get_literal(next)), following.first == 0x20 {
            cmark_node_set_literal(next, Node.string(following.dropFirst()))
        }
        var url = Node.bytes(cmark_node_get_url(node)) ?? []
        if let clean = Node.withoutMarkers(url) {
            url = clean
            cmark_node_set_url(node, Node.string(url))
        }
        if let title = Node.bytes(cmark_node_get_title(node)), let clean = Node.withoutMarkers(title) {
            cmark_node_set_title(node, Node.string(clean))
        }
        if !isImage, let text = autolinkText(node) {
            if let cut = cutAutolink(node, text: text, url: url) { url = cut }
        }

        let position: (line: Int, column: Int)
        if let reported = reportedPosition(of: node) {
            position = correctedLinkPosition(node, reported: reported)
            anchor = position
        } else {
            position = locate(autolinkText(node) ?? url)
        }
        links.append(LinkReference(destination: Node.string(url), isImage: isImage, line: position.line,
                                   column: source.originalColumn(line: position.line, column: position.column)))

        if URLSafety.isDangerous(url) { cmark_node_set_url(node, "") }
    }

    /// The text of a link made by the autolink extension (or by `linkBareURL`): a single text child
    /// equal to the URL, possibly without `http://`/`mailto:`. cmark gives these either no position
    /// (bare `http(s)://` and e-mail) or the same position as their text (`www.`), while `<...>`
    /// autolinks and `[...](...)` links start one column before their text.
    private func autolinkText(_ node: OpaquePointer) -> [UInt8]? {
        guard let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT else { return nil }
        stripMarkers(fromLiteralOf: child)
        guard let text = Node.bytes(cmark_node_get_literal(child)),
              let url = Node.bytes(cmark_node_get_url(node)) else { return nil }
        guard url == text || url == Array("http://".utf8) + text || url == Array("mailto:".utf8) + text else {
            return nil
        }
        let line = cmark_node_get_start_line(node)
        let madeByExtension = line == 0
            || (line == cmark_node_get_start_line(child)
                && cmark_node_get_start_column(node) == cmark_node_get_start_column(child))
        return madeByExtension ? text : nil
    }

    /// Ends an extension-made link before its first non-ASCII character; the rest becomes a text node
    /// after the link (which the walk visits next, so a URL in it is linked too). Returns the new URL.
    private func cutAutolink(_ node: OpaquePointer, text: [UInt8], url: [UInt8]) -> [UInt8]? {
        guard let end = BareURL.cutPoint(ofAutolinkText: text), let child = cmark_node_first_child(node) else {
            return nil
        }
        let prefix = url.prefix(url.count - text.count)
        let head = Array(text[..<end])
        let newURL = Array(prefix) + head
        cmark_node_set_literal(child, Node.string(head))
        cmark_node_set_url(node, Node.string(newURL))
        if let rest = cmark_node_new(CMARK_NODE_TEXT) {
            cmark_node_set_literal(rest, Node.string(text[end...]))
            if cmark_node_insert_after(node, rest) == 0 { cmark_node_free(rest) }
        }
        return newURL
    }

    /// Splits a text node at the first URL that follows CJK text: text, link, rest of the text.
    private func linkBareURL(in node: OpaquePointer) {
        guard let view = Node.view(cmark_node_get_literal(node)), let match = BareURL.find(in: view),
              let link = cmark_node_new(CMARK_NODE_LINK) else { return }
        let text = Array(view)
        guard let label = cmark_node_new(CMARK_NODE_TEXT) else {
            cmark_node_free(link)
            return
        }
        let urlText = text[match.start..<match.end]
        cmark_node_set_url(link, match.prefix + Node.string(urlText))
        cmark_node_set_literal(label, Node.string(urlText))
        cmark_node_append_child(link, label)
        guard cmark_node_insert_after(node, link) == 1 else {
            cmark_node_free(link)
            return
        }
        cmark_node_set_literal(node, Node.string(text[..<match.start]))
        if match.end < text.count, let rest = cmark_node_new(CMARK_NODE_TEXT) {
            cmark_node_set_literal(rest, Node.string(text[match.end...]))
            if cmark_node_insert_after(link, rest) == 0 { cmark_node_free(rest) }
        }
    }

    // MARK: Positions

    /// cmark's start position (modified coordinates), with the paragraph's line shift for inlines.
    private func reportedPosition(of node: OpaquePointer) -> (line: Int, column: Int)? {
        let line = Int(cmark_node_get_start_line(node))
        guard line > 0 else { return nil }
        let shift = cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH ? 0 : lineShift
        return (line + shift, Int(cmark_node_get_start_column(node)))
    }

    /// libcmark-gfm 0.29 reports some link columns wrongly: `<...>` autolinks are counted from the
    /// start of the paragraph's text (wrong on continuation lines and inside quotes or lists), and
    /// `www.` links one column early. The right position holds the link's first character, so check
    /// the source.
    private func correctedLinkPosition(_ node: OpaquePointer, reported: (line: Int, column: Int))
        -> (line: Int, column: Int) {
        // Only an autolink's text directly follows a `<` (a link's follows `[`).
        if let child = cmark_node_first_child(node), cmark_node_get_type(child) == CMARK_NODE_TEXT,
           let text = reportedPosition(of: child), sourceByte(text.line, text.column - 1) == UInt8(ascii: "<"),
           sourceByte(reported.line, reported.column) != UInt8(ascii: "<") {
            return (text.line, text.column - 1)
        }
        if let byte = sourceByte(reported.line, reported.column), "[!<".utf8.contains(byte) { return reported }
        if sourceByte(reported.line, reported.column + 1) == UInt8(ascii: "w") { return (reported.line, reported.column + 1) }
        return reported
    }

    /// cmark numbers a paragraph's inline lines from the paragraph's first line, even when link reference
    /// definitions at its start were taken out, so every link after them is reported too early. The
    /// paragraph's end line is right, so the difference to the last inline line is the shift. Only
    /// paragraphs that start with `[` can hold definitions.
    private func referenceDefinitionShift(_ paragraph: OpaquePointer) -> Int {
        let start = Int(cmark_node_get_start_line(paragraph)), end = Int(cmark_node_get_end_line(paragraph))
        guard start > 0, end > start,
              sourceByte(start, Int(cmark_node_get_start_column(paragraph))) == UInt8(ascii: "["),
              let iterator = cmark_iter_new(paragraph) else { return 0 }
        defer { cmark_iter_free(iterator) }
        var lastInlineLine = 0
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), node != paragraph {
                lastInlineLine = max(lastInlineLine, Int(cmark_node_get_end_line(node)))
            }
        }
        return lastInlineLine > 0 ? max(0, end - lastInlineLine) : 0
    }

    private func sourceByte(_ line: Int, _ column: Int) -> UInt8? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let index = lineStarts[line - 1] + column - 1
        let lineEnd = line < lineStarts.count ? lineStarts[line] - 1 : source.bytes.count
        return index < lineEnd ? source.bytes[index] : nil
    }

    /// Finds `needle` in the source at or after the anchor; the anchor then moves past it, so the
    /// same URL twice gets two positions. For links cmark leaves without a position. The anchor is
    /// on the link's line or the one before, so the search stops two lines on (text decoded from
    /// entities is not in the source, and must not cost a scan to the end).
    private func locate(_ needle: [UInt8]) -> (line: Int, column: Int) {
        let bytes = source.bytes
        let lineIndex = min(max(anchor.line, 1), lineStarts.count) - 1
        var from = min(lineStarts[lineIndex] + max(anchor.column, 1) - 1, bytes.count)
        let limit = lineIndex + 3 < lineStarts.count ? lineStarts[lineIndex + 3] : bytes.count
        guard !needle.isEmpty else { return anchor }
        while from + needle.count <= limit {
            if bytes[from] == needle[0], bytes[from..<(from + needle.count)].elementsEqual(needle) {
                var low = 0, high = lineStarts.count - 1
                while low < high {
                    let mid = (low + high + 1) / 2
                    if lineStarts[mid] <= from { low = mid } else { high = mid - 1 }
                }
                let found = (line: low + 1, column: from - lineStarts[low] + 1)
                anchor = (found.line, found.column + needle.count)
                return found
            }
            from += 1
        }
        return anchor
    }

    // MARK: Embedded blocks

    private func extractEmbeddedBlock(_ node: OpaquePointer) -> OpaquePointer? {
        guard !embeddedBlockNames.isEmpty else { return nil }
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(node, &length, &offset, &character) == 1,
              let info = cmark_node_get_fence_info(node) else { return nil }
        let name = String(cString: info).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        guard embeddedBlockNames.contains(name), let placeholder = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else {
            return nil
        }
        let index = blocks.count
        cmark_node_set_on_enter(placeholder, Placeholder.token(index))
        guard cmark_node_replace(node, placeholder) == 1 else {
            cmark_node_free(placeholder)
            return nil
        }
        let line = Int(cmark_node_get_start_line(node))
        blocks.append(EmbeddedBlock(
            name: name,
            source: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
            line: line,
            column: source.originalColumn(line: line, column: Int(cmark_node_get_start_column(node)))))
        cmark_node_free(node)
        return placeholder
    }

    // MARK: Markers

    private func stripMarkers(fromLiteralOf node: OpaquePointer) {
        // Most literals hold no marker: look before copying.
        guard let view = Node.view(cmark_node_get_literal(node)), view.contains(0xEE) else { return }
        if let clean = Node.withoutMarkers(Array(view)) {
            cmark_node_set_literal(node, Node.string(clean))
        }
    }
}

/// Small helpers over cmark's C strings.
enum Node {
    /// The bytes of a C string cmark owns, without copying; valid until the node changes.
    static func view(_ pointer: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                   count: strlen(pointer))
    }

    static func bytes(_ pointer: UnsafePointer<CChar>?) -> [UInt8]? {
        view(pointer).map(Array.init)
    }

    /// Whether `bytes` hold a U+E002 whose space is not with it (it ended a link's text).
    static func hasSplitURLBreak(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == 0xEE, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82, i + 3 == bytes.count || bytes[i + 3] != 0x20 {
                return true
            }
            i += 1
        }
        return false
    }

    static func string<S: Sequence<UInt8>>(_ bytes: S) -> String {
        String(decoding: Array(bytes), as: UTF8.self)
    }

    /// `bytes` without the pre-pass characters (U+E000, U+E001, and U+E002 with its space), or nil if
    /// there were none.
    static func withoutMarkers(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.contains(0xEE) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == 0xEE, i + 2 < bytes.count, bytes[i + 1] == 0x80, (0x80...0x82).contains(bytes[i + 2]) {
                i += bytes[i + 2] == 0x82 && i + 3 < bytes.count && bytes[i + 3] == 0x20 ? 4 : 3
                changed = true
            } else {
                result.append(bytes[i])
                i += 1
            }
        }
        return changed ? result : nil
    }
}

/// URL schemes that must never reach an href or src.
public enum URLSafety {
    private static let dangerous: Set<String> = ["javascript", "vbscript", "data", "file"]

    /// Reads the scheme the way a browser would: leading spaces/controls and any tab or newline inside
    /// are ignored, letters are case-insensitive.
    public static func isDangerous(_ url: [UInt8]) -> Bool {
        var scheme: [UInt8] = []
        for byte in url {
            if byte == 0x3A {
                return dangerous.contains(String(decoding: scheme, as: UTF8.self))
            }
            if byte <= 0x20 {
                if scheme.isEmpty || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                return false
            }
            let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            let isSchemeCharacter = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
                || lower == 0x2B || lower == 0x2D || lower == 0x2E
            guard isSchemeCharacter, scheme.count < 32 else { return false }
            scheme.append(lower)
        }
        return false
    }
}

/// The excerpt: plain text of the first paragraph.
enum Excerpt {
    static let limit = 120

    /// Prefers the first top-level paragraph (an opening quote or list is rarely the summary), else
    /// the first paragraph anywhere.
    static func make(_ root: OpaquePointer) -> String {
        var paragraph: OpaquePointer?
        var child = cmark_node_first_child(root)
        while let node = child, paragraph == nil {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH { paragraph = node }
            child = cmark_node_next(node)
        }
        if paragraph == nil { paragraph = firstParagraph(below: root) }
        guard let paragraph else { return "" }

        // Collapse whitespace while collecting, and stop well past the limit: long paragraphs are common.
        var scalars = String.UnicodeScalarView()
        var count = 0
        var pendingSpace = false
        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                if isWhitespace(scalar) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { scalars.append(" ") }
                    pendingSpace = false
                    scalars.append(scalar)
                    count += 1
                }
            }
        }
        guard let iterator = cmark_iter_new(paragraph) else { return "" }
        defer { cmark_iter_free(iterator) }
        while count <= limit * 8, case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = Node.view(cmark_node_get_literal(node)) { append(literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                pendingSpace = count > 0
            default:
                break
            }
        }
        let text = String(scalars)
        guard text.count > limit else { return text }
        var cut = text.prefix(limit - 1)
        while cut.last?.isWhitespace == true { cut = cut.dropLast() }
        return cut + "…"
    }

    /// Unicode White_Space, as `Character.isWhitespace` uses, without a property lookup per scalar.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    private static func firstParagraph(below root: OpaquePointer) -> OpaquePointer? {
        guard let iterator = cmark_iter_new(root) else { return nil }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
               cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                return node
            }
        }
        return nil
    }
}
