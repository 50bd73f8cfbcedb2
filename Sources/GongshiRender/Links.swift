import Foundation
import GongshiModel

/// Where pages go and how they link to each other. Every link is relative so
/// the site works opened from disk and served under any path.
public enum Links {
    /// `../../` for `units/shuiwu/index.html`, `""` for `index.html`.
    public static func root(of outputPath: String) -> String {
        String(repeating: "../", count: outputPath.utf8.filter { $0 == UInt8(ascii: "/") }.count)
    }

    /// A folder path's `index.html`, percent-encoded for use in `href`.
    public static func page(_ folder: String) -> String { encode(folder.isEmpty ? "index.html" : folder + "/index.html") }

    public static func unit(_ id: String) -> String { "units/\(id)" }
    public static func kind(_ id: String) -> String { "kinds/\(id)" }
    public static func community(_ name: String) -> String { "communities/\(name)" }
    public static func ranking(_ period: String) -> String { "rankings/\(period)" }

    /// Percent-encodes everything but unreserved characters and `/`, so
    /// Chinese community names survive as links from disk and over HTTP.
    public static func encode(_ path: String) -> String {
        if path.utf8.allSatisfy(isUnreserved) { return path }
        var out = ""
        out.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 15)]))
            }
        }
        return out
    }
}

@inline(__always) private func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
         UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        return true
    default:
        return false
    }
}

/// Small text helpers shared by pages, feeds and open data.
enum Escape {
    /// For XML text and attributes.
    static func xml(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters are not allowed in XML 1.0.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A JSON string literal; `<`, `>` and `&` escaped so the data is safe inside HTML too.
    static func json(_ text: String) -> String {
        // Most text needs no escaping: one pass over the bytes, then a single copy.
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "<")
                && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&") && byte != 0xE2  // 0xE2 starts U+2028 and U+2029
        }
        if plain { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `json(text)` appended to `out`, without a temporary string when nothing needs escaping.
    static func appendJSON(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        let plain = utf8.allSatisfy { byte in
            byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "<")
                && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&") && byte != 0xE2
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: json(text).utf8)
        }
    }

    /// An RFC 4180 cell. Text cells that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`, tab, CR) get a leading `'`.
    static func csv(_ text: String, isText: Bool = true) -> String {
        var value = text
        if isText, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
