import GongshiModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A Word document (.docx) reduced to what a notice or report keeps: paragraphs with
/// their runs (text, bold, italic, line breaks, pictures), headings, list items and tables.
/// Made from the file's bytes alone (`DocxReader.read`); `DocxMarkdown` turns it into Markdown.
public struct DocxDocument: Sendable, Equatable {
    public var blocks: [DocxBlock] = []
    /// The pictures the text shows, by their part name in the package (`word/media/image1.png`).
    public var media: [String: Data] = [:]
    public init(blocks: [DocxBlock] = [], media: [String: Data] = [:]) {
        self.blocks = blocks
        self.media = media
    }
}

public enum DocxBlock: Sendable, Equatable {
    case paragraph(DocxParagraph)
    /// Rows of cells; a merged cell is followed by empty cells for the columns it spans.
    case table([[DocxCell]])
}

public struct DocxCell: Sendable, Equatable {
    public var paragraphs: [DocxParagraph]
    public init(_ paragraphs: [DocxParagraph] = []) { self.paragraphs = paragraphs }
}

public struct DocxParagraph: Sendable, Equatable {
    public var runs: [DocxRun] = []
    /// 1… for 标题 1 / Heading 1 …; 0 for the Title (标题) style; nil for body text.
    public var headingLevel: Int?
    public var list: DocxList?
    public var centered = false
    /// The largest font size in the paragraph, in half points (Word's `w:sz`); nil when unknown.
    public var fontSize: Int?

    public init(runs: [DocxRun] = [], headingLevel: Int? = nil, list: DocxList? = nil, centered: Bool = false, fontSize: Int? = nil) {
        self.runs = runs
        self.headingLevel = headingLevel
        self.list = list
        self.centered = centered
        self.fontSize = fontSize
    }

    /// The text, with line breaks as "\n" and without pictures.
    public var text: String {
        var result = ""
        for run in runs {
            switch run {
            case .text(let text, _, _): result += text
            case .lineBreak: result += "\n"
            case .image: break
            }
        }
        return result
    }

    public var hasImage: Bool { runs.contains { if case .image = $0 { true } else { false } } }
}

public struct DocxList: Sendable, Equatable {
    public var ordered: Bool
    /// 0 for the outermost level.
    public var level: Int
    public init(ordered: Bool, level: Int) {
        self.ordered = ordered
        self.level = level
    }
}

public enum DocxRun: Sendable, Equatable {
    case text(String, bold: Bool, italic: Bool)
    case lineBreak
    /// `part` is the picture's name in the package; `description` its alternative text (may be empty).
    case image(part: String, description: String)
}

public enum DocxError: Error, Equatable, CustomStringConvertible {
    /// Not a zip file; `oldWord` when it is an OLE file (.doc, .wps, or a .docx that is really one).
    case notDocx(oldWord: Bool)
    case missingPart(String)
    case badXML(part: String, reason: String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case .notDocx(true):
            return "这是旧版 Word 97-2003（.doc）或 WPS（.wps）格式的文件，不是 .docx；请在 Word 或 WPS 中“另存为” Word 文档（*.docx）后再导入"
        case .notDocx(false):
            return "不是 Word 文档（.docx）：文件不是 zip 格式；请在 Word 或 WPS 中“另存为” Word 文档（*.docx）后再导入"
        case .missingPart(let part):
            return "不是完整的 Word 文档（.docx）：缺少 \(part)；请在 Word 或 WPS 中重新“另存为” .docx"
        case .badXML(let part, let reason):
            return "Word 文档已损坏：\(part) 无法读取（\(reason)）；请在 Word 或 WPS 中重新“另存为” .docx"
        case .tooLarge(let part):
            return "Word 文档中的 \(part) 过大，无法导入"
        }
    }

    public var english: String {
        switch self {
        case .notDocx(true):
            return "this is an old Word 97-2003 (.doc) or WPS (.wps) file, not .docx; in Word or WPS \"Save as\" a Word document (*.docx), then import that"
        case .notDocx(false):
            return "not a Word document (.docx): the file is not a zip; in Word or WPS \"Save as\" a Word document (*.docx), then import that"
        case .missingPart(let part):
            return "not a complete Word document (.docx): \(part) is missing; \"Save as\" .docx again in Word or WPS"
        case .badXML(let part, let reason):
            return "the Word document is damaged: \(part) cannot be read (\(reason)); \"Save as\" .docx again in Word or WPS"
        case .tooLarge(let part):
            return "\(part) in the Word document is too large to import"
        }
    }

    public func message(in language: Language) -> String { language.pick(description, english) }
}

