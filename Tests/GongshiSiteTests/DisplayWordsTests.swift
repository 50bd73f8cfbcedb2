import Testing
import GongshiModel
@testable import GongshiRender

/// The words pages show for the model's ids live in the render layer.
@Suite struct DisplayWordsTests {
    @Test func datesAreWrittenAsChineseDocumentsDo() {
        #expect(CalendarDate(iso: "2018-08-20")!.chinese == "2018年8月20日")
    }

    @Test func everyIdHasItsWords() {
        #expect(UnitStatus.allCases.map(\.label) == ["正常", "暂停", "撤销"])
        #expect(RectificationPlan.Slip.allCases.map(\.label) == ["白色责任单", "黄色责任单", "红色责任单"])
    }
}
