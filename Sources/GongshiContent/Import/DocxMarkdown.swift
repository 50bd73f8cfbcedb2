import Foundation
import GongshiModel

/// A Word document as a notice or report: the front matter found in its header and
/// signature lines, the rest as Markdown, and the pictures it shows. Pure: no file access.
public struct DocxImport: Sendable, Equatable {
    public enum Target: Sendable { case notice, report }

    public struct Picture: Sendable, Equatable {
        /// The file name to write beside index.md (`image1.png`).
        public var name: String
        public var data: Data
    }

    public var title: String?
    /// 文号, as written (`聊文明办〔2018〕12号`).
    public var docNumber: String?
    /// 发文机关.
    public var issuer: String?
    public var date: CalendarDate?
    /// The date as written in the document (`2018年8月20日`).
    public var dateText: String?
    /// 主送: the recipients' line, kept as the first line of the body.
    public var recipients: String?
    /// 抄送.
    public var cc: [String] = []
    /// The body, Markdown.
    public var body = ""
    public var pictures: [Picture] = []

    /// 通报, 通知, 公示 …: the last word of the title when it is one of these.
    public var noticeKind: String? {
        guard let title else { return nil }
        return Self.noticeKinds.first { title.hasSuffix($0) }
    }

    public static let noticeKinds = ["通报", "通知", "公示", "公告", "决定", "意见", "方案", "报告", "通告", "批复", "函", "纪要"]

    public static func convert(_ document: DocxDocument, as target: Target) -> DocxImport {
        var result = DocxImport()
        var blocks = document.blocks
        // Empty paragraphs only space the page out.
        blocks.removeAll { if case .paragraph(let p) = $0 { p.text.trimmedText.isEmpty && !p.hasImage } else { false } }
        var removed = Set<Int>()
        func line(_ index: Int) -> String? {
            guard index >= 0, index < blocks.count, !removed.contains(index), case .paragraph(let p) = blocks[index], !p.hasImage else { return nil }
            return p.text.trimmedText
        }
        func paragraph(_ index: Int) -> DocxParagraph? {
            guard index >= 0, index < blocks.count, case .paragraph(let p) = blocks[index] else { return nil }
            return p
        }
        let head = min(blocks.count, 10)

        // 文号 near the top, and the issuer's line (发文机关标志) just above it.
        var headerIssuer: String?
        var numberIndex: Int?
        for index in 0..<head {
            guard let text = line(index), let match = DocxText.docNumber(in: text), text.count <= match.count + 24 else { continue }
            result.docNumber = match
            numberIndex = index
            removed.insert(index)
            if let above = line(index - 1), above.count <= 40, !DocxText.endsWithPunctuation(above) {
                headerIssuer = DocxText.issuerFromHeader(above)
                removed.insert(index - 1)
            }
            break
        }

        // 抄送 and the 印发 line (版记) near the end.
        var printedDate: (CalendarDate, String)?
        for index in blocks.indices.reversed() {
            guard let text = line(index) else { continue }
            if let list = DocxText.ccList(text) {
                result.cc = list
                removed.insert(index)
            } else if text.hasSuffix("印发"), let date = DocxText.date(in: text) {
                printedDate = date
                removed.insert(index)
                if let above = line(index - 1), above.count <= 40, !DocxText.endsWithPunctuation(above), DocxText.date(in: above) == nil {
                    removed.insert(index - 1)
                }
            }
        }

        // The signature: a date standing alone, the issuer on the line above (or the same paragraph).
        var signatureIssuer: String?
        for index in blocks.indices.reversed() {
            guard let text = line(index) else { continue }
            let lines = text.split(separator: "\n").map { String($0).trimmedText }.filter { !$0.isEmpty }
            guard let last = lines.last, let (date, written) = DocxText.date(in: last), DocxText.isOnlyDate(last) else { continue }
            result.date = date
            result.dateText = written
            removed.insert(index)
            let candidate = lines.count > 1 ? lines[lines.count - 2] : line(index - 1)
            if let candidate, candidate.count <= 40, !DocxText.endsWithPunctuation(candidate), !candidate.contains("\n"),
               paragraph(index - 1)?.list == nil || lines.count > 1 {
                signatureIssuer = candidate
                if lines.count == 1 { removed.insert(index - 1) }
            }
            break
        }
        if result.date == nil, let printedDate { (result.date, result.dateText) = (printedDate.0, printedDate.1) }
        result.issuer = signatureIssuer ?? headerIssuer

        // The title: the first heading, else the first centred or larger line at the top.
        let bodySize = DocxText.bodySize(blocks)
        var titleIndex: Int?
        let top = (numberIndex ?? -1) + 1
        for index in top..<min(blocks.count, top + 6) {
            guard let p = paragraph(index), !removed.contains(index), let text = line(index) else { continue }
            if text.hasSuffix("：") || text.hasSuffix(":") || DocxText.isOnlyDate(text) { break }
            if let level = p.headingLevel, level <= 1 { titleIndex = index; break }
            if p.list != nil || p.headingLevel != nil { break }
            let larger = (p.fontSize ?? 0) > (bodySize ?? Int.max)
            guard p.centered || larger else { break }
            // A first line "…文件" above the title is the issuer's header when there was no 文号.
            if numberIndex == nil, text.hasSuffix("文件"), text.count <= 30, paragraph(index + 1)?.centered == true {
                headerIssuer = DocxText.issuerFromHeader(text)
                if result.issuer == nil { result.issuer = headerIssuer }
                removed.insert(index)
                continue
            }
            titleIndex = index
            break
        }
        if let titleIndex, let first = paragraph(titleIndex) {
            removed.insert(titleIndex)
            var title = first.text.trimmedText.replacingOccurrences(of: "\n", with: "")
            // A title Word wraps by hand over two centred lines of the same size.
            if first.headingLevel == nil, let next = paragraph(titleIndex + 1), next.centered, next.fontSize == first.fontSize,
               !next.hasImage, let text = line(titleIndex + 1), !DocxText.endsWithPunctuation(title), !text.hasSuffix("："),
               title.count + text.count <= 60 {
                title += text
                removed.insert(titleIndex + 1)
            }
            result.title = title
        }

        // 主送: the first line after the title that ends with a colon and names recipients. It stays in the body.
        let start = (titleIndex ?? numberIndex ?? -1) + 1
        for index in start..<min(blocks.count, start + 3) where !removed.contains(index) {
            guard let text = line(index) else { break }
            guard text.hasSuffix("：") || text.hasSuffix(":") else { break }
            // Recipients are names: no other colon (a "来源:" line), no leading digits (a time stamp).
            let names = String(text.dropLast())
            if text.count <= 120, !text.hasPrefix("抄送"), !names.contains(where: { $0 == "：" || $0 == ":" }),
               names.first.map({ !$0.isNumber }) ?? false {
                result.recipients = names
                break
            }
        }
        if target == .report, result.date == nil {
            // A report names its day in its text: the first date in the first paragraphs.
            for index in 0..<head { if let text = line(index), let found = DocxText.date(in: text) { (result.date, result.dateText) = (found.0, found.1); break } }
        }

        let kept = blocks.indices.filter { !removed.contains($0) }.map { blocks[$0] }
        (result.body, result.pictures) = DocxMarkdown.markdown(kept, media: document.media)
        return result
    }
}