public enum DocxReader {
    /// The most bytes one part may unpack to (a zip bomb stops here).
    static let partLimit = 64 << 20
    static let mediaLimit = 256 << 20

    public static func read(_ bytes: Data) throws(DocxError) -> DocxDocument {
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw .notDocx(oldWord: bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]))
        }
        let archive: Archive
        do { archive = try Archive(data: bytes, accessMode: .read) } catch { throw .notDocx(oldWord: false) }
        let documentPart = mainDocumentPart(archive) ?? "word/document.xml"
        guard let document = try part(archive, documentPart) else { throw .missingPart(documentPart) }
        let folder = (documentPart as NSString).deletingLastPathComponent
        let relsPart = folder + "/_rels/" + (documentPart as NSString).lastPathComponent + ".rels"

        let styles = StyleSheet()
        if let data = try part(archive, folder + "/styles.xml") { try parse(data, folder + "/styles.xml", StylesParser(styles)) }
        if let data = try part(archive, folder + "/numbering.xml") { try parse(data, folder + "/numbering.xml", NumberingParser(styles)) }
        var relationships: [String: String] = [:]
        if let data = try part(archive, relsPart) {
            let parser = RelationshipsParser()
            try parse(data, relsPart, parser)
            for (id, relation) in parser.targets where !relation.external {
                relationships[id] = resolve(relation.target, from: folder)
            }
        }
        let body = DocumentParser(styles: styles, relationships: relationships)
        try parse(document, documentPart, body)

        var result = DocxDocument(blocks: body.blocks)
        var total = 0
        for block in body.blocks {
            for paragraph in block.paragraphs {
                for case .image(let name, _) in paragraph.runs where result.media[name] == nil {
                    if let data = try part(archive, name) {
                        total += data.count
                        guard total <= mediaLimit else { throw .tooLarge("word/media") }
                        result.media[name] = data
                    }
                }
            }
        }
        return result
    }

    /// The main document named in `_rels/.rels` (usually `word/document.xml`).
    private static func mainDocumentPart(_ archive: Archive) -> String? {
        guard let data = try? part(archive, "_rels/.rels") else { return nil }
        let parser = RelationshipsParser()
        guard (try? parse(data, "_rels/.rels", parser)) != nil else { return nil }
        return parser.targets.values.first { $0.type.hasSuffix("/officeDocument") }.map { resolve($0.target, from: "") }
    }

    /// A relationship's target as a part name: relative to the source's folder, or absolute from the package root.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/").removingPercentEncoding ?? parts.joined(separator: "/")
    }

    private static func part(_ archive: Archive, _ name: String) throws(DocxError) -> Data? {
        guard let entry = archive[name] ?? archive.first(where: { $0.path.lowercased() == name.lowercased() }) else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > partLimit { throw DocxError.tooLarge(name) }
            }
        } catch let error as DocxError {
            throw error
        } catch {
            throw .badXML(part: name, reason: "解压失败")
        }
        return data
    }

    private static func parse(_ data: Data, _ name: String, _ delegate: some XMLParserDelegate) throws(DocxError) {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            throw .badXML(part: name, reason: parser.parserError.map { "\($0.localizedDescription)" } ?? "XML 格式错误")
        }
    }
}

extension DocxBlock {
    /// The paragraphs of the block, a table's cell by cell.
    public var paragraphs: [DocxParagraph] {
        switch self {
        case .paragraph(let paragraph): return [paragraph]
        case .table(let rows): return rows.flatMap { $0.flatMap(\.paragraphs) }
        }
    }
}

// MARK: - Parts

