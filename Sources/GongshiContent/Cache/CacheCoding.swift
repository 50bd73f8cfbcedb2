import GongshiFiles
import GongshiModel

/// The pieces both content caches store the same way.
extension ByteWriter {
    mutating func stamp(_ stamp: FileStamp) {
        int(Int(stamp.size)); int(Int(stamp.modified)); int(Int(stamp.changed)); uint(stamp.inode)
    }

    mutating func date(_ date: CalendarDate) { int(date.year); int(date.month); int(date.day) }

    mutating func assets(_ assets: [BundleAsset]) {
        uint(UInt64(assets.count))
        for asset in assets { string(asset.sourcePath); string(asset.name) }
    }

    /// Warnings of one file: line, column, message and its English text when it has one (the path is the entry's).
    mutating func warnings(_ warnings: [Diagnostic]) {
        uint(UInt64(warnings.count))
        for warning in warnings {
            int(warning.location.line); int(warning.location.column); string(warning.message)
            if let english = warning.english { uint(1); string(english) } else { uint(0) }
        }
    }

    mutating func strings(_ values: [String]) {
        uint(UInt64(values.count))
        for value in values { string(value) }
    }
}

extension ByteReader {
    mutating func stamp() -> FileStamp {
        FileStamp(size: Int64(int()), modified: Int64(int()), changed: Int64(int()), inode: uint())
    }

    /// nil when the three numbers are not a real date.
    mutating func date() -> CalendarDate? {
        let year = int(), month = int(), day = int()
        return CalendarDate(year: year, month: month, day: day)
    }

    mutating func assets() -> [BundleAsset] {
        var assets: [BundleAsset] = []
        for _ in 0..<min(Int(clamping: uint()), 100_000) { assets.append(BundleAsset(sourcePath: string(), name: string())) }
        return assets
    }

    mutating func warnings(path: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for _ in 0..<min(Int(clamping: uint()), 10_000) {
            let line = int(), column = int(), message = string()
            let english = uint() == 1 ? string() : nil
            warnings.append(Diagnostic(.warning, SourceLocation(path: path, line: line, column: column), message, en: english))
        }
        return warnings
    }

    mutating func strings() -> [String] {
        var values: [String] = []
        for _ in 0..<min(Int(clamping: uint()), 10_000) { values.append(string()) }
        return values
    }
}

// (r2) A notice's 公示期 and contacts.
extension ByteWriter {
    mutating func publicNotice(_ notice: Notice) {
        if let period = notice.publicPeriod { bool(true); date(period.start); date(period.end) } else { bool(false) }
        if let s = notice.supervision {
            bool(true); optionalString(s.phone); optionalString(s.email); optionalString(s.address); optionalString(s.hours)
        } else {
            bool(false)
        }
    }
}

extension ByteReader {
    mutating func publicNotice() -> (PublicPeriod?, Supervision?) {
        var period: PublicPeriod? = nil
        if bool() {
            let start = date(), end = date()
            if let start, let end { period = PublicPeriod(start: start, end: end) }
        }
        var supervision: Supervision? = nil
        if bool() {
            supervision = Supervision(phone: optionalString(), email: optionalString(), address: optionalString(), hours: optionalString())
        }
        return (period, supervision)
    }
}
