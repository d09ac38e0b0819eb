import Foundation
import HeadroomMILP
import Testing

/// A model with every bound kind and record the writer emits; its optimum is 3.45.
///
/// By hand: `zero` forces x ≥ 2 (fix = 2), so
/// `c1` reads 2 + 2n − b ≤ 4 and n ≤ 1 (n = 1 gains 2); then k = 2 from `e`; b = 0, w at its lower bound 1e-17,
/// f and z free to satisfy `c2` at no cost: 0.25 + 1.5·2 − 2·1 + 0.1·2 + 2 + 1e-17/3.
func tinyModel() -> MILPModel {
    var model = MILPModel(name: "tiny model")
    model.addColumn("x", objective: 1.5)
    model.addColumn("n", objective: -2, isInteger: true)
    model.addColumn("b", upper: 1, objective: 3, isInteger: true)
    model.addColumn("f", lower: -.infinity)
    model.addColumn("z", lower: -.infinity, upper: 2.5)
    model.addColumn("k", lower: -3, upper: 7, objective: 0.1, isInteger: true)
    model.addColumn("fix", lower: 2, upper: 2, objective: 1)
    model.addColumn("w", lower: 1e-17, upper: 123_456_789.123_456_789, objective: 1.0 / 3.0)
    model.addRow("c1", [(0, 1), (1, 2), (2, -1)], .lessOrEqual, 4)
    model.addRow("c2", [(3, 1), (4, -1), (7, 1)], .greaterOrEqual, -1e-17)
    model.addRow("e", [(1, 1), (5, 1)], .equal, 3)
    model.addRow("zero", [(0, -1), (6, 1)], .lessOrEqual, 0)
    model.objectiveOffset = 0.25
    return model
}

let tinyGolden = """
    NAME tiny_model
    ROWS
     N  obj
     L  c1
     G  c2
     E  e
     L  zero
    COLUMNS
        x  obj  1.5  c1  1
        x  zero  -1
        MARKER  'MARKER'  'INTORG'
        n  obj  -2  c1  2
        n  e  1
        b  obj  3  c1  -1
        MARKER  'MARKER'  'INTEND'
        f  c2  1
        z  c2  -1
        MARKER  'MARKER'  'INTORG'
        k  obj  0.1  e  1
        MARKER  'MARKER'  'INTEND'
        fix  obj  1  zero  1
        w  obj  0.3333333333333333  c2  1
    RHS
        RHS  obj  -0.25  c1  4
        RHS  c2  -1e-17  e  3
    BOUNDS
     LO BND n 0
     PL BND n
     BV BND b
     FR BND f
     MI BND z
     UP BND z 2.5
     LO BND k -3
     UP BND k 7
     FX BND fix 2
     LO BND w 1e-17
     UP BND w 123456789.12345679
    ENDATA

    """

@Suite("MPS export")
struct MPSTests {
    @Test func tinyModelGolden() {
        #expect(tinyModel().mpsText() == tinyGolden)
    }

    @Test func tinyModelOptimumByHand() throws {
        let solution = try sharedCBC.solve(tinyModel(), options: MILPOptions())
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, 3.45, relative: 1e-12))
    }

    @Test func columnsWithoutEntriesAreListed() {
        var model = MILPModel(name: "lonely")
        model.addColumn("unused")
        model.addColumn("onlyInteger", upper: 3, isInteger: true)
        let text = model.mpsText()
        #expect(text.contains("\n    unused  obj  0\n"))
        #expect(text.contains("\n    onlyInteger  obj  0\n"))
        #expect(text.contains("\n UP BND onlyInteger 3\n"))
        #expect(!text.contains("BND unused"))
    }

    @Test func objectiveRowAvoidsRowNames() {
        var model = MILPModel(name: "clash")
        model.addColumn("x", objective: 1)
        model.addRow("obj", [(0, 1)], .greaterOrEqual, 1)
        model.addRow("obj_1", [(0, 1)], .lessOrEqual, 5)
        let text = model.mpsText()
        #expect(text.contains("\n N  obj_2\n"))
        #expect(text.contains("\n    x  obj_2  1  obj  1\n"))
    }

    @Test func numbersAreExact() {
        var model = MILPModel(name: "numbers")
        let values: [Double] = [
            0.1, 1.0 / 3.0, -2.5e-300, 1e15, 123_456_789_012_345, -0.0, 4_503_599_627_370_497, 1e300,
        ]
        for (j, value) in values.enumerated() { model.addColumn("v\(j)", objective: value) }
        let text = model.mpsText()
        for (j, value) in values.enumerated() {
            let line = text.split(separator: "\n").first { $0.hasPrefix("    v\(j)  ") }
            let field = line?.split(separator: " ").last.map(String.init)
            #expect(field.flatMap(Double.init) == value, "v\(j): \(field ?? "missing")")
        }
        #expect(text.contains("    v5  obj  0\n") && text.contains("    v4  obj  123456789012345\n"))
    }

    /// A model of about 6 MB: the file streamed in 1 MiB chunks is the same text.
    @Test func streamedFileEqualsText() throws {
        var model = MILPModel(name: "big")
        var random = SplitMix64(state: 7)
        for j in 0..<20_000 {
            model.addColumn("column\(j)", upper: Double(random.int(1...9)), objective: 0.25, isInteger: j % 3 == 0)
        }
        for i in 0..<2_000 {
            let terms = (0..<100).map { _ in
                (column: random.int(0...19_999), coefficient: 0.5 + Double(random.int(0...9)))
            }
            model.addRow("row\(i)", terms, .lessOrEqual, 100)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).mps")
        defer { try? FileManager.default.removeItem(at: path) }
        try model.writeMPS(to: path.path)
        let written = try String(contentsOf: path, encoding: .utf8)
        let text = model.mpsText()
        #expect(text.utf8.count > 4 << 20)
        #expect(written == text)
    }

    @Test func unwritablePathIsAnError() {
        let error = #expect(throws: MILPError.self) { try tinyModel().writeMPS(to: "/nonexistent-dir/x/model.mps") }
        #expect(error?.message.contains("/nonexistent-dir/x/model.mps") == true)
    }
}