/// Element and attribute names without their namespace prefix (`w:p` → `p`): Word, WPS and
/// LibreOffice all write `w:`, but the prefix is the writer's choice.
private func local(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
}

private func attribute(_ attributes: [String: String], _ name: String) -> String? {
    for (key, value) in attributes where local(key) == name { return value }
    return nil
}

/// `w:b`, `w:i`: on when there is no `w:val`, or it is not false.
private func isOn(_ attributes: [String: String]) -> Bool {
    guard let value = attribute(attributes, "val") else { return true }
    return !["0", "false", "off", "none"].contains(value.lowercased())
}

final class StyleSheet {
    struct Style {
        var name = ""
        var basedOn: String?
        var outlineLevel: Int?
        var numID: String?
        var listLevel: Int?
        var centered: Bool?
        var bold: Bool?
        var italic: Bool?
        var size: Int?
    }
    var styles: [String: Style] = [:]
    var defaultParagraphStyle: String?
    var defaultSize: Int?
    /// numId → abstractNumId, and abstractNumId → level → numFmt.
    var numbering: [String: String] = [:]
    var formats: [String: [Int: String]] = [:]

    /// Follows `basedOn` (at most 16 steps, so a loop ends) until `property` gives a value.
    func lookup<T>(_ id: String?, _ property: (Style) -> T?) -> T? {
        var current = id
        for _ in 0..<16 {
            guard let name = current, let style = styles[name] else { return nil }
            if let value = property(style) { return value }
            current = style.basedOn
        }
        return nil
    }

    func headingLevel(_ id: String?) -> Int? {
        var current = id
        for _ in 0..<16 {
            guard let name = current, let style = styles[name] else { break }
            if let level = Self.headingLevel(name: style.name) ?? Self.headingLevel(name: name) { return level }
            if let outline = style.outlineLevel { return outline < 9 ? outline + 1 : nil }
            current = style.basedOn
        }
        return nil
    }

    /// `heading 1`, `Heading1`, `标题 1`, `标题1` → 1; `Title`, `标题` → 0.
    static func headingLevel(name: String) -> Int? {
        let lower = name.lowercased().replacingOccurrences(of: " ", with: "")
        if lower == "title" || lower == "标题" { return 0 }
        for prefix in ["heading", "标题"] where lower.hasPrefix(prefix) {
            if let level = Int(lower.dropFirst(prefix.count)), (1...9).contains(level) { return level }
        }
        return nil
    }

    /// Whether list `numID` at `level` is numbered (nil when the document does not say).
    func ordered(numID: String, level: Int) -> Bool? {
        guard let abstract = numbering[numID], let format = formats[abstract]?[level] ?? formats[abstract]?[0] else { return nil }
        return format != "bullet" && format != "none"
    }
}

private final class StylesParser: NSObject, XMLParserDelegate {
    let sheet: StyleSheet
    var current: (id: String, style: StyleSheet.Style)?
    var path: [Substring] = []
    init(_ sheet: StyleSheet) { self.sheet = sheet }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = local(elementName)
        defer { path.append(name) }
        if name == "style" {
            let id = attribute(attributes, "styleId") ?? ""
            current = (id, StyleSheet.Style())
            if attribute(attributes, "type") == "paragraph", attribute(attributes, "default").map(isTrue) == true { sheet.defaultParagraphStyle = id }
            return
        }
        if path.contains("rPrChange") || path.contains("pPrChange") { return }
        guard var style = current?.style else {
            if name == "sz", path.contains("docDefaults"), let size = attribute(attributes, "val").flatMap(Int.init) { sheet.defaultSize = size }
            return
        }
        let value = attribute(attributes, "val")
        switch name {
        case "name": style.name = value ?? ""
        case "basedOn": style.basedOn = value
        case "outlineLvl": style.outlineLevel = value.flatMap(Int.init)
        case "numId": style.numID = value
        case "ilvl": style.listLevel = value.flatMap(Int.init)
        case "jc" where path.last == "pPr": style.centered = value == "center"
        case "b" where path.last == "rPr": style.bold = isOn(attributes)
        case "i" where path.last == "rPr": style.italic = isOn(attributes)
        case "sz" where path.last == "rPr": style.size = value.flatMap(Int.init)
        default: break
        }
        current?.style = style
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        path.removeLast()
        if local(elementName) == "style", let current {
            sheet.styles[current.id] = current.style
            self.current = nil
        }
    }

    private func isTrue(_ value: String) -> Bool { value == "1" || value == "true" || value == "on" }
}

