import Testing
@testable import GongshiModel

@Suite struct ExactDecimalTests {
    func d(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text)! }

    @Test func parsesOnlyPlainDecimals() {
        #expect(d("92.5").description == "92.5")
        #expect(d("90.0").description == "90.0")
        #expect(d("-5").description == "-5")
        #expect(d("0.05").description == "0.05")
        for bad in ["", "1e3", "1,000", " 1", "1.", ".5", "--1", "1.2.3", "abc", "１２"] {
            #expect(ExactDecimal(parsing: bad) == nil, "\(bad) must not parse")
        }
    }

    @Test func roundsHalfUpWhereBinaryFloatingPointDoesNot() {
        // 87.965 is 87.96499999... as a Double, which rounds down to 87.96.
        #expect(d("87.965").rounded(toScale: 2).description == "87.97")
        #expect(d("89.825").rounded(toScale: 2).description == "89.83")
        #expect(d("1.005").rounded(toScale: 2).description == "1.01")
        #expect(d("2.5").rounded(toScale: 0).description == "3")
        #expect(d("2.49").rounded(toScale: 0).description == "2")
    }

    @Test func quotientRoundsHalfUp() {
        // (30*88.75 + 30*97 + 40*85.25) / 100 = 89.825 -> 89.83
        let total = ExactDecimal.quotient(d("30") * d("88.75") + d("30") * d("97") + d("40") * d("85.25"), d("100"), scale: 2)
        #expect(total?.description == "89.83")
        #expect(ExactDecimal.quotient(d("1"), d("3"), scale: 2)?.description == "0.33")
        #expect(ExactDecimal.quotient(d("2"), d("3"), scale: 2)?.description == "0.67")
        #expect(ExactDecimal.quotient(d("1"), d("0"), scale: 2) == nil)
    }

    @Test func comparesAcrossScales() {
        #expect(d("90.0") == d("90"))
        #expect(d("94.15") > d("94.1"))
        #expect(Set([d("1.50"), d("1.5")]).count == 1)
        #expect(d("102").clamped(.zero, d("100")).description == "100")
        #expect(d("-3").clamped(.zero, d("100")).description == "0")
    }

    @Test func groupsThousands() {
        #expect(d("50000").grouped == "50,000")
        #expect(d("1500.0").grouped == "1,500.0")
        #expect(d("999").grouped == "999")
        #expect(d("1234567.25").grouped == "1,234,567.25")
    }
}

@Suite struct CalendarDateTests {
    @Test func rejectsImpossibleDays() {
        #expect(CalendarDate(iso: "2018-02-30") == nil)
        #expect(CalendarDate(iso: "2018-02-29") == nil)
        #expect(CalendarDate(iso: "2020-02-29") != nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
        #expect(CalendarDate(iso: "2018-13-01") == nil)
        #expect(CalendarDate(iso: "2018-6-1") == nil)
        #expect(CalendarDate(iso: "2018-06-01T00:00") == nil)
    }

    @Test func formatsAsISODates() {
        #expect(CalendarDate(iso: "2018-08-20")!.description == "2018-08-20")
    }
}
