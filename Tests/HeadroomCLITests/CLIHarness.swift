import Dispatch
import Foundation
import Testing

/// Runs the built `headroom` executable as a subprocess, as a user would.
enum CLI {
    /// The package root (three levels above this file: Tests/HeadroomCLITests/CLIHarness.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file under the package root.
    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// Where the executable may be, most reliable first.
    ///
    /// 1. `HEADROOM_EXECUTABLE`, when set;
    /// 2. the products directory the test bundle was built into (`swift test` builds `headroom` there because the
    ///    test target depends on it, whatever `--scratch-path` or `-c` was used). On Linux the test bundle is an
    ///    executable in that directory; on macOS it is an `.xctest` bundle inside it;
    /// 3. the directory of the running test executable (`argv[0]`);
    /// 4. the package's default build folder (`.build/debug`), as a last resort.
    static var candidates: [URL] {
        var urls: [URL] = []
        if let override = ProcessInfo.processInfo.environment["HEADROOM_EXECUTABLE"], !override.isEmpty {
            urls.append(URL(fileURLWithPath: override))
        }
        var directories: [URL] = []
        for bundle in [Bundle.main] + Bundle.allBundles {
            let url = bundle.bundleURL
            if url.pathExtension == "xctest" { directories.append(url.deletingLastPathComponent()) }
            if let executable = bundle.executableURL {
                // Linux: …/debug/HeadroomPackageTests.xctest (a plain executable); macOS: …/X.xctest/Contents/MacOS/X.
                var dir = executable.deletingLastPathComponent()
                directories.append(dir)
                while dir.path != "/" && !dir.path.isEmpty {
                    if dir.pathExtension == "xctest" { directories.append(dir.deletingLastPathComponent()) }
                    dir = dir.deletingLastPathComponent()
                }
            }
            directories.append(url)
        }
        if let argv0 = CommandLine.arguments.first {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            directories.append(
                URL(fileURLWithPath: argv0, relativeTo: cwd).standardizedFileURL.deletingLastPathComponent())
        }
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        urls += directories.map { $0.appendingPathComponent("headroom") }
        return urls
    }

    /// The `headroom` executable, or `nil` with the places looked at.
    static let executable: Result<URL, LookupError> = {
        let fm = FileManager.default
        let all = candidates
        for url in all {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                fm.isExecutableFile(atPath: url.path)
            {
                return .success(url.standardizedFileURL)
            }
        }
        return .failure(LookupError(searched: all.map(\.path)))
    }()

    struct LookupError: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the headroom executable was not found; build it with `swift build` (or set HEADROOM_EXECUTABLE). Looked in:\n  "
                + searched.joined(separator: "\n  ")
        }
    }

    /// What a run produced.
    struct Output: CustomStringConvertible {
        var status: Int32
        var crashed: Bool
        var stdout: String
        var stderr: String
        var arguments: [String]

        var description: String {
            "headroom \(arguments.joined(separator: " ")) → status \(status)\(crashed ? " (signal)" : "")\n--- stdout (first 2,000 characters):\n\(stdout.prefix(2000))\n--- stderr:\n\(stderr.prefix(4000))"
        }
    }

    /// Runs `headroom ARGUMENTS` in the package root with stdin from /dev/null and stdout/stderr captured in files
    /// (never pipes, so large outputs cannot block), killing it after `timeout` seconds.
    static func run(_ arguments: [String], timeout: Double = 60, interruptAfter: Double? = nil) async throws -> Output {
        try await launch(CLI.executable.get(), arguments, timeout: timeout, interruptAfter: interruptAfter)
    }

    /// Runs any executable like ``run(_:timeout:interruptAfter:)`` (stdin from /dev/null, outputs captured,
    /// watchdog), sending it SIGINT (as Ctrl-C does) after `interruptAfter` seconds when given.
    static func launch(
        _ executable: URL, _ arguments: [String], timeout: Double = 60, interruptAfter: Double? = nil
    ) async throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        // Help text wraps at COLUMNS when it is set; the tests read the width a pipe gets (80).
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "COLUMNS" && $0.key != "LINES" }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        let box = ProcessBox(process)
        let watchdog = DispatchWorkItem { if box.process.isRunning { box.process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let interrupt = DispatchWorkItem { if box.process.isRunning { box.process.interrupt() } }
        if let interruptAfter {
            DispatchQueue.global().asyncAfter(deadline: .now() + interruptAfter, execute: interrupt)
        }
        defer {
            watchdog.cancel()
            interrupt.cancel()
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return Output(
            status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal, stdout: stdout,
            stderr: stderr, arguments: arguments)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "headroom-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in a fresh temporary directory; returns the directory (to remove) and the file's path.
    static func temporaryFile(_ text: String, named name: String = "bad.yaml") throws -> (directory: URL, path: String)
    {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    /// Parses a JSON object.
    static func object(_ text: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(parsed as? [String: Any], "not a JSON object: \(text.prefix(500))")
    }

    /// The numbers of a JSON array (nulls become NaN).
    static func numbers(_ any: Any?) throws -> [Double] {
        let array = try #require(any as? [Any], "not an array: \(String(describing: any).prefix(200))")
        return array.map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
}

/// Lets the watchdog reach the process from another thread.
final class ProcessBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}
