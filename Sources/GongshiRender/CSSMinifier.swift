/// (issue 12) The theme's stylesheets as published: comments and runs of white space taken out, all on
/// one line. Citizens on slow networks download every byte; staff keep editing the commented file in
/// `site-templates/assets/`.
///
/// Safe by construction: strings are copied as they are, white space is only collapsed to one space
/// (so `a :hover`, `calc(100% - 5em)` and `0 0 2px` keep their meaning), and dropped only next to
/// `{`, `}`, `;`, `,` and `>`, where CSS never needs it.
public enum CSSMinifier {
    public static func minify(_ css: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(css.count)
        var i = 0
        var pendingSpace = false
        let space = UInt8(ascii: " "), slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        func tight(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\n")
        }
        func emit(_ byte: UInt8) {
            if pendingSpace, let last = out.last, !tight(last), !tight(byte) { out.append(space) }
            pendingSpace = false
            // `;}` is `}`.
            if byte == UInt8(ascii: "}"), out.last == UInt8(ascii: ";") { out.removeLast() }
            out.append(byte)
        }
        while i < css.count {
            let byte = css[i]
            if byte == slash, i + 1 < css.count, css[i + 1] == star {
                // A comment: gone, but it still separates what is on either side of it.
                var j = i + 2
                while j + 1 < css.count, !(css[j] == star && css[j + 1] == slash) { j += 1 }
                i = min(css.count, j + 2)
                pendingSpace = true
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var j = i + 1
                while j < css.count, css[j] != byte {
                    if css[j] == UInt8(ascii: "\\") { j += 1 }
                    j += 1
                }
                let end = min(css.count, j + 1)
                emit(byte)
                out.append(contentsOf: css[(i + 1)..<end])
                i = end
                continue
            }
            if byte == space || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == 0x0C {
                pendingSpace = true
                i += 1
                continue
            }
            emit(byte)
            i += 1
        }
        if out.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        return out
    }
}
