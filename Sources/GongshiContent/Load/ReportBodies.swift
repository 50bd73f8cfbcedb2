import GongshiFiles
import GongshiModel

/// The HTML bodies of the reports read this build, kept out of memory in a `SpillFile` until
/// their pages and the search index are made: the loader renders each body once (its checks
/// need it), and at a million reports holding them all would be most of the build's memory.
/// A report whose body is here has an empty `Report.bodyHTML`.
public final class ReportBodies: Sendable {
    let spill: SpillFile
    /// By position in `SiteContent.reports`; nil for a report whose body is not here (from the cache).
    let places: [SpillFile.Place?]

    init(spill: SpillFile, places: [SpillFile.Place?]) {
        self.spill = spill
        self.places = places
    }

    /// The body of the report at `position` in `SiteContent.reports`; nil when it is not here.
    public func body(at position: Int) -> String? {
        guard position < places.count, let place = places[position], let bytes = spill.read(place) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
