import GongshiModel

/// (r2) `deductions`: `period,unit,item,points[,note]`, points a unit lost on a catalogue item in a
/// period (> 0). Several rows may name one item; together they may not lose more than its `points`.
struct DeductionsSheet: SheetRowReader {
    let sheet: SheetContext
    let items: NameTable
    /// Points accepted so far per period, unit and item.
    var sums: [String: ExactDecimal] = [:]

    init?(_ sheet: SheetContext, diagnostics: inout Diagnostics) {
        guard !sheet.config.deductionComponents.isEmpty else {
            diagnostics.warning(sheet.file, "site.yaml 中没有按细则扣分（source: deductions）的考核项目，\(sheet.fileName) 不会被使用",
                                en: "no scoring component has source deductions; \(sheet.fileName) is not used")
            return nil
        }
        self.sheet = sheet
        items = NameTable.deductionItems(sheet.config)
    }

    mutating func read(_ record: SheetRecord, diagnostics: inout Diagnostics) -> DeductionRow? {
        let p = sheet.period(record["period"], diagnostics: &diagnostics)
        let u = sheet.unit(record["unit"], diagnostics: &diagnostics)
        let itemCell = record["item"]
        let itemID = items.resolve(sheet.text(itemCell), at: itemCell.location, diagnostics: &diagnostics)
        let pointsCell = record["points"]
        var points = sheet.number(pointsCell, column: "points", range: nil, diagnostics: &diagnostics)
        if let value = points, !(value > .zero) {
            diagnostics.error(pointsCell.location, "“points”是这一条扣掉的分数，要大于 0（写的是 \(sheet.text(pointsCell))）；没有扣分就不用写这一行",
                              en: "\"points\" (the points lost) must be greater than 0 (got \(sheet.text(pointsCell)))")
            points = nil
        }
        guard let p, let u, let itemID, let points, let (component, item) = sheet.config.deductionItem(itemID) else { return nil }
        let key = p + "\n" + u + "\n" + item.id
        let before = sums[key] ?? .zero
        let sum = before + points
        if sum > item.points {
            let so = before == .zero ? "这一行扣 \(points) 分" : "这一行之前已扣 \(before) 分，加上这一行的 \(points) 分共 \(sum) 分"
            diagnostics.error(pointsCell.location,
                              "细则 \(item.id)（\(item.name)）每期最多扣 \(item.points) 分；单位 \(u) 在考核期 \(p) \(so)，超过了上限；请核对扣分",
                              en: "item \(item.id) allows at most \(item.points) points a period; unit \(u) would lose \(sum) in \(p)")
            return nil
        }
        sums[key] = sum
        return DeductionRow(period: p, unit: u, component: component.id, item: item.id, points: points,
                            note: record.cell("note").map(sheet.text) ?? "")
    }
}

extension NameTable {
    /// (r2) The items of every `deductions` catalogue: by id, or by the item's exact name when only one item has it.
    static func deductionItems(_ config: SiteConfig) -> NameTable {
        NameTable("细则", en: "item", config.deductionComponents.flatMap { component -> [Entry] in
            guard case .deductions(let catalogue) = component.source else { return [] }
            return catalogue.items.map { Entry(id: $0.id, names: [$0.name]) }
        })
    }
}

extension Names {
    /// (r2) A unit's intersection (帮包路口) becomes a folder name (`intersections/<name>/`), like a community's.
    static func checkIntersection(_ name: String?, at location: SourceLocation, diagnostics: inout Diagnostics) -> String? {
        guard let name else { return nil }
        var ignored = Diagnostics()
        guard checkCommunity(name, at: location, diagnostics: &ignored) == nil else { return name }
        diagnostics.error(location, "路口名称“\(name)”会成为网页地址的一部分，不能含有“/”“\\”、控制字符，也不能以“.”开头；请改写路口名称",
                          en: "intersection name \"\(name)\" cannot be used as a page address (no \"/\", \"\\\", leading \".\" or control characters)")
        return nil
    }
}
