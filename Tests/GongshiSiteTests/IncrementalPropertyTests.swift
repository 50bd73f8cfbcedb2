import Foundation
import Testing
import GongshiSite

/// A property of incremental builds: after any sequence of edits, an incremental build
/// gives byte for byte the site a clean build of the same content gives.
///
/// A seeded generator picks edits of every kind of input (reports, photos, units, the
/// data sheets, site.yaml, notices, plans, free pages, static files, templates, CSS, the
/// as-of date and the drafts flag); after each round of edits the site is built
/// incrementally into one output folder, as staff's rebuilds do, and cleanly into a fresh
/// folder, and the two trees are compared file by file, both ways. Half the incremental
/// builds use what `serve` keeps between builds (`BuildMemory`), told of the paths each edit
/// wrote, removed or moved, as its watcher is. Now and then an edit
/// breaks the content on purpose: that build must fail and leave the output exactly as it
/// was, and the next round repairs the file. The writer's paths are mixed in too: the
/// default in-place renames, `--atomic` (limit 0), a small limit, `--full` into the same
/// output, a deleted cache folder, a deleted spare tree, a cold build after deleting all three.
///
/// The default is a short run that every `swift test` repeats exactly. A long run:
/// `GONGSHI_PROPERTY_ROUNDS=1000 GONGSHI_PROPERTY_SEED=7 swift test --filter IncrementalProperty`.
/// A failure names the seed, the round and every edit so far; the same seed with that many
/// rounds replays it.
@Suite struct IncrementalPropertyTests {
    @Test func incrementalBuildsAfterRandomEditsEqualCleanBuilds() throws {
        let environment = ProcessInfo.processInfo.environment
        let rounds = Int(environment["GONGSHI_PROPERTY_ROUNDS"] ?? "") ?? 20
        let seed = UInt64(environment["GONGSHI_PROPERTY_SEED"] ?? "") ?? 20_181_231
        let verbose = environment["GONGSHI_PROPERTY_VERBOSE"] != nil
        let site = EditableSite()
        var editor = SiteEditor(site: site, rng: SplitMix64(seed: seed))
        var settings = PropertyBuild.Settings()
        var log: [String] = []
        let started = Date()

        // What `serve` keeps between builds, told of every change as its watcher would be; some builds use it.
        let memory = BuildMemory()
        func build(_ output: String, incremental: Bool, memory: BuildMemory? = nil) -> PropertyBuild.Outcome {
            PropertyBuild.build(content: site.content, templates: site.templates, output: output, incremental: incremental, memory: memory, settings)
        }
        func context(_ round: Int) -> String {
            "seed \(seed), round \(round) of \(rounds); replay with GONGSHI_PROPERTY_SEED=\(seed) GONGSHI_PROPERTY_ROUNDS=\(round + 1)\n"
                + "edits so far:\n" + log.suffix(200).joined(separator: "\n")
        }

        let first = build(site.output, incremental: true)
        try #require(first.succeeded, "the example site does not build: \(first.errors)")
        var lastGood = tree(site.output)
        var pendingRepair: SiteEdit? = nil
        var counts = Counts()
        var stopped = false

        for round in 0..<rounds {
            // The edits of this round: usually one, sometimes a few saved before one rebuild.
            var edits: [SiteEdit] = []
            if let repair = pendingRepair {
                site.restore(repair.snapshot)
                edits.append(SiteEdit("repair: restore \(repair.snapshot.map(\.path).joined(separator: ", "))"))
                pendingRepair = nil
            }
            let breaking = round > 0 && editor.chance(0.07)
            let count = breaking ? 1 : (editor.chance(0.25) ? editor.int(2...3) : 1)
            for _ in 0..<count {
                let edit = breaking ? editor.breakSomething() : editor.randomEdit(&settings)
                edits.append(edit)
            }
            // How this build writes: mostly the defaults, sometimes `--atomic`, a small in-place limit, `--full`,
            // no cache, no spare tree (the next builds write into the output in place again), nothing at all (a cold build).
            var mode = ""
            var incremental = true
            settings.inPlaceLimit = nil
            switch editor.int(0...99) {
            case 0..<62: break
            case 62..<74: settings.inPlaceLimit = 0; mode = " [--atomic]"
            case 74..<84: settings.inPlaceLimit = editor.int(1...8); mode = " [in-place limit \(settings.inPlaceLimit!)]"
            case 84..<88: incremental = false; mode = " [--full]"
            case 88..<92:
                try? FileManager.default.removeItem(atPath: site.cacheFolder)
                mode = " [cache folder deleted]"
            case 92..<97:
                try? FileManager.default.removeItem(atPath: site.spareFolder)
                mode = " [spare tree deleted]"
            default:
                // A failed build must leave the output as it was: keep one to compare with.
                if !breaking {
                    try? FileManager.default.removeItem(atPath: site.folder + "/out")
                    mode = " [output, spare and cache deleted]"
                }
            }
            memory.contentChanged(site.takeTouched())
            let served = incremental && editor.chance(0.5)
            if served { mode += " [serve's memory]" }
            log.append("round \(round)\(mode) (\(settings)): " + edits.map(\.description).joined(separator: "; "))
            if verbose { print("[property] " + log.last!) }

            let outputBefore = PropertyCompare.inode(site.output)
            let built = build(site.output, incremental: incremental, memory: served ? memory : nil)
            if built.succeeded, outputBefore != nil, outputBefore == PropertyCompare.inode(site.output) { counts.inPlace += 1 }
            if served { counts.served += 1 }
            if edits.contains(where: { !$0.valid }) {
                counts.broken += 1
                #expect(!built.succeeded, "an edit meant to break the content built: \(context(round))")
                let after = tree(site.output)
                #expect(after == lastGood, "a failed build changed the output: \(PropertyCompare.difference(lastGood, after).prefix(5)) — \(context(round))")
                pendingRepair = edits.first { !$0.valid }
                if built.succeeded || after != lastGood { stopped = true; break }
                continue
            }
            guard built.succeeded else {
                Issue.record("a build of valid content failed: \(built.errors.prefix(5)) — \(context(round))")
                stopped = true
                break
            }
            let cleanFolder = site.folder + "/clean-\(round)"
            let clean = build(cleanFolder + "/public", incremental: false)
            defer { try? FileManager.default.removeItem(atPath: cleanFolder) }
            guard clean.succeeded else {
                Issue.record("the clean build failed where the incremental one did not: \(clean.errors.prefix(5)) — \(context(round))")
                stopped = true
                break
            }
            let incrementalTree = tree(site.output), cleanTree = tree(cleanFolder + "/public")
            let differing = PropertyCompare.difference(incrementalTree, cleanTree)
            if !differing.isEmpty {
                let first = differing[0]
                Issue.record("""
                    the incremental build differs from a clean build in \(differing.count) files: \(differing.prefix(8))
                    first difference in \(first): \(PropertyCompare.firstDifferingLine(incrementalTree[first], cleanTree[first]))
                    \(context(round))
                    """)
                stopped = true
                break
            }
            let changed = cleanTree != lastGood
            counts.valid += 1
            if changed { counts.changed += 1 }
            if edits.contains(where: \.mustChange) {
                #expect(changed, "an edit that must change the site left it as it was — \(context(round))")
            }
            if edits.count == 1, let edit = edits.first {
                for path in edit.mustKeep {
                    #expect(cleanTree[path] == lastGood[path], "\(path) changed, but the edit must leave it as issued — \(context(round))")
                }
                for path in edit.mustAlter {
                    #expect(cleanTree[path] != lastGood[path], "\(path) did not change — \(context(round))")
                }
            }
            lastGood = cleanTree
        }
        let seconds = Date().timeIntervalSince(started)
        print("[property] seed \(seed): \(rounds) rounds in \(String(format: "%.1f", seconds)) s; \(counts.valid) built and compared "
              + "(\(counts.changed) changed the site, \(counts.inPlace) written into the output in place, \(counts.served) with serve's memory), "
              + "\(counts.broken) broken on purpose and refused")
        // A run whose edits changed nothing, or that never broke anything, would not test what it claims to.
        if rounds >= 20, !stopped {
            #expect(counts.served > 0, "no build used serve's memory")
            #expect(counts.changed * 2 >= counts.valid, "only \(counts.changed) of \(counts.valid) rounds changed the site")
            #expect(counts.valid * 2 >= rounds)
        }
        if rounds >= 100, !stopped {
            #expect(counts.broken > 0)
            #expect(counts.inPlace > 0, "no build wrote into the output in place")
        }
    }

