import CCmarkGFM

/// Markdown tables on phones: a table wider than the screen scrolls inside its own box, never the
/// page. Each table becomes
/// `<div class="table-scroll" role="region" tabindex="0" aria-label="表格：名称、分数"><table>…</table></div>`,
/// the theme's scroll box for tables (the same markup the ranking tables use): `tabindex` lets a
/// keyboard scroll it, the label (the header cells) names it. Column alignment (`|:-:|`) is written
/// as `style="text-align: …"` (`CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES`), not cmark's default
/// `align` attribute, which HTML5 made obsolete (the Nu HTML checker reports it as an error).
enum Tables {
    static func wrap(_ root: OpaquePointer) {
        var tables: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), isTable(node) else { continue }
            tables.append(node)
        }
        cmark_iter_free(iterator)
        for table in tables {
            guard let box = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(box, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""
                + NodeText.escape(label(table)) + "\">")
            cmark_node_set_on_exit(box, "</div>")
            guard cmark_node_insert_before(table, box) == 1 else {
                cmark_node_free(box)
                continue
            }
            cmark_node_unlink(table)
            guard cmark_node_append_child(box, table) == 1 else {
                // Not allowed by this libcmark: put the table back where it was, unwrapped.
                cmark_node_insert_before(box, table)
                cmark_node_unlink(box)
                cmark_node_free(box)
                continue
            }
        }
    }

    private static func isTable(_ node: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(node) else { return false }
        return String(cString: name) == "table"
    }

    /// "表格：" and the header row's cells, "、" between them (at most 60 characters of them).
    static func label(_ table: OpaquePointer) -> String {
        var cells: [String] = []
        if let header = cmark_node_first_child(table) {
            var cell = cmark_node_first_child(header)
            while let c = cell {
                let text = NodeText.plain(c).trimmingWhitespace()
                if !text.isEmpty { cells.append(text) }
                cell = cmark_node_next(c)
            }
        }
        let joined = cells.joined(separator: "、")
        guard !joined.isEmpty else { return "表格" }
        return "表格：" + (joined.count > 60 ? String(joined.prefix(60)) + "…" : joined)
    }
}
