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
            let caption = NodeText.plain(image, inlineHTML: true).trimmingWhitespace()
            guard !caption.isEmpty, let figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(figure, "<figure>")
            cmark_node_set_on_exit(figure, "<figcaption>" + NodeText.escape(caption) + "</figcaption></figure>")
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
}
