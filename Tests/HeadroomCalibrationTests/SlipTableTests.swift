import Foundation
import HeadroomCSV
import HeadroomModel
import Testing

@testable import HeadroomCalibration

/// The slips file reads as observations judged at an as-of month; malformed files name the line and column.
@Suite("Slips table")
struct SlipTableTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/slips.csv")

    static func month(_ text: String) -> Month { Month(text) ?? Month(ordinal: 0) }

    @Test("the shipped slips at 2026-07: observed, pending (censored) and fallen-through phases, by hand")
    func shippedFile() throws {
        let text = try String(contentsOf: Self.shipped, encoding: .utf8)
        let table = try SlipTable.parse(text, file: "slips.csv", asOf: Self.month("2026-07"))
        let outcome = Dictionary(uniqueKeysWithValues: table.observations.map { ($0.name, $0.outcome) })
        // Online by 2026-07: slip = online − planned.
        #expect(outcome["abilene/building 1"] == .slipped(months: 3))
        #expect(outcome["coreweave-denton/7 buildings"] == .slipped(months: 10))
        // Online later (an estimate): slipped at least 2026-07 − planned.
        #expect(outcome["abilene/buildings 3-8"] == .pending(atLeastMonths: 1))
        #expect(outcome["lordstown/first phase"] == .pending(atLeastMonths: 1))
        // No online month: fell through.
        #expect(outcome["stargate-uk/up to 31k GPUs"] == .cancelled)
        // Not due by 2026-07: says nothing yet.
        #expect(outcome["shackelford/building 1"] == nil)
        #expect(table.skipped.map(\.line).contains(8))
        #expect(table.observations.count + table.skipped.count == 13)
    }

    @Test("quoted fields keep their commas, doubled quotes and line breaks; CRLF files read alike")
    func quoting() throws {
        let text = "campus,phase,planned,online,note\r\n\"a, b\",\"p \"\"1\"\"\",2025-01,2025-04,\"two\nlines\"\r\n"
        let table = try SlipTable.parse(text, file: "q.csv", asOf: Self.month("2026-01"))
        #expect(
            table.observations == [
                SlipObservation(name: "a, b/p \"1\"", outcome: .slipped(months: 3), planned: Self.month("2025-01"))
            ])
    }

    @Test(
        "malformed files: the file, line and column of what is wrong",
        arguments: [
            (
                "campus,phase,planned,online\nx,y,2025-13,2026-01\n", 2, 5,
                "planned: expected a month YYYY-MM, found '2025-13'"
            ),
            ("campus,phase,planned\nx,y,2025-01\n", 1, 1, "no 'online' column in the header"),
            ("campus,phase,planned,online\nx,\"y,2025-01,2026-01\n", 2, 3, "a quoted field is never closed"),
            (
                "campus,phase,planned,online\nx,y\"z\",2025-01,2026-01\n", 2, 4,
                "a quote inside an unquoted field; quote the field"
            ),
            ("", 1, 1, "the file is empty"),
        ])
    func malformed(text: String, line: Int, column: Int, message: String) {
        #expect {
            try SlipTable.parse(text, file: "bad.csv", asOf: Self.month("2026-07"))
        } throws: { error in
            guard let error = error as? SlipTableError else { return false }
            return error.line == line && error.column == column && error.message == message
                && error.description == "bad.csv:\(line):\(column): error: \(message)"
        }
    }
}