private final class NumberingParser: NSObject, XMLParserDelegate {
    let sheet: StyleSheet
    var abstract: String?
    var level: Int?
    var num: String?
    init(_ sheet: StyleSheet) { self.sheet = sheet }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(elementName) {
        case "abstractNum": abstract = attribute(attributes, "abstractNumId")
        case "lvl": level = attribute(attributes, "ilvl").flatMap(Int.init)
        case "numFmt":
            if let abstract, let level, let format = attribute(attributes, "val"), sheet.formats[abstract]?[level] == nil {
                sheet.formats[abstract, default: [:]][level] = format
            }
        case "num": num = attribute(attributes, "numId")
        case "abstractNumId":
            if let num, let value = attribute(attributes, "val") { sheet.numbering[num] = value }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(elementName) {
        case "abstractNum": abstract = nil
        case "lvl": level = nil
        case "num": num = nil
        default: break
        }
    }
}

private final class RelationshipsParser: NSObject, XMLParserDelegate {
    var targets: [String: (target: String, type: String, external: Bool)] = [:]
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard local(elementName) == "Relationship", let id = attribute(attributes, "Id"), let target = attribute(attributes, "Target") else { return }
        targets[id] = (target, attribute(attributes, "Type") ?? "", attribute(attributes, "TargetMode") == "External")
    }
}

/// `word/document.xml`, streamed: paragraphs and tables in order, nested content flattened.
private final class DocumentParser: NSObject, XMLParserDelegate {
    let styles: StyleSheet
    let relationships: [String: String]
    var blocks: [DocxBlock] = []

    var path: [Substring] = []
    /// Inside an element whose content is not the document's current text (a fallback copy, a deletion, an old format).
    var skipping = 0
    // The paragraph being read; a paragraph inside it (a text box) adds to it.
    var paragraph: DocxParagraph?
    var nestedParagraphs = 0
    var paragraphStyle: String?
    var numID: String?
    var listLevel: Int?
    var centered: Bool?
    var outlineLevel: Int?
    var sizes: [Int] = []
    // The run being read.
    var bold: Bool?
    var italic: Bool?
    var runStyle: String?
    var text: String?
    var pictureDescription = ""
    // Tables: only the outermost one keeps rows and cells.
    var tableDepth = 0
    var rows: [[DocxCell]] = []
    var row: [DocxCell] = []
    var cell: [DocxParagraph] = []
    var span = 1
    var continuesMerge = false

    init(styles: StyleSheet, relationships: [String: String]) {
        self.styles = styles
        self.relationships = relationships
    }

