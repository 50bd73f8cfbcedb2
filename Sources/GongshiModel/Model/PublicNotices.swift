/// (r2) Where to write or call about the site, or about one public notice (监督):
/// every page's footer shows the site's, a public notice its own or the site's.
/// Each part is optional; a `Supervision` has at least one.
public struct Supervision: Sendable, Hashable {
    public var phone: String?
    public var email: String?
    public var address: String?
    public var hours: String?

    public init(phone: String? = nil, email: String? = nil, address: String? = nil, hours: String? = nil) {
        self.phone = phone; self.email = email; self.address = address; self.hours = hours
    }

    public var isEmpty: Bool { phone == nil && email == nil && address == nil && hours == nil }

    /// The number a `tel:` link dials: the first run of digits (with `+`, `-`, spaces and brackets
    /// between them) that holds at least three digits, with only digits, `+` and `-` kept.
    /// `0635-8241234（市文明办创建科）` → `0635-8241234`; nil when the text holds no number.
    public static func dialable(_ phone: String) -> String? {
        var best = "", digits = 0, run = "", runDigits = 0
        func close() {
            if best.isEmpty, runDigits >= 3 { best = run; digits = runDigits }
            run = ""; runDigits = 0
        }
        for scalar in phone.unicodeScalars {
            var c = scalar
            // Full-width digits and dashes, as Chinese input methods type them.
            if (0xFF10...0xFF19).contains(scalar.value) { c = Unicode.Scalar(scalar.value - 0xFF10 + 0x30)! }
            if scalar.value == 0xFF0D || scalar.value == 0x2013 || scalar.value == 0x2014 || scalar.value == 0x2212 { c = "-" }
            if scalar.value == 0xFF0B { c = "+" }
            switch c {
            case "0"..."9": run.unicodeScalars.append(c); runDigits += 1
            case "+" where runDigits == 0 && run.isEmpty: run.unicodeScalars.append(c)
            case "-": if runDigits > 0 { run.unicodeScalars.append(c) }
            case " ", "(", ")", "（", "）": continue
            default: close()
            }
            if !best.isEmpty { break }
        }
        close()
        guard digits >= 3 else { return nil }
        while best.hasSuffix("-") { best.removeLast() }
        return best
    }

    /// An address `mailto:` may carry as it is: `name@host.tld` of ASCII letters, digits and `._%+-`.
    public static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let local = parts[0].unicodeScalars, host = parts[1].unicodeScalars
        func isWordish(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) }
        guard local.allSatisfy({ isWordish($0) || "._%+-".unicodeScalars.contains($0) }) else { return false }
        guard host.allSatisfy({ isWordish($0) || $0 == "." || $0 == "-" }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && labels.last!.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
    }
}

/// (r2) The 公示期 of a public notice: the days, both included, on which anyone may object.
public struct PublicPeriod: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable {
        /// 尚未开始
        case upcoming
        /// 公示中
        case open
        /// 已结束
        case closed
    }

    public var start: CalendarDate
    public var end: CalendarDate

    public init(start: CalendarDate, end: CalendarDate) { self.start = start; self.end = end }

    /// Where the period stands on a day (the as-of date).
    public func state(on date: CalendarDate) -> State {
        if date < start { return .upcoming }
        return date <= end ? .open : .closed
    }
}

extension Notice {
    /// Whether the notice is a public notice whose period contains `date`.
    public func isOpen(on date: CalendarDate) -> Bool { publicPeriod?.state(on: date) == .open }

    /// Published notices as lists show them: those 公示中 on `date` first, each part keeping its order.
    public static func openFirst(_ notices: [Notice], on date: CalendarDate) -> [Notice] {
        notices.filter { $0.isOpen(on: date) } + notices.filter { !$0.isOpen(on: date) }
    }
}

/// (r2) What a rectification slip (督办单) of one colour is called on this site and what it means.
public struct SlipKind: Sendable, Hashable {
    public var name: String
    public var meaning: String
    public init(name: String, meaning: String) { self.name = name; self.meaning = meaning }
}

/// (r2) site.yaml `slips`: the name and meaning of each colour, the contract's defaults where not given.
public struct SlipKinds: Sendable, Hashable {
    public var white = SlipKind(name: "白色提醒单", meaning: "交办督促")
    public var yellow = SlipKind(name: "黄色警示单", meaning: "警示提醒")
    public var red = SlipKind(name: "红色责任单", meaning: "移交问责")

    public init() {}

    public subscript(slip: RectificationPlan.Slip) -> SlipKind {
        get {
            switch slip {
            case .white: return white
            case .yellow: return yellow
            case .red: return red
            }
        }
        set {
            switch slip {
            case .white: white = newValue
            case .yellow: yellow = newValue
            case .red: red = newValue
            }
        }
    }
}

extension RectificationPlan {
    /// (r2) One slip issued on an item: when, which colour, and why.
    public struct SlipRecord: Sendable, Hashable {
        public var date: CalendarDate
        public var color: Slip
        public var note: String?
        public init(date: CalendarDate, color: Slip, note: String? = nil) { self.date = date; self.color = color; self.note = note }
    }

    /// (r2) The re-check after the plan (复查): applied for, decided, with its result and the notice that gave it.
    public struct Review: Sendable, Hashable {
        public var appliedOn: CalendarDate?
        /// When the result was decided.
        public var date: CalendarDate?
        public var result: String?
        /// The notice's path (`notices/2019/fuping-jieguo`).
        public var notice: String?
        public init(appliedOn: CalendarDate? = nil, date: CalendarDate? = nil, result: String? = nil, notice: String? = nil) {
            self.appliedOn = appliedOn; self.date = date; self.result = result; self.notice = notice
        }
    }
}
