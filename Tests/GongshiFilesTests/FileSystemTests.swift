import Foundation
import Testing
import GongshiFiles

/// What the writer relies on: `isDirectory` follows links and `kind(of:)` does not,
/// a hard-linked file is replaced rather than truncated, links are never written through.
@Suite struct FileSystemTests {
    let root = NSTemporaryDirectory() + "gongshi-fs-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) }

    @Test func isDirectoryFollowsLinksAndKindDoesNot() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/folder", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/folder")
        try fm.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: root + "/nothing")
        #expect(FileTree.isDirectory(root + "/folder"))
        #expect(FileTree.isDirectory(root + "/link"))
        #expect(FileTree.kind(of: root + "/folder") == .folder)
        #expect(FileTree.kind(of: root + "/link") == .link)
        #expect(FileTree.kind(of: root + "/nothing") == nil)
        #expect(FileTree.exists(root + "/dangling") && !FileTree.isDirectory(root + "/dangling"))
        // A link in the way is made a folder of its own, not followed.
        #expect(throws: FileError(root + "/link", EEXIST)) { try FileSystem.makeFolderUnlessPresent(root + "/link") }
        #expect(try FileSystem.makeFolderUnlessPresent(root + "/new/inner"))
        #expect(try !FileSystem.makeFolderUnlessPresent(root + "/new/inner"))
    }

    @Test func linkedFilesAreReplacedNeverTruncatedAndLinksNeverWrittenThrough() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileSystem.replace(root + "/a/page.html", Array("old".utf8))
        try FileSystem.link(root + "/a/page.html", root + "/b/page.html")
        try FileSystem.replace(root + "/b/page.html", Array("new".utf8))
        #expect(FileTree.read(root + "/a/page.html") == Array("old".utf8))
        #expect(FileTree.read(root + "/b/page.html") == Array("new".utf8))
        try FileSystem.link(root + "/a/page.html", root + "/c/page.html")
        #expect(try FileSystem.writeIfChanged(root + "/c/page.html", Array("old".utf8)) == false)
        #expect(try FileSystem.writeIfChanged(root + "/c/page.html", Array("changed".utf8)))
        #expect(FileTree.read(root + "/a/page.html") == Array("old".utf8))
        try FileManager.default.createSymbolicLink(atPath: root + "/d.html", withDestinationPath: root + "/a/page.html")
        try FileSystem.replace(root + "/d.html", Array("own".utf8))
        #expect(FileTree.kind(of: root + "/d.html") == .file)
        #expect(FileTree.read(root + "/a/page.html") == Array("old".utf8))
        // removeAll removes a link to a folder, never what is behind it.
        try FileManager.default.createSymbolicLink(atPath: root + "/b/out", withDestinationPath: root + "/a")
        #expect(try FileSystem.removeAll(under: root + "/b", except: []) == 2)
        #expect(FileTree.read(root + "/a/page.html") == Array("old".utf8))
        #expect(FileTree.names(in: root + "/b") == [])
    }
}
