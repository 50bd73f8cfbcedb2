import Yams

/// A reader for the plain front matter nearly every report has, without libyaml:
///
///     title: "标题"
///     date: 2018-03-09
///     figures:
///       participants: 10
///     tags: [学雷锋, 用电安全]
///
/// It gives the nodes `Yams.compose` gives (strings, styles and shapes; no
/// positions), or nil for anything outside that simple form, which then goes
/// through Yams. Composing with Yams was a fifth of loading 20,000 reports.
/// It is deliberately narrow: a comment, an escape, a multi-line value, an
/// anchor, a flow mapping or an odd character all fall back.
/// `SimpleFrontMatterTests` checks it against Yams on real and generated input.
enum SimpleFrontMatter {
    /// `Constructor.default` builds its tables on every use; the nodes only ever read it.
    nonisolated(unsafe) static let constructor = Constructor.default

    static func compose(_ yaml: String) -> Node? {
        var yaml = yaml
        return yaml.withUTF8 { compose(bytes: $0) }
    }

    private static func compose(bytes: UnsafeBufferPointer<UInt8>) -> Node? {
        // Characters libyaml treats specially or rejects: controls, tabs, CR, NEL/LS/PS, BOM, noncharacters.
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 && b != 0x0A || b == 0x7F { return nil }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { return nil }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return nil }
            if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF || bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE { return nil }
            // Zero-width characters, which `YAMLPrecheck` reports: U+200B...U+200D, U+2060.
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 && (0x8B...0x8D).contains(bytes[i + 2]) || bytes[i + 1] == 0x81 && bytes[i + 2] == 0xA0 { return nil }
            i += 1
        }
        var lines: [Line] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            var indent = start
            while indent < index, bytes[indent] == 0x20 { indent += 1 }
            if indent < index {  // blank lines carry nothing here
                if bytes[indent] == UInt8(ascii: "#") { return nil }
                lines.append(Line(start: start, contentStart: indent, end: index))
            }
            start = index + 1
        }
        guard !lines.isEmpty else { return nil }
        var reader = Reader(bytes: bytes, lines: lines)
        return reader.topLevel()
    }

    private struct Line {
        var start: Int
        var contentStart: Int
        var end: Int
        var indent: Int { contentStart - start }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let lines: [Line]
        var next = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lines: [Line]) { self.bytes = bytes; self.lines = lines }

        mutating func topLevel() -> Node? {
            guard lines[0].indent == 0 else { return nil }
            return mapping(indent: 0, allowNested: true)
        }

        /// Key lines at exactly `indent`, until a line less indented.
        mutating func mapping(indent: Int, allowNested: Bool) -> Node? {
            var pairs: [(Node, Node)] = []
            var keys = Set<String>()
            while next < lines.count {
                let line = lines[next]
                if line.indent < indent { break }
                guard line.indent == indent, let (key, valueStart) = keyOf(line) else { return nil }
                guard keys.insert(key).inserted else { return nil }  // Yams reports duplicates
                next += 1
                let value: Node
                if valueStart < line.end {
                    guard let scalar = inlineValue(valueStart, line.end, allowFlow: true) else { return nil }
                    value = scalar
                    if next < lines.count, lines[next].indent > indent { return nil }  // a continued value
                } else if next < lines.count, lines[next].indent > indent || (lines[next].indent == indent && isItem(lines[next])) {
                    guard allowNested else { return nil }
                    let child = lines[next]
                    if isItem(child) {
                        guard let list = sequence(indent: child.indent) else { return nil }
                        value = list
                    } else {
                        guard let nested = mapping(indent: child.indent, allowNested: false) else { return nil }
                        value = nested
                    }
                    if next < lines.count, lines[next].indent > indent { return nil }
                } else {
                    value = scalar("", .plain)  // `key:` alone is null
                }
                pairs.append((scalar(key, .plain), value))
            }
            return .mapping(Node.Mapping(pairs, Tag(.implicit, .basic, SimpleFrontMatter.constructor), .block))
        }

        /// `- value` lines at exactly `indent`.
        mutating func sequence(indent: Int) -> Node? {
            var items: [Node] = []
            while next < lines.count, lines[next].indent == indent, isItem(lines[next]) {
                let line = lines[next]
                var start = line.contentStart + 1
                while start < line.end, bytes[start] == 0x20 { start += 1 }
                guard start < line.end, let item = inlineValue(start, line.end, allowFlow: false) else { return nil }
                items.append(item)
                next += 1
            }
            return .sequence(Node.Sequence(items, Tag(.implicit, .basic, SimpleFrontMatter.constructor), .block))
        }

        func isItem(_ line: Line) -> Bool {
            bytes[line.contentStart] == UInt8(ascii: "-") && (line.contentStart + 1 == line.end || bytes[line.contentStart + 1] == 0x20)
        }

        /// `name:` then a space or the end: the key, and where its value starts (after spaces).
        func keyOf(_ line: Line) -> (String, Int)? {
            var i = line.contentStart
            guard isKeyStart(bytes[i]) else { return nil }
            while i < line.end, isKeyByte(bytes[i]) { i += 1 }
            guard i < line.end, bytes[i] == UInt8(ascii: ":") else { return nil }
            let key = text(line.contentStart, i)
            i += 1
            guard i == line.end || bytes[i] == 0x20 else { return nil }
            while i < line.end, bytes[i] == 0x20 { i += 1 }
            return (key, i)
        }

        func isKeyStart(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
        }

        func isKeyByte(_ b: UInt8) -> Bool { isKeyStart(b) || b == UInt8(ascii: "-") }

        /// A value on the rest of a line: quoted, a flow list of plain words, or plain.
        func inlineValue(_ start: Int, _ end: Int, allowFlow: Bool) -> Node? {
            var end = end
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            guard start < end else { return nil }
            switch bytes[start] {
            case UInt8(ascii: "\""):
                // One line, no escapes, nothing after the closing quote.
                guard end - start >= 2, bytes[end - 1] == UInt8(ascii: "\"") else { return nil }
                for i in (start + 1)..<(end - 1) where bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "\\") { return nil }
                return scalar(text(start + 1, end - 1), .doubleQuoted)
            case UInt8(ascii: "'"):
                guard end - start >= 2, bytes[end - 1] == UInt8(ascii: "'") else { return nil }
                for i in (start + 1)..<(end - 1) where bytes[i] == UInt8(ascii: "'") { return nil }
                return scalar(text(start + 1, end - 1), .singleQuoted)
            case UInt8(ascii: "["):
                guard allowFlow, bytes[end - 1] == UInt8(ascii: "]") else { return nil }
                var items: [Node] = []
                var itemStart = start + 1
                let close = end - 1
                var onlySpaces = true
                for i in (start + 1)..<close where bytes[i] != 0x20 { onlySpaces = false; break }
                if !onlySpaces {
                    for i in (start + 1)...close where i == close || bytes[i] == UInt8(ascii: ",") {
                        var a = itemStart, b = i
                        while a < b, bytes[a] == 0x20 { a += 1 }
                        while b > a, bytes[b - 1] == 0x20 { b -= 1 }
                        guard a < b, isPlain(a, b, flow: true) else { return nil }
                        items.append(scalar(text(a, b), .plain))
                        itemStart = i + 1
                    }
                }
                return .sequence(Node.Sequence(items, Tag(.implicit, .basic, SimpleFrontMatter.constructor), .flow))
            default:
                guard isPlain(start, end, flow: false) else { return nil }
                return scalar(text(start, end), .plain)
            }
        }

        /// A plain scalar that means the same to libyaml: no indicator first, no comment,
        /// no `:`, no brackets or quotes anywhere (kept simple on purpose).
        func isPlain(_ start: Int, _ end: Int, flow: Bool) -> Bool {
            switch bytes[start] {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "&"), UInt8(ascii: "*"),
                 UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                return false
            default: break
            }
            for i in start..<end {
                switch bytes[i] {
                case UInt8(ascii: "#"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                     UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
                    return false
                case UInt8(ascii: ","): if flow { return false }
                default: break
                }
            }
            return true
        }

        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        func scalar(_ text: String, _ style: Node.Scalar.Style) -> Node {
            .scalar(Node.Scalar(text, Tag(.implicit, .basic, SimpleFrontMatter.constructor), style))
        }
    }
}
