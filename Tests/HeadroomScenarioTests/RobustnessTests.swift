import Foundation
import HeadroomModel
import HeadroomScenario
import HeadroomTestSupport
import Testing

/// Parses bytes and returns the diagnostics (empty when accepted), checking that every diagnostic is well formed.
@discardableResult
func checkedDiagnostics(
    _ bytes: [UInt8], file: String = "fuzz.yaml", sourceLocation: SourceLocation = #_sourceLocation
) -> [ScenarioDiagnostic] {
    do {
        let scenario = try ScenarioReader.parse(data: bytes, file: file)
        // Whatever the reader accepts, the writer must write back to the same value.
        let again = try? ScenarioReader.parse(ScenarioWriter.yaml(scenario), file: "again.yaml")
        #expect(again == scenario, "accepted input does not round-trip", sourceLocation: sourceLocation)
        return []
    } catch {
        #expect(!error.diagnostics.isEmpty, sourceLocation: sourceLocation)
        for diagnostic in error.diagnostics {
            #expect(diagnostic.file == file, sourceLocation: sourceLocation)
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "\(diagnostic)", sourceLocation: sourceLocation)
            #expect(!diagnostic.message.isEmpty, sourceLocation: sourceLocation)
        }
        let positions = error.diagnostics.map { $0.line * 1_000_000 + $0.column }
        #expect(positions == positions.sorted(), sourceLocation: sourceLocation)
        return error.diagnostics
    }
}

@Suite("Robustness: no input crashes the reader")
struct RobustnessTests {
    static func codes(_ text: String) -> [ScenarioDiagnostic.Code] {
        checkedDiagnostics(Array(text.utf8)).map(\.code)
    }

    @Test("empty input and comments only")
    func empty() {
        #expect(Self.codes("") == [.wrongType])
        #expect(Self.codes("# nothing here\n\n") == [.wrongType])
        #expect(checkedDiagnostics([]).first?.message.contains("empty document") == true)
    }

