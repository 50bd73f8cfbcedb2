import Foundation
import Testing

/// SplitMix64: small, seeded, the same sequence on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Breaks content files the ways hand editing, Excel and Word break them.
enum Mutation: CaseIterable {
    case randomBytes, truncate, duplicateLine, deleteLine, swapLines, swapEncoding, insertSyntax, empty

    static let snippets: [String] = [
        "---\n", ":", ": ", "- ", "[", "{", "}", "\"", "'", "\t", "\r", "\u{FEFF}", "\u{0}", "&", "*", "**", "~~", "|",
        "```ranking\n", "```rectification\n", "```\n", "<script>alert(1)</script>", "javascript:alert(1)",
        "![](../../etc/passwd)", "![](/etc/hosts)", "2018-02-30", "-1", "1e400", "99999999999999999999999999.5",
        ".nan", "~", "null", "&anchor ", "*anchor", "!!binary ", "? ", "%YAML 1.1\n", ",", ",,,\n", "\"\"\"",
        "=HYPERLINK(\"http://x\")", "period: 2018-h9\n", "top: -3\n", "unit: nobody\n", "　", "，", "。**", "http://例子.中国/路径。",
    ]

    func apply(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        switch self {
        case .randomBytes:
            guard !bytes.isEmpty else { return [UInt8.random(in: 0...255, using: &rng)] }
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        case .truncate:
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
        case .duplicateLine, .deleteLine, .swapLines:
            var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            guard !lines.isEmpty else { return bytes }
            let i = Int.random(in: 0..<lines.count, using: &rng), j = Int.random(in: 0..<lines.count, using: &rng)
            switch self {
            case .duplicateLine: lines.insert(lines[i], at: j)
            case .deleteLine: lines.remove(at: i)
            default: lines.swapAt(i, j)
            }
            bytes = Array(lines.joined(separator: [10]))
        case .swapEncoding:
            let text = String(decoding: bytes, as: UTF8.self)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: bytes = Array(text.data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data(bytes)) // GB18030
            case 1: bytes = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } // UTF-16LE
            default: bytes = Array(String(bytes.map { Character(Unicode.Scalar($0)) }).utf8) // read as Latin-1, saved as UTF-8
            }
        case .insertSyntax:
            let snippet = Array(Self.snippets[Int.random(in: 0..<Self.snippets.count, using: &rng)].utf8)
            bytes.insert(contentsOf: snippet, at: Int.random(in: 0...bytes.count, using: &rng))
        case .empty:
            bytes = []
        }
        return bytes
    }
}

@Suite struct FuzzTests {
    /// Thousands of broken variants in a long session: `GONGSHI_FUZZ_RUNS=5000 swift test --filter FuzzTests`.
    /// The default is a short seeded run that every test run repeats exactly.
    @Test func brokenContentNeverCrashesHangsOrWritesAMixedSite() throws {
        let runs = Int(ProcessInfo.processInfo.environment["GONGSHI_FUZZ_RUNS"] ?? "") ?? 120
        let seed = UInt64(ProcessInfo.processInfo.environment["GONGSHI_FUZZ_SEED"] ?? "") ?? 20181231
        var rng = SeededGenerator(state: seed)
        let scratch = Scratch()
        let content = scratch.copyContent()
        let output = scratch.path + "/public"
        let build = ["build", "--content", content, "--templates", Repo.templates, "--output", output]
        #expect(gongshi(build).status == 0)
        var lastGood = tree(output)
        let files = tree(content).keys.sorted()
        var failed = 0, passed = 0
        for iteration in 0..<runs {
            let file = files[Int.random(in: 0..<files.count, using: &rng)]
            let path = content + "/" + file
            let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            var mutated = original
            var applied: [Mutation] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let mutation = Mutation.allCases[Int.random(in: 0..<Mutation.allCases.count, using: &rng)]
                applied.append(mutation)
                mutated = mutation.apply(mutated, &rng)
            }
            _ = FileManager.default.createFile(atPath: path, contents: Data(mutated))
            defer { _ = FileManager.default.createFile(atPath: path, contents: Data(original)) }
            let building = iteration % 4 == 0
            let run = gongshi(building ? build : ["check", "--content", content], timeout: 30)
            let what = "run \(iteration) (seed \(seed)): \(applied) on \(file)"
            #expect(!run.timedOut, "hung: \(what)")
            #expect(run.signal == nil, "crashed with signal \(run.signal ?? 0): \(what)\n\(run.stderr)")
            #expect(run.status == 0 || run.status == 1, "exit \(run.status): \(what)\n\(run.stderr)")
            for line in run.stderrLines where !isLocatedDiagnostic(line) && !isSummary(line) {
                Issue.record("not path:line:column: \(line) — \(what)")
            }
            if run.status == 1 {
                failed += 1
                #expect(run.stderrLines.contains { $0.contains(": error: ") }, "exit 1 without an error: \(what)")
                if building { #expect(tree(output) == lastGood, "a failed build changed the output: \(what)") }
            } else {
                passed += 1
                if building { lastGood = tree(output) }
            }
        }
        // A fuzz run where nothing fails (or nothing passes) is not testing what it claims to.
        #expect(failed > runs / 4)
        #expect(passed > 0)
    }
}
