/// Byte pre-pass that makes libcmark-gfm work for Chinese text, done around the system library
/// rather than by changing it. It fixes two things.
///
/// 1. CJK-friendly emphasis. CommonMark decides whether a run of `*` or `~` may open or close emphasis
/// from the characters on either side of it ("left-/right-flanking"). A run that touches punctuation on
/// one side only counts if whitespace or punctuation is on its other side. Chinese has no spaces
/// between words, so `**加粗。**后面` and `这是**“引号”**测试` stay literal asterisks
/// (commonmark-spec issue 650). The "markdown-cjk-friendly" proposal also accepts such a run when the
/// character on its other side is CJK. cmark has no switch for that, so before parsing we insert U+E000
/// between the run and the punctuation it touches, when the run's other side is a CJK letter (Han,
/// kana, hangul, fullwidth letters, ...). U+E000 is a private-use character, which CommonMark treats as
/// neither whitespace nor punctuation, that is, like a letter. cmark then sees the run between a CJK
/// letter and a "letter", which is exactly the flanking the proposal gives it. Both rules, with L and R
/// the characters before and after the run:
///   * L is a CJK letter and R is punctuation:  `这是**“`  ->  `这是**\u{E000}“`  (may open)
///   * L is punctuation and R is a CJK letter:  `。**后`   ->  `。\u{E000}**后`  (may close)
/// Non-CJK text never gets a marker, so `a**"b"**c` keeps its CommonMark meaning. Runs that touch each
/// other (`**~~“`) are solved together until nothing changes. This follows cmark's own rule that `~`
/// runs are transparent when a `*` run looks at its neighbours. `_` is left alone: a marker next to `_`
/// would stop it opening or closing (its rules also look at punctuation), so chains that touch `_` or
/// follow a backslash escape are skipped. `~~~` and longer are skipped too (they may be a code fence).
///
/// 2. Bare URLs followed by Chinese text. GFM's autolink extension runs a URL on to the next space,
/// tab or line end. In Chinese that is often the end of the line, so `详见https://x.com。**注意**[链接](/a)`
/// becomes one link, and the markup after the URL is never parsed. Cutting the link later cannot bring
/// the markup back, so where the URL's ASCII part meets non-ASCII text we insert U+E002 followed by a
/// space. The URL runs through U+E002 and stops at the space. The pair cannot come from the user, so
/// the walk removes it from any literal it lands in. When the link swallowed the U+E002, the walk
/// removes the space from the start of the text after the link. Destinations where a break would change the
/// meaning are skipped: after `(` (inline link), `<` (autolink), `=` (unquoted HTML attribute) and
/// `[label]:` (reference definition). The tree walk still cuts any link that ran into Chinese text
/// (see `BareURL`).
///
/// The renderer removes every inserted character after parsing: from text, code, URLs, titles and
/// fence info in the syntax tree, so no marker (and no `%EE%80%80`) reaches the HTML, block sources,
/// links or excerpt. U+E000...U+E002 already in the input are stripped here (U+E001 delimits block
/// placeholders), so user text can fake neither a marker nor a placeholder. cmark reports byte columns,
/// so every inserted or removed byte is recorded and `SourceText.originalColumn` maps columns back to
/// the caller's input.
///
/// Cost: one pass over the bytes with a table lookup per byte. It stops only at `*`, `~`, `:`, `w` and
/// 0xEE, and allocates only when it changes something.
struct SourceText {
    /// The bytes handed to cmark.
    let bytes: [UInt8]
    /// Every edit in source order: from byte offset `threshold` (0-based, in the modified line) on,
    /// columns of `line` are `shift` bytes further right than in the input.
    private let shifts: [ColumnShift]

    struct ColumnShift {
        var line: Int
        var threshold: Int
        var shift: Int
    }

    /// Emphasis marker (inserted before parsing, removed after).
    static let marker: Unicode.Scalar = "\u{E000}"
    /// Delimits block placeholder tokens in the rendered HTML.
    static let placeholderDelimiter: Unicode.Scalar = "\u{E001}"
    // U+E002 (with a following space) is the URL break; see `Prepass.Editor.Insertion`.