    static let skipped: Set<Substring> = ["Fallback", "del", "moveFrom", "rPrChange", "pPrChange", "instrText", "delText", "footnoteReference", "endnoteReference"]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = local(elementName)
        let parent = path.last
        path.append(name)
        if skipping > 0 || Self.skipped.contains(name) {
            skipping += 1
            return
        }
        let value = attribute(attributes, "val")
        switch name {
        case "p":
            if paragraph != nil {
                nestedParagraphs += 1
                if !(paragraph?.runs.isEmpty ?? true) { paragraph?.runs.append(.lineBreak) }
            } else {
                paragraph = DocxParagraph()
                paragraphStyle = nil; numID = nil; listLevel = nil; centered = nil; outlineLevel = nil; sizes = []
            }
        case "pStyle" where nestedParagraphs == 0: paragraphStyle = value
        case "numId" where nestedParagraphs == 0 && path.contains("pPr"): numID = value
        case "ilvl" where nestedParagraphs == 0 && path.contains("pPr"): listLevel = value.flatMap(Int.init)
        case "jc" where parent == "pPr" && nestedParagraphs == 0: centered = value == "center"
        case "outlineLvl" where parent == "pPr" && nestedParagraphs == 0: outlineLevel = value.flatMap(Int.init)
        case "r":
            bold = nil; italic = nil; runStyle = nil
        case "rStyle": runStyle = value
        case "b" where parent == "rPr" && path.dropLast(2).last == "r": bold = isOn(attributes)
        case "i" where parent == "rPr" && path.dropLast(2).last == "r": italic = isOn(attributes)
        case "sz" where parent == "rPr" && path.dropLast(2).last == "r": if let size = value.flatMap(Int.init) { sizes.append(size) }
        case "t": if parent == "r" || paragraph != nil { text = "" }
        case "tab" where parent == "r": append(" ")
        case "noBreakHyphen": append("-")
        case "br", "cr":
            let type = attribute(attributes, "type")
            if type == nil || type == "textWrapping" { paragraph?.runs.append(.lineBreak) }
        case "docPr": pictureDescription = attribute(attributes, "descr") ?? attribute(attributes, "title") ?? ""
        case "blip", "imagedata":
            if let id = attribute(attributes, "embed") ?? attribute(attributes, "id"), let part = relationships[id] {
                let description = attribute(attributes, "title") ?? pictureDescription
                paragraph?.runs.append(.image(part: part, description: description.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            pictureDescription = ""
        case "tbl":
            tableDepth += 1
            if tableDepth == 1 { rows = [] }
        case "tr" where tableDepth == 1: row = []
        case "tc" where tableDepth == 1:
            cell = []; span = 1; continuesMerge = false
        case "gridSpan" where tableDepth == 1: span = max(1, min(value.flatMap(Int.init) ?? 1, 64))
        case "vMerge" where tableDepth == 1: continuesMerge = value == nil || value == "continue"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if skipping == 0, text != nil { text! += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = path.removeLast()
        if skipping > 0 {
            skipping -= 1
            return
        }
        switch name {
        case "t":
            if let text { append(text) }
            text = nil
        case "p":
            if nestedParagraphs > 0 { nestedParagraphs -= 1 } else { finishParagraph() }
        case "tc" where tableDepth == 1:
            row.append(DocxCell(continuesMerge ? [] : cell))
            for _ in 1..<span { row.append(DocxCell()) }
        case "tr" where tableDepth == 1:
            rows.append(row)
        case "tbl":
            tableDepth -= 1
            if tableDepth == 0, !rows.isEmpty { blocks.append(.table(rows)) }
        default: break
        }
    }

    private func append(_ string: String) {
        guard paragraph != nil, !string.isEmpty else { return }
        let isBold = bold ?? styles.lookup(runStyle) { $0.bold } ?? false
        let isItalic = italic ?? styles.lookup(runStyle) { $0.italic } ?? false
        paragraph?.runs.append(.text(string, bold: isBold, italic: isItalic))
    }

    private func finishParagraph() {
        guard var finished = paragraph else { return }
        paragraph = nil
        let style = paragraphStyle ?? styles.defaultParagraphStyle
        if let outlineLevel, outlineLevel < 9 {
            finished.headingLevel = outlineLevel + 1
        } else if paragraphStyle != nil {
            finished.headingLevel = styles.headingLevel(style)
        }
        finished.centered = centered ?? styles.lookup(style) { $0.centered } ?? false
        let styleSize = styles.lookup(style) { $0.size } ?? styles.defaultSize
        finished.fontSize = sizes.max().map { max($0, styleSize ?? 0) } ?? styleSize
        let list = numID ?? styles.lookup(style) { $0.numID }
        if finished.headingLevel == nil, let list, list != "0" {
            let level = listLevel ?? styles.lookup(style) { $0.listLevel } ?? 0
            let name = styles.lookup(style) { $0.name.isEmpty ? nil : $0.name }?.lowercased() ?? ""
            let ordered = styles.ordered(numID: list, level: level) ?? !name.contains("bullet")
            finished.list = DocxList(ordered: ordered, level: min(level, 8))
        }
        if tableDepth > 0 { cell.append(finished) } else { blocks.append(.paragraph(finished)) }
    }
}
