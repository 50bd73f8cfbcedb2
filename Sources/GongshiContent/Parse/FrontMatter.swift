import GongshiModel

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterDocument: Sendable {
    public var yaml: String
    /// File line of the YAML's first line.
    public var yamlLine: Int
    public var body: String
    /// File line of the body's first line.
    public var bodyLine: Int

    public enum Failure: Error, Equatable {
        case missing
        case unclosed
    }

    /// The file must start with a `---` line; the front matter ends at the next `---` line.
    /// Works on UTF-8 bytes: walking Characters of Chinese text was 5% of loading 20,000 reports.
    public static func split(_ text: String) -> Result<FrontMatterDocument, Failure> {
        let utf8 = text.utf8
        let firstEnd = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
        guard isFence(text[utf8.startIndex..<firstEnd]) else { return .failure(.missing) }
        guard firstEnd < utf8.endIndex else { return .failure(.unclosed) }
        let rest = utf8.index(after: firstEnd)
        var lineNumber = 2
        var offset = rest
        while offset < utf8.endIndex {
            let end = utf8[offset...].firstIndex(of: 0x0A) ?? utf8.endIndex
            if isFence(text[offset..<end]) {
                let bodyStart = end < utf8.endIndex ? utf8.index(after: end) : end
                return .success(FrontMatterDocument(yaml: String(text[rest..<offset]), yamlLine: 2,
                                                    body: String(text[bodyStart...]), bodyLine: lineNumber + 1))
            }
            lineNumber += 1
            offset = end < utf8.endIndex ? utf8.index(after: end) : end
        }
        return .failure(.unclosed)
    }

    private static func isFence(_ line: Substring) -> Bool {
        var bytes = line.utf8[...]
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D { bytes = bytes.dropLast() }
        return bytes.elementsEqual("---".utf8)
    }
}