    init(_ markdown: String) {
        let input = Array(markdown.utf8)
        if let (edited, shifts) = Prepass.run(input) {
            (bytes, self.shifts) = (edited, shifts)
        } else {
            (bytes, shifts) = (input, [])
        }
    }

    /// Maps a 1-based byte column that cmark reported for the modified bytes back to the input.
    func originalColumn(line: Int, column: Int) -> Int {
        // First edit on `line` (edits are sorted by line).
        var low = 0, high = shifts.count
        while low < high {
            let mid = (low + high) / 2
            if shifts[mid].line < line { low = mid + 1 } else { high = mid }
        }
        var total = 0
        while low < shifts.count, shifts[low].line == line {
            if shifts[low].threshold <= column - 1 { total += shifts[low].shift }
            low += 1
        }
        return column - total
    }

    /// Start offsets of each line in `bytes`.
    func lineStarts() -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == 0x0A { starts.append(index + 1) }
        }
        return starts
    }
}

/// The byte scanner described above.
enum Prepass {
    /// Bytes the scan has to look at: `*`, `~`, `:`, `w`, and 0xEE (lead byte of U+E000...U+EFFF).
    private static let interesting: [Bool] = (0..<256).map { [0x2A, 0x7E, 0x3A, 0x77, 0xEE].contains($0) }

    /// The edited bytes and their column shifts, or nil when nothing had to change.
    static func run(_ input: [UInt8]) -> ([UInt8], [SourceText.ColumnShift])? {
        input.withUnsafeBufferPointer { buffer in
            var editor = Editor(input: buffer)
            interesting.withUnsafeBufferPointer { interesting in
                let n = buffer.count
                var pendingURLBreak = -1
                var urlScannedUntil = 0     // a URL's inside is not scanned for another URL
                var i = 0
                while i < n {
                    if i == pendingURLBreak {
                        editor.insert(.urlBreak, at: i)
                        pendingURLBreak = -1
                    }
                    let byte = buffer[i]
                    guard interesting[Int(byte)] else {
                        i += 1
                        continue
                    }
                    switch byte {
                    case 0x2A, 0x7E:
                        var end = i + 1
                        while end < n, buffer[end] == 0x2A || buffer[end] == 0x7E { end += 1 }
                        processChain(buffer, start: i, end: end, editor: &editor)
                        i = end
                        continue
                    case 0xEE where i + 2 < n && buffer[i + 1] == 0x80 && (0x80...0x82).contains(buffer[i + 2]):
                        editor.remove(at: i, count: 3)
                        i += 3
                        continue
                    case 0x3A where i >= urlScannedUntil:
                        if let url = URLBreak.schemeURL(buffer, colon: i) {
                            urlScannedUntil = url.end
                            if url.needsBreak { pendingURLBreak = url.end }
                        }
                    case 0x77 where i >= urlScannedUntil:
                        if let url = URLBreak.wwwURL(buffer, start: i) {
                            urlScannedUntil = url.end
                            if url.needsBreak { pendingURLBreak = url.end }
                        }
                    default:
                        break
                    }
                    i += 1
                }
            }
            return editor.finish()
        }
    }

    // MARK: Emphasis

