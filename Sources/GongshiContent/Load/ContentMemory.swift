import GongshiFiles
import GongshiModel

/// What the loader keeps between the builds of one `serve` (issue 13): the content folder's
/// listing, what the files were sorted into, and the units, plans and sheets as read. Told by
/// the watcher which files changed, the next load stats only those instead of walking, and
/// reuses each of the others while nothing it was made from changed (the same files, stamps
/// and settings). Every report is still checked against its stamp, as on a walk.
public final class ContentMemory: @unchecked Sendable {
    private let lock = Lock()
    /// Paths changed since the last load took them; nil: unknown, walk again.
    private var changes: Set<String>? = nil
    private var listing: FileListing? = nil
    /// Used by one load at a time (a `serve` builds one after the other).
    var layout: LayoutMemo? = nil
    var units: UnitsMemo? = nil
    var sheets: (key: UInt64, value: LoadedSheets)? = nil

    public init() {}

    /// The watcher's news: files under the content folder changed (paths relative to it,
    /// `/`-separated). nil: something changed that cannot be named (the watcher's queue
    /// overflowed), so the next load walks the whole folder.
    public func contentChanged(_ paths: Set<String>?) {
        lock.withLock {
            if let paths, changes != nil { changes!.formUnion(paths) } else { changes = nil }
        }
    }

    /// The content folder's files for a load, and the paths whose stamps were taken again with
    /// their new stamps; nil after a walk (the files listed may be others than last time).
    func files(_ root: String, diagnostics: inout Diagnostics) -> (files: [(path: String, stamp: FileStamp)], restamped: [String: FileStamp]?) {
        // Taken before anything is stat'ed: a change after this point is news for the next load.
        let (known, kept): (Set<String>?, FileListing?) = lock.withLock {
            defer { changes = []; listing = nil }
            return (changes, listing)
        }
        if var kept, kept.root == root, let known, kept.update(known) {
            lock.withLock { listing = kept }
            var restamped: [String: FileStamp] = [:]
            for path in known { if let stamp = kept.stamp(of: path) { restamped[path] = stamp } }
            return (kept.files, restamped)
        }
        let (files, fresh) = FileListing.walk(root, diagnostics: &diagnostics)
        lock.withLock { listing = fresh }
        return (files, nil)
    }

    /// The last classification, and where its documents are, to bring stamps up to date.
    struct LayoutMemo {
        var layout: ContentLayout
        var diagnostics: [Diagnostic]
        var reportAt: [String: Int]? = nil
        var noticeAt: [String: Int]? = nil

        /// The layout with new stamps for some of its files (the files are the same as when it was classified).
        mutating func restamp(_ stamps: [String: FileStamp]) -> ContentLayout {
            if reportAt == nil {
                reportAt = Dictionary(layout.reports.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
                noticeAt = Dictionary(layout.notices.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
            }
            for (path, stamp) in stamps {
                if let at = reportAt![path] { layout.reports[at].stamp = stamp }
                if let at = noticeAt![path] { layout.notices[at].stamp = stamp }
                if layout.assetStamps[path] != nil { layout.assetStamps[path] = stamp }
            }
            return layout
        }
    }

    /// Units as read (the unit, its problems, its hash), by path, against settings and notices that hash to `key`.
    struct UnitsMemo {
        var key: UInt64
        var read: [String: (Unit?, [Diagnostic], UInt64)]
    }
}
