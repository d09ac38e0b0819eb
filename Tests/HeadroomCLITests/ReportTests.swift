import Foundation
import Testing

/// `headroom report`: writes the HTML file; loads in headless Chromium (where installed) with every chart drawn.
@Suite("CLI report")
struct ReportTests {
    /// Chromium's path, if installed (scripts/install-deps installs it).
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test("the running example's report: written, then loaded headless with every chart non-empty, no console errors")
    func openAIReport() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.html").path
        let run = try await CLI.run(
            ["report", "examples/openai-2025.yaml", "--paths", "2048", "--out", path], timeout: 120)
        #expect(run.status == 0, "\(run)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("Epoch AI, Frontier Data Centers"))
        #expect(html.contains("id=\"structures-unserved\""))
        guard let chromium = Self.chromium else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
            "--dump-dom", "file://" + path,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(dom.contains("data-charts=\"8/8\""), "\(dom.prefix(300))")
        let console = log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(console.isEmpty, "\(console)")
    }

    @Test("a directory that does not exist is an error, and nothing is written")
    func badOutput() async throws {
        let run = try await CLI.run([
            "report", "examples/quickstart.yaml", "--paths", "256", "--out", "/nonexistent/dir/r.html",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("cannot write /nonexistent/dir/r.html"))
    }
}
