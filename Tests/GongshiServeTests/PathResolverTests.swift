import Foundation
import Testing
import GongshiFiles
@testable import GongshiServe

@Suite struct PathResolverTests {
    final class Site {
        let root = NSTemporaryDirectory() + "gongshi-serve-" + UUID().uuidString
        let outside = NSTemporaryDirectory() + "gongshi-outside-" + UUID().uuidString
        var output: String { root + "/public" }
        init() {
            let fm = FileManager.default
            try! fm.createDirectory(atPath: output + "/units/shuiwu", withIntermediateDirectories: true)
            try! fm.createDirectory(atPath: output + "/communities/新世纪社区", withIntermediateDirectories: true)
            try! fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
            _ = fm.createFile(atPath: output + "/index.html", contents: Data("<p>home</p></body>".utf8))
            _ = fm.createFile(atPath: output + "/units/shuiwu/index.html", contents: Data("unit".utf8))
            _ = fm.createFile(atPath: output + "/communities/新世纪社区/index.html", contents: Data("community".utf8))
            _ = fm.createFile(atPath: outside + "/secret.txt", contents: Data("secret".utf8))
            _ = fm.createFile(atPath: root + "/private.txt", contents: Data("private".utf8))
            try! fm.createSymbolicLink(atPath: output + "/leak.txt", withDestinationPath: outside + "/secret.txt")
            try! fm.createSymbolicLink(atPath: output + "/leakdir", withDestinationPath: outside)
        }
        deinit {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: outside)
        }
        func resolve(_ target: String) -> PathResolver.Resolution { PathResolver.resolve(target, root: output) }
        var real: String { FileTree.realPath(output)! }
    }

    @Test func pagesResolveToTheirFiles() {
        let site = Site()
        #expect(site.resolve("/") == .file(site.real + "/index.html"))
        #expect(site.resolve("/units/shuiwu/") == .file(site.real + "/units/shuiwu/index.html"))
        #expect(site.resolve("/units/shuiwu/index.html?x=1") == .file(site.real + "/units/shuiwu/index.html"))
        #expect(site.resolve("/units/shuiwu") == .redirect("/units/shuiwu/"))
        #expect(site.resolve("/communities/%E6%96%B0%E4%B8%96%E7%BA%AA%E7%A4%BE%E5%8C%BA/") == .file(site.real + "/communities/新世纪社区/index.html"))
        #expect(site.resolve("/nothing-here.html") == .notFound)
    }

    @Test func nothingOutsideTheOutputFolderIsServed() {
        let site = Site()
        for target in ["/../private.txt", "/%2e%2e/private.txt", "/%2E%2E/%2E%2E/etc/passwd", "/units/..%2f..%2fprivate.txt",
                       "/a/%2F..%2F..", "/units/../../private.txt", "/./index.html", "/..\\private.txt", "/%00", "/%zz",
                       "/leak.txt", "/leakdir/secret.txt", "relative"] {
            #expect(site.resolve(target) == .forbidden, "\(target)")
        }
    }

    @Test func theReloadScriptIsAddedBeforeTheBodyEnds() {
        let page = Array("<html><body><p>内容</p></body></html>".utf8)
        let served = String(decoding: SiteServer.injectReload(page, generation: 7), as: UTF8.self)
        #expect(served == "<html><body><p>内容</p>\(SiteServer.reloadScript(generation: 7))</body></html>")
        #expect(served.contains("e.data!==\"7\""), "the page must know which build it came from")
    }
}
