import MakegoodReports
import Testing

/// CSV cells are quoted as RFC 4180 says and never read as formulas by a spreadsheet (SPEC §6).
@Suite struct CSVTableTests {
    @Test("cells a spreadsheet would run as a formula are neutralised", arguments: [
        ("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""), ("+1+1", "'+1+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "\"'\tx\""), ("\r=1", "\"'\r=1\""), ("plain", "plain"), ("a,b", "\"a,b\""), ("line\nbreak", "\"line\nbreak\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""), ("日本語", "日本語"), ("", ""), ("1=1", "1=1"),
        ("a;b", "\"a;b\""), ("1;=2", "\"1;=2\""), ("tab\there", "\"tab\there\""),
    ])
    func cell(value: String, written: String) {
        #expect(CSVTable.cell(value) == written)
    }

    @Test func rows() {
        var table = CSVTable(header: ["a", "b"])
        table.append(["=1", "x"])
        #expect(table.text == "a,b\r\n'=1,x\r\n")
    }
}
