import GongshiContent
import GongshiFiles
import GongshiModel

/// What `serve` keeps from one build to the next (issue 13): what the loader keeps
/// (`ContentMemory`: the content folder's listing, its classification, units, plans and
/// sheets) and the caches of reports and notices as the last build left them, taken from
/// memory instead of decoded from disk. Told by the watcher which files changed, a build stats
/// only those instead of walking the folder (at a million reports the walk alone is seconds).
/// What is built is the same: every report is checked
/// against its stamp as before, whichever way the stamps came.
public final class BuildMemory: @unchecked Sendable {
    let content = ContentMemory()
    /// Used by one build at a time (a `serve` builds one after the other).
    var reportCache: ReportCache? = nil
    var noticeCache: NoticeCache? = nil
    /// Reports read since the cache on disk was written: the disk's copy is rewritten when these
    /// pass `SiteBuilder.rereadAllowance`, so a `build` after `serve` does not read them all again.
    var readsSinceSaved = 0

    public init() {}

    /// The watcher's news: files under the content folder changed (paths relative to it,
    /// `/`-separated). nil: something changed that cannot be named (the watcher's queue
    /// overflowed), so the next build walks the whole folder.
    public func contentChanged(_ paths: Set<String>?) { content.contentChanged(paths) }
}
