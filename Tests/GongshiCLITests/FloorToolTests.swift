import Foundation
import Testing

/// tools/floor/floor.c, the disk floor `scripts/bench --scale` compares cold builds with (issue 13):
/// it compiles, and copies a small tree (the example site's content, photos included) byte for byte.
@Suite struct FloorToolTests {
    @Test func theFloorProgramCopiesATreeByteForByte() throws {
        let scratch = Scratch()
        let floor = scratch.path + "/floor"
        let compile = try runTool("/usr/bin/env", ["cc", "-O2", "-Wall", "-Werror", "-o", floor, Repo.root + "/tools/floor/floor.c"])
        #expect(compile.status == 0, "\(compile.output)")
        let source = scratch.copyContent()
        try FileManager.default.createDirectory(atPath: source + "/empty/folder", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: source + "/empty/zero-bytes", contents: Data())
        let copy = try runTool(floor, [source, scratch.path + "/copy"])
        #expect(copy.status == 0, "\(copy.output)")
        let expected = tree(source)
        #expect(!expected.isEmpty)
        #expect(tree(scratch.path + "/copy") == expected)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/copy/empty/folder"))
        // floor: files F dirs D bytes B wall W user U sys S
        let words = copy.output.split(separator: " ").map(String.init)
        #expect(words.first == "floor:" && words.count == 13, "\(copy.output)")
        #expect(words.count == 13 && Int(words[2]) == expected.count)
        #expect(words.count == 13 && Int(words[6]) == expected.values.reduce(0) { $0 + $1.count })
        // A second copy into a folder that exists is refused, nothing is overwritten.
        let again = try runTool(floor, [source, scratch.path + "/copy"])
        #expect(again.status != 0)
    }

    private func runTool(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
