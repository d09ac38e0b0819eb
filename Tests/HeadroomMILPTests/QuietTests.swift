import Foundation
import HeadroomMILP
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("CBC prints nothing")
struct QuietTests {
    /// Runs `body` with file descriptors 1 and 2 sent to a temporary file; returns what was written there.
    ///
    /// Other tests run in parallel in this process, so what they print meanwhile lands in the file too: it is
    /// passed on to the real stderr afterwards, and the check below looks only for CBC's, CLP's and CGL's messages.
    func captureOutput(_ body: () throws -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quiet-\(UUID().uuidString).txt").path
        defer { unlink(path) }
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(file >= 0)
        fflush(nil)
        let savedOut = dup(1)
        let savedErr = dup(2)
        dup2(file, 1)
        dup2(file, 2)
        close(file)
        defer {
            fflush(nil)
            dup2(savedOut, 1)
            dup2(savedErr, 2)
            close(savedOut)
            close(savedErr)
        }
        try body()
        fflush(nil)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test func solvesWriteNothingToStdoutOrStderr() throws {
        var infeasible = MILPModel(name: "infeasible")
        infeasible.addColumn("x", upper: 10, objective: 1, isInteger: true)
        infeasible.addRow("atLeast", [(0, 1)], .greaterOrEqual, 11)
        var unbounded = MILPModel(name: "unbounded")
        unbounded.addColumn("x", objective: -1)
        let split = marketSplit(slacks: true)
        var outcomes: [MILPSolution.Status] = []
        let captured = try captureOutput {
            for model in [knapsack(), facilityLocation(), smallLP(), infeasible, infeasible.relaxed(), unbounded] {
                outcomes.append(try sharedCBC.solve(model, options: MILPOptions()).status)
            }
            let warm = MILPOptions(timeLimitSeconds: 0.2, warmStart: marketSplitStart(split))
            outcomes.append(try sharedCBC.solve(split, options: warm).status)
            let cold = MILPOptions(timeLimitSeconds: 0.2)
            outcomes.append(try sharedCBC.solve(marketSplit(slacks: false), options: cold).status)
        }
        if !captured.isEmpty { FileHandle.standardError.write(Data(captured.utf8)) }
        #expect(
            outcomes == [
                .optimal, .optimal, .optimal, .infeasible, .infeasible, .unbounded, .timeLimitWithSolution,
                .timeLimitWithoutSolution,
            ])
        let markers = [
            "Cbc0", "Clp0", "Cgl0", "Coin0", "Welcome to the CBC", "Cbc_C_Interface", "Result - ", "Problem is",
        ]
        for marker in markers {
            #expect(!captured.contains(marker), "CBC printed \(marker)…: \(captured.prefix(2000))")
        }
    }
}
