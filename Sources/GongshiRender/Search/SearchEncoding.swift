/// How the search index's files write numbers and keys (`search.js` reads them back).
///
/// A list of ids (ascending local ids of one group) is a string of 64 safe
/// characters (`0-9A-Za-z_-`, never a quote or a backslash), either
/// - gaps: each id minus the one before minus one (the first id as it is), as a
///   variable-length number: characters 32–63 carry 5 bits and say "more follows",
///   characters 0–31 carry the last 5 bits; or
/// - `~` and a bitmap: 6 ids per character, lowest bit first,
/// whichever is shorter (a bigram on most pages of a group costs a bit per page).
public enum SearchEncoding {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-".utf8)

    /// Appends a whole number ≥ 0 as a variable-length number.
    static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        var shift = 0
        while value >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 { out.append(alphabet[32 + (value >> shift) & 31]); shift -= 5 }
        out.append(alphabet[value & 31])
    }

    /// Appends an ascending list of ids, as gaps or as a bitmap (`~`), whichever is shorter.
    static func appendIDs(_ ids: [Int32], to out: inout [UInt8]) {
        let start = out.count
        var previous: Int32 = -1
        for id in ids {
            appendNumber(Int(id - previous - 1), to: &out)
            previous = id
        }
        if bitmapLength(last: ids.last ?? 0) < out.count - start {
            out.removeSubrange(start...)
            appendBitmap(ids, to: &out)
        }
    }

    /// How long a bitmap up to id `last` is.
    static func bitmapLength(last: Int32) -> Int { 1 + (Int(last) + 6) / 6 }

    /// `~`, then the ids as bits, 6 a character, lowest first.
    static func appendBitmap(_ ids: [Int32], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "~"))
        var cells = Array(repeating: 0, count: (Int(ids.last ?? 0) + 6) / 6)
        for id in ids { cells[Int(id) / 6] |= 1 << (Int(id) % 6) }
        for cell in cells { out.append(alphabet[cell]) }
    }

    /// Reads back what `appendIDs` wrote (for tests; the browser does this in search.js).
    static func decodeIDs(_ text: String) -> [Int32]? {
        var values: [Int32] = []
        let bytes = Array(text.utf8)
        func digit(_ byte: UInt8) -> Int? { alphabet.firstIndex(of: byte) }
        if bytes.first == UInt8(ascii: "~") {
            for (cellIndex, byte) in bytes.dropFirst().enumerated() {
                guard let cell = digit(byte) else { return nil }
                for bit in 0..<6 where cell & (1 << bit) != 0 { values.append(Int32(cellIndex * 6 + bit)) }
            }
            return values
        }
        var previous: Int32 = -1, number = 0
        for byte in bytes {
            guard let d = digit(byte) else { return nil }
            number = number << 5 | (d & 31)
            if d < 32 {
                previous += Int32(number) + 1
                values.append(previous)
                number = 0
            }
        }
        return number == 0 ? values : nil
    }

    /// Appends a key (one or two UTF-16 units) as a JavaScript string literal. Keys are word units
    /// (never a quote, a backslash, `<` or a line separator); a surrogate, half of a character, is
    /// written as `\uXXXX`, which JavaScript reads back as that unit.
    static func appendKey(_ key: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendUnit(UInt16(truncatingIfNeeded: key >> 16), to: &out)
        let second = UInt16(truncatingIfNeeded: key)
        if second != 0 { appendUnit(second, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendUnit(_ unit: UInt16, to out: inout [UInt8]) {
        if let scalar = Unicode.Scalar(unit), unit >= 0x20, unit != 0x22, unit != 0x5C, unit != 0x3C, unit != 0x3E, unit != 0x26,
           unit != 0x2028, unit != 0x2029 {
            out.append(contentsOf: String(Character(scalar)).utf8)
        } else {
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: Array("\\u".utf8))
            for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int(unit >> UInt16(shift)) & 15]) }
        }
    }

    /// Appends `text` as a JavaScript string literal safe in any context: quotes, backslashes, `<`, `>`, `&`,
    /// control characters and U+2028/U+2029 escaped, so `</script>` or a quote in a title cannot end it.
    /// (`Escape.appendJSON` writes the same, a scalar at a time once anything needs escaping: a fifth of
    /// the index's time, as most texts have a “quote”.)
    static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        do {
            out.append(UInt8(ascii: "\""))
            var start = 0, i = 0
            let n = bytes.count
            let hex = hexDigits
            while i < n {
                let byte = bytes[i]
                var escape: [UInt8]? = nil
                var length = 1
                switch byte {
                case UInt8(ascii: "\""): escape = [0x5C, 0x22]
                case UInt8(ascii: "\\"): escape = [0x5C, 0x5C]
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20:
                    escape = [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = Array("\\u202".utf8) + [bytes[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                    length = 3
                default: break
                }
                if let escape {
                    if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                    out.append(contentsOf: escape)
                    i += length
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n])) }
            out.append(UInt8(ascii: "\""))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func appendInt(_ value: Int, to out: inout [UInt8]) { out.append(contentsOf: String(value).utf8) }
}
