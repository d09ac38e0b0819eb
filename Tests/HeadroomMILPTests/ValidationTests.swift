import Foundation
import HeadroomMILP
import Testing

@Suite("Bad input is an error naming the culprit, for CBC and for MPS files")
struct ValidationTests {
    /// x, y continuous and one row over both.
    func base() -> MILPModel {
        var model = MILPModel(name: "base")
        model.addColumn("x", upper: 4, objective: 1)
        model.addColumn("y", upper: 4, objective: 1, isInteger: true)
        model.addRow("row", [(0, 1), (1, 1)], .greaterOrEqual, 1)
        return model
    }

    /// The message of the error `model` throws from `solve`, `validate` and `writeMPS` (all the same).
    func message(_ model: MILPModel, options: MILPOptions = MILPOptions()) -> String? {
        let solveError = #expect(throws: MILPError.self) { try sharedCBC.solve(model, options: options) }
        if options == MILPOptions() {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).mps")
            defer { try? FileManager.default.removeItem(at: path) }
            let writeError = #expect(throws: MILPError.self) { try model.writeMPS(to: path.path) }
            #expect(writeError == solveError)
            #expect(!FileManager.default.fileExists(atPath: path.path))
        }
        return solveError?.message
    }

    @Test func nanCoefficient() {
        var model = base()
        model.addRow("broken", [(0, .nan)], .lessOrEqual, 1)
        #expect(message(model)?.contains("row 'broken'") == true)
        #expect(message(model)?.contains("column 'x'") == true)
    }

    @Test func infiniteCoefficient() {
        var model = base()
        model.addRow("huge", [(1, .infinity)], .lessOrEqual, 1)
        #expect(message(model)?.contains("row 'huge'") == true)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteObjective(_ value: Double) {
        var model = base()
        model.addColumn("z", objective: value)
        #expect(message(model)?.contains("column 'z'") == true)
    }

    @Test func nonFiniteOffset() {
        var model = base()
        model.objectiveOffset = .nan
        #expect(message(model)?.contains("offset") == true)
    }

    @Test(arguments: [(5.0, 2.0), (.nan, 1.0), (0.0, .nan), (.infinity, .infinity), (-.infinity, -.infinity)])
    func badBounds(lower: Double, upper: Double) {
        var model = base()
        model.setBounds(of: 1, lower: lower, upper: upper)
        #expect(message(model)?.contains("column 'y'") == true)
    }

    @Test func columnIndexOutOfRange() {
        var model = base()
        model.addRow("dangling", [(0, 1), (7, 2)], .lessOrEqual, 3)
        let text = message(model)
        #expect(text?.contains("row 'dangling'") == true && text?.contains("7") == true)
    }

    @Test func duplicateColumnName() {
        var model = base()
        model.addColumn("x")
        #expect(message(model)?.contains("column 'x' (index 2)") == true)
    }

    @Test func duplicateRowName() {
        var model = base()
        model.addRow("row", [(0, 1)], .lessOrEqual, 3)
        #expect(message(model)?.contains("row 'row' (index 1)") == true)
    }

    @Test(arguments: ["", "has space", "tab\there"])
    func badNames(_ name: String) {
        var model = base()
        model.addColumn(name)
        #expect(message(model)?.contains("index 2") == true)
    }

    @Test(arguments: [Double.nan, .infinity])
    func nonFiniteRHS(_ rhs: Double) {
        var model = base()
        model.setRHS(of: 0, rhs)
        #expect(message(model)?.contains("row 'row'") == true)
    }

    @Test func badOptions() {
        #expect(message(base(), options: MILPOptions(relativeGap: .nan))?.contains("gap") == true)
        #expect(message(base(), options: MILPOptions(relativeGap: -1))?.contains("gap") == true)
        #expect(message(base(), options: MILPOptions(timeLimitSeconds: 0))?.contains("time limit") == true)
        #expect(message(base(), options: MILPOptions(timeLimitSeconds: .nan))?.contains("time limit") == true)
        #expect(message(base(), options: MILPOptions(warmStart: [1]))?.contains("2 columns") == true)
        #expect(message(base(), options: MILPOptions(warmStart: [1, .nan]))?.contains("index 1") == true)
    }

    @Test func wellFormedModelsPass() throws {
        for model in [base(), knapsack(), facilityLocation(), smallLP(), negativeBoundsModel(), randomMILP(seed: 1)] {
            try model.validate()
        }
    }
}
