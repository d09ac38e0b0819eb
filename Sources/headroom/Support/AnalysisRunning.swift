import ArgumentParser
import Dispatch
import Foundation
import HeadroomAnalysis

/// Exit status of a run stopped by Ctrl-C (128 + SIGINT), after its partial results are written.
let interruptedExitCode = ExitCode(130)

/// Runs `request` with a progress bar on a terminal, and cancels it at the next wave on Ctrl-C.
///
/// Invalid input prints every problem to standard error and exits with status 2. A run stopped by Ctrl-C returns
/// its partial results (the caller writes them, then calls ``finishInterrupted(_:label:)``).
func runAnalysis(_ request: AnalysisRequest, label: String, quiet: Bool) async throws -> AnalysisRun {
    let bar = ProgressBar(label: label, quiet: quiet)
    let task = Task { () async throws(AnalysisError) -> AnalysisRun in
        try await Analyzer.run(request) { bar.update($0) }
    }
    signal(SIGINT, SIG_IGN)
    let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupt.setEventHandler { task.cancel() }
    interrupt.resume()
    defer {
        interrupt.cancel()
        signal(SIGINT, SIG_DFL)
    }
    let result = await task.result
    bar.finish()
    switch result {
    case .success(let run):
        return run
    case .failure(let failure):
        guard let error = failure as? AnalysisError else { throw failure }
        printError(error.description)
        if error.code == .invalidScenario {
            printError(
                "\(error.file): \(error.diagnostics.count) problem(s); see docs/scenario-format.md or `headroom schema`"
            )
        }
        throw invalidInputExitCode
    }
}

/// After a stopped run's partial results are written: says so on standard error and exits with status 130.
func finishInterrupted(_ run: AnalysisRun, label: String) throws {
    guard run.isPartial, let completion = run.completion else { return }
    printError(
        "\(label): interrupted after \(completion.completedPaths) of \(completion.requestedPaths) paths; "
            + "the results above are partial (they cover the completed paths only)")
    throw interruptedExitCode
}
