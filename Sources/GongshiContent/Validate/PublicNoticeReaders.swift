import GongshiModel
import Yams

/// (r2) The parts of site.yaml and of notices that make public notices work: `supervision`
/// (监督 contacts), `public_period` (公示期) and site.yaml's `slips` (names and meanings of
/// the rectification slips). Their formats are closed: an unknown key is an error, since a
/// misspelt `phone` would leave citizens without the number to call.
enum PublicNoticeReaders {
    static let supervisionKeys = ["phone", "email", "address", "hours"]

    /// `supervision: {phone, email, address, hours}`, each optional, at least one given.
    static func supervision(_ node: Node, source: YAMLSource, diagnostics: inout Diagnostics) -> Supervision? {
        guard let f = FieldReader(node, source: source, what: "supervision", diagnostics: &diagnostics) else { return nil }
        let before = diagnostics.errors.count
        f.checkKeys(supervisionKeys, severity: .error, diagnostics: &diagnostics)
        var result = Supervision(phone: f.string("phone", diagnostics: &diagnostics), email: f.string("email", diagnostics: &diagnostics),
                                 address: f.string("address", diagnostics: &diagnostics), hours: f.string("hours", diagnostics: &diagnostics))
        if let phone = result.phone, Supervision.dialable(phone) == nil {
            diagnostics.error(f.location(of: "phone"), "“phone”里没有电话号码（写的是“\(phone)”）；请写成 0635-8241234 这样的号码，说明可以写在号码后面",
                              en: "\"phone\" holds no telephone number (got \"\(phone)\")")
            result.phone = nil
        }
        if let email = result.email, !Supervision.isMailAddress(email) {
            diagnostics.error(f.location(of: "email"), "“email”不是电子邮箱地址（写的是“\(email)”）；请写成 wmb@example.org 这样的地址",
                              en: "\"email\" is not an email address (got \"\(email)\")")
            result.email = nil
        }
        if result.isEmpty, diagnostics.errors.count == before {
            diagnostics.error(f.location, "“supervision”里至少要写一项：phone（电话）、email（邮箱）、address（地址）或 hours（受理时间）",
                              en: "\"supervision\" needs at least one of phone, email, address, hours")
        }
        guard diagnostics.errors.count == before, !result.isEmpty else { return nil }
        return result
    }

    /// A notice's `public_period: {start, end}`; `end` before `start` is an error.
    static func publicPeriod(_ node: Node, source: YAMLSource, diagnostics: inout Diagnostics) -> PublicPeriod? {
        guard let f = FieldReader(node, source: source, what: "public_period", diagnostics: &diagnostics) else { return nil }
        f.checkKeys(["start", "end"], severity: .error, diagnostics: &diagnostics)
        let start = f.date("start", required: true, diagnostics: &diagnostics)
        let end = f.date("end", required: true, diagnostics: &diagnostics)
        guard let start, let end else { return nil }
        guard start <= end else {
            diagnostics.error(f.location(of: "end"), "公示期的结束日期 \(end) 早于开始日期 \(start)；请检查 start 和 end",
                              en: "public_period ends (\(end)) before it starts (\(start))")
            return nil
        }
        return PublicPeriod(start: start, end: end)
    }

    /// site.yaml `slips: {white: {name, meaning}, yellow: …, red: …}`: each colour and each part optional.
    static func slips(_ node: Node, source: YAMLSource, diagnostics: inout Diagnostics) -> SlipKinds {
        var result = SlipKinds()
        guard let f = FieldReader(node, source: source, what: "slips", diagnostics: &diagnostics) else { return result }
        let colors = RectificationPlan.Slip.allCases.map(\.rawValue)
        f.checkKeys(colors, severity: .error, diagnostics: &diagnostics)
        for slip in RectificationPlan.Slip.allCases {
            guard let value = f.value(slip.rawValue),
                  let s = FieldReader(value, source: source, what: "slips: \(slip.rawValue)", diagnostics: &diagnostics) else { continue }
            s.checkKeys(["name", "meaning"], severity: .error, diagnostics: &diagnostics)
            if let name = s.string("name", diagnostics: &diagnostics) { result[slip].name = name }
            if let meaning = s.string("meaning", diagnostics: &diagnostics) { result[slip].meaning = meaning }
        }
        var seen: [String: RectificationPlan.Slip] = [:]
        for slip in RectificationPlan.Slip.allCases {
            let name = result[slip].name
            if let other = seen[name] {
                diagnostics.error(f.location(of: slip.rawValue), "\(other.rawValue) 和 \(slip.rawValue) 两种督办单用了同一个名称“\(name)”；请给它们不同的名称",
                                  en: "slips \(other.rawValue) and \(slip.rawValue) have the same name \"\(name)\"")
            }
            seen[name] = slip
        }
        return result
    }
}