    /// Decides the markers for the chain of `*`/`~` runs in `buffer[start..<end]`.
    private static func processChain(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, editor: inout Editor) {
        // Only a CJK character next to the chain can change anything; all-ASCII surroundings are the common case.
        let byteBefore = start > 0 ? buffer[start - 1] : 0x0A
        let byteAfter = end < buffer.count ? buffer[end] : 0x0A
        guard byteBefore >= 0x80 || byteAfter >= 0x80 else { return }
        if byteBefore == 0x5C || byteBefore == 0x5F || byteAfter == 0x5F { return }  // `\` escape, `_` rules

        let before = scalar(endingAt: start, in: buffer)
        let after = scalar(startingAt: end, in: buffer)

        // The common case, a single run: apply the two rules directly.
        if buffer[start..<end].allSatisfy({ $0 == buffer[start] }) {
            if buffer[start] == 0x7E, end - start > 2 { return }
            if CJK.isLetter(before), CJK.isPunctuation(after) {
                editor.insert(.marker, at: end)
            } else if CJK.isPunctuation(before), CJK.isLetter(after) {
                editor.insert(.marker, at: start)
            }
            return
        }

        var runs: [(char: UInt8, count: Int)] = []
        var i = start
        while i < end {
            var j = i + 1
            while j < end, buffer[j] == buffer[i] { j += 1 }
            runs.append((buffer[i], j - i))
            i = j
        }
        // Real chains have two or three runs; long ones are left to CommonMark (the solve below is quadratic).
        if runs.count > 8 || runs.contains(where: { $0.char == 0x7E && $0.count > 2 }) { return }

        // marks[k]: a marker goes before run k (k == runs.count: after the last run).
        var marks = [Bool](repeating: false, count: runs.count + 1)
        let tilde: Unicode.Scalar = "~", star: Unicode.Scalar = "*"

        // The neighbours cmark sees; for `*` runs it looks through adjacent `~` runs (its SKIP_CHARS).
        func left(_ k: Int) -> Unicode.Scalar {
            var j = k
            while true {
                if marks[j] { return SourceText.marker }
                if j == 0 { return before }
                if runs[k].char == 0x2A, runs[j - 1].char == 0x7E { j -= 1; continue }
                return runs[j - 1].char == 0x2A ? star : tilde
            }
        }
        func right(_ k: Int) -> Unicode.Scalar {
            var j = k + 1
            while true {
                if marks[j] { return SourceText.marker }
                if j == runs.count { return after }
                if runs[k].char == 0x2A, runs[j].char == 0x7E { j += 1; continue }
                return runs[j].char == 0x2A ? star : tilde
            }
        }

        // A marker only ever turns a punctuation neighbour into a letter, so this terminates.
        var changed = true
        while changed {
            changed = false
            for k in runs.indices {
                let l = left(k), r = right(k)
                if !marks[k + 1], CJK.isLetter(l), CJK.isPunctuation(r) {
                    marks[k + 1] = true
                    changed = true
                } else if !marks[k], CJK.isPunctuation(l), CJK.isLetter(r) {
                    marks[k] = true
                    changed = true
                }
            }
        }

        var position = start
        for k in marks.indices {
            if marks[k] { editor.insert(.marker, at: position) }
            if k < runs.count { position += runs[k].count }
        }
    }

    /// The scalar that ends just before `index` (a line end at the start, like cmark), skipping
    /// markers that are being stripped.
    private static func scalar(endingAt index: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var end = index
        while end > 0 {
            var start = end - 1
            while start > 0, buffer[start] & 0xC0 == 0x80 { start -= 1 }
            let value = decode(buffer, at: start)
            if (0xE000...0xE002).contains(value.value) {
                end = start
                continue
            }
            return value
        }
        return "\n"
    }

    private static func scalar(startingAt index: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var start = index
        while start < buffer.count {
            let value = decode(buffer, at: start)
            if (0xE000...0xE002).contains(value.value) {
                start += 3
                continue
            }
            return value
        }
        return "\n"
    }

