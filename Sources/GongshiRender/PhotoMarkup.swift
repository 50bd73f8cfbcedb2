import GongshiModel

/// Points a page's images and links at its published photos (`PublishedPhoto`): the
/// file staff put beside `index.md` is not published, its resized copies are.
///
/// `<img src="photo.jpg" alt="…" />` (as cmark writes it; raw HTML is off) becomes
/// `<img src="photo-640.jpg" srcset="photo-640.jpg 640w, photo-1280.jpg 1280w"
/// sizes="(max-width: 672px) calc(100vw - 2rem), 640px" width="640" height="427" alt="…"
/// loading="lazy" decoding="async" />`: the browser takes the phone size or the large
/// size for the screen, and the page keeps its layout while photos load. A link to the
/// photo (`[原图](photo.jpg)`) goes to the large size.
enum PhotoMarkup {
    static func rewrite(_ html: String, photos: [String: PublishedPhoto]) -> String {
        guard !photos.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 512)
        var i = 0, copied = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            let isImage = starts(bytes, at: i, with: "<img "), isLink = !isImage && starts(bytes, at: i, with: "<a ")
            guard isImage || isLink, let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { i += 1; continue }
            let attribute = isImage ? " src=\"" : " href=\""
            guard let start = find(attribute, in: bytes, from: i, to: end),
                  let close = bytes[(start + attribute.utf8.count)..<end].firstIndex(of: UInt8(ascii: "\"")),
                  let name = assetName(bytes[(start + attribute.utf8.count)..<close]), let photo = photos[name],
                  let small = photo.sizes.first, let large = photo.sizes.last
            else { i = end + 1; continue }
            out += bytes[copied..<start]
            if isLink {
                out += Array(" href=\"\(url(large.name))\"".utf8)
                out += bytes[(close + 1)...end]
            } else {
                var attributes = " src=\"\(url(small.name))\""
                if photo.sizes.count > 1 {
                    attributes += " srcset=\"" + photo.sizes.map { "\(url($0.name)) \($0.width)w" }.joined(separator: ", ") + "\""
                    // As wide as the page's column (the screen less the 1rem margins), at most the phone size.
                    attributes += " sizes=\"(max-width: \(small.width + 32)px) calc(100vw - 2rem), \(small.width)px\""
                }
                attributes += " width=\"\(small.width)\" height=\"\(small.height)\""
                out += Array(attributes.utf8)
                // The rest of the tag (alt, title) as it was, then the loading hints before its end.
                var rest = Array(bytes[(close + 1)..<end])
                if rest.last == UInt8(ascii: "/") { rest.removeLast() }
                while rest.last == UInt8(ascii: " ") { rest.removeLast() }
                out += rest
                out += Array(" loading=\"lazy\" decoding=\"async\" />".utf8)
            }
            copied = end + 1
            i = end + 1
        }
        guard copied > 0 else { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with text: StaticString) -> Bool {
        text.withUTF8Buffer { pattern in
            index + pattern.count <= bytes.count && (0..<pattern.count).allSatisfy { bytes[index + $0] == pattern[$0] }
        }
    }

    private static func find(_ text: String, in bytes: [UInt8], from: Int, to: Int) -> Int? {
        let pattern = Array(text.utf8)
        guard to - from >= pattern.count else { return nil }
        for index in from...(to - pattern.count) where bytes[index] == pattern[0] {
            if Array(bytes[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }

    /// The bundle file an attribute names, as `LinkCheck` finds it: HTML entities and percent
    /// escapes decoded, `./` and repeated slashes dropped. nil for anything with a scheme, a
    /// query or a fragment, or that leaves the folder.
    static func assetName(_ value: ArraySlice<UInt8>) -> String? {
        var text = String(decoding: value, as: UTF8.self)
        for (entity, character) in [("&quot;", "\""), ("&#x27;", "'"), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            if text.contains("&") { text = text.replacingAll(entity, with: character) }
        }
        guard !text.isEmpty, !text.contains(":"), !text.contains("?"), !text.contains("#"), !text.hasPrefix("/") else { return nil }
        guard let decoded = percentDecoded(text) else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !segments.isEmpty, !segments.contains("..") else { return nil }
        return segments.joined(separator: "/")
    }

    private static func percentDecoded(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%") {
                guard i + 2 < utf8.count, let high = hex(utf8[i + 1]), let low = hex(utf8[i + 2]) else { return nil }
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A bundle file's name as a relative URL: every byte but letters, digits, `-._~` and `/`
    /// percent-encoded (a space or comma would split a `srcset`).
    static func url(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

private extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
