/// The result of rendering one Markdown document.
public struct MarkdownDocument: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        /// Final, safe HTML.
        case html(String)
        /// Stands where `blocks[index]` was cut out.
        case block(Int)
    }

    public var parts: [Part]
    public var blocks: [EmbeddedBlock]
    /// Every link and image destination, in document order.
    public var links: [LinkReference]
    /// Plain text of the first paragraph, whitespace collapsed, at most 120 Characters including a
    /// trailing "…" when it was cut.
    public var excerpt: String

    public init(parts: [Part], blocks: [EmbeddedBlock], links: [LinkReference], excerpt: String) {
        self.parts = parts
        self.blocks = blocks
        self.links = links
        self.excerpt = excerpt
    }

    /// Joins the parts, asking `block` for the HTML of each embedded block.
    public func html(block: (Int) -> String = { _ in "" }) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .html(let html): result += html
            case .block(let index): result += block(index)
            }
        }
        return result
    }
}

/// A fenced code block whose info string named an embedded block (e.g. "ranking").
public struct EmbeddedBlock: Sendable, Equatable {
    public var name: String
    /// The block's literal text, with its final newline.
    public var source: String
    /// 1-based line of the opening fence in the Markdown input.
    public var line: Int
    /// 1-based (byte) column of the opening fence.
    public var column: Int

    public init(name: String, source: String, line: Int, column: Int) {
        self.name = name
        self.source = source
        self.line = line
        self.column = column
    }
}

/// One link or image destination.
public struct LinkReference: Sendable, Equatable {
    /// As written (entities and escapes decoded); also for destinations the HTML blanks as unsafe.
    public var destination: String
    public var isImage: Bool
    /// 1-based line and byte column of the start of the link or image, as cmark reports them.
    public var line: Int
    public var column: Int

    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}
