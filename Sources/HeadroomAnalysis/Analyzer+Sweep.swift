import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// A sweep's result: each variant's inputs and its paired comparison against the base scenario, all on common random
/// numbers.
public struct SweepOutcome: Sendable, Hashable {
    /// The varied inputs' names, in the sweep's order.
    public var parameters: [String]
    /// Each variant's values of the parameters.
    public var points: [[Double]]
    /// Each variant against the base: the base's figures (`a`), the variant's (`b`) and their paired difference.
    public var comparisons: [HeadroomEngine.ComparisonResult]
    /// Paths every variant ran.
    public var paths: Int
    /// The seed.
    public var seed: UInt64
    /// The base scenario's facts.
    public var facts: ScenarioFacts
}

extension Analyzer {
    /// Runs the base scenario and every variant of `spec` in one pass over the paths on common random numbers, each
    /// variant paired with the base (DESIGN §5.4): the differences' standard errors are paired ones.
    ///
    /// - Parameters:
    ///   - text: The base scenario's YAML.
    ///   - file: Its name, for messages.
    ///   - spec: The inputs to vary and the design.
    ///   - settings: Paths, seed, threads and quantile levels (early stopping does not apply).
    ///   - control: Progress after each wave and a stop check before the next.
    /// - Returns: The variants' inputs and comparisons.
    /// - Throws: ``AnalysisError`` when the base or a variant does not read or run, or a path does not apply.
    public static func sweep(
        text: String, file: String, spec: SweepSpec, settings: SimulationSettings, control: RunControl = .none
    ) throws(AnalysisError) -> SweepOutcome {
        if let problem = settings.problems.first { throw .request(problem) }
        guard settings.untilStandardError == nil else {
            throw .request("until_standard_error: not available for a sweep: every variant runs the same paths")
        }
        let (base, _) = try read(.text(text, file: file))
        let baseModel = try compile(base, file: file, structure: settings.structure)
        let points = spec.points()
        var models = [baseModel]
        for (point, variantText) in zip(points, try sweepVariants(text: text, file: file, spec: spec)) {
            let label = zip(spec.parameters, point).map { "\($0.name)=\(Distribution.inlineNumber($1))" }
                .joined(separator: ", ")
            let (variant, _) = try read(.text(variantText, file: "\(file) (\(label))"))
            models.append(try compile(variant, file: "\(file) (\(label))", structure: settings.structure))
        }
        var options = settings.engineOptions(cores: ProcessInfo.processInfo.activeProcessorCount)
        options.untilStandardError = nil
        let run = Simulator.simulate(
            models.map { SimulationVariant($0, statistics: .none) },
            pairs: points.indices.map { VariantPair(base: 0, other: $0 + 1) }, options: options, control: control)
        return SweepOutcome(
            parameters: spec.parameters.map(\.name), points: points, comparisons: run.comparisons, paths: run.paths,
            seed: settings.seed,
            facts: ScenarioFacts(
                model: settings.structure == nil ? baseModel : try compile(base, file: file, structure: nil),
                scenario: base))
    }
}

extension Analyzer {
    /// Each variant's scenario text: the base with the variant's point applied, as `sweep` runs it.
    ///
    /// - Parameters:
    ///   - text: The base scenario's YAML.
    ///   - file: Its name, for messages.
    ///   - spec: The sweep.
    /// - Returns: One text per point of the design, in order.
    /// - Throws: ``AnalysisError`` when a path does not apply.
    public static func sweepVariants(text: String, file: String, spec: SweepSpec) throws(AnalysisError) -> [String] {
        var texts: [String] = []
        for point in spec.points() {
            do throws(SweepError) {
                texts.append(
                    try ScenarioPerturbation.apply(
                        Array(zip(spec.parameters, point)).map { ($0, $1) }, to: text, file: file))
            } catch {
                throw .request(error.description)
            }
        }
        return texts
    }

    /// A sweep from the shards of its variants' pair runs (`compare BASE VARIANT --shard`, one group of states per
    /// variant, in design order): the same outcome as ``sweep(text:file:spec:settings:control:)``, bit for bit.
    ///
    /// - Parameters:
    ///   - text: The base scenario's YAML.
    ///   - file: Its name.
    ///   - spec: The sweep.
    ///   - groups: Per variant, its shards' states with their files.
    /// - Returns: The sweep's outcome.
    /// - Throws: ``ShardStateError`` naming a state of another base or variant, or one that does not merge.
    public static func sweep(
        text: String, file: String, spec: SweepSpec, groups: [[(file: String, state: ShardState)]]
    ) throws(ShardStateError) -> SweepOutcome {
        let variants: [String]
        do throws(AnalysisError) {
            variants = try sweepVariants(text: text, file: file, spec: spec)
        } catch {
            throw ShardStateError(file: file, error.message)
        }
        guard groups.count == variants.count else {
            throw ShardStateError(file: file, "\(groups.count) variants' states for \(variants.count) variants")
        }
        let baseHash = ShardStateFile.sha256(Data(text.utf8))
        var comparisons: [HeadroomEngine.ComparisonResult] = []
        var facts: ScenarioFacts?
        var paths = 0
        var seed: UInt64 = 0
        for (k, group) in groups.enumerated() {
            for (stateFile, state) in group {
                guard state.header.analysis == ShardAnalysis.compare.rawValue, state.header.scenarioSHA256 == baseHash,
                    state.header.otherScenarioSHA256 == ShardStateFile.sha256(Data(variants[k].utf8))
                else { throw ShardStateError(file: stateFile, "not a shard of variant \(k + 1) of this sweep") }
            }
            let run = try mergeShards(group)
            guard case .comparison(let comparison, _) = run.outcome else {
                throw ShardStateError(file: group.first?.file ?? file, "not a comparison")
            }
            comparisons.append(comparison)
            facts = facts ?? run.facts
            paths = comparison.paths
            seed = comparison.seed
        }
        guard let facts else { throw ShardStateError(file: file, "no variant") }
        return SweepOutcome(
            parameters: spec.parameters.map(\.name), points: spec.points(), comparisons: comparisons, paths: paths,
            seed: seed, facts: facts)
    }
}
