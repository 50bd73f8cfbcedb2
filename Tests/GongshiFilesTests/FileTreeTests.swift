import Foundation
import Testing
@testable import GongshiFiles
import GongshiModel

/// The walk lists and stats each folder in one C call (`gongshi_scan_folder`); what it
/// returns must be exactly the visible files, in a fixed order, with their stamps.
@Suite struct FileTreeTests {
    @Test func listsVisibleFilesInAFixedOrderWithTheirStamps() throws {
        let root = NSTemporaryDirectory() + "gongshi-walk-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        for folder in ["b", "a/深层", "a/.hidden-folder", "c"] {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for (file, text) in [("z.md", "z"), ("b/2.md", "22"), ("b/10.md", "1010"), ("a/深层/社区.md", "社区"), ("a/x.md", "x"),
                             ("a/.hidden.md", "h"), ("a/backup.md~", "~"), ("a/.hidden-folder/in.md", "in"), ("c/with space.md", "s")] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        try fm.createSymbolicLink(atPath: root + "/c/link.md", withDestinationPath: root + "/z.md")
        mkfifo(root + "/c/pipe", 0o644)
        var diagnostics = Diagnostics()
        let found = FileTree.stampedFiles(under: root, diagnostics: &diagnostics)
        // Each folder's files (names by bytes), then its subfolders in name order.
        #expect(found.map(\.path) == ["z.md", "a/x.md", "a/深层/社区.md", "b/10.md", "b/2.md", "c/link.md", "c/with space.md"])
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all)")
        let stamps = Dictionary(uniqueKeysWithValues: found.map { ($0.path, $0.stamp) })
        #expect(stamps["b/10.md"]?.size == 4)
        #expect(stamps["a/深层/社区.md"]?.size == 6)
        // A link to a file inside counts as that file (its stamp is the target's).
        #expect(stamps["c/link.md"] == stamps["z.md"])
        var info = stat()
        #expect(stat(root + "/b/2.md", &info) == 0)
        #expect(stamps["b/2.md"]?.inode == UInt64(info.st_ino))
        #expect(stamps["b/2.md"]?.modified == Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}

/// (issue 13) `serve` keeps the walk's listing and, told which paths changed, stats only those:
/// the result must be what a walk would list, or a refusal that makes the caller walk.
@Suite struct FileListingTests {
    let root = NSTemporaryDirectory() + "gongshi-listing-" + UUID().uuidString

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func walked() -> [String: FileStamp] {
        var diagnostics = Diagnostics()
        return Dictionary(uniqueKeysWithValues: FileTree.stampedFiles(under: root, diagnostics: &diagnostics).map { ($0.path, $0.stamp) })
    }

    func listing() throws -> FileListing {
        var diagnostics = Diagnostics()
        return try #require(FileListing.walk(root, diagnostics: &diagnostics).listing)
    }

    @Test func aFileChangedInPlaceOrReplacedIsStatAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("reports/a.md", "a")
        try write("reports/2018/b.md", "b")
        try write("site.yaml", "s")
        var kept = try listing()
        try write("reports/2018/b.md", "bb, longer")  // in place
        try FileManager.default.removeItem(atPath: root + "/site.yaml")
        try write("site.yaml", "new inode")  // replaced, as an editor's save may
        let updated1 = kept.update(["reports/2018/b.md", "site.yaml"])
        #expect(updated1)
        var diagnostics = Diagnostics()
        #expect(kept.files.map(\.path) == FileListing.walk(root, diagnostics: &diagnostics).files.map(\.path))
        #expect(Dictionary(uniqueKeysWithValues: kept.files.map { ($0.path, $0.stamp) }) == walked())
        #expect(kept.stamp(of: "reports/2018/b.md")?.size == 10)
        // A path that came and went (an editor's temporary file) changes nothing.
        let updated2 = kept.update(["reports/4913"])
        #expect(updated2)
        #expect(kept.files.count == 3)
    }

    @Test func whatAWalkMustDecideIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("reports/a.md", "a")
        try write("reports/2018/b.md", "b")
        let original = try listing()
        // A new file: where it goes in the order is the walk's to say.
        try write("reports/c.md", "c")
        var kept = original
        let updated3 = kept.update(["reports/c.md"])
        #expect(!updated3)
        try FileManager.default.removeItem(atPath: root + "/reports/c.md")
        // A file removed.
        try FileManager.default.removeItem(atPath: root + "/reports/a.md")
        kept = original
        let updated4 = kept.update(["reports/a.md"])
        #expect(!updated4)
        try write("reports/a.md", "a")
        // A folder moved away: only the folder's name is reported.
        try FileManager.default.moveItem(atPath: root + "/reports/2018", toPath: root + "/2018-moved")
        kept = original
        let updated5 = kept.update(["reports/2018"])
        #expect(!updated5)
        try FileManager.default.moveItem(atPath: root + "/2018-moved", toPath: root + "/reports/2018")
        // A folder's own change (its permissions), and a file turned into a link.
        kept = original
        let updated6 = kept.update(["reports"])
        #expect(!updated6)
        try FileManager.default.removeItem(atPath: root + "/reports/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/reports/a.md", withDestinationPath: root + "/reports/2018/b.md")
        kept = original
        let updated7 = kept.update(["reports/a.md"])
        #expect(!updated7)
    }

    @Test func aWalkThatMeetsALinkKeepsNoListing() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("reports/a.md", "a")
        try FileManager.default.createSymbolicLink(atPath: root + "/reports/b.md", withDestinationPath: root + "/reports/a.md")
        var diagnostics = Diagnostics()
        let walk = FileListing.walk(root, diagnostics: &diagnostics)
        #expect(walk.files.count == 2)
        // The link's stamp is its target's, whose changes are reported under the target's path.
        #expect(walk.listing == nil)
    }
}

