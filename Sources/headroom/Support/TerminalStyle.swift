import Foundation

/// Colour for tables on a terminal: titles bold blue, column headers bold, rules dim.
///
/// Only when standard output is a terminal and `NO_COLOR` is unset (https://no-color.org); files and pipes get plain text.
enum TerminalStyle {
    /// Whether standard output is a terminal that should get colour.
    static var enabled: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// `text` with ANSI styles on the table titles, headers and rules it contains.
    static func apply(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func isRule(_ line: String) -> Bool { !line.isEmpty && line.allSatisfy { $0 == "-" || $0 == " " } }
        var styled = [String?](repeating: nil, count: lines.count)
        for i in lines.indices where isRule(lines[i]) && i > 0 {
            styled[i] = "\u{1B}[2m" + lines[i] + "\u{1B}[0m"
            styled[i - 1] = "\u{1B}[1m" + lines[i - 1] + "\u{1B}[0m"
            var t = i - 2
            while t >= 0 && !lines[t].isEmpty && !isRule(lines[t]) && styled[t] == nil
                && (t == 0 || !isRule(lines[t - 1]))
            {
                styled[t] = "\u{1B}[1;34m" + lines[t] + "\u{1B}[0m"
                t -= 1
            }
        }
        for i in lines.indices { if let s = styled[i] { lines[i] = s } }
        return lines.joined(separator: "\n")
    }
}
