/// (r2) The item catalogue of a `deductions` component, from `data/<component-id>.yaml`:
/// what a unit can lose points on, and how many at most.
public struct DeductionCatalogue: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        /// As written (`"1.1"`, `"N3"`); unique across every catalogue of the site.
        public var id: String
        /// The aspect the item belongs to (组织领导, 负面清单 …); nil when the catalogue gives none.
        public var group: String?
        public var name: String
        /// The most a unit can lose on the item in a period (> 0).
        public var points: ExactDecimal
        public init(id: String, group: String? = nil, name: String, points: ExactDecimal) {
            self.id = id; self.group = group; self.name = name; self.points = points
        }
    }

    /// The score before deductions (default 100).
    public var full: ExactDecimal
    /// In the catalogue's order.
    public var items: [Item]

    public init(full: ExactDecimal = ExactDecimal(100), items: [Item] = []) {
        self.full = full; self.items = items
    }

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    /// The groups in the order their first item comes, each with its items ("" for items without a group).
    public var groups: [(name: String, items: [Item])] {
        var order: [String] = [], byGroup: [String: [Item]] = [:]
        for item in items {
            let name = item.group ?? ""
            if byGroup[name] == nil { order.append(name) }
            byGroup[name, default: []].append(item)
        }
        return order.map { ($0, byGroup[$0]!) }
    }
}

/// (r2) One row of `data/deductions.csv`: points a unit lost on a catalogue item in a period.
public struct DeductionRow: Sendable {
    public var period: String
    public var unit: String
    /// The `deductions` component whose catalogue holds the item.
    public var component: String
    public var item: String
    /// > 0; the rows of one item, period and unit add up to at most the item's `points`.
    public var points: ExactDecimal
    public var note: String
    public init(period: String, unit: String, component: String, item: String, points: ExactDecimal, note: String = "") {
        self.period = period; self.unit = unit; self.component = component; self.item = item; self.points = points; self.note = note
    }
}

extension SiteConfig {
    /// The components whose source is `deductions`, in site.yaml's order.
    public var deductionComponents: [ScoringComponent] {
        components.filter { if case .deductions = $0.source { return true } else { return false } }
    }

    /// The catalogue of a `deductions` component.
    public func catalogue(of component: String) -> DeductionCatalogue? {
        guard let found = components.first(where: { $0.id == component }), case .deductions(let catalogue) = found.source else { return nil }
        return catalogue
    }

    /// A catalogue item by id, with the component whose catalogue holds it.
    public func deductionItem(_ id: String) -> (component: ScoringComponent, item: DeductionCatalogue.Item)? {
        for component in components {
            if case .deductions(let catalogue) = component.source, let item = catalogue.item(id) { return (component, item) }
        }
        return nil
    }
}
