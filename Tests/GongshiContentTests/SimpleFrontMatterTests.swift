import Foundation
import Testing
@testable import GongshiContent
import Yams

/// `SimpleFrontMatter` must give exactly what Yams gives, or nothing: a front
/// matter it reads differently would publish a different title or figure.
@Suite struct SimpleFrontMatterTests {
    static let repoContent: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/content"
    }()

    /// Same strings, styles and shapes (positions aside).
    static func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x.string == y.string && x.style == y.style
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default: return false
        }
    }

    /// nil when Yams rejects the text or finds no document.
    static func yams(_ text: String) -> Node? { try? Yams.compose(yaml: text, .basic, .default, .utf8) }

    /// Checks one text; returns whether the simple reader took it.
    @discardableResult
    static func check(_ text: String, _ comment: String = "") -> Bool {
        guard let simple = SimpleFrontMatter.compose(text) else { return false }
        guard let full = yams(text) else {
            Issue.record("simple reader accepted what Yams rejects: \(comment) \(text.debugDescription)")
            return true
        }
        let agree = same(simple, full)
        #expect(agree, "differs from Yams: \(comment) \(text.debugDescription)")
        return true
    }

    @Test func readsTheExampleSitesFrontMatterAsYamsDoes() throws {
        let files = FileManager.default.enumerator(atPath: Self.repoContent)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
        var taken = 0, reports = 0
        for file in files {
            let text = try String(contentsOfFile: Self.repoContent + "/" + file, encoding: .utf8)
            guard case .success(let document) = FrontMatterDocument.split(text) else { continue }
            let took = Self.check(document.yaml, file)
            if file.hasPrefix("reports/") { reports += 1; if took { taken += 1 } }
        }
        // The fast path must really be the common one, or it proves nothing and saves nothing.
        #expect(reports > 40)
        #expect(taken * 10 >= reports * 9, "only \(taken) of \(reports) reports took the simple path")
    }

    @Test func takesTheSimpleFormsAndRefusesTheRest() {
        let taken = [
            "title: 市税务局新春走访\nunit: shuiwu\ndate: 2019-01-15\n",
            "title: \"东阿县司法局（第12688期）\"\nfigures:\n  participants: 10\n  hours: 199\n",
            "tags: [送温暖, 学雷锋]\ndraft: false\n",
            "tags: []\n",
            "tags:\n- 甲\n- 乙\nunit: a\n",
            "tags:\n  - 甲\n  - '乙'\n",
            "title: 'x y'\ncommunity:\nunit: a\n",
            "title: a b  \n\n\nunit: c\n",
            "figures:\n    a: 1\n    b:\n",
            "title: 100%完成\n",
        ]
        for text in taken { #expect(Self.check(text), "not taken: \(text.debugDescription)") }
        let refused = [
            "title: a # note\n", "# comment\ntitle: a\n", "title: \"a\\\"b\"\n", "title: 'it''s'\n", "title: a\n  continued\n",
            "title: \"two\n  lines\"\n", "title: |\n  block\n", "title: >\n  folded\n", "title: &x a\nother: *x\n", "title: !!str 1\n",
            "figures: {a: 1}\n", "tags: [a, b,]\n", "tags: [a, [b]]\n", "title: a: b\n", "title:a\n", "a: 1\na: 2\n",
            "\ttitle: a\n", "title: a\tb\n", "title: a\u{2028}b\n", "title: a\u{85}b\n", "title: \u{FEFF}a\n", "  title: a\n",
            "figures:\n  a:\n    b: 1\n", "tags:\n- [a]\n", "tags:\n-\n", "- a\n- b\n", "title: -a\n", "? a\n: b\n", "...\n", "%YAML 1.1\n",
            "title: a\n figures: 1\n", "figures:\n    a: 1\n  b: 2\n", "", "\n\n",
        ]
        for text in refused {
            let taken = SimpleFrontMatter.compose(text) != nil
            #expect(!taken, "taken but should not be: \(text.debugDescription)")
        }
    }

    /// Seeded random damage to real front matter: whatever the simple reader takes must read as Yams reads it.
    @Test func agreesWithYamsOnDamagedInput() {
        var rng = SplitMix(seed: 20261130)
        let bases = [
            "title: \"东阿县司法局开展志愿服务活动（第12688期）\"\nunit: u00067\ndate: 2018-03-09\nkind: volunteer\ncommunity: 李太屯社区\nfigures:\n  participants: 10\n  hours: 199\n",
            "title: 国网聊城供电“红马甲”学雷锋进社区\nunit: guowang-power\ndate: 2018-03-05\nkind: volunteer\nfigures:\n  participants: 24\n  hours: 96\ntags: [学雷锋, 用电安全]\n",
            "title: 'a'\ntags:\n- x\n- y\ndraft: true\n",
        ]
        let pieces = ["#", ":", ": ", " ", "  ", "\n", "\n  ", "-", "- ", "\"", "'", "[", "]", "{", "}", ",", "\\", "\t", "&", "*", "!",
                      "|", ">", "?", "%", "@", "`", "\u{2028}", "\u{85}", "\u{FEFF}", "é", "中", "\r", "~", "null", "..."]
        var taken = 0
        for round in 0..<4000 {
            var bytes = Array(bases[round % bases.count].unicodeScalars)
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(bytes.count + 1))
                switch rng.next() % 3 {
                case 0: bytes.insert(contentsOf: pieces[Int(rng.next() % UInt64(pieces.count))].unicodeScalars, at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = pieces[Int(rng.next() % UInt64(pieces.count))].unicodeScalars.first! }
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes)
            if Self.check(text, "round \(round)") { taken += 1 }
        }
        #expect(taken > 400, "the simple reader took only \(taken) of 4000 damaged texts: the comparison proved little")
    }
}

/// A small seeded generator, so a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
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
