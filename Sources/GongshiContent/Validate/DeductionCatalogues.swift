import GongshiModel
import Yams

/// (r2) The catalogues of the `deductions` components, `data/<component-id>.yaml`, and the
/// checks of site.yaml's scoring settings that revision 2 added (a duty component's `max`).
///
/// ```yaml
/// full: 100
/// items:
///   - {id: "1.1", group: 组织领导, name: 成立创建工作领导小组，分工明确, points: 3}
/// ```
enum DeductionCatalogues {
    /// `data/criteria.yaml` -> `criteria`; nil for a path that is not a catalogue's.
    static func componentID(ofFile path: String) -> String? {
        guard path.hasPrefix("data/"), path.hasSuffix(".yaml") else { return nil }
        let name = path.dropFirst("data/".count).dropLast(".yaml".count)
        return name.isEmpty || name.contains("/") ? nil : String(name)
    }

    // MARK: site.yaml

    /// A duty component's `max` (nil: the default, 100): not negative, not below `base`.
    static func dutyMax(_ item: FieldReader, base: ExactDecimal, diagnostics: inout Diagnostics) -> ExactDecimal? {
        guard item.value("max") != nil else {
            if base > ExactDecimal(100) {
                // Valid under revision 1 (the score was simply 100): a warning, not an error.
                diagnostics.warning(item.location(of: "base"),
                                    "基础分 base（\(base)）超过了默认的上限 100，没有任何扣分时得分也只有 100；如果上限另有规定，请加一行 max: …",
                                    en: "\"base\" (\(base)) is above the default cap of 100; add \"max\" if the cap is higher")
            }
            return nil
        }
        guard let max = item.decimal("max", diagnostics: &diagnostics) else { return nil }
        if max.isNegative {
            diagnostics.error(item.location(of: "max"), "“max”是得分的上限，不能是负数（写的是 \(max)）",
                              en: "\"max\" must not be negative (got \(max))")
            return nil
        }
        if max < base {
            // The contract allows it (the score is kept within 0..max), but it is most likely a slip.
            diagnostics.warning(item.location(of: "max"), "上限 max（\(max)）小于基础分 base（\(base)）：没有扣分的单位也只得 \(max) 分；如果不是这样规定的，请把 max 改为不小于 \(base) 的数",
                                en: "\"max\" (\(max)) is below \"base\" (\(base)): a unit that loses nothing scores only \(max)")
        }
        return max
    }

    /// A `deductions` component takes no duty settings.
    static func checkComponent(_ item: FieldReader, id: String?, diagnostics: inout Diagnostics) {
        for key in ["base", "events", "max"] where item.value(key) != nil {
            diagnostics.error(item.location(of: key), "“\(key)”只用于 source 为 duty 的考核项目；按细则扣分的项目，满分和细则写在 data/\(id ?? "<id>").yaml 中，请删掉这一行",
                              en: "\"\(key)\" only applies to a component whose source is duty")
        }
    }

    /// Where site.yaml says a component's `source` (site.yaml is read again: only for a component whose catalogue is missing).
    static func sourceLocation(ofComponent id: String, in siteText: String) -> SourceLocation {
        var ignored = Diagnostics()
        let source = YAMLSource(path: SiteConfigReader.path)
        guard let root = source.compose(siteText, diagnostics: &ignored),
              let fields = FieldReader(root, source: source, what: "site.yaml", diagnostics: &ignored),
              let scoring = FieldReader(fields.value("scoring"), source: source, what: "scoring", diagnostics: &ignored),
              case .sequence(let components)? = scoring.value("components") else { return SourceLocation(path: SiteConfigReader.path, line: 1, column: 1) }
        for node in components {
            guard let component = FieldReader(node, source: source, what: "a scoring component", diagnostics: &ignored),
                  component.string("id", diagnostics: &ignored) == id else { continue }
            return component.location(of: "source")
        }
        return SourceLocation(path: SiteConfigReader.path, line: 1, column: 1)
    }

    // MARK: The catalogue files

