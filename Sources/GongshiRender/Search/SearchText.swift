/// The text the search index is made of, and the rules both sides share:
/// `site-templates/assets/search.js` normalizes queries and verifies matches with
/// the same rules, unit for unit (UTF-16 code units, as JavaScript strings are).
///
/// - Normalization keeps the length: `A`–`Z` become `a`–`z`, full-width ASCII
///   (U+FF01–U+FF5E) becomes ASCII, the ideographic space a space.
/// - A *word unit* is an ASCII letter or digit, or any unit from U+00C0 up that is
///   not punctuation or a symbol (see `isWord`); surrogates count, so a character
///   outside the BMP is two word units.
/// - Keys: every pair of adjacent word units (a bigram) of the title, the text and
///   the page's slug, each field on its own; and every word unit of the title
///   (a unigram: one-character queries match titles).
public enum SearchText {
    @inline(__always) public static func normalize(_ unit: UInt16) -> UInt16 {
        switch unit {
        case 0x41...0x5A: return unit + 0x20
        case 0xFF21...0xFF3A: return unit - 0xFEE0 + 0x20
        case 0xFF01...0xFF5E: return unit - 0xFEE0
        case 0x3000: return 0x20
        default: return unit
        }
    }

    /// Whether a (normalized) unit is part of a word: indexed, and what queries are cut into.
    @inline(__always) public static func isWord(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x30...0x39, 0x61...0x7A: return true
        case 0...0xBF, 0xD7, 0xF7: return false
        case 0x2000...0x2BFF, 0x3000...0x303F, 0xFE10...0xFE1F, 0xFE30...0xFE4F, 0xFF00...0xFFEF: return false
        default: return true
        }
    }

    public static func normalized(_ text: String) -> [UInt16] { text.utf16.map(normalize) }

    /// The key of a bigram, or (`second` 0) of a title's unigram. 0 is never a word unit.
    @inline(__always) static func key(_ first: UInt16, _ second: UInt16 = 0) -> UInt32 { UInt32(first) << 16 | UInt32(second) }

    /// Appends the bigram keys of `units` (normalized) to `keys`: each pair of adjacent word units.
    static func bigrams(_ units: [UInt16], into keys: inout [UInt32]) {
        guard units.count >= 2 else { return }
        var previous = units[0], previousIsWord = isWord(previous)
        for i in 1..<units.count {
            let unit = units[i], word = isWord(unit)
            if word && previousIsWord { keys.append(key(previous, unit)) }
            previous = unit; previousIsWord = word
        }
    }

    /// Appends the unigram keys of a title's word units.
    static func unigrams(_ units: [UInt16], into keys: inout [UInt32]) {
        for unit in units where isWord(unit) { keys.append(key(unit)) }
    }

    /// Every key of one page: bigrams of its title, text and slug, unigrams of its title; sorted, each once.
    static func keys(title: String, text: String, slug: String) -> [UInt32] {
        var keys: [UInt32] = []
        let title = normalized(title)
        keys.reserveCapacity(title.count * 2 + text.utf16.count + slug.utf16.count)
        bigrams(title, into: &keys)
        unigrams(title, into: &keys)
        bigrams(normalized(text), into: &keys)
        bigrams(normalized(slug), into: &keys)
        keys.sort()
        var unique = 0
        for i in keys.indices where i == 0 || keys[i] != keys[unique - 1] {
            keys[unique] = keys[i]
            unique += 1
        }
        keys.removeLast(keys.count - unique)
        return keys
    }

    /// Plain text (not HTML) on one line: each run of white space one space.
    public static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x20 }) else { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: HTML to text

    /// The text a reader sees in `html` (as Gongshi writes it: cmark-gfm's output and the theme's partials),
    /// on one line: tags dropped, entities decoded, white space collapsed. Block-level tags part words
    /// with a space; a line break between two Chinese characters joins them, as a soft break in Chinese
    /// text is no space; `<script>`, `<style>` and comments are dropped with their contents.
    public static func plain(html: String) -> String { String(decoding: plainBytes(html: html), as: UTF8.self) }

    /// `plain(html:)` as UTF-8 bytes (valid: whole characters of `html`, and entities as characters).
    /// Written into a buffer as long as the HTML (the text is never longer: each space it adds stands
    /// for white space or a tag, each entity for a longer one), a byte at a time.
    public static func plainBytes(html: String) -> [UInt8] {
        var html = html
        return html.withUTF8 { bytes in
            let n = bytes.count
            return [UInt8](unsafeUninitializedCapacity: n) { out, count in
                var length = 0
                // 0: nothing pending, 1: a line break (joins CJK), 2: a space
                var pending = 0
                var i = 0
                @inline(__always) func emit(_ byte: UInt8) {
                    if pending != 0, length > 0 {
                        let last = out[length - 1]
                        if pending == 2 || last < 0x80 || byte < 0x80 { out[length] = 0x20; length += 1 }
                    }
                    pending = 0
                    out[length] = byte
                    length += 1
                }
                func emitScalar(_ value: UInt32) {
                    guard let scalar = Unicode.Scalar(value), value >= 0x20 || value == 0x09 else { return }
                    if value == 0xA0 || value == 0x20 || value == 0x09 || value == 0x3000 { pending = 2; return }
                    var first = true
                    for byte in String(Character(scalar)).utf8 {
                        if first { emit(byte); first = false } else { out[length] = byte; length += 1 }
                    }
                }
                while i < n {
                    let byte = bytes[i]
                    switch byte {
                    case UInt8(ascii: "<"):
                        // A comment, or a tag: its name decides whether it parts words.
                        if i + 3 < n, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                            i += 4
                            while i + 2 < n, !(bytes[i] == UInt8(ascii: "-") && bytes[i + 1] == UInt8(ascii: "-") && bytes[i + 2] == UInt8(ascii: ">")) { i += 1 }
                            i += 3
                            continue
                        }
                        var j = i + 1
                        if j < n, bytes[j] == UInt8(ascii: "/") { j += 1 }
                        let nameStart = j
                        while j < n, isNameByte(bytes[j]) { j += 1 }
                        guard j > nameStart else { emit(byte); i += 1; continue }  // a lone "<" is text
                        let nameEnd = j
                        // Skip to the tag's end, minding quoted attribute values.
                        var quote: UInt8 = 0
                        while j < n {
                            let c = bytes[j]
                            if quote != 0 { if c == quote { quote = 0 } } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c } else if c == UInt8(ascii: ">") { break }
                            j += 1
                        }
                        i = j + 1
                        let closing = bytes[nameStart - 1] == UInt8(ascii: "/")
                        if !closing, let name = rawTextTag(bytes, nameStart, nameEnd) {
                            // Drop everything up to the closing tag.
                            let end: [UInt8] = Array("</\(name)".utf8)
                            while i < n {
                                if bytes[i] == UInt8(ascii: "<"), i + end.count <= n,
                                   zip(end, bytes[i..<(i + end.count)]).allSatisfy({ $0 == ($1 | 0x20) || $0 == $1 }) { break }
                                i += 1
                            }
                            while i < n, bytes[i] != UInt8(ascii: ">") { i += 1 }
                            i += 1
                            pending = 2
                            continue
                        }
                        if !isInlineTag(bytes, nameStart, nameEnd) { pending = 2 }
                    case UInt8(ascii: "&"):
                        var j = i + 1
                        while j < n, j - i <= 10, bytes[j] != UInt8(ascii: ";"), isEntityByte(bytes[j]) { j += 1 }
                        if j < n, bytes[j] == UInt8(ascii: ";"), j > i + 1, let value = entity(bytes, i + 1, j) {
                            emitScalar(value)
                            i = j + 1
                        } else {
                            emit(byte)
                            i += 1
                        }
                    case 0x0A, 0x0D:
                        if pending == 0 { pending = 1 }
                        i += 1
                    case 0x20, 0x09, 0x0C:
                        pending = 2
                        i += 1
                    case 0xE3 where i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80:
                        // U+3000, the ideographic space, is white space too.
                        pending = 2
                        i += 3
                    default:
                        if byte < 0x20 { i += 1; continue }
                        emit(byte)
                        i += 1
                        // The rest of a multi-byte character.
                        while i < n, bytes[i] & 0xC0 == 0x80 { out[length] = bytes[i]; length += 1; i += 1 }
                    }
                }
                count = length
            }
        }
    }

    /// Tags inside a line of text: they part no words.
    static let inlineTags: [[UInt8]] = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ].map { Array($0.utf8) }

    private static func isInlineTag(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        inlineTags.contains { name in name.count == to - from && name.indices.allSatisfy { name[$0] == bytes[from + $0] | 0x20 } }
    }

    /// `script` or `style`, whose contents are no text.
    private static func rawTextTag(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String? {
        for name in ["script", "style"] where name.utf8.count == to - from && zip(name.utf8, bytes[from..<to]).allSatisfy({ $0 == $1 | 0x20 }) {
            return name
        }
        return nil
    }

    @inline(__always) private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): return true
        default: return false
        }
    }

    @inline(__always) private static func isEntityByte(_ byte: UInt8) -> Bool {
        isNameByte(byte) || byte == UInt8(ascii: "#")
    }

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// The scalar an entity names (`amp`, `#39`, `#x4E2D` ...), nil for one not known.
    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt32? {
        let name = String(decoding: bytes[from..<to], as: UTF8.self)
        if name.hasPrefix("#x") || name.hasPrefix("#X") { return UInt32(name.dropFirst(2), radix: 16) }
        if name.hasPrefix("#") { return UInt32(name.dropFirst(), radix: 10) }
        return namedEntities[name]
    }

    private static let namedEntities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "copy": 0xA9, "reg": 0xAE,
        "middot": 0xB7, "times": 0xD7, "divide": 0xF7, "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026,
        "ldquo": 0x201C, "rdquo": 0x201D, "lsquo": 0x2018, "rsquo": 0x2019, "laquo": 0xAB, "raquo": 0xBB,
    ]
}