    struct Counts { var valid = 0, changed = 0, broken = 0, inPlace = 0, served = 0 }
}

/// How the test compares trees and files.
enum PropertyCompare {
    static func inode(_ path: String) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? UInt64
    }

    /// Paths present in only one tree or with different bytes, sorted.
    static func difference(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).symmetricDifference(b.keys).union(a.keys.filter { b[$0] != nil && a[$0] != b[$0] }).sorted()
    }

    /// The first line where two versions of a file differ, for a failure message.
    static func firstDifferingLine(_ a: Data?, _ b: Data?) -> String {
        guard let a, let b else { return a == nil ? "missing from the incremental build" : "missing from the clean build" }
        let left = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let right = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? String(left[i]) : "<end>", r = i < right.count ? String(right[i]) : "<end>"
            if l != r { return "line \(i + 1): incremental «\(l.prefix(300))» clean «\(r.prefix(300))»" }
        }
        return "same text, different bytes"
    }
}

/// SplitMix64: small, seeded, the same sequence on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One change made to the site: what it was, whether the content stays valid, whether it
/// surely shows on the site, and (for a breaking edit) the files as they were before it.
struct SiteEdit: CustomStringConvertible {
    var description: String
    var valid = true
    var mustChange = false
    /// (r2) Output files this edit must leave as they were (an issued notice when its plan moves on),
    /// and files it must change (a report's page when it becomes evidence), checked when it is the round's only edit.
    var mustKeep: [String] = []
    var mustAlter: [String] = []
    var snapshot: [(path: String, data: Data?)] = []
    init(_ description: String, mustChange: Bool = false) { self.description = description; self.mustChange = mustChange }
}

