import Foundation

/// Real image files for tests that need many different ones (the property test's photo
/// edits): PNGs written here byte by byte (stored deflate blocks, no compression), with a
/// text chunk carrying a made-up GPS position, as metadata to strip.
enum TestImages {
    static func png(width: Int, height: Int, alpha: Bool, seed: UInt64) -> Data {
        let channels = alpha ? 4 : 3
        var raw: [UInt8] = []
        raw.reserveCapacity((width * channels + 1) * height)
        var state = seed | 1
        for y in 0..<height {
            raw.append(0)  // no filter
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let base = UInt8(truncatingIfNeeded: state >> 33)
            for x in 0..<width {
                raw.append(base &+ UInt8(truncatingIfNeeded: x))
                raw.append(UInt8(truncatingIfNeeded: y &* 3))
                raw.append(base ^ UInt8(truncatingIfNeeded: x >> 2))
                if alpha { raw.append(x % 7 == 0 ? 128 : 255) }
            }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last = offset + count == raw.count
            zlib.append(last ? 1 : 0)
            zlib += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, alpha ? 6 : 2, 0, 0, 0])
        png += chunk("tEXt", Array("Comment\u{0}GPS 36.4596N 115.9868E serial SERIAL-0042".utf8))
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return Data(png)
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return b << 16 | a
    }
}

/// The metadata blocks an image file carries, found by walking its structure (not by
/// asking the library that wrote it): JPEG APPn segments other than JFIF and comments,
/// PNG ancillary text, EXIF, ICC and time chunks, GIF comments and application blocks
/// other than the looping one. Names like "JPEG APP1 Exif", "PNG tEXt".
enum MetadataScan {
    static func blocks(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xD8]) { return jpeg(bytes) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return png(bytes) }
        if bytes.starts(with: Array("GIF8".utf8)) { return gif(bytes) }
        return ["not a JPEG, PNG or GIF"]
    }

    private static func jpeg(_ b: [UInt8]) -> [String] {
        var found: [String] = []
        var i = 2
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return found + ["JPEG: no marker at \(i)"] }
            let marker = b[i + 1]
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break }  // the image data follows: no metadata after it in what vips writes
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            let body = Array(b[min(b.count, i + 4)..<min(b.count, i + 2 + length)])
            if marker == 0xFE {
                found.append("JPEG COM")
            } else if (0xE0...0xEF).contains(marker) {
                let tag = String(decoding: body.prefix(while: { $0 != 0 }).prefix(30), as: UTF8.self)
                if !(marker == 0xE0 && tag == "JFIF") { found.append("JPEG APP\(marker - 0xE0) \(tag)") }
            }
            i += 2 + length
        }
        return found
    }

    private static func png(_ b: [UInt8]) -> [String] {
        var found: [String] = []
        var i = 8
        let metadata: Set<String> = ["tEXt", "iTXt", "zTXt", "eXIf", "iCCP", "tIME", "sPLT", "caNv"]
        while i + 8 <= b.count {
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            if metadata.contains(type) { found.append("PNG \(type)") }
            if type == "IEND" { break }
            i += 12 + length
        }
        return found
    }

    private static func gif(_ b: [UInt8]) -> [String] {
        var found: [String] = []
        guard b.count > 13 else { return ["GIF: too short"] }
        var i = 13
        if b[10] & 0x80 != 0 { i += 3 << (Int(b[10] & 0x07) + 1) }
        func skipSubBlocks() { while i < b.count, b[i] != 0 { i += Int(b[i]) + 1 }; i += 1 }
        while i < b.count {
            switch b[i] {
            case 0x21:
                let label = b[i + 1]
                if label == 0xFE { found.append("GIF comment") }
                if label == 0xFF {
                    let name = String(decoding: b[(i + 3)..<min(b.count, i + 14)], as: UTF8.self)
                    if name != "NETSCAPE2.0" && name != "ANIMEXTS1.0" { found.append("GIF application \(name)") }
                }
                i += 2
                skipSubBlocks()
            case 0x2C:
                let packed = b[i + 9]
                i += 10
                if packed & 0x80 != 0 { i += 3 << (Int(packed & 0x07) + 1) }
                i += 1  // LZW minimum code size
                skipSubBlocks()
            case 0x3B:
                return found
            default:
                return found + ["GIF: unexpected byte at \(i)"]
            }
        }
        return found
    }

    /// Text a phone writes that must not be anywhere in a published file, whatever block holds it.
    static let telltales = ["GPS", "SERIAL", "GongshiPhone", "Exif", "xmpmeta", "Xiaomi", "DNQXK2L8JC6F"]

    static func telltalesIn(_ data: Data) -> [String] {
        telltales.filter { data.range(of: Data($0.utf8)) != nil }
    }
}
