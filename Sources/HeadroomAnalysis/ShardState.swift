import Crypto
import Foundation
import HeadroomEngine
import HeadroomModel

/// One shard of a run: which of how many, in a run split into contiguous block-aligned shares.
public struct ShardSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The shard, `0..<count`.
    public var index: Int
    /// How many shards the run is split into.
    public var count: Int

    /// Creates a shard spec.
    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `i/n`, as the command line writes it.
    public var description: String { "\(index)/\(count)" }

    /// Reads `i/n` (0-based `i < n`, `n` from 1 to 100,000).
    ///
    /// - Parameter text: The shard as written.
    /// - Returns: The spec, or `nil` when it is not of that form.
    public static func parse(_ text: String) -> ShardSpec? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, i >= 0, i < n
        else { return nil }
        return ShardSpec(index: i, count: n)
    }
}

/// What makes a shard's state mergeable with the others: the same scenario, engine, seed, paths and statistics.
public struct ShardHeader: Sendable, Hashable, Codable {
    /// The file format's name.
    public var format: String
    /// The file format's version.
    public var formatVersion: Int
    /// The engine version that wrote it (merging states of two versions is refused).
    public var engineVersion: String
    /// The analysis: `simulate`, `compare`, `structures` or `structures-unpaired`.
    public var analysis: String
    /// SHA-256 of the scenario text, hex.
    public var scenarioSHA256: String
    /// The scenario's file name, for messages.
    public var scenarioFile: String
    /// For `compare`: SHA-256 of scenario B's text.
    public var otherScenarioSHA256: String?
    /// For `compare`: scenario B's file name.
    public var otherScenarioFile: String?
    /// The seed.
    public var seed: UInt64
    /// Paths of the whole run.
    public var totalPaths: Int
    /// Which shard.
    public var shard: ShardSpec
    /// The shard's blocks: `[lower, upper)`.
    public var blocks: [Int]
    /// The statistics accumulated.
    public var statistics: StatisticsSelection
    /// The deal structure run, if any.
    public var structure: Policy.Structure?
    /// Quantile levels.
    public var quantileLevels: [Double]
    /// Drivers reported.
    public var topDrivers: Int

    /// The current format's name.
    public static let formatName = "headroom-shard-state"
    /// The current format's version.
    public static let currentVersion = 2

    /// The fields every shard of one run shares (all but the shard and its blocks).
    var runIdentity: ShardHeader {
        var copy = self
        copy.shard = ShardSpec(index: 0, count: shard.count)
        copy.blocks = []
        return copy
    }
}

/// A shard's saved state: the header, the scenario text it ran (so `merge` needs nothing else), and each variant's
/// families' and each pair's mergeable states.
public struct ShardState: Sendable, Hashable {
    /// What the shard is.
    public var header: ShardHeader
    /// The scenario text it ran.
    public var scenarioText: String
    /// For `compare`: scenario B's text.
    public var otherScenarioText: String?
    /// Per variant of the joint run, each family's state.
    public var states: [[AccumulatorState]]
    /// Per pair, its state.
    public var pairStates: [PairState]
    /// Paths the shard simulated.
    public var paths: Int

    /// Creates a state.
    public init(
        header: ShardHeader, scenarioText: String, otherScenarioText: String? = nil, states: [[AccumulatorState]],
        pairStates: [PairState] = [], paths: Int
    ) {
        self.header = header
        self.scenarioText = scenarioText
        self.otherScenarioText = otherScenarioText
        self.states = states
        self.pairStates = pairStates
        self.paths = paths
    }
}

/// Why a state file cannot be read or merged: which file, and what is wrong.
public struct ShardStateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    /// `file: error: message`.
    public var description: String { "\(file): error: \(message)" }
}

/// The shard state file: a header line (JSON), a body line (JSON: the scenario text, the states, the paths) and a
/// last line `sha256 HEX` of the bytes before it, so that a truncated or altered file is detected.
public enum ShardStateFile {
    /// SHA-256 of `data`, in lowercase hex.
    ///
    /// - Parameter data: The bytes.
    /// - Returns: 64 hex digits.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private struct Body: Codable {
        var scenario: String
        var other: String?
        var paths: Int
        var states: [[AccumulatorState]]
        var pairs: [PairState]
    }

    /// The file's bytes for `state`.
    ///
    /// - Parameter state: The shard's state.
    /// - Returns: The bytes to write.
    /// - Throws: An encoding error (non-finite numbers are written as strings, so none is expected).
    public static func encode(_ state: ShardState) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(state.header)
        data.append(0x0A)
        data.append(
            try encoder.encode(
                Body(
                    scenario: state.scenarioText, other: state.otherScenarioText, paths: state.paths,
                    states: state.states, pairs: state.pairStates)))
        data.append(0x0A)
        data.append(Data("sha256 \(sha256(data))\n".utf8))
        return data
    }

    /// Reads a state file's bytes.
    ///
    /// - Parameters:
    ///   - data: The bytes.
    ///   - file: The file's name, for errors.
    /// - Returns: The state.
    /// - Throws: ``ShardStateError`` for a truncated or corrupt file, a checksum that does not match, or another
    ///   format or version.
    public static func decode(_ data: Data, file: String) throws(ShardStateError) -> ShardState {
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count == 4, lines[3].isEmpty, let checksumLine = String(data: lines[2], encoding: .utf8),
            checksumLine.hasPrefix("sha256 ")
        else { throw ShardStateError(file: file, "not a complete shard state (truncated, or not a state file)") }
        let covered = data.prefix(lines[0].count + lines[1].count + 2)
        guard String(checksumLine.dropFirst(7)) == sha256(covered) else {
            throw ShardStateError(file: file, "checksum mismatch: the file is corrupt")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: ShardHeader
        do {
            header = try decoder.decode(ShardHeader.self, from: Data(lines[0]))
        } catch {
            throw ShardStateError(file: file, "the header does not read: \(error)")
        }
        guard header.format == ShardHeader.formatName, header.formatVersion == ShardHeader.currentVersion else {
            throw ShardStateError(
                file: file,
                "format \(header.format) version \(header.formatVersion); this headroom reads "
                    + "\(ShardHeader.formatName) version \(ShardHeader.currentVersion)")
        }
        do {
            let body = try decoder.decode(Body.self, from: Data(lines[1]))
            return ShardState(
                header: header, scenarioText: body.scenario, otherScenarioText: body.other, states: body.states,
                pairStates: body.pairs, paths: body.paths)
        } catch {
            throw ShardStateError(file: file, "the states do not read: \(error)")
        }
    }
}
