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
        for point in points {
            let label = zip(spec.parameters, point).map { "\($0.name)=\(Distribution.inlineNumber($1))" }
                .joined(separator: ", ")
            let variantText: String
            do throws(SweepError) {
                variantText = try ScenarioPerturbation.apply(
                    Array(zip(spec.parameters, point)).map { ($0, $1) }, to: text, file: file)
            } catch {
                throw .request(error.description)
            }
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
            facts: ScenarioFacts(model: try compile(base, file: file, structure: nil), scenario: base))
    }
}
