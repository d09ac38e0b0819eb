import Foundation
import Testing

/// `headroom --help` and every subcommand's `--help`, compared exactly with the committed texts in
/// `Tests/HeadroomCLITests/Golden/<name>.help.txt` (`root` for `headroom --help`).
///
/// argument-parser wraps help at the terminal's width, and at 80 columns when standard output is not a terminal and
/// `COLUMNS` is unset, as when the harness runs the executable. After a deliberate change to the help, regenerate
/// the texts the same way, from the package root with standard output redirected:
///
/// ```
/// swift build
/// .build/debug/headroom --help > Tests/HeadroomCLITests/Golden/root.help.txt
/// for c in check project simulate compare structures report sweep merge optimize calibrate backtest import schema \
///     serve keys; do
///     .build/debug/headroom $c --help > Tests/HeadroomCLITests/Golden/$c.help.txt
/// done
/// .build/debug/headroom import epoch --help > Tests/HeadroomCLITests/Golden/import.epoch.help.txt
/// .build/debug/headroom keys add --help > Tests/HeadroomCLITests/Golden/keys.add.help.txt
/// ```
///
/// A nested subcommand's text is named with a dot (`import.epoch` for `headroom import epoch --help`).
@Suite("CLI golden help texts")
struct GoldenHelpTests {
    /// The golden texts: `root` for `headroom --help`, else the subcommand whose `--help` it is.
    static let names = [
        "root", "check", "project", "simulate", "compare", "structures", "report", "sweep", "merge", "optimize",
        "calibrate",
        "backtest",
        "import",
        "import.epoch", "schema", "serve", "keys", "keys.add",
    ]

    /// The arguments that print the golden text `name`.
    static func arguments(_ name: String) -> [String] {
        name == "root" ? ["--help"] : name.split(separator: ".").map(String.init) + ["--help"]
    }

    /// The golden file of `name`, relative to the package root.
    static func goldenPath(_ name: String) -> String {
        "Tests/HeadroomCLITests/Golden/\(name).help.txt"
    }

    @Test("--help prints its golden text exactly", arguments: names)
    func matchesGolden(name: String) async throws {
        let relative = Self.goldenPath(name)
        let golden = try #require(
            try? String(contentsOfFile: CLI.path(relative), encoding: .utf8), "cannot read the golden file \(relative)")
        let out = try await CLI.run(Self.arguments(name))
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.isEmpty, "\(out)")
        let difference = Self.firstDifference(expected: golden, actual: out.stdout)
        let matchesGolden = difference == nil
        #expect(matchesGolden, Self.mismatch(name, difference))
    }

    /// The message of a mismatch of the golden text `name`: where it differs, and how to regenerate it.
    static func mismatch(_ name: String, _ difference: String?) -> Comment {
        let command = "headroom " + arguments(name).joined(separator: " ")
        var message = "\(command) differs from \(goldenPath(name)) \(difference ?? "")"
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"] {
            message += "\nnote: COLUMNS=\(columns) is set, and argument-parser wraps help at that width; "
            message += "the golden texts are wrapped at 80 columns"
        }
        message += "\n(if the change is intended: .build/debug/\(command) > \(goldenPath(name)))"
        return Comment(rawValue: message)
    }

    @Test("a difference is reported at its first line, with both lines")
    func differenceHint() throws {
        #expect(Self.firstDifference(expected: "a\nb\nc\n", actual: "a\nb\nc\n") == nil)
        let changed = try #require(Self.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n"))
        #expect(changed == "at line 2:\n-b\n+B")
        let shorter = try #require(Self.firstDifference(expected: "a\nb\n", actual: "a\n"))
        #expect(shorter == "at line 2:\n-b\n+(end of output)")
        let longer = try #require(Self.firstDifference(expected: "a", actual: "a\nb"))
        #expect(longer == "at line 2:\n-(end of golden text)\n+b")
        let unterminated = try #require(Self.firstDifference(expected: "a\nb\n", actual: "a\nb"))
        #expect(unterminated == "at line 2: only the golden text ends with a newline")
        let carriageReturn = try #require(Self.firstDifference(expected: "a\n", actual: "a\r\n"))
        #expect(carriageReturn == "at line 1:\n-a\n+a\r\n(the lines differ only in whitespace)")
        let spaces = try #require(Self.firstDifference(expected: "a \n", actual: "a\n"))
        #expect(spaces == "at line 1:\n-a \n+a\n(the lines differ only in whitespace)")
    }

    /// Where `actual` first differs from `expected`, as a unified-diff-style hint (`at line N:`, then `-` the
    /// expected line and `+` the actual one), or `nil` when they are equal.
    ///
    /// Texts are compared byte for byte and split into lines on `\n` only, so a carriage return counts as a
    /// difference; a missing or extra final newline is reported as such.
    static func firstDifference(expected: String, actual: String) -> String? {
        guard !expected.utf8.elementsEqual(actual.utf8) else { return nil }
        let expectedLines = lines(expected)
        let actualLines = lines(actual)
        var index = 0
        while index < expectedLines.count, index < actualLines.count,
            expectedLines[index].elementsEqual(actualLines[index])
        {
            index += 1
        }
        if index == expectedLines.count, index == actualLines.count {
            let which = expected.utf8.last == UInt8(ascii: "\n") ? "golden text" : "output"
            return "at line \(index): only the \(which) ends with a newline"
        }
        let old = index < expectedLines.count ? String(decoding: expectedLines[index], as: UTF8.self) : nil
        let new = index < actualLines.count ? String(decoding: actualLines[index], as: UTF8.self) : nil
        var hint = "at line \(index + 1):\n-\(old ?? "(end of golden text)")\n+\(new ?? "(end of output)")"
        if let old, let new,
            old.trimmingCharacters(in: .whitespacesAndNewlines) == new.trimmingCharacters(in: .whitespacesAndNewlines)
        {
            hint += "\n(the lines differ only in whitespace)"
        }
        return hint
    }

    /// The lines of `text`, split on `\n`, without the empty line after a final newline.
    static func lines(_ text: String) -> [Substring.UTF8View] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
