import Foundation
import GongshiModel

/// Turns file bytes into text with `\n` line endings.
public enum TextDecoding {
    /// GB18030, what Chinese Excel writes (CFStringEncoding 0x0632).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public enum Failure: Error, Equatable {
        /// The 1-based line and column of the first byte that is not UTF-8.
        case invalidUTF8(line: Int, column: Int)
    }

    /// UTF-8, with or without BOM. Markdown and YAML must be UTF-8.
    public static func utf8(_ bytes: [UInt8]) -> Result<String, Failure> {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // On the buffer: String's UTF8View.contains checked CRs a byte at a time (2.5% of loading 20k reports).
        return bytes.withUnsafeBufferPointer { all -> Result<String, Failure> in
            let body = UnsafeBufferPointer(rebasing: all[bom...])
            guard let text = String(validating: body, as: UTF8.self) else {
                return .failure(firstInvalidByte(bytes[bom...]))
            }
            guard let base = body.baseAddress, memchr(base, 13, body.count) != nil else { return .success(text) }
            return .success(normalizeLineEndings(text))
        }
    }

    /// The text of a Markdown or YAML file (UTF-8, else GB18030; see `document`), or nil with the problem reported.
    static func utf8(_ bytes: [UInt8], path: String, diagnostics: inout Diagnostics) -> String? {
        document(bytes, path: path, diagnostics: &diagnostics)
    }

    /// UTF-8 (with or without BOM) or else GB18030, detected, not asked.
    public static func csv(_ bytes: [UInt8]) -> Result<(text: String, encoding: String), Failure> {
        if case .success(let text) = utf8(bytes) { return .success((text, "UTF-8")) }
        if let text = String(data: Data(bytes), encoding: gb18030) {
            return .success((normalizeLineEndings(text), "GB18030"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        return .failure(firstInvalidByte(body))
    }

    static func normalizeLineEndings(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Failure {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return .invalidUTF8(line: line, column: column)
            case .error:
                return .invalidUTF8(line: line, column: column)
            }
        }
    }
}
