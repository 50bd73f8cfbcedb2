import GongshiModel

/// The plain text of report bodies as earlier builds made it for the search index, so that
/// remaking a report group after one edit renders that report's Markdown, not the group's
/// 1,280 (they were most of a one-report rebuild). Texts are keyed by the report's source hash
/// (`ReportSources.hashes`: its file, path and bundle names); whoever stores them (`GongshiSite`)
/// drops them when the program changes, since a new Gongshi may render the same file differently.
/// A text is the same bytes the body would give, so using one never changes the output.
public final class SearchTextMemo: @unchecked Sendable {
    public typealias Texts = [UInt64: [UInt8]]

    private let stored: @Sendable (Int) -> Texts
    private let keep: (@Sendable (Int, Texts) -> Void)?
    private let lock = Lock()
    private var made: [Int: Texts] = [:]
    private var madeNumbers: Set<Int> = []
    private var renderedCount = 0

    /// - Parameters:
    ///   - stored: the texts an earlier build kept for report group `k` (empty when none).
    ///   - keep: takes a group's texts as soon as they are made, so they are not held until the
    ///     build ends (a million reports' texts are gigabytes); nil keeps them in `madeGroups`.
    public init(stored: @escaping @Sendable (Int) -> Texts = { _ in [:] }, keep: (@Sendable (Int, Texts) -> Void)? = nil) {
        self.stored = stored
        self.keep = keep
    }

    func texts(group k: Int) -> Texts { stored(k) }

    /// The texts of report group `k` as this build made it, and how many bodies it had to render.
    func record(group k: Int, _ texts: Texts, rendered: Int) {
        keep?(k, texts)
        lock.withLock {
            if keep == nil { made[k] = texts }
            madeNumbers.insert(k)
            renderedCount += rendered
        }
    }

    /// Report groups made this build, with their texts, when there is no `keep`.
    public var madeGroups: [Int: Texts] { lock.withLock { made } }

    /// The numbers of the report groups made this build.
    public var madeGroupNumbers: Set<Int> { lock.withLock { madeNumbers } }

    /// Report bodies rendered for the index this build (the others came from the memo).
    public var rendered: Int { lock.withLock { renderedCount } }
}
