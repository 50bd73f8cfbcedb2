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
    public static func split(_ text: String) -> Result<FrontMatterDocument, Failure> {
        var lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = lines.first, isFence(first) else { return .failure(.missing) }
        let rest = lines.count > 1 ? lines.removeLast() : ""
        var lineNumber = 2
        var offset = rest.startIndex
        while offset < rest.endIndex {
            let end = rest[offset...].firstIndex(of: "\n") ?? rest.endIndex
            if isFence(rest[offset..<end]) {
                let bodyStart = end < rest.endIndex ? rest.index(after: end) : end
                return .success(FrontMatterDocument(yaml: String(rest[rest.startIndex..<offset]), yamlLine: 2,
                                                    body: String(rest[bodyStart...]), bodyLine: lineNumber + 1))
            }
            lineNumber += 1
            offset = end < rest.endIndex ? rest.index(after: end) : end
        }
        return .failure(.unclosed)
    }

    private static func isFence(_ line: Substring) -> Bool {
        var trimmed = line
        while trimmed.last == " " || trimmed.last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed == "---"
    }
}
