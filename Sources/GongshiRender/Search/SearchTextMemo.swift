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
    private let lock = Lock()
    private var made: [Int: Texts] = [:]
    private var renderedCount = 0

    /// - Parameter stored: the texts an earlier build kept for report group `k` (empty when none).
    public init(stored: @escaping @Sendable (Int) -> Texts = { _ in [:] }) {
        self.stored = stored
    }

    func texts(group k: Int) -> Texts { stored(k) }

    /// The texts of report group `k` as this build made it, and how many bodies it had to render.
    func record(group k: Int, _ texts: Texts, rendered: Int) {
        lock.withLock {
            made[k] = texts
            renderedCount += rendered
        }
    }

    /// Report groups made this build, with their texts: what the store keeps for the next build.
    public var madeGroups: [Int: Texts] { lock.withLock { made } }

    /// Report bodies rendered for the index this build (the others came from the memo).
    public var rendered: Int { lock.withLock { renderedCount } }
}
