extension StringProtocol {
    /// Without leading and trailing white space (Unicode, including the
    /// ideographic space U+3000 that Chinese input methods type). Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString and was 7% of loading
    /// 20,000 reports; this returns the string unchanged when there is nothing to trim.
    public func trimmed() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

extension String {
    /// Byte-wise `hasPrefix`/`hasSuffix` for ASCII affixes: `String.hasSuffix` compares
    /// Characters, which over 20,000 paths per build added up to milliseconds.
    public func hasBytePrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    public func hasByteSuffix(_ suffix: String) -> Bool {
        let bytes = utf8, tail = suffix.utf8
        guard bytes.count >= tail.count else { return false }
        return bytes[bytes.index(bytes.endIndex, offsetBy: -tail.count)...].elementsEqual(tail)
    }
}
