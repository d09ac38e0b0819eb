import HeadroomReport
import Testing

/// ``TextTable`` layout and CSV quoting.
@Suite("TextTable")
struct TextTableTests {
    @Test("first column left-aligned, the others right-aligned, columns two spaces apart, dashes under headers")
    func alignment() {
        let table = TextTable(
            title: "Title line", headers: ["name", "MW", "spend"],
            rows: [["a", "1", "$1.0M"], ["longer name", "12,345", "$12.3B"]])
        let expected = """
            Title line
            name             MW   spend
            -----------  ------  ------
            a                 1   $1.0M
            longer name  12,345  $12.3B

            """
        #expect(table.rendered() == expected)
    }

    @Test("every line of a table has the same width; no title means the header comes first")
    func widths() {
        let table = TextTable(
            headers: ["period", "demand MW", "Δ p10"], rows: [["2026", "1", "-3"], ["2027-Q1", "1,234,567", "0"]])
        let lines = table.rendered().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first?.hasPrefix("period") == true)
        #expect(Set(lines.map(\.count)).count == 1, "\(lines)")
        #expect(lines.count == 4)
        #expect(table.rendered().hasSuffix("\n"))
    }

    @Test("a table without rows still has its header and rule")
    func empty() {
        #expect(TextTable(headers: ["a", "bb"]).rendered() == "a  bb\n-  --\n")
    }

    @Test("short rows render without padding the missing cells")
    func shortRows() {
        #expect(TextTable(headers: ["a", "b"], rows: [["x"]]).rendered() == "a  b\n-  -\nx\n")
    }

    @Test("CSV: plain cells are left alone; commas, quotes and newlines are quoted, quotes doubled")
    func csvQuoting() {
        let table = TextTable(
            title: "titles are not part of the CSV", headers: ["name", "note, with comma"],
            rows: [
                ["plain", "1.5"],
                ["a,b", #"say "hi""#],
                ["line\nbreak", #""""#],
                ["", " spaces kept "],
            ])
        let explicit =
            "name,\"note, with comma\"\n"
            + "plain,1.5\n"
            + "\"a,b\",\"say \"\"hi\"\"\"\n"
            + "\"line\nbreak\",\"\"\"\"\"\"\n"
            + ", spaces kept \n"
        #expect(table.csv() == explicit)
    }

    @Test("CSV: a cell containing CRLF or a lone CR is quoted")
    func csvCarriageReturn() {
        // RFC 4180: fields containing line breaks (CRLF) must be enclosed in double quotes. In Swift "\r\n" is a
        // single Character, so a check for the Character "\n" does not see it.
        #expect(TextTable(headers: ["h"], rows: [["a\r\nb"]]).csv() == "h\n\"a\r\nb\"\n")
        #expect(TextTable(headers: ["h"], rows: [["a\rb"]]).csv() == "h\n\"a\rb\"\n")
    }

    @Test("CSV has one line per row plus the header")
    func csvLineCount() {
        let rows = (0..<17).map { ["\($0)", "x"] }
        let csv = TextTable(headers: ["i", "x"], rows: rows).csv()
        #expect(csv.split(separator: "\n").count == 18)
        #expect(csv.hasPrefix("i,x\n0,x\n"))
    }
}

/// Number formatting for reports.
@Suite("Format")
struct FormatTests {
    @Test("grouped: thousands separators, fixed decimals, rounding half away from zero")
    func grouped() {
        #expect(Format.grouped(0) == "0")
        #expect(Format.grouped(7) == "7")
        #expect(Format.grouped(999) == "999")
        #expect(Format.grouped(1000) == "1,000")
        #expect(Format.grouped(1_234_567) == "1,234,567")
        #expect(Format.grouped(999.5) == "1,000")
        #expect(Format.grouped(0.4) == "0")
        #expect(Format.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(Format.grouped(12.3456, decimals: 1) == "12.3")
        #expect(Format.grouped(0.05, decimals: 1) == "0.1")
        #expect(Format.grouped(1.5, decimals: 3) == "1.500")
        #expect(Format.grouped(0.007, decimals: 2) == "0.01")
        #expect(Format.grouped(0.0001, decimals: 3) == "0.000")
        #expect(Format.grouped(9.999, decimals: 2) == "10.00")
        #expect(Format.grouped(123_456_789_012) == "123,456,789,012")
    }

    @Test("grouped: negative numbers keep their sign unless they round to zero")
    func groupedNegative() {
        #expect(Format.grouped(-5) == "-5")
        #expect(Format.grouped(-1234.5, decimals: 1) == "-1,234.5")
        #expect(Format.grouped(-1_000_000) == "-1,000,000")
        #expect(Format.grouped(-0.04, decimals: 1) == "0.0")
        #expect(Format.grouped(-0.4) == "0")
        #expect(Format.grouped(-0.0) == "0")
        #expect(Format.grouped(-0.06, decimals: 1) == "-0.1")
    }

    @Test("grouped: NaN is n/a, infinities are ∞ and -∞")
    func groupedNonFinite() {
        #expect(Format.grouped(.nan) == "n/a")
        #expect(Format.grouped(.nan, decimals: 2) == "n/a")
        #expect(Format.grouped(.infinity) == "∞")
        #expect(Format.grouped(-.infinity) == "-∞")
        #expect(Format.megawatts(.nan) == "n/a")
    }

    @Test("megawatts: grouped with no decimals")
    func megawatts() {
        #expect(Format.megawatts(1234.4) == "1,234")
        #expect(Format.megawatts(83.333) == "83")
        #expect(Format.megawatts(-12.6) == "-13")
    }

    @Test("usd: dollars below $1M, then $M and $B with one decimal, $T with two")
    func usd() {
        #expect(Format.usd(0) == "$0")
        #expect(Format.usd(999) == "$999")
        #expect(Format.usd(12_345) == "$12,345")
        #expect(Format.usd(899_403.4) == "$899,403")
        #expect(Format.usd(1e6) == "$1.0M")
        #expect(Format.usd(450e6) == "$450.0M")
        #expect(Format.usd(1.46e6) == "$1.5M")
        #expect(Format.usd(1e9) == "$1.0B")
        #expect(Format.usd(12.34e9) == "$12.3B")
        #expect(Format.usd(433.5e9) == "$433.5B")
        #expect(Format.usd(1.2e12) == "$1.20T")
        #expect(Format.usd(12_345e12) == "$12,345.00T")
    }

    @Test("usd: negative amounts put the sign before the dollar; NaN and infinities are n/a")
    func usdNegative() {
        #expect(Format.usd(-5e9) == "-$5.0B")
        #expect(Format.usd(-1e7) == "-$10.0M")
        #expect(Format.usd(-250) == "-$250")
        #expect(Format.usd(-3.25e12) == "-$3.25T")
        #expect(Format.usd(.nan) == "n/a")
        #expect(Format.usd(.infinity) == "n/a")
        #expect(Format.usd(-.infinity) == "n/a")
    }

    @Test("usd: amounts that round up to the next unit move to that unit")
    func usdUnitBoundary() {
        #expect(Format.usd(999.96e6) == "$1.0B")
        #expect(Format.usd(999_999.7) == "$1.0M")
    }

    @Test("percent: a fraction as a percentage, one decimal by default")
    func percent() {
        #expect(Format.percent(0.123) == "12.3%")
        #expect(Format.percent(0.5, decimals: 0) == "50%")
        #expect(Format.percent(1) == "100.0%")
        #expect(Format.percent(0.12345, decimals: 2) == "12.35%")
        #expect(Format.percent(0) == "0.0%")
        #expect(Format.percent(12.5, decimals: 0) == "1,250%")
        #expect(Format.percent(-0.05) == "-5.0%")
        #expect(Format.percent(.nan) == "n/a")
        #expect(Format.percent(.infinity) == "n/a")
    }

    @Test("scientific: three significant digits, exponent without padding")
    func scientific() {
        #expect(Format.scientific(1.23e21) == "1.23e21")
        #expect(Format.scientific(5.906e9) == "5.91e9")
        #expect(Format.scientific(1) == "1.00e0")
        #expect(Format.scientific(12_345) == "1.23e4")
        #expect(Format.scientific(0.00456) == "4.56e-3")
        #expect(Format.scientific(-4.56e-3) == "-4.56e-3")
        #expect(Format.scientific(-7.5e28) == "-7.50e28")
        #expect(Format.scientific(0) == "0")
        #expect(Format.scientific(.nan) == "n/a")
        #expect(Format.scientific(.infinity) == "n/a")
        #expect(Format.scientific(-.infinity) == "n/a")
    }

    @Test("scientific: a mantissa that rounds up to 10 carries into the exponent")
    func scientificCarry() {
        #expect(Format.scientific(9.999e20) == "1.00e21")
    }
}

/// Terminal width: wide tables continue below, repeating the first column; long titles wrap.
@Suite("TextTable width")
struct TextTableWidthTests {
    @Test("a table wider than the width splits into column groups that each fit, first column repeated")
    func splitsColumns() {
        let headers = ["name"] + (1...12).map { "column \($0)" }
        let table = TextTable(
            title: String(repeating: "word ", count: 30), headers: headers,
            rows: [["row"] + (1...12).map { String(repeating: "9", count: $0) }])
        let text = table.rendered(width: 60)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(lines.filter { $0.hasPrefix("name") }.count >= 3)
        #expect(lines.filter { $0.hasPrefix("row") }.count == lines.filter { $0.hasPrefix("name") }.count)
        for k in 1...12 { #expect(text.contains("column \(k)")) }
        #expect(TextTable(headers: ["a", "bb"]).rendered(width: 60) == "a  bb\n-  --\n")
    }

    @Test("wrap breaks at spaces and keeps a long word whole")
    func wraps() {
        #expect(TextTable.wrap("aa bb cc", width: 5) == ["aa bb", "cc"])
        #expect(TextTable.wrap("abcdefgh", width: 3) == ["abcdefgh"])
        #expect(TextTable.wrap("", width: 3) == [""])
    }
}