    /// Reads every catalogue file and puts each catalogue into its component. Returns the config
    /// with the catalogues, and a hash of the files (part of the site settings' input hash).
    /// - Parameter bytes: a file's bytes, nil when it cannot be read.
    /// - Parameter siteText: site.yaml, where a component whose catalogue is missing is reported.
    static func read(paths: [String], into config: SiteConfig, siteText: String, bytes: (String) -> [UInt8]?,
                     diagnostics: inout Diagnostics) -> (config: SiteConfig, hash: UInt64) {
        var config = config
        var hash = ContentHash()
        var files: [String: String] = [:]  // component id -> path
        for path in paths.sorted() {
            guard let id = componentID(ofFile: path) else { continue }
            guard let component = config.components.first(where: { $0.id == id }) else {
                let ids = config.deductionComponents.map(\.id)
                let known = ids.isEmpty ? "site.yaml 中没有按细则扣分（source: deductions）的考核项目"
                    : "按细则扣分的考核项目：\(ids.joined(separator: "、"))"
                diagnostics.error(SourceLocation(path: path),
                                  "\(path) 不是任何考核项目的细则目录：site.yaml 中没有 id 为“\(id)”的考核项目（\(known)）；请改正文件名，或删除、移走这个文件",
                                  en: "\(path) is the catalogue of no component: site.yaml has no component \"\(id)\"")
                continue
            }
            guard case .deductions = component.source else {
                diagnostics.error(SourceLocation(path: path),
                                  "考核项目“\(id)”不是按细则扣分计分的（source 不是 deductions），不用细则目录 \(path)；如要按细则扣分，请在 site.yaml 中把它的 source 改为 deductions，否则删除或移走这个文件",
                                  en: "component \"\(id)\" does not have source deductions, so \(path) is not used")
                continue
            }
            files[id] = path
        }
        // Item ids are unique across all catalogues: read in site.yaml's order, so the later one is reported.
        var seen: [String: (path: String, line: Int)] = [:]
        for (index, component) in config.components.enumerated() {
            guard case .deductions = component.source else { continue }
            guard let path = files[component.id] else {
                diagnostics.error(sourceLocation(ofComponent: component.id, in: siteText),
                                  "考核项目“\(component.id)”按细则扣分计分（source: deductions），但没有它的细则目录 data/\(component.id).yaml；请建立这个文件，在 items 中列出各条细则",
                                  en: "component \"\(component.id)\" has source deductions but its catalogue data/\(component.id).yaml does not exist")
                continue
            }
            guard let data = bytes(path) else {
                diagnostics.error(SourceLocation(path: path), ContentLoader.cannotRead, en: "cannot read the file")
                continue
            }
            hash.combine(path)
            hash.combine(ContentHash.of(data))
            if let catalogue = readCatalogue(path: path, bytes: data, seen: &seen, diagnostics: &diagnostics) {
                config.components[index].source = .deductions(catalogue)
            }
        }
        return (config, hash.value)
    }

    /// One catalogue file; its valid items are kept even when others have errors (the errors stop the build).
    static func readCatalogue(path: String, bytes: [UInt8], seen: inout [String: (path: String, line: Int)],
                              diagnostics: inout Diagnostics) -> DeductionCatalogue? {
        guard let text = TextDecoding.utf8(bytes, path: path, diagnostics: &diagnostics) else { return nil }
        let source = YAMLSource(path: path)
        guard let root = source.compose(text, diagnostics: &diagnostics) else {
            if text.allSatisfy(\.isWhitespace) {
                diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "细则目录是空的；请写上 items:，每条细则一行",
                                  en: "the catalogue is empty")
            }
            return nil
        }
        guard let fields = FieldReader(root, source: source, what: "细则目录", diagnostics: &diagnostics) else { return nil }
        fields.checkKeys(["full", "items"], severity: .warning, diagnostics: &diagnostics)
        var full = ExactDecimal(100)
        if let value = fields.decimal("full", diagnostics: &diagnostics) {
            if value > .zero {
                full = value
            } else {
                diagnostics.error(fields.location(of: "full"), "满分 full 要大于 0（写的是 \(value)）", en: "\"full\" must be greater than 0 (got \(value))")
            }
        }
        guard let itemsNode = fields.value("items") else {
            diagnostics.error(fields.location, "细则目录缺少必填字段“items”；请加上 items:，每条细则一行，如 - {id: \"1.1\", group: 组织领导, name: …, points: 3}",
                              en: "the catalogue is missing the required field \"items\"")
            return nil
        }
        guard case .sequence(let sequence) = itemsNode else {
            diagnostics.error(source.location(itemsNode), "“items”要写成列表，每条细则一行，以“- ”开头",
                              en: "\"items\" must be a list (lines starting with \"- \")")
            return nil
        }
        var items: [DeductionCatalogue.Item] = []
        for (number, node) in sequence.enumerated() {
            guard let item = FieldReader(node, source: source, what: "item \(number + 1)", diagnostics: &diagnostics) else { continue }
            item.checkKeys(["id", "group", "name", "points"], severity: .warning, diagnostics: &diagnostics)
            let before = diagnostics.errors.count
            var id = item.string("id", required: true, diagnostics: &diagnostics)
            if let written = id {
                let line = item.location(of: "id").line
                if written.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                    diagnostics.error(item.location(of: "id"), "细则编号不能有空格（写的是“\(written)”）",
                                      en: "an item id must not contain spaces (got \"\(written)\")")
                    id = nil
                } else if let first = seen[written] {
                    let place = first.path == path ? "第 \(first.line) 行" : "\(first.path) 第 \(first.line) 行"
                    diagnostics.error(item.location(of: "id"), "细则编号“\(written)”重复了（\(place)已经用过）；所有细则目录中的编号都不能相同",
                                      en: "duplicate item id \"\(written)\" (first in \(first.path) on line \(first.line))")
                    id = nil
                } else {
                    seen[written] = (path, line)
                }
            }
            let group = item.string("group", diagnostics: &diagnostics)
            let name = item.string("name", required: true, diagnostics: &diagnostics)
            var points = item.decimal("points", required: true, diagnostics: &diagnostics)
            if let value = points, !(value > .zero) {
                diagnostics.error(item.location(of: "points"), "“points”是这一条最多可扣的分数，要大于 0（写的是 \(value)）",
                                  en: "\"points\" (the most a unit can lose on the item) must be greater than 0 (got \(value))")
                points = nil
            }
            guard let id, let name, let points, diagnostics.errors.count == before else { continue }
            items.append(DeductionCatalogue.Item(id: id, group: group, name: name, points: points))
        }
        return DeductionCatalogue(full: full, items: items)
    }
}
