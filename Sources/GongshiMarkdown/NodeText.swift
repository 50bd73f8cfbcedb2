import CCmarkGFM

/// Text of a cmark node for an attribute or a caption, shared by the figure and table rewrites.
enum NodeText {
    /// The node's text, line breaks as spaces; inline HTML counted as text when `inlineHTML` (as cmark writes `alt`).
    static func plain(_ node: OpaquePointer, inlineHTML: Bool = false) -> String {
        var bytes: [UInt8] = []
        guard let iterator = cmark_iter_new(node) else { return "" }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                bytes += Node.bytes(cmark_node_get_literal(child)) ?? []
            case CMARK_NODE_HTML_INLINE where inlineHTML:
                bytes += Node.bytes(cmark_node_get_literal(child)) ?? []
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                bytes.append(0x20)
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escaped for an HTML attribute value or text.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

extension String {
    /// Without white space (any kind) at either end.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
