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
