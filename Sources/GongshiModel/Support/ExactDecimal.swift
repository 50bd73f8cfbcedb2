/// A decimal number held exactly as `significand / 10^scale`.
///
/// Scores, totals and figures are published, so they must never pick up binary
/// floating-point error (87.965 must round to 87.97). The scale is kept as
/// written, so `90.0` in a score sheet is published as `90.0`.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var significand: Int
    /// Digits after the decimal point.
    public private(set) var scale: Int

    /// Limits that keep every sum and product of published figures inside `Int`.
    public static let maxScale = 6
    public static let maxDigits = 13

    public init(significand: Int, scale: Int = 0) {
        precondition(scale >= 0 && scale <= 18, "scale out of range")
        self.significand = significand
        self.scale = scale
    }

    public init(_ value: Int) { self.init(significand: value, scale: 0) }

    /// Parses `-?[0-9]+(\.[0-9]+)?`, nothing else (no exponent, no grouping,
    /// no spaces), within `maxDigits` digits and `maxScale` decimals.
    public init?(parsing text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") { negative = true; utf8 = utf8.dropFirst() }
        else if utf8.first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
        var value = 0, scale = 0, digits = 0, seenPoint = false, sawDigit = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                if seenPoint || !sawDigit { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            sawDigit = true
            if value != 0 || byte != UInt8(ascii: "0") { digits += 1 }
            if seenPoint { scale += 1 }
            guard digits <= Self.maxDigits, scale <= Self.maxScale else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard sawDigit, !(seenPoint && scale == 0) else { return nil }
        self.init(significand: negative ? -value : value, scale: scale)
    }

    public static let zero = ExactDecimal(0)

    public var isNegative: Bool { significand < 0 }

    /// The same value with at least `scale` decimals.
    public func withScale(atLeast newScale: Int) -> ExactDecimal {
        guard newScale > scale else { return self }
        return ExactDecimal(significand: significand * Self.power(newScale - scale), scale: newScale)
    }

    /// Rounds half away from zero ("四舍五入", half up for the non-negative
    /// numbers published here) to `digits` decimals.
    public func rounded(toScale digits: Int) -> ExactDecimal {
        if digits >= scale { return withScale(atLeast: digits) }
        return ExactDecimal(significand: Self.divideRounded(significand, Self.power(scale - digits)), scale: digits)
    }

    /// `numerator / denominator` rounded half away from zero to `digits` decimals.
    /// Returns nil when the denominator is zero.
    public static func quotient(_ numerator: ExactDecimal, _ denominator: ExactDecimal, scale digits: Int) -> ExactDecimal? {
        let common = max(numerator.scale, denominator.scale)
        let n = numerator.withScale(atLeast: common).significand
        let d = denominator.withScale(atLeast: common).significand
        guard d != 0 else { return nil }
        return ExactDecimal(significand: divideRounded(n * power(digits), d), scale: digits)
    }

    /// The value clamped into `lower...upper`, keeping the wider scale.
    public func clamped(_ lower: ExactDecimal, _ upper: ExactDecimal) -> ExactDecimal {
        if self < lower { return lower.withScale(atLeast: scale) }
        if self > upper { return upper.withScale(atLeast: scale) }
        return self
    }

    public static func + (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        let s = max(a.scale, b.scale)
        return ExactDecimal(significand: a.withScale(atLeast: s).significand + b.withScale(atLeast: s).significand, scale: s)
    }

    public static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        a + ExactDecimal(significand: -b.significand, scale: b.scale)
    }

    public static func * (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        ExactDecimal(significand: a.significand * b.significand, scale: a.scale + b.scale)
    }

    public static func += (a: inout ExactDecimal, b: ExactDecimal) { a = a + b }

    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.withScale(atLeast: s).significand == b.withScale(atLeast: s).significand
    }

    public func hash(into hasher: inout Hasher) {
        // Equal values must hash alike whatever their scale: hash the normalised form.
        var sig = significand, sc = scale
        while sc > 0, sig % 10 == 0 { sig /= 10; sc -= 1 }
        hasher.combine(sig)
        hasher.combine(sc)
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.withScale(atLeast: s).significand < b.withScale(atLeast: s).significand
    }

    /// Plain text with exactly `scale` decimals: `90.0`, `87.97`, `-5`.
    public var description: String { format(grouping: false) }

    /// With thousands separators for display: `50,000`, `1,500.0`.
    public var grouped: String { format(grouping: true) }

    private func format(grouping: Bool) -> String {
        let magnitude = significand.magnitude
        let unit = UInt(Self.power(scale))
        var integer = String(magnitude / unit)
        if grouping, integer.count > 3 {
            var out = ""
            for (i, ch) in integer.enumerated() {
                if i > 0, (integer.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            integer = out
        }
        var text = significand < 0 ? "-" + integer : integer
        if scale > 0 {
            let fraction = String(magnitude % unit)
            text += "." + String(repeating: "0", count: scale - fraction.count) + fraction
        }
        return text
    }

    static func power(_ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Integer division rounding half away from zero.
    static func divideRounded(_ n: Int, _ d: Int) -> Int {
        let negative = (n < 0) != (d < 0)
        let (q, r) = (n.magnitude / d.magnitude, n.magnitude % d.magnitude)
        let up = r * 2 >= d.magnitude ? q + 1 : q
        return negative ? -Int(up) : Int(up)
    }
}
