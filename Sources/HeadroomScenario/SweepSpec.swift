import HeadroomModel
import Yams

/// A sweep: the inputs to vary in a base scenario, each by a field path and an operation, over a grid of values
/// or a Latin hypercube of ranges.
///
/// Written in YAML (`headroom sweep FILE SWEEP.yaml`):
/// ```yaml
/// design: grid                   # or latin_hypercube, with samples (and seed)
/// parameters:
///   - name: demand
///     path: demand[*].anchors[*].mw
///     op: scale                  # set, scale or add
///     values: [0.8, 1.0, 1.25]   # grid; a Latin hypercube takes range: [low, high]
///   - name: oracle-slip
///     path: campuses[provider=oracle].phases[*].delay_months
///     op: add
///     values: [0, 6]
/// ```
public struct SweepSpec: Sendable, Hashable {
    /// How the variants are laid out.
    public enum Design: Sendable, Hashable {
        /// Every combination of the parameters' values.
        case grid
        /// `samples` points, each parameter's range cut into `samples` strata with one point in each.
        case latinHypercube(samples: Int, seed: UInt64)
    }

    /// An operation on the scalars a path selects.
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        /// Replace a number (or a distribution, by `fixed(value)`).
        case set
        /// Multiply a number, or a distribution's location and scale.
        case scale
        /// Add to a number, to a month (in months), or to a distribution (a shift).
        case add
    }

    /// One varied input.
    public struct Parameter: Sendable, Hashable {
        /// Its name in the tables.
        public var name: String
        /// Which scalars of the scenario it changes (see ``ScenarioPerturbation``).
        public var path: String
        /// What it does to them.
        public var operation: Operation
        /// The grid's values.
        public var values: [Double]
        /// The Latin hypercube's range.
        public var range: ClosedRange<Double>?

        /// Creates a parameter.
        public init(name: String, path: String, operation: Operation, values: [Double], range: ClosedRange<Double>?) {
            self.name = name
            self.path = path
            self.operation = operation
            self.values = values
            self.range = range
        }
    }

    /// The layout.
    public var design: Design
    /// The varied inputs.
    public var parameters: [Parameter]

    /// Creates a sweep.
    public init(design: Design, parameters: [Parameter]) {
        self.design = design
        self.parameters = parameters
    }

    /// Reads a sweep file.
    ///
    /// - Parameters:
    ///   - text: The YAML.
    ///   - file: Its name, for errors.
    /// - Returns: The sweep.
    /// - Throws: ``SweepError`` naming the line and what was expected.
    public static func parse(_ text: String, file: String) throws(SweepError) -> SweepSpec {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw SweepError(file: file, line: 1, "the sweep is not YAML: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw SweepError(file: file, line: 1, "expected a mapping with design and parameters")
        }
        func line(_ node: Node) -> Int { node.mark?.line ?? 1 }
        func fail(_ node: Node, _ message: String) -> SweepError { SweepError(file: file, line: line(node), message) }
        for key in top.keys where !["design", "samples", "seed", "parameters"].contains(key.string ?? "") {
            throw fail(key, "unknown key '\(key.string ?? "?")'; expected design, samples, seed, parameters")
        }
        let designName = top["design"]?.string ?? "grid"
        let design: Design
        switch designName {
        case "grid": design = .grid
        case "latin_hypercube":
            guard let samples = top["samples"]?.int, samples >= 2, samples <= 10_000 else {
                throw fail(top["samples"] ?? root, "latin_hypercube needs samples: a whole number from 2 to 10,000")
            }
            design = .latinHypercube(samples: samples, seed: UInt64(max(0, top["seed"]?.int ?? 1)))
        default:
            throw fail(top["design"] ?? root, "design: expected grid or latin_hypercube, found '\(designName)'")
        }
        guard let list = top["parameters"], case .sequence(let items) = list, !items.isEmpty else {
            throw fail(top["parameters"] ?? root, "parameters: expected a list of {name, path, op, values|range}")
        }
        var parameters: [Parameter] = []
        for item in items {
            guard case .mapping(let fields) = item else { throw fail(item, "a parameter is a mapping") }
            for key in fields.keys where !["name", "path", "op", "values", "range"].contains(key.string ?? "") {
                throw fail(key, "unknown key '\(key.string ?? "?")'; expected name, path, op, values, range")
            }
            guard let path = fields["path"]?.string, !path.isEmpty else { throw fail(item, "a parameter needs a path") }
            guard let operation = Operation(rawValue: fields["op"]?.string ?? "") else {
                throw fail(fields["op"] ?? item, "op: expected set, scale or add")
            }
            func numbers(_ node: Node?) throws(SweepError) -> [Double] {
                guard let node, case .sequence(let entries) = node else { return [] }
                var out: [Double] = []
                for entry in entries {
                    guard let value = entry.float, value.isFinite else { throw fail(entry, "expected a number") }
                    out.append(value)
                }
                return out
            }
            let values = try numbers(fields["values"])
            let bounds = try numbers(fields["range"])
            var range: ClosedRange<Double>?
            switch design {
            case .grid:
                guard !values.isEmpty, fields["range"] == nil else {
                    throw fail(item, "a grid parameter needs values: [v1, v2, …] (range is for latin_hypercube)")
                }
            case .latinHypercube:
                guard bounds.count == 2, bounds[0] <= bounds[1], fields["values"] == nil else {
                    throw fail(item, "a latin_hypercube parameter needs range: [low, high] with low ≤ high")
                }
                range = bounds[0]...bounds[1]
            }
            let name = fields["name"]?.string ?? path
            guard !parameters.contains(where: { $0.name == name }) else {
                throw fail(item, "two parameters named \(name)")
            }
            parameters.append(
                Parameter(name: name, path: path, operation: operation, values: values, range: range))
        }
        let spec = SweepSpec(design: design, parameters: parameters)
        guard spec.points().count <= 10_000 else {
            throw SweepError(file: file, line: line(list), "the grid has more than 10,000 variants")
        }
        return spec
    }

    /// The design's points: one value per parameter, in parameter order.
    ///
    /// - Returns: Every grid combination (the first parameter varying slowest), or the Latin hypercube's samples.
    public func points() -> [[Double]] {
        switch design {
        case .grid:
            return parameters.reduce([[]]) { partial, parameter in
                partial.flatMap { prefix in parameter.values.map { prefix + [$0] } }
            }
        case .latinHypercube(let samples, let seed):
            var state = seed &+ 0x9E37_79B9_7F4A_7C15
            func next() -> Double {
                // SplitMix64: a seeded, portable stream for the strata's permutations and offsets.
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
            }
            let columns = parameters.map { parameter -> [Double] in
                var strata = Array(0..<samples)
                for i in stride(from: samples - 1, to: 0, by: -1) { strata.swapAt(i, Int(next() * Double(i + 1))) }
                let range = parameter.range ?? 0...0
                return strata.map {
                    range.lowerBound + (Double($0) + next()) / Double(samples) * (range.upperBound - range.lowerBound)
                }
            }
            return (0..<samples).map { i in columns.map { $0[i] } }
        }
    }
}

/// A sweep file or a perturbation that does not apply: where, and what was expected.
public struct SweepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line (1-based).
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: error: MESSAGE`.
    public var description: String { "\(file):\(line): error: \(message)" }
}
