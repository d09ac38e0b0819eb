import Foundation
import HeadroomAnalysis

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar: Sendable {
    let enabled: Bool
    let label: String

    /// A bar that draws when stderr is a TTY and `quiet` is false.
    init(label: String, quiet: Bool) {
        self.label = label
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Redraws the bar.
    func update(_ progress: AnalysisProgress) {
        if let stage = progress.stage {
            guard enabled else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) \(stage)".utf8))
            return
        }
        guard enabled, progress.totalPaths > 0 else { return }
        let fraction = progress.fraction
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        FileHandle.standardError.write(
            Data("\r\(label) [\(bar)] \(percent)% \(progress.completedPaths)/\(progress.totalPaths) paths".utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