    /// Decodes one scalar; the input came from a Swift String, so it is valid UTF-8.
    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Unicode.Scalar {
        let lead = UInt32(buffer[index])
        let value: UInt32
        switch lead {
        case ..<0x80: value = lead
        case ..<0xE0: value = (lead & 0x1F) << 6 | UInt32(buffer[index + 1] & 0x3F)
        case ..<0xF0:
            value = (lead & 0x0F) << 12 | UInt32(buffer[index + 1] & 0x3F) << 6 | UInt32(buffer[index + 2] & 0x3F)
        default:
            value = (lead & 0x07) << 18 | UInt32(buffer[index + 1] & 0x3F) << 12
                | UInt32(buffer[index + 2] & 0x3F) << 6 | UInt32(buffer[index + 3] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    // MARK: Editing

    /// Copies the input lazily and records the column shift of every edit. Edits come in input order.
    private struct Editor {
        enum Insertion {
            case marker     // U+E000
            case urlBreak   // U+E002 and a space
        }

        let input: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        var copied = 0          // input bytes consumed so far
        var edited = false
        var delta = 0           // output index - input index at `copied`
        var line = 1
        var lineStart = 0       // input index of the current line's start
        var deltaAtLineStart = 0
        var scanned = 0         // input bytes already counted for line numbers
        var shifts: [SourceText.ColumnShift] = []

        init(input: UnsafeBufferPointer<UInt8>) { self.input = input }

        /// Line tracking runs only up to edits, which are rare.
        private mutating func advanceLines(to index: Int) {
            while scanned < index {
                if input[scanned] == 0x0A {
                    line += 1
                    lineStart = scanned + 1
                    deltaAtLineStart = delta
                }
                scanned += 1
            }
        }

        private mutating func copy(upTo index: Int) {
            if !edited {
                edited = true
                output.reserveCapacity(input.count + input.count / 32 + 64)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<index]))
            copied = index
        }

        mutating func insert(_ insertion: Insertion, at index: Int) {
            advanceLines(to: index)
            copy(upTo: index)
            let offset = (index + delta) - (lineStart + deltaAtLineStart)
            output.append(0xEE)
            output.append(0x80)
            let count: Int
            switch insertion {
            case .marker:
                output.append(0x80)
                count = 3
            case .urlBreak:
                output.append(0x82)
                output.append(0x20)
                count = 4
            }
            delta += count
            shifts.append(SourceText.ColumnShift(line: line, threshold: offset + count, shift: count))
        }

        mutating func remove(at index: Int, count: Int) {
            advanceLines(to: index)
            copy(upTo: index)
            let offset = (index + delta) - (lineStart + deltaAtLineStart)
            copied = index + count
            delta -= count
            shifts.append(SourceText.ColumnShift(line: line, threshold: offset, shift: -count))
        }

        mutating func finish() -> ([UInt8], [SourceText.ColumnShift])? {
            guard edited else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied...]))
            return (output, shifts)
        }
    }
}

/// Where a bare URL that cmark's autolink extension would link runs into non-ASCII text.
enum URLBreak {
    /// A URL's ASCII run ends at `end`; `needsBreak` when a non-ASCII byte follows that it would swallow.
    struct URL {
        var end: Int
        var needsBreak: Bool
    }

    /// For `scheme://` at `colon`.
    static func schemeURL(_ buffer: UnsafeBufferPointer<UInt8>, colon: Int) -> URL? {
        guard colon + 3 < buffer.count, buffer[colon + 1] == 0x2F, buffer[colon + 2] == 0x2F else { return nil }
        // Like cmark: the scheme is all the letters before `:`.
        var start = colon
        while start > 0, isAlpha(buffer[start - 1]) { start -= 1 }
        func lowercased(_ offset: Int) -> UInt8 { buffer[start + offset] | 0x20 }
        let isHTTP = colon - start >= 4 && lowercased(0) == 0x68 && lowercased(1) == 0x74 && lowercased(2) == 0x74
            && lowercased(3) == 0x70 && (colon - start == 4 || (colon - start == 5 && lowercased(4) == 0x73))
        let isFTP = colon - start == 3 && lowercased(0) == 0x66 && lowercased(1) == 0x74 && lowercased(2) == 0x70
        guard isHTTP || isFTP else { return nil }
        return url(buffer, urlStart: start, hostStart: colon + 3)
    }

