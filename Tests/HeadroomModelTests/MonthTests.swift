import HeadroomModel
import Testing

@Suite("Month")
struct MonthTests {
    // MARK: Parsing

    struct Parsed: Sendable, CustomTestStringConvertible {
        var text: String
        var year: Int
        var month: Int
        var ordinal: Int
        var testDescription: String { "\"\(text)\"" }
    }

    /// Valid `YYYY-MM` strings with their components and ordinal (`year * 12 + month - 1`), worked by hand.
    static let valid: [Parsed] = [
        Parsed(text: "2026-03", year: 2026, month: 3, ordinal: 24_314),  // 2026·12 = 24312, + 2
        Parsed(text: "2026-01", year: 2026, month: 1, ordinal: 24_312),
        Parsed(text: "2026-12", year: 2026, month: 12, ordinal: 24_323),
        Parsed(text: "0001-01", year: 1, month: 1, ordinal: 12),  // the first month init?(year:month:) allows
        Parsed(text: "0999-07", year: 999, month: 7, ordinal: 11_994),  // 999·12 = 11988, + 6
        Parsed(text: "9999-12", year: 9999, month: 12, ordinal: 119_999),  // 9999·12 = 119988, + 11
    ]

    @Test("parses YYYY-MM into year, month and ordinal", arguments: valid)
    func parsesValid(_ c: Parsed) throws {
        let month = try #require(Month(c.text))
        #expect(month.year == c.year)
        #expect(month.monthOfYear == c.month)
        #expect(month.ordinal == c.ordinal)
        #expect(month.description == c.text)
        #expect(month == Month(year: c.year, month: c.month))
    }

    @Test(
        "rejects anything that is not YYYY-MM with a real month",
        arguments: [
            "",  // empty
            "2026-13",  // month out of range
            "2026-00",  // month out of range
            "0000-01",  // year 0 is outside 1…9999
            "26-01",  // two-digit year
            "2026-1",  // one-digit month
            "2026-001",  // three-digit month
            "02026-01",  // five-digit year
            "10000-01",  // five-digit year
            "2026",  // no month
            "2026-",  // empty month
            "-01",  // empty year
            "2026-03-01",  // a date, not a month
            "2026/03",  // wrong separator
            "202603",  // no separator
            "2026-ab",  // letters
            "abcd-01",  // letters
            " 2026-03",  // leading space
            "2026-03 ",  // trailing space
            "2026--3",  // two separators
            "２０２６-03",  // full-width digits
        ]
    )
    func rejectsInvalid(_ text: String) {
        #expect(Month(text) == nil)
    }

    /// Each field must be ASCII digits only: `Int(_:)` alone would accept a leading `+`.
    @Test("a sign inside either field is not YYYY-MM")
    func signedComponentsAreRejected() {
        #expect(Month("+026-01") == nil)
        #expect(Month("2026-+1") == nil)
        // A leading minus sign becomes an extra separator and is rejected already.
        #expect(Month("-026-01") == nil)
        #expect(Month("2026--1") == nil)
    }

    // MARK: Year and month

    @Test(
        "init(year:month:) accepts years 1…9999 and months 1…12 only",
        arguments: [(0, 1), (10_000, 1), (-1, 6), (2026, 0), (2026, 13), (2026, -1)]
    )
    func rejectsOutOfRangeComponents(year: Int, month: Int) {
        #expect(Month(year: year, month: month) == nil)
    }

    @Test("init(year:month:) stores year·12 + month − 1")
    func ordinalFromComponents() throws {
        #expect(try #require(Month(year: 2026, month: 3)).ordinal == 24_314)
        #expect(try #require(Month(year: 1, month: 1)).ordinal == 12)
        #expect(try #require(Month(year: 9999, month: 12)).ordinal == 119_999)
    }

    @Test(
        "year and monthOfYear from an ordinal, including ordinals before year 1",
        arguments: [
            (24_314, 2026, 3),
            (24_323, 2026, 12),
            (24_324, 2027, 1),
            (12, 1, 1),
            (11, 0, 12),
            (0, 0, 1),
            (-1, -1, 12),  // floor division: one month before January of year 0 is December of year −1
            (-12, -1, 1),
            (-13, -2, 12),
        ]
    )
    func componentsFromOrdinal(ordinal: Int, year: Int, month: Int) {
        let m = Month(ordinal: ordinal)
        #expect(m.year == year)
        #expect(m.monthOfYear == month)
    }