    @Test("binary garbage is not text")
    func binaryGarbage() throws {
        let diagnostics = checkedDiagnostics([0x68, 0x65, 0x0A, 0x61, 0xFF, 0xFE, 0x00, 0xC3, 0x28])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == .notText)
        #expect(diagnostic.line == 2 && diagnostic.column == 2)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 1...400, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            checkedDiagnostics(bytes)
        }
    }

    @Test("control characters in valid UTF-8 are a syntax error")
    func controlCharacters() {
        #expect(Self.codes("headroom: 1\nname: a\u{0}b\n") == [.syntax])
    }

    @Test("a byte-order mark, CRLF line ends and tabs after values are fine")
    func textVariants() {
        #expect(Self.codes("\u{FEFF}" + Fixtures.minimal) == [])
        #expect(!Self.codes(String(repeating: "\u{FEFF}", count: 100_000) + Fixtures.minimal).isEmpty)
        #expect(Self.codes(Fixtures.minimal.replacingOccurrences(of: "\n", with: "\r\n")) == [])
        #expect(Self.codes(Fixtures.full.replacingOccurrences(of: "\n", with: "\r\n")) == [])
        #expect(
            Self.codes(Fixtures.minimal.replacingOccurrences(of: "name: Minimal", with: "name: Minimal\t# c")) == [])
    }

    @Test("a top level that is not a mapping")
    func notAMapping() {
        #expect(Self.codes("hello") == [.wrongType])
        #expect(Self.codes("- a\n- b\n") == [.wrongType])
        #expect(Self.codes("42") == [.wrongType])
        #expect(Self.codes("a: 1\n---\nb: 2\n") == [.syntax])
    }

    @Test("deep nesting is rejected before parsing")
    func deepNesting() {
        #expect(Self.codes(String(repeating: "[", count: 100_000)) == [.tooDeep])
        #expect(Self.codes(String(repeating: "{a: ", count: 100_000)) == [.tooDeep])
        #expect(
            Self.codes("a: " + String(repeating: "[", count: 129) + String(repeating: "]", count: 129)) == [.tooDeep])
        #expect(Self.codes(String(repeating: "- ", count: 100_000) + "x") == [.tooDeep])
        var indented = ""
        for level in 0..<300 { indented += String(repeating: " ", count: level) + "k:\n" }
        #expect(Self.codes(indented) == [.tooDeep])
        // Nesting within the limit is read normally (and then rejected for what it is).
        #expect(
            Self.codes("a: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) != [.tooDeep])
        // Brackets inside strings, comments and block scalars are not nesting.
        let quoted =
            "name: \"" + String(repeating: "[", count: 500) + "\"\n# " + String(repeating: "{", count: 500)
            + "\ndescription: |\n  " + String(repeating: "[", count: 500) + "\n"
        #expect(!Self.codes(quoted).contains(.tooDeep))
    }

    @Test("an alias bomb stops at the node limit")
    func aliasBomb() {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for level in 1..<names.count {
            let aliases = Array(repeating: "*" + names[level - 1], count: 9).joined(separator: ", ")
            text += "\(names[level]): &\(names[level]) [\(aliases)]\n"
        }
        #expect(Self.codes(text) == [.tooLarge])
        // Aliases and collections as keys are rejected before the parser can hash them.
        #expect(Self.codes("a: &a [1, 2]\nb: {*a : 1}\n") == [.syntax])
        #expect(Self.codes("a: &a [1, 2]\n? *a\n: 1\n") == [.syntax])
        #expect(Self.codes("a: &a [1, 2]\nb: {[*a]: 1}\n") == [.syntax])
        // A harmless alias is fine.
        let withAlias =
            Fixtures.minimal.replacingOccurrences(of: "annual_log_growth: 0.5", with: "annual_log_growth: &g 0.5")
            + "  - workload: inference\n    exponential: {initial_mw: 1, annual_log_growth: *g}\n"
        #expect(Self.codes(withAlias) == [])
    }

    @Test("huge numbers, long strings, huge input")
    func sizes() {
        let digits = String(repeating: "9", count: 10_000)
        #expect(
            Self.codes(Fixtures.replacing("      initial_mw: 100", with: "      initial_mw: \(digits)")) == [
                .outOfRange
            ])
        #expect(
            Self.codes(Fixtures.replacing("      initial_mw: 100", with: "      initial_mw: 1e99999999999999999999"))
                == [.outOfRange])
        let longName = String(repeating: "ab", count: 500_000)
        #expect(Self.codes(Fixtures.replacing("name: Minimal", with: "name: \(longName)")) == [])
        #expect(Self.codes(Fixtures.replacing("name: Minimal", with: "name: 1_000")) == [])
        #expect(Self.codes(String(repeating: "#", count: 17 * 1024 * 1024)) == [.tooLarge])
        #expect(Self.codes("a: [" + String(repeating: "1,", count: 1_000_001) + "1]") == [.tooLarge])
        #expect(Self.codes("--- " + String(repeating: "[", count: 200)) == [.tooDeep])
    }

    @Test("thousands of entities and bad references stay fast")
    func manyEntities() {
        var text = Fixtures.minimal + "campuses:\n"
        var providers = ""
        for index in 0..<3_000 {
            providers += "  - {id: p\(index), kind: cloud}\n"
            text += "  - {id: c\(index), provider: q\(index), phases: [{id: a, it_mw: 1, planned: 2026-01}]}\n"
        }
        text = text.replacingOccurrences(of: "    kind: hyperscaler\n", with: "    kind: hyperscaler\n" + providers)
        let start = ContinuousClock.now
        let diagnostics = checkedDiagnostics(Array(text.utf8))
        #expect(diagnostics.count == 3_000)
        #expect(diagnostics.allSatisfy { $0.code == .unknownReference })
        #expect(ContinuousClock.now - start < .seconds(15))
    }

    @Test("wrong types everywhere")
    func wrongTypes() throws {
        // Replace every scalar value of the full fixture, one at a time, by a list, a mapping and null.
        let lines = Fixtures.full.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            guard let colon = line.firstIndex(of: ":"), line[colon...].count > 2, !line.contains("{") else { continue }
            for replacement in ["[1, 2]", "{x: 1}", "~"] {
                var mutated = lines
                mutated[index] = line[...colon] + " " + replacement[...]
                checkedDiagnostics(Array(mutated.joined(separator: "\n").utf8))
            }
        }
    }

    @Test("500 seeded random mutations of a valid file never crash")
    func randomMutations() {
        var generator = SeededGenerator(seed: 0x5EED)
        let original = Array(Fixtures.full.utf8)
        let alphabet = Array(":-[]{}#&*!|>'\"\n \t,?0123456789e.+_~%@`abc".utf8) + [0x00, 0xFF, 0xC3, 0xE2]
        var accepted = 0
        for _ in 0..<500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    let length = min(Int.random(in: 1...40, using: &generator), bytes.count - at)
                    bytes.removeSubrange(at..<(at + length))
                case 1:
                    let length = min(Int.random(in: 1...80, using: &generator), bytes.count - at)
                    bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
                case 2:
                    bytes[at] = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                default:
                    bytes.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)], at: at)
                }
            }
            if checkedDiagnostics(bytes).isEmpty { accepted += 1 }
        }
        // Some mutations (in comments or free text) leave a valid file; most do not.
        #expect(accepted > 0 && accepted < 500)
    }
}