/// Recognising the lines of an official document (GB/T 9704).
public enum DocxText {
    /// `聊文明办〔2018〕12号`, also with [ ] ［ ］ （ ） ( ) 【 】 and full-width digits.
    public static func docNumber(in text: String) -> String? {
        let pattern = #"[\p{Han}A-Za-z]{1,20}\s*[〔\[［(（【]\s*[0-9０-９]{4}\s*[〕\]］)）】]\s*[第]?[0-9０-９]{1,5}\s*号"#
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    /// `2018年8月20日`, `２０１８年８月２０日`, `2018 年 8 月 20 日`, `二〇一八年八月二十日`.
    public static func date(in text: String) -> (CalendarDate, String)? {
        let digit = "[0-9０-９]"
        let chinese = "[〇○零一二三四五六七八九]"
        let small = "(?:\(digit){1,2}|[一二三四五六七八九十]{1,3})"
        let pattern = "(?:\(digit){4}|\(chinese){4})\\s*年\\s*\(small)\\s*月\\s*\(small)\\s*日"
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        let written = String(text[range])
        let parts = written.split(whereSeparator: { "年月日".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, let year = number(parts[0], year: true), let month = number(parts[1]), let day = number(parts[2]),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        return (date, written)
    }

    /// Whether the line is a date and nothing else (a signature date).
    public static func isOnlyDate(_ text: String) -> Bool {
        guard let (_, written) = date(in: text) else { return false }
        return text.trimmedText == written
    }

    private static func number(_ text: String, year: Bool = false) -> Int? {
        let digits = "〇○零一二三四五六七八九"
        var ascii = ""
        for scalar in text.unicodeScalars {
            if (0xFF10...0xFF19).contains(scalar.value) { ascii.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!) } else { ascii.unicodeScalars.append(scalar) }
        }
        if let value = Int(ascii) { return value }
        if year {
            var value = 0
            for character in text {
                guard let index = digits.firstIndex(of: character) else { return nil }
                let position = digits.distance(from: digits.startIndex, to: index)
                value = value * 10 + max(0, position - 2)
            }
            return value
        }
        // 一 … 九, 十, 十二, 二十, 二十一, 三十一.
        let units = "一二三四五六七八九"
        func unit(_ c: Character) -> Int? { units.firstIndex(of: c).map { units.distance(from: units.startIndex, to: $0) + 1 } }
        let characters = Array(text)
        if let ten = characters.firstIndex(of: "十") {
            let tens = ten == 0 ? 1 : (ten == 1 ? unit(characters[0]) : nil)
            let ones = ten == characters.count - 1 ? 0 : (ten == characters.count - 2 ? unit(characters[ten + 1]) : nil)
            guard let tens, let ones else { return nil }
            return tens * 10 + ones
        }
        return characters.count == 1 ? unit(characters[0]) : nil
    }

    /// `抄送：省文明办，市委办公室、市政府办公室。` → its names; nil for any other line.
    public static func ccList(_ text: String) -> [String]? {
        let flat = text.replacingOccurrences(of: "\n", with: "")
        guard flat.hasPrefix("抄送"), let colon = flat.firstIndex(where: { $0 == "：" || $0 == ":" }),
              flat.distance(from: flat.startIndex, to: colon) <= 3 else { return nil }
        let names = flat[flat.index(after: colon)...]
            .split(whereSeparator: { "，、,；;".contains($0) })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \u{3000}。.")) }
            .filter { !$0.isEmpty }
        return names
    }

    /// `聊城市精神文明建设委员会办公室文件` → `聊城市精神文明建设委员会办公室`.
    static func issuerFromHeader(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "").trimmedText
        return flat.hasSuffix("文件") && flat.count > 2 ? String(flat.dropLast(2)) : flat
    }

    static func endsWithPunctuation(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        return "。，、；：？！.,;:?!）)”\"".contains(last)
    }

    /// The most common font size of the paragraphs (the body text's).
    static func bodySize(_ blocks: [DocxBlock]) -> Int? {
        var counts: [Int: Int] = [:]
        for case .paragraph(let p) in blocks { if let size = p.fontSize { counts[size, default: 0] += p.text.count } }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}

/// Paragraphs, headings, lists and tables as GitHub-flavoured Markdown.
public enum DocxMarkdown {
    public static func markdown(_ blocks: [DocxBlock], media: [String: Data]) -> (String, [DocxImport.Picture]) {
        var pictures: [DocxImport.Picture] = []
        var names: [String: String] = [:]
        var used = Set<String>()
        func picture(_ part: String) -> String? {
            if let name = names[part] { return name }
            guard let data = media[part] else { return nil }
            var ext = (part as NSString).pathExtension.lowercased()
            if ext.isEmpty || !ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { ext = "bin" }
            let base = ((part as NSString).lastPathComponent as NSString).deletingPathExtension
            var name = base.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) && !base.isEmpty
                ? "\(base).\(ext)" : "image\(pictures.count + 1).\(ext)"
            var n = 2
            while used.contains(name.lowercased()) || name.lowercased() == "index.md" { name = "image\(pictures.count + 1)-\(n).\(ext)"; n += 1 }
            used.insert(name.lowercased())
            names[part] = name
            pictures.append(.init(name: name, data: data))
            return name
        }
        var imageCount = 0
        func inline(_ p: DocxParagraph, inTable: Bool) -> String {
            var out = ""
            for segment in merge(p.runs) {
                switch segment {
                case .lineBreak: out += inTable ? " " : "\\\n"
                case .image(let part, let description):
                    guard let name = picture(part) else { continue }
                    imageCount += 1
                    let caption = description.isEmpty ? "图\(imageCount)" : description
                    out += "![\(escape(caption, inTable: inTable))](\(name))"
                case .text(let text, let bold, let italic):
                    out += emphasised(text, bold: bold, italic: italic, inTable: inTable)
                }
            }
            // No line may start with spaces (an indented code block) or end with a hard-break backslash.
            var lines = out.components(separatedBy: "\n").map { $0.trimmedText }
            while let last = lines.last, last.isEmpty || last == "\\" { lines.removeLast() }
            if let last = lines.last, last.hasSuffix("\\"), !last.hasSuffix("\\\\") { lines[lines.count - 1] = String(last.dropLast()).trimmedText }
            return lines.joined(separator: "\n")
        }

        var parts: [String] = []
        var listRun: [String] = []
        var listLevel = 0
        func flushList() {
            if !listRun.isEmpty { parts.append(listRun.joined(separator: "\n")); listRun = [] }
        }
        for block in blocks {
            switch block {
            case .paragraph(let p):
                let text = inline(p, inTable: false)
                guard !text.isEmpty else { continue }
                if let list = p.list {
                    // A level deeper than the item before it would be an indented code block.
                    listLevel = min(list.level, listRun.isEmpty ? 0 : listLevel + 1)
                    let indent = String(repeating: " ", count: 4 * listLevel)
                    let marker = list.ordered ? "1. " : "- "
                    let continuation = "\n" + indent + String(repeating: " ", count: marker.count)
                    listRun.append(indent + marker + text.replacingOccurrences(of: "\n", with: continuation))
                    continue
                }
                flushList()
                if let level = p.headingLevel {
                    parts.append(String(repeating: "#", count: max(1, min(level, 6))) + " " + text.replacingOccurrences(of: "\\\n", with: " "))
                } else {
                    parts.append(text)
                }
            case .table(let rows):
                flushList()
                let width = rows.map(\.count).max() ?? 0
                guard width > 0 else { continue }
                var lines: [String] = []
                for (index, row) in rows.enumerated() {
                    var cells = row.map { cell in
                        cell.paragraphs.map { inline($0, inTable: true) }.filter { !$0.isEmpty }.joined(separator: " ")
                    }
                    cells += Array(repeating: "", count: width - cells.count)
                    lines.append("| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |")
                    if index == 0 { lines.append("|" + Array(repeating: " --- ", count: width).joined(separator: "|") + "|") }
                }
                parts.append(lines.joined(separator: "\n").replacingOccurrences(of: "|  |", with: "| |"))
            }
        }
        flushList()
        return (parts.isEmpty ? "" : parts.joined(separator: "\n\n") + "\n", pictures)
    }

    /// Neighbouring runs with the same formatting as one; empty runs dropped.
    static func merge(_ runs: [DocxRun]) -> [DocxRun] {
        var result: [DocxRun] = []
        for run in runs {
            if case .text(let text, let bold, let italic) = run {
                if text.isEmpty { continue }
                // Bold or italic spaces are plain spaces.
                let (b, i) = text.trimmedText.isEmpty ? (false, false) : (bold, italic)
                if case .text(let previous, let pb, let pi)? = result.last, pb == b, pi == i {
                    result[result.count - 1] = .text(previous + text, bold: b, italic: i)
                    continue
                }
                result.append(.text(text, bold: b, italic: i))
            } else {
                result.append(run)
            }
        }
        return result
    }

    /// `**text**` with the spaces around it kept outside the markers (`** a**` is not bold).
    static func emphasised(_ text: String, bold: Bool, italic: Bool, inTable: Bool) -> String {
        let escaped = escape(text, inTable: inTable)
        guard bold || italic else { return escaped }
        let core = escaped.trimmedText
        guard !core.isEmpty else { return escaped }
        let leading = escaped.prefix { $0.isWhitespace }
        let trailing = String(escaped.reversed().prefix { $0.isWhitespace }.reversed())
        let marker = (bold ? "**" : "") + (italic ? "*" : "")
        return String(leading) + marker + core + String(marker.reversed()) + trailing
    }

    /// Text that Markdown shows as written: its special characters escaped.
    public static func escape(_ text: String, inTable: Bool = false) -> String {
        var out = ""
        var atLineStart = true
        let characters = Array(text.replacingOccurrences(of: "\t", with: " "))
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "~", "|":
                out += "\\" + String(character)
            case "&" where characters[(index + 1)...].prefix(12).contains(";"):
                out += "\\&"
            case "#", "+", "-", "=":
                if atLineStart { out += "\\" }
                out.append(character)
            default: out.append(character)
            }
            if character == "\n" { atLineStart = true } else if !character.isWhitespace { atLineStart = false }
        }
        // "1. " or "1) " at a line's start would be a list.
        return out.replacingOccurrences(of: #"(?m)^(\s*[0-9]{1,9})([.)])"#, with: "$1\\\\$2", options: .regularExpression)
    }
}

extension String {
    /// Without the spaces around it, the ideographic space (U+3000) and no-break spaces included.
    var trimmedText: String { trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{A0}\u{FEFF}"))) }
}