    // MARK: Formatting

    @Test(
        "description pads the year to four digits and the month to two",
        arguments: [
            (24_314, "2026-03"),
            (24_321, "2026-10"),
            (12, "0001-01"),
            (0, "0000-01"),  // year 0 cannot be parsed but still prints
            (120, "0010-01"),
            (1_211, "0100-12"),
            (120_000, "10000-01"),  // past 9999 the year just grows
        ]
    )
    func formatting(ordinal: Int, text: String) {
        #expect(Month(ordinal: ordinal).description == text)
        #expect("\(Month(ordinal: ordinal))" == text)
    }

    @Test("every month of 2026 round-trips through its text")
    func roundTripYear() throws {
        for number in 1...12 {
            let month = try #require(Month(year: 2026, month: number))
            #expect(Month(month.description) == month)
        }
    }

    // MARK: Arithmetic

    @Test(
        "adding(months:) moves across year boundaries both ways",
        arguments: [
            ("2026-03", 0, "2026-03"),
            ("2026-03", 1, "2026-04"),
            ("2026-11", 2, "2027-01"),
            ("2026-12", 1, "2027-01"),
            ("2026-01", -1, "2025-12"),
            ("2026-03", -15, "2024-12"),
            ("2026-03", 120, "2036-03"),
            ("2026-03", -2025 * 12, "0001-03"),
        ]
    )
    func adding(from: String, count: Int, to: String) throws {
        let start = try #require(Month(from))
        let end = try #require(Month(to))
        #expect(start.adding(months: count) == end)
        #expect(start.adding(months: count).ordinal == start.ordinal + count)
    }

    @Test(
        "months(since:) counts whole months, negative when earlier",
        arguments: [
            ("2026-03", "2026-03", 0),
            ("2026-04", "2026-03", 1),
            ("2026-03", "2026-04", -1),
            ("2027-01", "2026-12", 1),
            ("2030-12", "2026-01", 59),
            ("2026-01", "2030-12", -59),
            ("2026-03", "2025-03", 12),
        ]
    )
    func monthsSince(later: String, earlier: String, expected: Int) throws {
        let a = try #require(Month(later))
        let b = try #require(Month(earlier))
        #expect(a.months(since: b) == expected)
        #expect(b.adding(months: expected) == a)
    }

    // MARK: Ordering and ranges

    @Test("orders chronologically, not by text")
    func ordering() throws {
        let dec2025 = try #require(Month("2025-12"))
        let jan2026 = try #require(Month("2026-01"))
        let feb2026 = try #require(Month("2026-02"))
        let oct2026 = try #require(Month("2026-10"))
        #expect(dec2025 < jan2026)
        #expect(jan2026 < feb2026)
        #expect(feb2026 < oct2026)
        #expect(!(jan2026 < jan2026))
        #expect(jan2026 <= jan2026)
        #expect(oct2026 > dec2025)
        #expect([oct2026, dec2025, feb2026, jan2026].sorted() == [dec2025, jan2026, feb2026, oct2026])
        #expect([oct2026, dec2025, feb2026].max() == oct2026)
        #expect([oct2026, dec2025, feb2026].min() == dec2025)
    }

    @Test("equal months are equal and hash alike")
    func equalityAndHashing() throws {
        let parsed = try #require(Month("2026-03"))
        let built = try #require(Month(year: 2026, month: 3))
        #expect(parsed == built)
        #expect(parsed == Month(ordinal: 24_314))
        #expect(parsed != Month(ordinal: 24_315))
        #expect(Set([parsed, built, Month(ordinal: 24_314)]).count == 1)
    }

    @Test("closed ranges of months test membership chronologically")
    func ranges() throws {
        let first = try #require(Month("2026-11"))
        let last = try #require(Month("2027-02"))
        let window = first...last
        #expect(window.contains(try #require(Month("2026-11"))))
        #expect(window.contains(try #require(Month("2026-12"))))
        #expect(window.contains(try #require(Month("2027-01"))))
        #expect(window.contains(try #require(Month("2027-02"))))
        #expect(!window.contains(try #require(Month("2026-10"))))
        #expect(!window.contains(try #require(Month("2027-03"))))
        // Walking a range by ordinal visits last − first + 1 months.
        let months = (first.ordinal...last.ordinal).map(Month.init(ordinal:))
        #expect(months.map(\.description) == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(months.count == last.months(since: first) + 1)
        #expect((first..<last).contains(last) == false)
    }
}
