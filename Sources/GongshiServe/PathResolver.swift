import GongshiFiles

/// Maps a request target to a file under the output folder, and nothing else:
/// `..` and `.` segments (also percent-encoded), encoded slashes, backslashes and
/// NUL are refused, and the resolved real path must lie inside the folder's real
/// path, so a symbolic link cannot lead out of it.
enum PathResolver {
    enum Resolution: Equatable {
        case file(String)
        /// A folder asked for without its trailing slash: redirect so relative links resolve.
        case redirect(String)
        case notFound
        case forbidden
    }

    static func resolve(_ target: String, root: String) -> Resolution {
        guard target.hasPrefix("/") else { return .forbidden }
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        guard let decoded = percentDecode(path) else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) || decoded.contains("\\") || decoded.utf8.contains(0) {
            return .forbidden
        }
        guard let realRoot = FileTree.realPath(root) else { return .notFound }
        var candidate = root + decoded
        // Following links (FileTree.isDirectory): a link to a folder inside the root is that folder.
        if FileTree.isDirectory(candidate) {
            if !decoded.hasSuffix("/") { return .redirect(path + "/") }
            candidate += "index.html"
        }
        guard let real = FileTree.realPath(candidate) else { return .notFound }
        guard real == realRoot || real.hasPrefix(realRoot + "/") else { return .forbidden }
        return FileTree.isDirectory(real) ? .notFound : .file(real)
    }

    /// nil for a malformed escape or an encoded slash (which would hide a segment boundary).
    static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            let decoded = high << 4 | low
            if decoded == UInt8(ascii: "/") { return nil }
            bytes.append(decoded)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    static func contentType(of path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
