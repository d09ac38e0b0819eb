import Foundation
import HTTPTypes
import HeadroomAnalysis
import HeadroomModel

/// What a client asks to run: `POST /v1/runs`'s body.
struct RunRequestBody: Codable, Sendable {
    /// The scenario's id.
    var scenario: String
    /// The version's hash (the head when left out).
    var version: String?
    /// `simulate` (the signed contracts and the deal structures, as the report shows), `optimize` or `compare`.
    var kind: String?
    /// Monte Carlo paths (for `optimize`: the evaluation's paths).
    var paths: Int?
    /// The seed.
    var seed: UInt64?
    /// For `simulate`: also run the deal structures (when the scenario's policy can); default true.
    var structures: Bool?
    /// For `compare`: the version (B) compared against `version` (A) on common random numbers.
    var against: String?
    /// For `optimize`: in-sample paths of the stochastic program.
    var optimizePaths: Int?
}

/// A run's kind and settings as stored with it (`options_json`): everything needed to run it again.
struct RunOptions: Codable, Sendable, Hashable {
    /// The kinds of run.
    enum Kind: String, Codable, Sendable, CaseIterable {
        case simulate, optimize, compare
    }

    var kind: Kind
    var paths: Int
    var seed: UInt64
    var structures: Bool
    /// For `compare`: version B's hash.
    var against: String?
    var optimizePaths: Int

    /// The options of `body`, checked against the server's limits.
    /// - Throws: ``APIError`` (422) naming the field and its range.
    init(_ body: RunRequestBody, maxPaths: Int) throws(APIError) {
        guard let kind = Kind(rawValue: body.kind ?? "simulate") else {
            throw APIError(
                .unprocessableContent, "invalid-request",
                "kind: expected one of simulate, optimize, compare, got '\(body.kind ?? "")'")
        }
        self.kind = kind
        paths = body.paths ?? 20_000
        seed = body.seed ?? 1
        structures = body.structures ?? true
        against = body.against
        optimizePaths = body.optimizePaths ?? 200
        guard (1...maxPaths).contains(paths) else {
            throw APIError(
                .unprocessableContent, "invalid-request", "paths: expected 1…\(maxPaths) on this server, got \(paths)")
        }
        guard (1...5_000).contains(optimizePaths) else {
            throw APIError(
                .unprocessableContent, "invalid-request", "optimize_paths: expected 1…5000, got \(optimizePaths)")
        }
        if kind == .compare, against == nil {
            throw APIError(.unprocessableContent, "invalid-request", "against: a compare run needs version B's hash")
        }
        if kind != .compare, against != nil {
            throw APIError(.unprocessableContent, "invalid-request", "against: only a compare run takes it")
        }
    }

    /// The analysis these options ask for on the scenario `text` (`other`: version B's text, for `compare`).
    func request(
        text: String, file: String, other: (text: String, file: String)?, threads: Int?, timeLimit: Double
    ) -> AnalysisRequest {
        let settings = SimulationSettings(paths: paths, seed: seed, threads: threads)
        let analysis: Analysis
        switch kind {
        case .simulate:
            analysis = .report(settings, includeStructures: structures)
        case .compare:
            analysis = .compare(other: .text(other?.text ?? "", file: other?.file ?? "B"), settings)
        case .optimize:
            analysis = .optimize(
                OptimizeSettings(
                    paths: optimizePaths, seed: seed, threads: threads, timeLimit: timeLimit, evaluationPaths: paths,
                    evaluationSeed: seed &+ 1_000_003, marginalValues: false, frontierMultipliers: [0.5, 1, 2]))
        }
        return AnalysisRequest(scenario: .text(text, file: file), analysis: analysis)
    }

    /// The options as the stored JSON.
    var json: String { String(decoding: JSONCoding.encode(self), as: UTF8.self) }

    /// The options a stored run was queued with.
    static func stored(_ json: String) throws(APIError) -> RunOptions {
        try JSONCoding.decode(RunOptions.self, from: Data(json.utf8))
    }
}
