import Foundation
import HeadroomMILP

/// What `scripts/highs-oracle` printed.
public struct OracleResult: Decodable, Sendable {
    /// `optimal`, `time-limit`, `infeasible`… (``MILPSolution/Status`` raw values).
    public var status: String
    /// The objective, offset included.
    public var objective: Double?
    /// HiGHS's dual bound.
    public var bound: Double?
    /// HiGHS's relative MIP gap.
    public var gap: Double?
    /// HiGHS's run time.
    public var seconds: Double
    /// Column values by name (with `--values`).
    public var values: [String: Double]?
}

/// A failure to run the oracle, with its stderr.
public struct OracleError: Error, CustomStringConvertible {
    /// What failed.
    public var description: String
}

/// Runs `scripts/highs-oracle` (found from this file's path) with `python3`.
public enum HiGHSOracle {
    /// The package root: this file is `Sources/HeadroomTestSupport/HiGHSOracle.swift`.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The script.
    public static let script = packageRoot.appendingPathComponent("scripts/highs-oracle")

    /// Writes `model` as MPS to a fresh temporary directory and solves it with HiGHS.
    public static func solve(_ model: MILPModel, values: Bool = false, arguments: [String] = []) throws -> OracleResult
    {
        let results = try solve([model], values: values, arguments: arguments)
        guard let result = results.first else { throw OracleError(description: "no result for \(model.name)") }
        return result
    }

    /// Writes `models` as MPS files to a fresh temporary directory and solves them with one run of the script.
    public static func solve(_ models: [MILPModel], values: Bool = false, arguments: [String] = []) throws
        -> [OracleResult]
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("milp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (k, model) in models.enumerated() {
            let path = directory.appendingPathComponent("\(k)-\(model.name).mps").path
            try model.writeMPS(to: path)
            paths.append(path)
        }
        let results = try run(paths + arguments + (values ? ["--values"] : []))
        guard results.count == models.count else {
            throw OracleError(
                description: "scripts/highs-oracle printed \(results.count) lines for \(models.count) models")
        }
        return results
    }

    /// Runs the script with `arguments`; throws with its stderr unless it exited 0; returns its JSON lines.
    public static func run(_ arguments: [String]) throws -> [OracleResult] {
        let (status, output, errors) = try python([script.path] + arguments)
        guard status == 0 else {
            throw OracleError(
                description: "scripts/highs-oracle \(arguments.joined(separator: " ")) exited \(status): \(errors)"
                    + " (HiGHS comes from the Python package highspy: run scripts/install-deps or pip install highspy)")
        }
        return try output.split(separator: "\n").map {
            try JSONDecoder().decode(OracleResult.self, from: Data($0.utf8))
        }
    }

    /// Runs `python3 arguments…` through `/usr/bin/env`; returns exit status, stdout and stderr.
    public static func python(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw OracleError(description: "cannot create \(errors.path)")
        }
        defer { try? FileManager.default.removeItem(at: errors) }
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), errorText)
    }
}
