import GongshiContent
import GongshiModel
import GongshiRender

public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    /// `--as-of`; wins over site.yaml.
    public var asOf: CalendarDate?
    /// The date when neither `--as-of` nor site.yaml gives one.
    public var today: CalendarDate
    public var includeDrafts: Bool

    public init(content: String = "content", templates: String = "site-templates", output: String = "public",
                asOf: CalendarDate? = nil, today: CalendarDate, includeDrafts: Bool = false) {
        self.content = content; self.templates = templates; self.output = output
        self.asOf = asOf; self.today = today; self.includeDrafts = includeDrafts
    }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var asOf: CalendarDate?
    public var files = 0
    public var stats: OutputWriter.Stats?
    /// Seconds per named step, in order.
    public var timings: [(step: String, seconds: Double)] = []

    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// The pipeline, step by step: load → compute → theme → render → write.
/// Any error stops it before the write step, so `public/` is never touched by a failed build.
public enum SiteBuilder {
    /// Validates content (and the theme) without writing anything.
    public static func check(_ options: BuildOptions) -> BuildReport {
        var report = BuildReport(diagnostics: [])
        _ = prepare(options, &report, withTheme: false)
        return report
    }

    public static func build(_ options: BuildOptions) -> BuildReport {
        var report = BuildReport(diagnostics: [])
        if let problem = overlap(options) {
            report.diagnostics.append(.error(SourceLocation(path: options.output), problem))
            return report
        }
        guard let (content, loaded, theme) = prepare(options, &report, withTheme: true), let theme else { return report }

        let computation = step("compute", &report) {
            SiteComputation(content: content, asOf: loaded.asOf, includeDrafts: options.includeDrafts)
        }
        var files = step("render", &report) {
            SiteRenderer(content: content, computation: computation, theme: theme, includeDrafts: options.includeDrafts).render()
        }
        files += loaded.staticFiles.map {
            OutputFile(path: $0, contents: .copy(source: .content, path: "static/" + $0), origin: "static/" + $0)
        }
        var collisions = Diagnostics()
        var owners: [String: String] = [:]
        for file in files {
            if let other = owners[file.path] {
                collisions.error(SourceLocation(path: file.origin), "writes \(file.path), which \(other) writes too")
            } else {
                owners[file.path] = file.origin
            }
        }
        guard !collisions.hasErrors else {
            report.diagnostics = (report.diagnostics + collisions.all).sorted()
            return report
        }
        let bytes = step("materialize", &report) { () -> [OutputWriter.PublishedFile?] in
            Parallel.map(files) { file -> OutputWriter.PublishedFile? in
                let bytes: [UInt8]
                switch file.contents {
                case .text(let text): bytes = Array(text.utf8)
                case .bytes(let data): bytes = data
                case .copy(let source, let path):
                    let root = source == .content ? options.content : options.templates
                    guard let data = FileTree.read(root + "/" + path) else { return nil }
                    bytes = data
                }
                return OutputWriter.PublishedFile(path: file.path, bytes: bytes, hash: ContentHash.of(bytes))
            }
        }
        var ready: [OutputWriter.PublishedFile] = []
        ready.reserveCapacity(bytes.count)
        for (file, data) in zip(files, bytes) {
            if let data { ready.append(data) } else {
                report.diagnostics.append(.error(SourceLocation(path: file.origin), "cannot read the file"))
            }
        }
        guard report.succeeded else { return report }
        let writer = OutputWriter(output: options.output)
        do {
            report.stats = try step("write", &report) {
                try writer.withLock { try writer.publish(ready, into: try writer.openSpare()) }
            }
            report.files = ready.count
        } catch {
            report.diagnostics.append(.error(SourceLocation(path: options.output), "\(error)"))
        }
        return report
    }

    private static func prepare(_ options: BuildOptions, _ report: inout BuildReport,
                                withTheme: Bool) -> (SiteContent, LoadedSite, Theme?)? {
        let loaded = step("load", &report) {
            ContentLoader.load(root: options.content, asOf: options.asOf, today: options.today, includeDrafts: options.includeDrafts)
        }
        report.asOf = loaded.asOf
        report.diagnostics = loaded.diagnostics
        var theme: Theme? = nil
        if withTheme {
            var diagnostics = Diagnostics()
            theme = step("theme", &report) { loadTheme(options.templates, &diagnostics) }
            report.diagnostics = (report.diagnostics + diagnostics.all).sorted()
        }
        guard let content = loaded.content, report.succeeded else { return nil }
        return (content, loaded, theme)
    }

    static func loadTheme(_ root: String, _ diagnostics: inout Diagnostics) -> Theme? {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard FileTree.isDirectory(root) else {
            diagnostics.error(SourceLocation(path: root), "template folder not found")
            return nil
        }
        let paths = FileTree.files(under: root, diagnostics: &diagnostics, reportAs: prefix)
        var files: [(path: String, bytes: [UInt8])] = []
        for path in paths {
            guard let bytes = FileTree.read(root + "/" + path) else {
                diagnostics.error(SourceLocation(path: prefix + path), "cannot read the file")
                continue
            }
            files.append((path, bytes))
        }
        return Theme(files: files, reportAs: prefix, diagnostics: &diagnostics)
    }

    /// The output must not be, or be inside, the folders the build reads.
    static func overlap(_ options: BuildOptions) -> String? {
        guard let output = FileTree.realPath(options.output) ?? absolute(options.output) else { return nil }
        for (name, folder) in [("content", options.content), ("templates", options.templates)] {
            guard let real = FileTree.realPath(folder) else { continue }
            if output == real || output.hasPrefix(real + "/") || real.hasPrefix(output + "/") {
                return "the output folder overlaps the \(name) folder \(folder); choose another --output"
            }
        }
        return nil
    }

    private static func absolute(_ path: String) -> String? {
        if path.hasPrefix("/") { return path }
        guard let cwd = FileTree.realPath(".") else { return nil }
        return cwd + "/" + path
    }

    private static func step<T>(_ name: String, _ report: inout BuildReport, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            report.timings.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        }
        return try body()
    }
}
