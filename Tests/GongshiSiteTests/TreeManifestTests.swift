import Testing
@testable import GongshiSite
import GongshiModel
import GongshiRender

/// A tree's manifest is how the next build knows what the tree holds without reading it: what is
/// written must read back exactly, whether its entries came from a dictionary or (a fresh tree's)
/// straight from the build's records, and across the megabyte pieces it is written in.
@Suite struct TreeManifestTests {
    @Test func entriesAndRecordsReadBackAsWritten() throws {
        let folder = temporaryFolder()
        var manifest = TreeManifest(identity: "7-1.5")
        manifest.kept = KeptRecord(recipe: [9, 8, 7], hash: 42)
        let shared = manifest.intern([1, 2, 3])
        manifest.entries["index.html"] = .init(hash: 1, fingerprint: 2, recipe: shared)
        // Enough records that the encoding passes a megabyte piece more than once.
        var records: [OutputWriter.Publication.Record] = []
        for n in 0..<40_000 {
            let recipe: [UInt8] = n % 3 == 0 ? [] : [1, 2, 3, UInt8(n % 5)]
            let hash = UInt64(n) &* 0x9E37_79B9
            records.append(.init(path: "reports/2018/\(n % 12)/报道-\(n)/index.html", hash: hash, fingerprint: UInt64(n) | 1,
                                 recipe: recipe, made: n % 2 == 0))
        }
        let recipes = records.map { manifest.intern($0.recipe) }
        let path = folder + "/" + TreeManifest.fileName(manifest.identity)
        try manifest.write(to: path, records: records, recipeIndices: recipes)

        let read = try #require(TreeManifest.read(path, identity: "7-1.5"))
        #expect(read.kept.hash == 42)
        #expect(read.kept.recipe == [9, 8, 7])
        #expect(read.entries.count == records.count + 1)
        #expect(read.previous("index.html")?.recipe == [1, 2, 3])
        for (n, record) in records.enumerated() where n % 997 == 0 || n == records.count - 1 {
            let file = try #require(read.previous(record.path))
            #expect(file.hash == record.hash)
            #expect(file.fingerprint == record.fingerprint)
            #expect(file.recipe == record.recipe)
        }
        // Another tree's manifest is not taken for this one's.
        #expect(TreeManifest.read(path, identity: "8-1.5") == nil)
    }
}
