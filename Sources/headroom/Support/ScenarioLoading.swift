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
///
/// A path that names something other than a regular file (`/dev/null`, a pipe, a terminal) is written to as it is:
/// renaming a file over it would replace the device.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        let shown =
            TerminalStyle.enabled && !text.hasPrefix("{") && !text.hasPrefix("<") ? TerminalStyle.apply(text) : text
        FileHandle.standardOutput.write(Data(shown.utf8))
        return
    }
    do {
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular, type != .typeSymbolicLink {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(text.utf8))
        } else {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
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
