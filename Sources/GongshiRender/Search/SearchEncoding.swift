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

    /// Appends an ascending list of ids, as gaps or as a bitmap (`~`), whichever is shorter (gaps when even).
    static func appendIDs(_ ids: [Int32], to out: inout [UInt8]) {
        ids.withUnsafeBufferPointer { appendIDs($0, to: &out) }
    }

    static func appendIDs(_ ids: UnsafeBufferPointer<Int32>, to out: inout [UInt8]) {
        let bitmap = bitmapLength(last: ids.last ?? 0)
        // Gaps take a character an id at least: a bitmap that short wins without trying.
        if bitmap >= ids.count {
            let start = out.count
            var previous: Int32 = -1
            for id in ids {
                appendNumber(Int(id - previous - 1), to: &out)
                previous = id
            }
            if out.count - start <= bitmap { return }
            out.removeSubrange(start...)
        }
        out.append(UInt8(ascii: "~"))
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: bitmap - 1))
        out.withUnsafeMutableBufferPointer { cells in
            for id in ids { cells[start + Int(id) / 6] |= 1 << (Int(id) % 6) }
            alphabet.withUnsafeBufferPointer { alphabet in
                for i in start..<cells.count { cells[i] = alphabet[Int(cells[i])] }
            }
        }
    }

    /// How long a bitmap up to id `last` is, with its `~`.
    static func bitmapLength(last: Int32) -> Int { 1 + (Int(last) + 6) / 6 }

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
        out.append(UInt8(ascii: "\""))
        var start = 0, i = 0
        let n = bytes.count
        special.withUnsafeBufferPointer { special in
            while i < n {
                // Most bytes need nothing: skip them with a table.
                while i < n, !special[Int(bytes[i])] { i += 1 }
                guard i < n else { break }
                let byte = bytes[i]
                if byte == 0xE2 {
                    guard i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 else { i += 1; continue }
                }
                if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                switch byte {
                case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22); i += 1
                case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C); i += 1
                case 0xE2:
                    out.append(contentsOf: Array("\\u202".utf8)); out.append(bytes[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")); i += 3
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]); i += 1
                }
                start = i
            }
        }
        if start < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n])) }
        out.append(UInt8(ascii: "\""))
    }

    /// Bytes `appendString` looks at: quotes, backslashes, `<`, `>`, `&`, control characters, and 0xE2
    /// (which starts U+2028 and U+2029).
    private static let special: [Bool] = (0..<256).map { b in
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || b == 0xE2
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func appendInt(_ value: Int, to out: inout [UInt8]) { out.append(contentsOf: String(value).utf8) }
}
