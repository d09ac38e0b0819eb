import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomOptimize
import HeadroomReport
import HeadroomScenario

/// `headroom optimize FILE`: which offers to sign, how much and when.
struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Recommend which offers to sign, how many lots and from when, at least expected cost plus penalty.",
        discussion: """
            A two-stage stochastic program over --paths simulated paths (offers slip with their providers' phases): \
            lots and sign decisions first, unserved demand per path second. Solved as one MILP for small S, by \
            Benders decomposition above, with COIN-OR CBC. The plan is then judged on --evaluate-paths fresh paths \
            against the signed contracts alone and the plan made on medians. Settings not given come from the \
            scenario's `optimization:` section. See docs/optimization.md.
            """)

    @Argument(help: "The scenario file (with an `offers:` section).")
    var file: String

    @Option(help: "In-sample paths S.")
    var paths = 200

    @Option(help: "Seed of the in-sample paths.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: every core).")
    var threads: Int?

    @Option(help: "Penalty per unserved MW-month, USD: one number, or WORKLOAD=USD,… (default: the scenario's).")
    var penalty: String?

    @Option(help: "Add λ·CVaR_α of cost to the objective: α,λ (such as 0.9,0.5).")
    var cvar: String?

    @Option(help: "A budget cap to keep: ID (on expected spend) or ID:cvarα (on CVaR_α of spend); repeatable.")
    var cap: [String] = []

    @Flag(help: "Keep no budget cap (ignore the scenario's).")
    var noCaps = false

    @Option(help: "Largest share of the new MW per provider: one number, or PROVIDER=SHARE,…")
    var maxShare: String?

    @Option(help: "Stop at this relative gap between the best plan and the lower bound.")
    var gap = 1e-3

    @Option(help: "Stop after this many seconds with the best plan found.")
    var timeLimit: Double?

    @Option(help: "Solution method: auto, extensive or benders.")
    var method: OptimizeOptions.Method = .automatic

    @Option(help: "Benders cuts: auto, single or multi.")
    var cuts: OptimizeOptions.Cuts = .automatic

    @Option(help: "Fresh paths for the out-of-sample evaluation (0: none).")
    var evaluatePaths = 100_000

    @Option(help: "Seed of the fresh paths.")
    var evaluateSeed: UInt64 = 1_000_003

    @Option(help: "Mak–Morton–Wood replications for a statistical gap bound (0: none).")
    var replications = 0

    @Option(help: "In-sample paths on which to estimate the expected value of perfect information (0: none).")
    var evpiPaths = 0

    @Option(
        help: "A cost–unserved frontier: re-solve with each of these penalties (USD per MW-month, comma-separated).")
    var frontier: String?

    @Option(
        help: "A frontier by scaling: re-solve with every penalty times each factor (comma-separated, such as 0.5,1,2)."
    )
    var frontierScale: String?

    @Flag(help: "Skip pricing binding constraints by re-solving.")
    var noMarginalValues = false

    @Flag(help: "Skip the plan without budget caps.")
    var noUncapped = false

    @Flag(help: "Skip the demand goal (no caps, penalties × 10: what serving demand would cost).")
    var noGoal = false

    @Option(help: "Write the extensive form as MPS to this file (and stop).")
    var exportMPS: String?

    @Option(help: "Write the scenario with the plan's offers as signed contracts to this file.")
    var writeScenario: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(help: "No progress line.")
    var quiet = false

    func validate() throws {
        if noCaps && !cap.isEmpty { throw ValidationError("--no-caps and --cap exclude each other") }
        _ = try settings()
    }

    func settings() throws -> OptimizeSettings {
        var settings = OptimizeSettings(
            paths: paths, seed: seed, threads: threads, gap: gap, timeLimit: timeLimit, method: method, cuts: cuts,
            evaluationPaths: evaluatePaths, evaluationSeed: evaluateSeed, replications: replications,
            perfectInformationPaths: evpiPaths, marginalValues: !noMarginalValues, uncapped: !noUncapped,
            goal: !noGoal)
        if let penalty {
            if let value = Double(penalty) {
                settings.penalty = value
            } else {
                settings.penalties = try Self.pairs(penalty, option: "--penalty")
            }
        }
        if let maxShare {
            if let value = Double(maxShare) {
                settings.maxShare = value
            } else {
                settings.maxShares = try Self.pairs(maxShare, option: "--max-share")
            }
        }
        if let cvar {
            let parts = cvar.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2 else { throw ValidationError("--cvar expects α,λ such as 0.9,0.5") }
            (settings.cvarAlpha, settings.cvarLambda) = (parts[0], parts[1])
        }
        if noCaps { settings.caps = [] } else if !cap.isEmpty { settings.caps = cap }
        if let frontier {
            let values = frontier.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--frontier expects penalties such as 1e6,2e6,4e6")
            }
            settings.frontierPenalties = values.compactMap { $0 }
        }
        if let frontierScale {
            let values = frontierScale.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--frontier-scale expects factors such as 0.5,1,2")
            }
            settings.frontierMultipliers = values.compactMap { $0 }
        }
        if let problem = settings.problems.first { throw ValidationError(problem) }
        return settings
    }

    /// `KEY=NUMBER,…`.
    static func pairs(_ text: String, option: String) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]) else {
                throw ValidationError("\(option) expects a number or ID=NUMBER,… (got '\(item)')")
            }
            result[parts[0]] = value
        }
        return result
    }

    func run() async throws {
        let settings = try settings()
        if let exportMPS {
            do {
                let size = try Analyzer.exportExtensiveForm(.file(file), settings: settings, to: exportMPS)
                if !quiet {
                    printError(
                        "optimize: wrote the extensive form (\(size.columns) columns, \(size.rows) rows, "
                            + "\(size.nonzeros) nonzeros) to \(exportMPS)")
                }
                return
            } catch {
                printError(error.description)
                throw invalidInputExitCode
            }
        }
        let run = try await runAnalysis(
            AnalysisRequest(scenario: .file(file), analysis: .optimize(settings)), label: "optimize", quiet: quiet)
        guard let report = OptimizationReport(run: run) else { return }
        if let writeScenario {
            let scenario = try Analyzer.planScenario(.file(file), lots: report.outcome.plan.lots)
            try emit(ScenarioWriter.yaml(scenario), to: writeScenario)
        }
        switch format {
        case .table: try emit(report.text(), to: out)
        case .csv: try emit(report.csv(), to: out)
        case .json: try emit(try report.json(), to: out)
        }
    }
}

extension OptimizeOptions.Method: ExpressibleByArgument {}
extension OptimizeOptions.Cuts: ExpressibleByArgument {}
