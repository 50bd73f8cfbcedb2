import GongshiModel

/// Dates and numbers as staff write them (and as Excel and WPS save them):
/// `2018/6/1`, `2018.6.1`, `2018年6月1日`, full-width digits, `50,000`, `1.2万`.
/// A form that could mean two things is refused with the reason and the fix.
public enum StaffForms {
    /// Full-width digits and punctuation as their ASCII forms, and spaces inside removed.
    static func normalized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: result.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E, 0x3002: result.append(".")  // ．and 。 (typed for a point by some input methods)
            case 0xFF0F: result.append("/")
            case 0xFF0D, 0x2212, 0x2010, 0x2011, 0x2013: result.append("-")
            case 0xFF0C: result.append(",")
            case 0xFF0B: result.append("+")
            case 0x20, 0x3000, 0xA0, 0x09: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    static let dateFix = "日期请写成 2018-06-01"
    static let dateFixEnglish = "write dates as 2018-06-01"

    /// A calendar day: `2018-06-01`, `2018-6-1`, `2018/6/1`, `2018.6.1`, `2018年6月1日`, with full-width digits too.
    public static func date(_ raw: String) -> Result<CalendarDate, NameTable.Failure> {
        func fail(_ why: String, _ english: String) -> Result<CalendarDate, NameTable.Failure> {
            .failure(NameTable.Failure(message: "“\(raw)”\(why)；\(dateFix)", english: "\"\(raw)\" \(english); \(dateFixEnglish)"))
        }
        var text = normalized(raw)
        if let date = CalendarDate(iso: text) { return .success(date) }
        // Excel's "2018/3/5 0:00": a date cell saved with its (midnight) time.
        for midnight in ["0:00:00", "00:00:00", "0:00", "00:00"] where text.hasSuffix(midnight) {
            let day = text.dropLast(midnight.count)
            if let last = day.last, last.isNumber, raw.trimmed().dropLast(midnight.count).last?.isWhitespace == true {
                text = String(day)
                break
            }
        }
        if text.contains(":") { return fail("带有时间，请只写日期", "has a time; write only the date") }
        var parts: [String]
        if text.contains("年") || text.contains("月") || text.contains("日") || text.contains("号") {
            var rest = Substring(text)
            if rest.last == "日" || rest.last == "号" { rest = rest.dropLast() }
            let pieces = rest.split(separator: "月", omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return fail("不是日期", "is not a date") }
            let yearMonth = pieces[0].split(separator: "年", omittingEmptySubsequences: false)
            guard (yearMonth + [pieces[1]]).allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }) else {
                return fail("不是日期（年、月、日要用数字写）", "is not a date (write the year, month and day in digits)")
            }
            if yearMonth.count == 1 { return fail("没有写年份，不知道是哪一年", "has no year") }
            guard yearMonth.count == 2 else { return fail("不是日期", "is not a date") }
            parts = [String(yearMonth[0]), String(yearMonth[1]), String(pieces[1])]
        } else {
            let separators: [Character] = ["-", "/", "."]
            let used = separators.filter { text.contains($0) }
            guard used.count == 1 else {
                return used.isEmpty ? fail("不是日期", "is not a date") : fail("混用了不同的分隔符", "mixes different separators")
            }
            parts = text.split(separator: used[0], omittingEmptySubsequences: false).map(String.init)
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 4 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }) else {
            return fail("不是日期", "is not a date")
        }
        if parts.count == 2 { return fail("没有写年份，不知道是哪一年", "has no year") }
        guard parts.count == 3 else { return fail("不是日期", "is not a date") }
        if parts[0].count != 4 {
            if parts[2].count == 4 { return fail("把年份写在了最后，分不清哪个是月、哪个是日", "puts the year last, so the month and the day cannot be told apart") }
            return fail("的年份要写满四位", "needs a four-digit year")
        }
        guard parts[1].count <= 2, parts[2].count <= 2 else { return fail("不是日期", "is not a date") }
        let year = Int(parts[0])!, month = Int(parts[1])!, day = Int(parts[2])!
        guard (1...12).contains(month) else { return fail("不是真实的日期：月份只有 1 到 12", "is not a real date: months go from 1 to 12") }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            let days = CalendarDate.daysIn(month: month, year: year)
            return fail("不是真实的日期：\(year)年\(month)月只有 \(days) 天",
                        "is not a real date: \(year)-\(month < 10 ? "0" : "")\(month) has only \(days) days")
        }
        return .success(date)
    }

    /// An exact number: `92.5`, full-width digits, thousands separators `50,000`, `5万`, `1.2万`.
    public static func number(_ raw: String) -> Result<ExactDecimal, NameTable.Failure> {
        func fail(_ why: String, _ english: String) -> Result<ExactDecimal, NameTable.Failure> {
            .failure(NameTable.Failure(message: "“\(raw)”\(why)", english: "\"\(raw)\" \(english)"))
        }
        var text = normalized(raw)
        if let plain = ExactDecimal(parsing: text) { return .success(plain) }
        var tenThousands = false
        if text.hasSuffix("万") { tenThousands = true; text.removeLast() }
        if text.contains(",") {
            var digits = Substring(text)
            var sign = ""
            if let first = digits.first, first == "-" || first == "+" { sign = String(first); digits = digits.dropFirst() }
            let whole = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = whole[0].split(separator: ",", omittingEmptySubsequences: false)
            let grouped = groups.count > 1 && (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard grouped else {
                return fail("里的逗号意思不明：千位分隔符后面要有三位数字（如 50,000）；小数点请写“.”（如 1.5）",
                            "has a comma that is unclear: a thousands separator is followed by three digits (50,000); write a decimal point as \".\" (1.5)")
            }
            text = sign + groups.joined() + (whole.count > 1 ? "." + whole[1] : "")
        }
        guard var value = ExactDecimal(parsing: text) else {
            return fail("不是数字；数字请写成 92.5、50000、50,000 或 5万", "is not a number; write numbers as 92.5, 50000, 50,000 or 5万")
        }
        if tenThousands {
            let shift = min(value.scale, 4)
            guard let scaled = ExactDecimal.timesPowerOfTen(value, 4 - shift, dropScale: shift) else {
                return fail("太大了", "is too large")
            }
            value = scaled
        }
        return .success(value)
    }
}

extension ExactDecimal {
    /// `value × 10^(up + dropScale)`, written with `dropScale` fewer decimals; nil when it would not fit.
    static func timesPowerOfTen(_ value: ExactDecimal, _ up: Int, dropScale: Int) -> ExactDecimal? {
        var significand = value.significand
        for _ in 0..<up {
            let (product, overflow) = significand.multipliedReportingOverflow(by: 10)
            guard !overflow, Swift.abs(product) < 10_000_000_000_000 else { return nil }
            significand = product
        }
        return ExactDecimal(significand: significand, scale: value.scale - dropScale)
    }
}
