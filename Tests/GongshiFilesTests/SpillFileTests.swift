import Foundation
import Testing
import GongshiFiles
import GongshiModel

/// The build puts report bodies aside in a spill file (`ReportBodies`): what goes in must come back
/// byte for byte, from any thread, and the file must leave nothing behind in its folder.
@Suite struct SpillFileTests {
    let root = NSTemporaryDirectory() + "gongshi-spill-" + UUID().uuidString

    @Test func bytesComeBackAsWrittenFromEveryThreadAndNoFileIsLeft() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let spill = try #require(SpillFile(folder: root + "/cache"))
        let texts = (0..<500).map { i in i % 50 == 0 ? "" : String(repeating: "报道正文 \(i)，", count: i % 37 + 1) }
        let places = Parallel.map(texts) { text -> SpillFile.Place? in
            var text = text
            return text.withUTF8 { spill.append(UnsafeRawBufferPointer($0)) }
        }
        for (text, place) in zip(texts, places) {
            let place = try #require(place)
            #expect(place.count == text.utf8.count)
            #expect(spill.read(place) == Array(text.utf8))
        }
        // Places never overlap: the threads reserved their ranges one at a time.
        let ranges = places.compactMap { $0 }.filter { $0.count > 0 }.map { $0.offset..<($0.offset + $0.count) }.sorted { $0.lowerBound < $1.lowerBound }
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound <= b.lowerBound) }
        // The file has no name: the folder it was made in stays empty.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/cache").isEmpty)
    }

    @Test func aFolderThatCannotBeMadeGivesNoSpill() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/file", contents: Data("x".utf8))
        #expect(SpillFile(folder: root + "/file/cache") == nil)
    }
}
