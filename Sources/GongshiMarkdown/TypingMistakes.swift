/// Markdown that a Chinese input method typed differently from what was meant, found on the
/// source lines (not in the syntax tree, where these are only text).
///
/// - Fences typed as `···` (U+00B7, what the IME gives for the backtick key), `｀｀｀` (U+FF40)
///   or `～～～` (U+FF5E). With a closing fence below, they are read as the ``` or ~~~ fence that
///   was meant (`MarkdownRenderer` does so before parsing), so ```` ```ranking ```` blocks work;
///   the reader warns with the fix. Without one they stay text.
/// - An image whose address has a space (`![说明](现场 照片.jpg)`): CommonMark leaves it as text;
///   `<…>` around the address is the fix.
///
/// Columns count Characters from 1.
public enum TypingMistakes {
    public struct Fence: Equatable, Sendable {
        public var line: Int
        public var column: Int
        /// The fence as written, and as meant: `···ranking`, ```` ```ranking ````.
        public var written: String
        public var meant: String
    }

    public struct UnparsedImage: Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var written: String
        /// `![说明](<现场 照片.jpg>)`
        public var fixed: String
    }

    /// Whether the text has a character of a mistyped fence at all (a byte scan).
    static func mayHaveMistypedFence(_ markdown: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in markdown.utf8 {
            if previous == 0xC2 && byte == 0xB7 { return true }                                           // ·
            if beforePrevious == 0xEF && previous == 0xBD && (byte == 0x80 || byte == 0x9E) { return true }  // ｀ ～
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    private struct FenceLine {
        var indent: Int
        /// "`" or "~", as meant.
        var kind: Character
        var count: Int
        var mistyped: Bool
        var info: Substring
    }

    private static func fenceLine(_ line: Substring) -> FenceLine? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let c = rest.first else { return nil }
        let kind: Character, mistyped: Bool
        switch c {
        case "`": (kind, mistyped) = ("`", false)
        case "~": (kind, mistyped) = ("~", false)
        case "·", "｀": (kind, mistyped) = ("`", true)
        case "～": (kind, mistyped) = ("~", true)
        default: return nil
        }
        let count = rest.prefix { $0 == c }.count
        guard count >= 3 else { return nil }
        let info = rest.dropFirst(count).drop { $0 == " " || $0 == "\t" }
        var trimmed = info
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed = trimmed.dropLast() }
        if kind == "`", !mistyped, trimmed.contains("`") { return nil }
        return FenceLine(indent: indent, kind: kind, count: count, mistyped: mistyped, info: trimmed)
    }

    /// Line indexes (0-based) of mistyped fences that are read as fences, and which lines are
    /// inside fenced blocks (for the image check).
    private static func scanFences(_ lines: [Substring]) -> (mistyped: [Int], inside: Set<Int>) {
        var mistyped: [Int] = []
        var inside = Set<Int>()
        var i = 0
        func closing(for open: FenceLine, from start: Int, asciiOnly: Bool) -> Int? {
            var j = start
            while j < lines.count {
                if let f = fenceLine(lines[j]), f.kind == open.kind, f.count >= open.count, f.info.isEmpty, !(asciiOnly && f.mistyped) { return j }
                j += 1
            }
            return nil
        }
        while i < lines.count {
            guard let open = fenceLine(lines[i]) else { i += 1; continue }
            // A proper close wins; a mistyped one only when there is no proper one.
            let close = closing(for: open, from: i + 1, asciiOnly: true) ?? closing(for: open, from: i + 1, asciiOnly: false)
            guard let close else {
                if open.mistyped { i += 1; continue }  // stays text
                for k in i..<lines.count { inside.insert(k) }  // an unclosed fence runs to the end
                break
            }
            if open.mistyped { mistyped.append(i) }
            if fenceLine(lines[close])!.mistyped { mistyped.append(close) }
            for k in i...close { inside.insert(k) }
            i = close + 1
        }
        return (mistyped, inside)
    }

    public static func mistypedFences(in markdown: String) -> [Fence] {
        guard mayHaveMistypedFence(markdown) else { return [] }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        return scanFences(lines).mistyped.map { index in
            let line = lines[index]
            var written = line
            while let last = written.last, last == " " || last == "\t" || last == "\r" { written = written.dropLast() }
            let fence = fenceLine(line)!
            return Fence(line: index + 1, column: fence.indent + 1, written: String(written.dropFirst(fence.indent)),
                         meant: String(repeating: fence.kind, count: fence.count) + fence.info)
        }
    }

    /// The text with mistyped fences replaced by the ones meant, Character for Character (so
    /// lines and Character columns stay).
    public static func fixingFences(_ markdown: String) -> String {
        guard mayHaveMistypedFence(markdown) else { return markdown }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let fixes = scanFences(lines).mistyped
        guard !fixes.isEmpty else { return markdown }
        for index in fixes {
            let line = lines[index]
            let fence = fenceLine(line)!
            let rest = line.dropFirst(fence.indent + fence.count)
            lines[index] = Substring(String(repeating: " ", count: fence.indent) + String(repeating: fence.kind, count: fence.count) + rest)
        }
        return lines.joined(separator: "\n")
    }

    /// `![…](…)` with a space in an unbracketed address, outside code.
    public static func unparsedImages(in markdown: String) -> [UnparsedImage] {
        guard mayHaveUnparsedImage(markdown) else { return [] }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [UnparsedImage] = []
        var inside: Set<Int>? = nil
        for (index, line) in lines.enumerated() where line.contains("![") {
            if inside == nil { inside = scanFences(lines).inside }
            if inside!.contains(index) { continue }
            let characters = Array(line)
            var k = 0
            var backticks = 0
            while k + 1 < characters.count {
                if characters[k] == "`" { backticks += 1 }
                guard characters[k] == "!", characters[k + 1] == "[", backticks % 2 == 0 else { k += 1; continue }
                guard let close = characters[(k + 2)...].firstIndex(of: "]"), close + 1 < characters.count, characters[close + 1] == "(" else {
                    k += 2; continue
                }
                var depth = 0
                var end: Int? = nil
                for m in (close + 2)..<characters.count {
                    if characters[m] == "(" { depth += 1 }
                    if characters[m] == ")" { if depth == 0 { end = m; break } else { depth -= 1 } }
                }
                guard let end else { k = close + 1; continue }
                let inner = String(characters[(close + 2)..<end])
                if isBroken(inner) {
                    let alt = String(characters[(k + 2)..<close])
                    let address = inner.trimmingSpaces()
                    found.append(UnparsedImage(line: index + 1, column: k + 1, written: String(characters[k...end]),
                                               fixed: "![\(alt)](<\(address)>)"))
                }
                k = end + 1
            }
        }
        return found
    }

    /// A byte scan: `![`, then `](`, then a space before `)` on the same line.
    static func mayHaveUnparsedImage(_ markdown: String) -> Bool {
        var utf8 = markdown.utf8[...]
        while let bang = utf8.firstIndex(of: UInt8(ascii: "!")) {
            utf8 = utf8[utf8.index(after: bang)...]
            guard utf8.first == UInt8(ascii: "[") else { continue }
            var sawBracket = false, inAddress = false
            for byte in utf8 {
                if byte == 0x0A { break }
                if inAddress {
                    if byte == UInt8(ascii: ")") { break }
                    if byte == 0x20 || byte == 0x09 { return true }
                } else if sawBracket {
                    if byte == UInt8(ascii: "(") { inAddress = true } else { break }
                } else if byte == UInt8(ascii: "]") {
                    sawBracket = true
                }
            }
        }
        return false
    }

    /// An address CommonMark cannot read: a space in it, not in `<…>`, and not `address "title"`.
    private static func isBroken(_ inner: String) -> Bool {
        let trimmed = inner.trimmingSpaces()
        // Only ASCII spaces: CommonMark takes U+3000 into an address.
        guard !trimmed.hasPrefix("<"), let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return false }
        let title = trimmed[space...].drop { $0 == " " || $0 == "\t" }
        if let first = title.first, let last = title.last, title.count >= 2,
           (first == "\"" && last == "\"") || (first == "'" && last == "'") || (first == "(" && last == ")") {
            return false
        }
        return true
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let f = text.first, f == " " || f == "\t" { text = text.dropFirst() }
        while let l = text.last, l == " " || l == "\t" { text = text.dropLast() }
        return String(text)
    }
}
