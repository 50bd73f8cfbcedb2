import Foundation
import GongshiModel

extension TextDecoding {
    /// The text of a Markdown or YAML file: UTF-8 (with or without BOM), else GB18030, which
    /// Chinese Windows editors (Notepad's "ANSI", WPS) write, read as the sheets are read.
    /// UTF-16 ("Unicode" in Notepad) is refused with how to re-save it; other bytes are located.
    static func document(_ bytes: [UInt8], path: String, diagnostics: inout Diagnostics) -> String? {
        let failure: Failure
        switch utf8(bytes) {
        case .success(let text): return text
        case .failure(let error): failure = error
        }
        if isUTF16(bytes) {
            diagnostics.error(SourceLocation(path: path, line: 1, column: 1),
                              "文件是 UTF-16 编码（记事本里叫“Unicode”），无法读取；请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8",
                              en: "the file is UTF-16 (Notepad calls it \"Unicode\") and cannot be read; open it in Notepad or WPS and \"Save as\" with the encoding UTF-8")
            return nil
        }
        if let text = String(data: Data(bytes), encoding: gb18030) {
            return normalizeLineEndings(text)
        }
        if case .invalidUTF8(let line, let column) = failure {
            diagnostics.error(SourceLocation(path: path, line: line, column: column), "文件不是 UTF-8 编码的文字（这里有无法识别的字节）；请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8",
                              en: "the file is not UTF-8 text; save it as UTF-8")
        }
        return nil
    }

    /// A byte-order mark, or the zero bytes UTF-16 puts beside every ASCII character.
    static func isUTF16(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        let sample = bytes.prefix(200)
        guard sample.count >= 4 else { return false }
        let zeros = sample.filter { $0 == 0 }.count
        return zeros * 4 >= sample.count
    }
}
