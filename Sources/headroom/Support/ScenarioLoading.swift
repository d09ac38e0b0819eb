import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

/// Exit status for invalid input (a scenario that fails validation, a file that cannot be read).
let invalidInputExitCode = ExitCode(2)

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
