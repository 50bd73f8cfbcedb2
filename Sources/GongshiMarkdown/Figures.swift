import CCmarkGFM

/// Photos show their caption: a paragraph that holds nothing but one image with a
/// description (`![说明](a.jpg)`) becomes `<figure><img …><figcaption>说明</figcaption></figure>`.
/// Images among text stay inline. Runs after the tree walk (URLs already cleaned and made
/// safe) and after the excerpt (which reads paragraphs).
enum Figures {
    static func wrap(_ root: OpaquePointer) {
        var alone: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH,
                  let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
                  cmark_node_get_type(child) == CMARK_NODE_IMAGE,
                  // A removed (unsafe) address is no photo.
                  let url = cmark_node_get_url(child), url.pointee != 0 else { continue }
            alone.append(node)
        }
        cmark_iter_free(iterator)
        for paragraph in alone {
            guard let image = cmark_node_first_child(paragraph) else { continue }
            let caption = plainText(image).trimmingSpaces()
            guard !caption.isEmpty, let figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(figure, "<figure>")
            cmark_node_set_on_exit(figure, "<figcaption>" + escape(caption) + "</figcaption></figure>")
            guard cmark_node_insert_before(paragraph, figure) == 1 else {
                cmark_node_free(figure)
                continue
            }
            cmark_node_unlink(image)
            guard cmark_node_append_child(figure, image) == 1 else {
                // Not allowed by this libcmark: put the image back and leave the paragraph as it was.
                cmark_node_append_child(paragraph, image)
                cmark_node_unlink(figure)
                cmark_node_free(figure)
                continue
            }
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
    }

    /// The image's description as text: what cmark writes into `alt`.
    private static func plainText(_ node: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        guard let iterator = cmark_iter_new(node) else { return "" }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
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

    private static func escape(_ text: String) -> String {
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

private extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
