import Foundation
import Testing

/// The open data (`data/rankings-<period>.json`, `data/units.json`, `data/reports.json`) of
/// real builds, compared with an independent reading of the contract: `Tests/Oracle/contract.py`,
/// written from shared/spec/content-format.md alone (and docs/decisions.md where the contract is
/// silent), never from these sources. The example site and five random revision-2 corpora
/// (`Tests/Oracle/r2corpus.py`, seeds 1...5) are built with the `gongshi` binary and compared by
/// `Tests/Oracle/compare.py`, which prints every difference with its JSON path (Tests/Oracle/README.md).
///
/// Needs python3 with PyYAML (`scripts/install-deps` installs `python3-yaml`). Without them the
/// tests fail saying so: nothing is skipped silently.
@Suite(.serialized) struct ContractOracleTests {
    static let oracle = Repo.root + "/Tests/Oracle"

    /// The `gongshi` binary SwiftPM built beside this test bundle (the CLI tests use it too).
    static let binary: String = {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("gongshi").path
    }()

    struct Ran {
        var status: Int32
        var output: String
    }

    /// Runs a program with its output and errors together (read while it runs, so a long list
    /// of differences cannot block on a full pipe).
    static func run(_ executable: String, _ arguments: [String]) throws -> Ran {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"  // no __pycache__ in Tests/Oracle
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Ran(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func python(_ arguments: [String]) throws -> Ran {
        try run("/usr/bin/env", ["python3"] + arguments)
    }

    /// python3, PyYAML and the binary are there; otherwise the test fails saying what to install.
    static func prerequisites() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("no gongshi binary at \(binary): build the package (`swift build`) before the tests")
            return false
        }
        let probe = try? python(["-c", "import yaml, decimal, csv"])
        if probe?.status != 0 {
            Issue.record("""
                the contract oracle needs python3 with PyYAML: install python3-yaml \
                (scripts/install-deps does, or `apt-get install python3 python3-yaml`); python3 said: \
                \(probe?.output ?? "python3 could not be started")
                """)
            return false
        }
        return true
    }

    /// Builds `content` into a new folder and compares its open data with the oracle's.
    func buildAndCompare(content: String, asOf: String? = nil, in folder: String, _ what: String) throws {
        let output = folder + "/public"
        var arguments = ["build", "--content", content, "--output", output, "--templates", Repo.templates]
        if let asOf { arguments += ["--as-of", asOf] }
        let built = try Self.run(Self.binary, arguments)
        guard built.status == 0 else {
            Issue.record("gongshi build of \(what) failed (exit \(built.status)):\n\(built.output)")
            return
        }
        // --key-order: keys in the contract's order too (scores by component, events and figures as site.yaml
        // lists them, lost points in the catalogue's order); --csv: the ranking sheets as well.
        var compare = [Self.oracle + "/compare.py", content, output, "--key-order", "--csv"]
        if let asOf { compare += ["--as-of", asOf] }
        let compared = try Self.python(compare)
        #expect(compared.status == 0, "open data of \(what) differ from the contract oracle (exit \(compared.status)):\n\(compared.output)")
    }

    @Test(arguments: [nil, "2018-09-30", "2018-12-19"] as [String?])
    func exampleSiteMatchesTheContract(asOf: String?) throws {
        guard Self.prerequisites() else { return }
        try withTemporaryFolder { folder in
            try buildAndCompare(content: Repo.content, asOf: asOf, in: folder, "the example site (as of \(asOf ?? "site.yaml"))")
        }
    }

    /// Each corpus as of its own day (site.yaml: inside or at the end of its last period) and as of a
    /// day after every period has ended (the hidden history entries and scheduled reports then show).
    @Test(arguments: 1...5, [nil, "2021-06-30"] as [String?])
    func randomRevision2CorpusMatchesTheContract(seed: Int, asOf: String?) throws {
        guard Self.prerequisites() else { return }
        try withTemporaryFolder { folder in
            let content = folder + "/content"
            let made = try Self.python([Self.oracle + "/r2corpus.py", "--out", content, "--seed", String(seed)])
            try #require(made.status == 0, "r2corpus.py --seed \(seed) failed:\n\(made.output)")
            try buildAndCompare(content: content, asOf: asOf, in: folder, "r2corpus seed \(seed) (as of \(asOf ?? "site.yaml"))")
        }
    }
}
