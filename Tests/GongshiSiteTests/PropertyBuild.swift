import Foundation
import GongshiModel
@testable import GongshiSite

/// The property test's only contact with the build API (`SiteBuilder`, `BuildOptions`),
/// kept in one place so a change of that API is adapted here alone.
enum PropertyBuild {
    /// What a build is asked to do besides its folders: the command line's options.
    struct Settings: CustomStringConvertible {
        /// `--as-of`; nil: site.yaml's `as_of`.
        var asOf: String? = nil
        /// `--drafts`.
        var includeDrafts = false
        /// `OutputWriter`'s in-place limit: 0 is `--atomic`; nil is the default. (Not in `description`: the test logs it per build.)
        var inPlaceLimit: Int? = nil

        var description: String {
            var words: [String] = []
            if let asOf { words.append("--as-of \(asOf)") }
            if includeDrafts { words.append("--drafts") }
            return words.isEmpty ? "defaults" : words.joined(separator: " ")
        }
    }

    struct Outcome {
        var succeeded: Bool
        var errors: [String]
        /// Files written or removed in the output, when the writer says.
        var written: Int?
    }

    /// The day builds take as today when neither `--as-of` nor site.yaml names one.
    static let today = CalendarDate(iso: "2026-11-23")!

    static func build(content: String, templates: String, output: String, incremental: Bool, memory: BuildMemory? = nil,
                      _ settings: Settings) -> Outcome {
        var options = BuildOptions(content: content, templates: templates, output: output,
                                   asOf: settings.asOf.flatMap { CalendarDate(iso: $0) }, today: today,
                                   includeDrafts: settings.includeDrafts, incremental: incremental)
        options.inPlaceLimit = settings.inPlaceLimit ?? OutputWriter.defaultInPlaceLimit
        let report = SiteBuilder.build(options, memory: memory)
        return Outcome(succeeded: report.succeeded,
                       errors: report.diagnostics.filter { $0.severity == .error }.map { "\($0)" },
                       written: report.stats?.written)
    }
}