    /// For `www.` at `start`, where cmark links it (at the start or after whitespace, `*`, `_`, `~`,
    /// `(`). After a CJK character cmark does not link it, and nothing is swallowed.
    static func wwwURL(_ buffer: UnsafeBufferPointer<UInt8>, start: Int) -> URL? {
        guard start + 4 < buffer.count, buffer[start + 1] == 0x77, buffer[start + 2] == 0x77,
              buffer[start + 3] == 0x2E else { return nil }
        if start > 0 {
            let previous = buffer[start - 1]
            guard isSpace(previous) || "*_~(".utf8.contains(previous) else { return nil }
        }
        return url(buffer, urlStart: start, hostStart: start + 4)
    }

    /// The URL must have an ASCII host; it needs a break when it runs straight into a non-ASCII byte, in
    /// running text.
    private static func url(_ buffer: UnsafeBufferPointer<UInt8>, urlStart: Int, hostStart: Int) -> URL? {
        guard hostStart < buffer.count, isAlphanumeric(buffer[hostStart]) else { return nil }
        var end = hostStart
        while end < buffer.count, buffer[end] < 0x80, !isSpace(buffer[end]) { end += 1 }
        let needsBreak = end < buffer.count && buffer[end] >= 0x80 && !inDestination(buffer, urlStart: urlStart)
        return URL(end: end, needsBreak: needsBreak)
    }

    /// Whether the URL is a link destination or attribute value, where a break would change the meaning:
    /// after `(`, `<`, `=` or a reference definition's `]:` (spaces, one line end and `>` between allowed).
    private static func inDestination(_ buffer: UnsafeBufferPointer<UInt8>, urlStart: Int) -> Bool {
        var j = urlStart - 1
        var crossedLine = false
        while j >= 0 {
            let byte = buffer[j]
            if byte == 0x20 || byte == 0x09 || byte == 0x3E {
                j -= 1
            } else if byte == 0x0A, !crossedLine {
                crossedLine = true
                j -= 1
            } else {
                break
            }
        }
        guard j >= 0 else { return false }
        switch buffer[j] {
        case 0x28, 0x3C, 0x3D:
            return true
        case 0x3A where j > 0 && buffer[j - 1] == 0x5D:
            // `[label]:` is a reference definition; `[^label]:` a footnote, whose text is running text.
            var k = j - 2
            while k >= 0, buffer[k] != 0x5B, buffer[k] != 0x0A { k -= 1 }
            return !(k >= 0 && buffer[k] == 0x5B && k + 1 < j && buffer[k + 1] == 0x5E)
        default:
            return false
        }
    }

    private static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isAlphanumeric(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) }
    /// cmark_isspace: space, \t, \n, \r.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

/// Character classes as cmark sees them, plus what counts as CJK here.
enum CJK {
    /// cmark_utf8proc_is_space; a line end counts as space.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 9, 10, 12, 13, 32, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// cmark_utf8proc_is_punctuation: ASCII punctuation and symbols, Unicode P* categories elsewhere.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let value = s.value
        if value < 0x10000 {
            return bmpPunctuation[Int(value >> 6)] & (1 << (value & 63)) != 0
        }
        return isUnicodePunctuation(s)
    }

    /// One bit per BMP scalar, computed once: Unicode property lookups are too slow per run.
    private static let bmpPunctuation: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for value in 0..<0x10000 {
            let punctuation: Bool
            switch value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: punctuation = true
            case ..<0x80, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7FF: punctuation = false
            default: punctuation = Unicode.Scalar(UInt32(value)).map(isUnicodePunctuation) ?? false
            }
            if punctuation { bits[value >> 6] |= 1 << UInt64(value & 63) }
        }
        return bits
    }()

    private static func isUnicodePunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Han, kana, hangul, bopomofo, CJK symbols and punctuation, fullwidth forms; our marker counts too,
    /// since it always stands next to one of these.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x11FF, 0x2E80...0x2FFF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x31FF,
             0x3200...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF,
             0xE000, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x1B000...0x1B16F,
             0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    /// A CJK character cmark treats like a letter (neither space nor punctuation).
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        isCJK(s) && !isSpace(s) && !isPunctuation(s)
    }
}
