import Foundation
import Testing
@testable import GongshiSite

/// The example site with its score sheets as Excel workbooks (written by openpyxl from
/// content/data/*.csv: Tests/GongshiContentTests/Fixtures/xlsx/example/) builds the same site.
@Suite struct XLSXSiteTests {
    @Test func workbooksInsteadOfCSVGiveTheSameSite() throws {
        try withTemporaryFolder { folder in
            let content = folder + "/content"
            try FileManager.default.copyItem(atPath: Repo.content, toPath: content)
            let workbooks = Repo.root + "/Tests/GongshiContentTests/Fixtures/xlsx/example/"
            for name in ["assessments", "duty", "volunteer", "deductions"] {
                try FileManager.default.removeItem(atPath: content + "/data/\(name).csv")
                try FileManager.default.copyItem(atPath: workbooks + name + ".xlsx", toPath: content + "/data/\(name).xlsx")
            }
            let fromCSV = build(output: folder + "/csv")
            let fromXLSX = build(content: content, output: folder + "/xlsx")
            #expect(fromCSV.succeeded)
            // No warnings from either, as from the example's CSV (ExampleSiteTests).
            #expect(fromCSV.diagnostics.isEmpty)
            #expect(fromXLSX.diagnostics.map(\.description) == [])
            let csv = tree(folder + "/csv"), xlsx = tree(folder + "/xlsx")
            #expect(csv.count > 50)
            #expect(csv.keys.sorted() == xlsx.keys.sorted())
            #expect(csv.keys.sorted().filter { csv[$0] != xlsx[$0] } == [])
        }
    }
}