/// A copy of the example site (content and theme) in a temporary folder, removed at the end,
/// written the way editors write: every save gives the file a later modification time, and
/// some saves replace the file (new inode) while others rewrite it in place.
final class EditableSite {
    let folder = temporaryFolder()
    var content: String { folder + "/content" }
    var templates: String { folder + "/templates" }
    var output: String { folder + "/out/public" }
    var cacheFolder: String { folder + "/out/.public.gongshi-cache" }
    var spareFolder: String { folder + "/out/.public.gongshi-spare" }
    private var clock = Date()
    private var saves = 0
    /// Content paths written, removed or moved since `takeTouched`, relative to the content folder:
    /// what `serve`'s watcher would report.
    private var touched: Set<String> = []

    func takeTouched() -> Set<String> {
        defer { touched = [] }
        return touched
    }

    private func record(_ path: String) {
        if path.hasPrefix("content/") { touched.insert(String(path.dropFirst("content/".count))) }
    }

    init() {
        let fm = FileManager.default
        try! fm.copyItem(atPath: Repo.content, toPath: content)
        try! fm.copyItem(atPath: Repo.templates, toPath: templates)
        try! fm.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Paths are relative to the site folder: `content/...` or `templates/...`.
    func full(_ path: String) -> String { folder + "/" + path }
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: full(path)) }
    func data(_ path: String) -> Data? { FileManager.default.contents(atPath: full(path)) }
    /// The text of a file as an editor shows it: UTF-8 or GB18030, without a BOM, with LF line ends
    /// (the next save writes UTF-8 with LF, as another editor would).
    func read(_ path: String) -> String {
        let bytes = data(path) ?? Data()
        var text = String(data: bytes, encoding: .utf8) ?? String(data: bytes, encoding: EditableSite.gb18030) ?? String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    func write(_ path: String, _ text: String) { write(path, Data(text.utf8)) }

    func write(_ path: String, _ bytes: Data) {
        let url = URL(fileURLWithPath: full(path))
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        saves += 1
        try! bytes.write(to: url, options: saves % 3 == 0 ? [.atomic] : [])
        touch(path)
    }

    /// A later modification time than any file has had, as an editor's save gives.
    func touch(_ path: String) {
        clock = max(Date(), clock.addingTimeInterval(0.002))
        try! FileManager.default.setAttributes([.modificationDate: clock], ofItemAtPath: full(path))
        record(path)
    }

    func remove(_ path: String) {
        try! FileManager.default.removeItem(atPath: full(path))
        record(path)
    }

    func move(_ from: String, _ to: String) {
        let url = URL(fileURLWithPath: full(to))
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! FileManager.default.moveItem(atPath: full(from), toPath: full(to))
        record(from)
        record(to)
    }

    /// Files under a folder of the site, relative to the site folder, sorted.
    func files(under path: String, suffix: String = "") -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: full(path)) else { return [] }
        var result: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full(path) + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue,
               name.hasSuffix(suffix) {
                result.append(path + "/" + name)
            }
        }
        return result.sorted()
    }

    /// Puts files back as a snapshot holds them (nil: the file did not exist).
    func restore(_ snapshot: [(path: String, data: Data?)]) {
        for (path, data) in snapshot.reversed() {
            if let data { write(path, data) } else if exists(path) { remove(path) }
        }
    }
}
