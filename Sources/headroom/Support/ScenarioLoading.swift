import ArgumentParser
import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// Exit status for invalid input (a scenario that fails validation, a file that cannot be read).
let invalidInputExitCode = ExitCode(2)

/// Reads and compiles a scenario, printing every problem to standard error and exiting with status 2 on failure.
/// With a `structure`, compiles a dynamic run in which the scenario's policy buys under that deal structure.
func loadModel(_ path: String, structure: Policy.Structure? = nil) throws -> SimulationModel {
    try compileModel(try loadScenario(path), path: path, structure: structure)
}

/// Reads a scenario, printing every problem to standard error and exiting with status 2 on failure.
func loadScenario(_ path: String) throws -> Scenario {
    let scenario: Scenario
    do {
        scenario = try ScenarioReader.read(contentsOf: path)
    } catch {
        printError(error.description)
        printError("\(path): \(error.diagnostics.count) problem(s); see docs/scenario-format.md or `headroom schema`")
        throw invalidInputExitCode
    }
    return scenario
}

/// Compiles a scenario read from `path`, exiting with status 2 when it cannot be simulated.
func compileModel(_ scenario: Scenario, path: String, structure: Policy.Structure? = nil) throws -> SimulationModel {
    do {
        return try SimulationModel(scenario: scenario, structure: structure)
    } catch {
        printError("\(path): error: \(error.message)")
        throw invalidInputExitCode
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes `text` to `path` atomically (a temporary file renamed into place), or to standard output when `nil`.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        let shown = TerminalStyle.enabled && !text.hasPrefix("{") && !text.hasPrefix("<") ? TerminalStyle.apply(text) : text
        FileHandle.standardOutput.write(Data(shown.utf8))
        return
    }
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        printError("cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(1)
    }
}

/// Output formats shared by the reporting commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Policy.Structure: ExpressibleByArgument {}

extension Month: ExpressibleByArgument {
    /// Parses `YYYY-MM` from the command line.
    public init?(argument: String) {
        self.init(argument)
    }
}
