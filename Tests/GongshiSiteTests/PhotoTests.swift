import CGongshiVipsABI
import Foundation
import GongshiImages
import GongshiModel
import Testing
@testable import GongshiSite

/// (issue 12) Photos fit for phones: every published photo is resized (a phone size and a
/// large size, never enlarged) and carries no metadata; the pages say so in `srcset`,
/// `width` and `height`; a file that can't be published stops the build with a located
/// message; a cached build encodes nothing. The fixtures are real files with EXIF GPS
/// positions and camera serials (`Fixtures/photos/make.py`).
@Suite struct PhotoTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/photos/"

    static func fixture(_ name: String) -> Data { FileManager.default.contents(atPath: fixtures + name)! }

    // MARK: The library

    /// name, published format, (width, height) of each size.
    static let expected: [(String, PhotoFormat, [(Int, Int)])] = [
        ("gps.jpg", .jpeg, [(640, 480), (1280, 960)]),
        // Stored 1200 × 900 with EXIF orientation 6: upright it is 900 × 1200.
        ("sideways.jpg", .jpeg, [(640, 853), (900, 1200)]),
        ("small.jpg", .jpeg, [(480, 320)]),
        ("transparent.png", .png, [(640, 427), (900, 600)]),
        ("opaque.png", .jpeg, [(640, 448), (1000, 700)]),
        ("phone.webp", .jpeg, [(640, 457), (1280, 914)]),
        ("iphone.heic", .jpeg, [(640, 427), (1280, 853)]),
        ("moving.gif", .gif, [(640, 400), (800, 500)]),
    ]

    /// CGongshiVips declares the libvips it opens with dlopen itself; CGongshiVipsABI compiled
    /// those declarations against the real headers (a difference fails the build of the tests).
    @Test func theLibvipsDeclarationsMatchTheLibrary() {
        #expect(gongshi_vips_abi_checked() == 1, "libvips \(String(cString: gongshi_vips_abi_header_version())) headers, another library")
        #expect(Photos.libraryVersion.contains("libvips.so.42."), "\(Photos.libraryVersion)")
    }

    @Test func theFixturesCarryWhatAPhoneWrites() {
        // Guards the scan below: it does find metadata where there is some.
        #expect(MetadataScan.blocks(Self.fixture("gps.jpg")).contains("JPEG APP1 Exif"))
        #expect(MetadataScan.blocks(Self.fixture("gps.jpg")).contains("JPEG COM"))
        #expect(MetadataScan.blocks(Self.fixture("transparent.png")).contains("PNG eXIf"))
        #expect(MetadataScan.blocks(Self.fixture("moving.gif")).contains("GIF comment"))
        for name in ["gps.jpg", "phone.webp", "iphone.heic", "transparent.png"] {
            #expect(MetadataScan.telltalesIn(Self.fixture(name)).contains("SERIAL"), "\(name)")
            #expect(Photos.fields([UInt8](Self.fixture(name)))?.contains("exif-data") == true, "\(name)")
        }
        #expect(Photos.fields([UInt8](Self.fixture("gps.jpg")))?.contains { $0.hasPrefix("exif-ifd3-GPSLatitude") } == true)
    }

    @Test(arguments: expected.map(\.0))
    func everySizeIsRightAndCarriesNoMetadata(name: String) throws {
        let (_, format, sizes) = Self.expected.first { $0.0 == name }!
        let encoded = try Photos.encode([UInt8](Self.fixture(name)), settings: .standard).get()
        #expect(encoded.map { [$0.width, $0.height] } == sizes.map { [$0.0, $0.1] })
        for size in encoded {
            #expect(size.format == format)
            let data = Data(size.bytes)
            #expect(MetadataScan.blocks(data) == [], "\(name) at \(size.width) px")
            #expect(MetadataScan.telltalesIn(data) == [], "\(name) at \(size.width) px")
            let fields = try #require(Photos.fields(size.bytes), "\(name) at \(size.width) px can't be read back")
            let metadata = fields.filter { field in
                ["exif", "xmp", "iptc", "icc", "gif-comment", "png-comment", "orientation", "jpeg-thumbnail"].contains { field.hasPrefix($0) }
            }
            #expect(metadata == [], "\(name) at \(size.width) px")
            // Read back, it is what it says.
            let info = try Photos.probe(size.bytes).get()
            #expect(info.width == size.width && info.height == size.height)
        }
        if name == "moving.gif" {
            #expect(try Photos.probe(encoded[0].bytes).get().frames == 3, "an animated GIF keeps its frames")
        }
    }

    @Test func filesThatCannotBePublishedSaySo() {
        func failure(_ name: String) -> PhotoFailure? {
            if case .failure(let failure) = Photos.encode([UInt8](Self.fixture(name)), settings: .standard) { return failure }
            return nil
        }
        #expect(failure("drawing.svg") == .svg)
        #expect(failure("scan.tif") == .unsupported)
        #expect(failure("notaphoto.jpg") == .unknown)
        guard case .broken = failure("truncated.jpg") else { Issue.record("a truncated JPEG was published"); return }
        #expect(PhotoFailure.unknown.message.hasPrefix("照片格式无法识别：请在手机或电脑上另存为 JPG 后替换"))
        #expect(PhotoFailure.svg.english.contains("scripts"))
    }

    @Test func theSizesFollowTheSettings() {
        #expect(PhotoSettings.standard.widths(forSourceWidth: 4032) == [640, 1280])
        #expect(PhotoSettings.standard.widths(forSourceWidth: 1000) == [640, 1000])
        #expect(PhotoSettings.standard.widths(forSourceWidth: 640) == [640])
        #expect(PhotoSettings.standard.widths(forSourceWidth: 300) == [300])
        #expect(PhotoStep.sizeName("IMG_0817.HEIC", width: 640, format: .jpeg) == "IMG_0817-640.jpg")
        #expect(PhotoStep.sizeName("现场 照片.jpg", width: 1280, format: .jpeg) == "现场 照片-1280.jpg")
        #expect(PhotoStep.sizeName("images/a.b.png", width: 300, format: .png) == "images/a.b-300.png")
        #expect(PhotoStep.sizeName(".hidden", width: 300, format: .png) == ".hidden-300.png")
    }

    // MARK: A build

    final class Site {
        let folder = temporaryFolder()
        var content: String { folder + "/content" }
        var output: String { folder + "/public" }
        let bundle = "reports/2018/08/guowang-yongdian-paicha"

        init() {
            try! FileManager.default.copyItem(atPath: Repo.content, toPath: content)
        }

        func copy(_ fixture: String, as name: String) {
            let target = content + "/" + bundle + "/" + name
            try? FileManager.default.removeItem(atPath: target)
            try! FileManager.default.copyItem(atPath: PhotoTests.fixtures + fixture, toPath: target)
        }

        func append(_ markdown: String) {
            let path = content + "/" + bundle + "/index.md"
            let text = try! String(contentsOfFile: path, encoding: .utf8)
            try! (text + "\n" + markdown + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        }

        func build(incremental: Bool = true, output: String? = nil) -> BuildReport {
            SiteBuilder.build(BuildOptions(content: content, templates: Repo.templates, output: output ?? self.output,
                                           today: CalendarDate(iso: "2026-11-23")!, incremental: incremental))
        }

        var page: String { text(output, bundle + "/index.html") }
    }

    @Test func aBuildPublishesTheSizesAndPagesPointAtThem() throws {
        let site = Site()
        site.copy("gps.jpg", as: "现场 照片.jpg")
        site.copy("transparent.png", as: "logo.png")
        site.copy("moving.gif", as: "moving.gif")
        site.append("![现场](<现场 照片.jpg>)\n\n![标志](logo.png \"单位标志\")\n\n![动图](moving.gif)\n\n[看原图](<现场 照片.jpg>)")
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.map(\.description) == [])
        let files = tree(site.output)
        let published = files.keys.filter { $0.hasPrefix(site.bundle + "/") }.map { String($0.dropFirst(site.bundle.count + 1)) }.sorted()
        // The example's own photo.jpg and IMG_0817.heic, and the three added: sizes only, no original.
        #expect(published == ["IMG_0817-1280.jpg", "IMG_0817-640.jpg", "index.html", "logo-640.png", "logo-900.png",
                              "moving-640.gif", "moving-800.gif", "photo-1280.jpg", "photo-640.jpg",
                              "现场 照片-1280.jpg", "现场 照片-640.jpg"])
        let page = site.page
        let encoded = "%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87"
        #expect(page.contains("<img src=\"\(encoded)-640.jpg\" srcset=\"\(encoded)-640.jpg 640w, \(encoded)-1280.jpg 1280w\" "
            + "sizes=\"(max-width: 672px) calc(100vw - 2rem), 640px\" width=\"640\" height=\"480\" alt=\"现场\" loading=\"lazy\" decoding=\"async\" />"))
        #expect(page.contains("<img src=\"logo-640.png\" srcset=\"logo-640.png 640w, logo-900.png 900w\" "
            + "sizes=\"(max-width: 672px) calc(100vw - 2rem), 640px\" width=\"640\" height=\"427\" alt=\"标志\" title=\"单位标志\" loading=\"lazy\" decoding=\"async\" />"))
        #expect(page.contains("<a href=\"\(encoded)-1280.jpg\">看原图</a>"))
        #expect(!page.contains(".heic") && !page.contains("src=\"photo.jpg\""))
        // Every image the site publishes: no metadata.
        for (path, data) in files where [".jpg", ".png", ".gif"].contains(where: { path.hasSuffix($0) }) {
            #expect(MetadataScan.blocks(data) == [], "\(path)")
            #expect(MetadataScan.telltalesIn(data) == [], "\(path)")
        }
        // What the sizes are, read back.
        let large = try Photos.probe([UInt8](files[site.bundle + "/现场 照片-1280.jpg"]!)).get()
        #expect((large.width, large.height) == (1280, 960))
    }

    @Test func aCachedBuildEncodesNothing() {
        let site = Site()
        site.copy("gps.jpg", as: "second.jpg")
        site.append("![第二张](second.jpg)")
        let first = site.build()
        #expect(first.succeeded, "\(first.diagnostics)")
        #expect(first.photosEncoded == 3 && first.photosReused == 0)
        let again = site.build()
        #expect(again.photosEncoded == 0 && again.photosReused == 3)
        #expect((again.stats?.written ?? -1) == 0)
        // Touched (same bytes, new stamp): read and hashed, not encoded.
        let path = site.content + "/" + site.bundle + "/second.jpg"
        try! FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        let touched = site.build()
        #expect(touched.photosEncoded == 0 && touched.photosReused == 3)
        // The same bytes under another name: encoded once already.
        site.copy("gps.jpg", as: "third.jpg")
        site.append("![第三张](third.jpg)")
        let copied = site.build()
        #expect(copied.photosEncoded == 0 && copied.photosReused == 4)
        // Replaced by another photo: that one is encoded, and the page shows its size.
        site.copy("sideways.jpg", as: "second.jpg")
        let replaced = site.build()
        #expect(replaced.photosEncoded == 1 && replaced.photosReused == 3)
        #expect(site.page.contains("<img src=\"second-640.jpg\" srcset=\"second-640.jpg 640w, second-900.jpg 900w\""))
        #expect(site.page.contains("width=\"640\" height=\"853\""))
        // The incremental site is the clean one.
        let clean = site.folder + "/clean/public"
        #expect(site.build(incremental: false, output: clean).photosEncoded == 4)
        #expect(tree(site.output) == tree(clean))
        // Sizes no photo uses any more leave the cache.
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: site.folder + "/.public.gongshi-cache/photos")) ?? []
        #expect(cached.count == 8, "\(cached.sorted())")  // photo.jpg, IMG_0817.heic, gps.jpg (third.jpg), sideways.jpg: 2 sizes each
        // A damaged cache file is never published: the photo is encoded again.
        for name in cached { try! Data("garbage".utf8).write(to: URL(fileURLWithPath: site.folder + "/.public.gongshi-cache/photos/" + name)) }
        var problems = Diagnostics()
        let again2 = PhotoStep.run(assets: [BundleAsset(sourcePath: site.bundle + "/third.jpg", name: "third.jpg")], stamps: [:],
                                   content: site.content, cacheFolder: site.folder + "/.public.gongshi-cache", incremental: true,
                                   needed: { _, _ in true }, diagnostics: &problems)
        #expect(again2.encoded == 1 && again2.reused == 0 && !problems.hasErrors)
    }

    @Test func aNoticesPhotoIsResizedAndItsPageFollowsAChange() throws {
        let site = Site()
        let notice = "notices/2018/bangbao-shequ-lukou-tongzhi"
        try FileManager.default.createDirectory(atPath: site.content + "/" + notice, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: site.content + "/" + notice + ".md", toPath: site.content + "/" + notice + "/index.md")
        try FileManager.default.copyItem(atPath: Self.fixtures + "phone.webp", toPath: site.content + "/" + notice + "/xianchang.webp")
        let index = site.content + "/" + notice + "/index.md"
        try (String(contentsOfFile: index, encoding: .utf8) + "\n![路口执勤现场](xianchang.webp)\n").write(toFile: index, atomically: false, encoding: .utf8)
        #expect(site.build().succeeded)
        var page = text(site.output, notice + "/index.html")
        #expect(page.contains("<img src=\"xianchang-640.jpg\" srcset=\"xianchang-640.jpg 640w, xianchang-1280.jpg 1280w\""))
        #expect(page.contains("width=\"640\" height=\"457\""))
        #expect(tree(site.output)[notice + "/xianchang.webp"] == nil)
        // Another photo under the same name: the notice's page shows its size; the site is the clean one.
        try FileManager.default.removeItem(atPath: site.content + "/" + notice + "/xianchang.webp")
        try FileManager.default.copyItem(atPath: Self.fixtures + "sideways.jpg", toPath: site.content + "/" + notice + "/xianchang.webp")
        #expect(site.build().photosEncoded == 1)
        page = text(site.output, notice + "/index.html")
        #expect(page.contains("srcset=\"xianchang-640.jpg 640w, xianchang-900.jpg 900w\"") && page.contains("width=\"640\" height=\"853\""))
        let clean = site.folder + "/clean/public"
        #expect(site.build(incremental: false, output: clean).succeeded)
        #expect(tree(site.output) == tree(clean))
    }

    @Test func aPhotoThatCannotBeReadStopsTheBuildAtTheFile() throws {
        let site = Site()
        #expect(site.build().succeeded)
        let before = tree(site.output)
        site.copy("notaphoto.jpg", as: "bad.jpg")
        site.copy("drawing.svg", as: "drawing.svg")
        site.copy("truncated.jpg", as: "cut.jpg")
        site.append("![坏的](bad.jpg)\n\n![图](drawing.svg)\n\n![没传完](cut.jpg)")
        let report = site.build()
        #expect(!report.succeeded)
        let lines = report.diagnostics.map(\.description)
        let folder = site.bundle
        #expect(lines.contains("\(folder)/bad.jpg:1:1: error: 照片格式无法识别：请在手机或电脑上另存为 JPG 后替换（能用的格式：JPG、PNG、WebP、HEIC、GIF）"))
        #expect(lines.contains("\(folder)/drawing.svg:1:1: error: 不发布 SVG 图片：SVG 文件里可以带脚本，会在读者的浏览器里运行；请另存为 PNG 或 JPG 后替换"))
        #expect(lines.contains("\(folder)/cut.jpg:1:1: error: 照片文件已损坏或不完整（可能没有传完）：请从手机或相机重新导出，或另存为 JPG 后替换"))
        #expect(report.diagnostics.first { $0.location.path.hasSuffix("bad.jpg") }?.description(in: .english)
            .contains("photo format not recognised") == true)
        #expect(tree(site.output) == before, "a failed build left the site as it was")
        // check says the same (what it can tell from the headers), writing nothing.
        let checked = SiteBuilder.check(BuildOptions(content: site.content, templates: Repo.templates, output: site.folder + "/unused",
                                                     today: CalendarDate(iso: "2026-11-23")!))
        let checkedLines = checked.diagnostics.map(\.description)
        #expect(checkedLines.contains { $0.hasPrefix("\(folder)/bad.jpg:1:1: error: 照片格式无法识别") })
        #expect(checkedLines.contains { $0.hasPrefix("\(folder)/drawing.svg:1:1: error: 不发布 SVG 图片") })
    }
}
