/// Bare-URL rules for Chinese text, applied to the syntax tree after parsing.
///
/// GFM's autolink extension runs a bare URL on until whitespace, and Chinese text has none, so
/// `详见https://example.com/docs。后面` would link the rest of the sentence. The pre-pass already ends
/// such URLs in running text (see `Prepass`); the tree walk cuts any link made by the extension that
/// still contains a non-ASCII character (e.g. in parentheses) at that character. The extension also
/// refuses `www.` unless a space, `*`, `_`, `~` or `(` comes before it, so `访问www.example.com` is not
/// linked at all: the walk links `www.`/`http(s)://`/`ftp://` that directly follow a CJK character in
/// plain text itself. Both mirror the extension's own checks (`check_domain`, `autolink_delim`) so
/// the links look the same.
enum BareURL {
    /// A bare URL found in a text literal: `bytes[start..<end]`, linked to `prefix + text`.
    struct Match: Equatable {
        var start: Int
        var end: Int
        var prefix: String
    }

    /// The first `www.` or `scheme://` URL in `text` that directly follows a CJK character.
    static func find(in text: UnsafeBufferPointer<UInt8>) -> Match? {
        var i = 1
        while i < text.count {
            let byte = text[i]
            if byte == 0x77, startsWith(text, at: i, "www."), followsCJK(text, at: i) {
                if let end = urlEnd(text, start: i, hostStart: i, needsDot: true), end > i + 4 {
                    return Match(start: i, end: end, prefix: "http://")
                }
            } else if byte == 0x3A, startsWith(text, at: i, "://") {
                var start = i
                while start > 0, isAlpha(text[start - 1]) { start -= 1 }
                let scheme = String(decoding: text[start..<i], as: UTF8.self).lowercased()
                if start > 0, ["http", "https", "ftp"].contains(scheme), followsCJK(text, at: start),
                   let end = urlEnd(text, start: start, hostStart: i + 3, needsDot: false), end > i + 3 {
                    return Match(start: start, end: end, prefix: "")
                }
            }
            i += 1
        }
        return nil
    }

    /// Where a link made by the autolink extension must end: before its first non-ASCII character,
    /// minus trailing punctuation (again, as the pre-pass break hid it from the extension). Nil when it
    /// can stay as it is, or when its host itself is not ASCII (an internationalised domain, which
    /// cutting would break).
    static func cutPoint(ofAutolinkText text: [UInt8]) -> Int? {
        let end = autolinkDelim(text, end: text.firstIndex(where: { $0 >= 0x80 }) ?? text.count)
        guard end < text.count else { return nil }
        let hostStart: Int
        if let separator = range(of: "://", in: text) {
            hostStart = separator + 3
        } else if startsWith(text, at: 0, "www.") {
            hostStart = 4
        } else {
            hostStart = 0
        }
        return end > hostStart ? end : nil
    }

    /// The end of a URL starting at `start`, or nil if its domain is not valid.
    private static func urlEnd(_ text: UnsafeBufferPointer<UInt8>, start: Int, hostStart: Int, needsDot: Bool) -> Int? {
        var end = start
        while end < text.count, text[end] < 0x80, !isSpace(text[end]), text[end] != 0x3C { end += 1 }
        guard hostStart < end, isAlphanumeric(text[hostStart]) else { return nil }
        guard checkDomain(text[hostStart..<end], needsDot: needsDot) else { return nil }
        let trimmed = autolinkDelim(Array(text[start..<end]), end: end - start)
        return trimmed > 0 ? start + trimmed : nil
    }

    /// cmark-gfm's `check_domain` for ASCII: no `_` in the last two labels, and a dot when required.
    private static func checkDomain(_ host: Slice<UnsafeBufferPointer<UInt8>>, needsDot: Bool) -> Bool {
        var dots = 0, underscoresBefore = 0, underscores = 0
        for byte in host.dropFirst() {
            if byte == 0x5F {
                underscores += 1
            } else if byte == 0x2E {
                underscoresBefore = underscores
                underscores = 0
                dots += 1
            } else if !isAlphanumeric(byte), byte != 0x2D {
                break
            }
        }
        if underscoresBefore > 0 || underscores > 0 { return false }
        return !needsDot || dots > 0
    }

    /// cmark-gfm's `autolink_delim`: drops trailing punctuation, an unbalanced `)` and a trailing entity.
    static func autolinkDelim(_ data: [UInt8], end: Int) -> Int {
        var linkEnd = end
        if let lessThan = data[..<linkEnd].firstIndex(of: 0x3C) { linkEnd = lessThan }
        while linkEnd > 0 {
            let last = data[linkEnd - 1]
            if "?!.,:*_~'\"".utf8.contains(last) {
                linkEnd -= 1
            } else if last == 0x3B {
                var newEnd = linkEnd - 2
                while newEnd > 0, isAlpha(data[newEnd]) { newEnd -= 1 }
                if newEnd < linkEnd - 2, newEnd >= 0, data[newEnd] == 0x26 {
                    linkEnd = newEnd
                } else {
                    linkEnd -= 1
                }
            } else if last == 0x29 {
                var opening = 0, closing = 0
                for byte in data[..<linkEnd] {
                    if byte == 0x28 { opening += 1 } else if byte == 0x29 { closing += 1 }
                }
                if closing <= opening { break }
                linkEnd -= 1
            } else {
                break
            }
        }
        return linkEnd
    }

    private static func followsCJK(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index > 0 else { return false }
        var start = index - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        guard text[start] >= 0x80,
              let scalar = String(decoding: UnsafeBufferPointer(rebasing: text[start..<index]), as: UTF8.self)
                .unicodeScalars.first
        else { return false }
        return CJK.isCJK(scalar)
    }

    private static func startsWith<C: RandomAccessCollection<UInt8>>(_ text: C, at index: Int, _ prefix: String) -> Bool
        where C.Index == Int {
        let utf8 = prefix.utf8
        guard index + utf8.count <= text.count else { return false }
        return zip(text[index...], utf8).allSatisfy { $0 == $1 }
    }

    private static func range(of needle: String, in text: [UInt8]) -> Int? {
        let count = needle.utf8.count
        guard text.count >= count else { return nil }
        return (0...(text.count - count)).first { startsWith(text, at: $0, needle) }
    }

    private static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isAlphanumeric(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) }
    /// cmark_isspace: space, \t, \n, \r.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
