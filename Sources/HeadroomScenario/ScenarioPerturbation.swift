import HeadroomModel
import Yams

/// Applies a sweep parameter's operation to the scalars a field path selects in a scenario's YAML, giving the text
/// of a variant.
///
/// A path is dot-separated keys, each optionally followed by a list selector: `[*]` (every item), `[2]` (the third)
/// or `[key=value]` (the items whose `key` is `value`; `[key=v1|v2]` for either), as in
/// `campuses[provider=oracle].phases[*].delay_months`.
/// On a number, `set` replaces it, `scale` multiplies it and `add` adds to it; on a month (`2026-06`), `add` moves it
/// by whole months; on a distribution in its inline form, `scale` multiplies its location and spread, `add` shifts
/// it (a lognormal becomes a shifted lognormal) and `set` replaces it by `fixed(value)`.
public enum ScenarioPerturbation {
    /// The scenario text with each assignment applied in turn.
    ///
    /// - Parameters:
    ///   - assignments: Parameters with the value each takes.
    ///   - text: The base scenario's YAML.
    ///   - file: Its name, for errors.
    /// - Returns: The variant's YAML (comments are not kept).
    /// - Throws: ``SweepError`` when a path selects nothing or a scalar cannot take the operation.
    public static func apply(
        _ assignments: [(parameter: SweepSpec.Parameter, value: Double)], to text: String, file: String
    ) throws(SweepError) -> String {
        var node: Node
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw SweepError(file: file, line: 1, "empty scenario")
            }
            node = root
        } catch let error as SweepError {
            throw error
        } catch {
            throw SweepError(file: file, line: 1, "the scenario is not YAML: \(error)")
        }
        for (parameter, value) in assignments {
            var matched = 0
            let segments = parameter.path.split(separator: ".").map(String.init)
            node = try rewrite(node, segments[...], parameter, value, file: file, matched: &matched)
            if matched == 0 {
                throw SweepError(file: file, line: 1, "\(parameter.name): the path \(parameter.path) selects nothing")
            }
        }
        do {
            return try Yams.serialize(node: node)
        } catch {
            throw SweepError(file: file, line: 1, "the variant does not serialise: \(error)")
        }
    }

    /// `node` with `segments` followed and the operation applied where they end.
    private static func rewrite(
        _ node: Node, _ segments: ArraySlice<String>, _ parameter: SweepSpec.Parameter, _ value: Double,
        file: String, matched: inout Int
    ) throws(SweepError) -> Node {
        guard let segment = segments.first else {
            matched += 1
            return try transform(node, parameter, value, file: file)
        }
        let (key, selector) = split(segment)
        guard case .mapping(var mapping) = node, let child = mapping[key] else { return node }
        var updated = child
        if let selector {
            guard case .sequence(var items) = child else {
                throw SweepError(file: file, line: (child.mark?.line ?? 1), "\(parameter.name): \(key) is not a list")
            }
            for index in items.indices where selects(selector, index: index, item: items[index]) {
                items[index] = try rewrite(
                    items[index], segments.dropFirst(), parameter, value, file: file, matched: &matched)
            }
            updated = .sequence(items)
        } else {
            updated = try rewrite(child, segments.dropFirst(), parameter, value, file: file, matched: &matched)
        }
        mapping[key] = updated
        return .mapping(mapping)
    }

    /// `key[selector]` as key and selector.
    private static func split(_ segment: String) -> (String, String?) {
        guard let open = segment.firstIndex(of: "["), segment.hasSuffix("]") else { return (segment, nil) }
        return (
            String(segment[..<open]),
            String(segment[segment.index(after: open)..<segment.index(before: segment.endIndex)])
        )
    }

    /// Whether list item `index` is selected.
    private static func selects(_ selector: String, index: Int, item: Node) -> Bool {
        if selector == "*" { return true }
        if let wanted = Int(selector) { return wanted == index }
        let parts = selector.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, case .mapping(let fields) = item, let value = fields[parts[0]]?.string else {
            return false
        }
        return parts[1].split(separator: "|").contains { $0 == value }
    }

    /// The operation applied to one scalar.
    private static func transform(_ node: Node, _ parameter: SweepSpec.Parameter, _ value: Double, file: String)
        throws(SweepError) -> Node
    {
        let line = node.mark?.line ?? 1
        guard case .scalar(let scalar) = node else {
            throw SweepError(
                file: file, line: line,
                "\(parameter.name): \(parameter.path) ends at a list or mapping; it must end at a number, month or inline distribution"
            )
        }
        let text = scalar.string
        if let number = ScalarSyntax.number(text), number.isFinite {
            let result: Double =
                switch parameter.operation {
                case .set: value
                case .scale: number * value
                case .add: number + value
                }
            return Node(Distribution.inlineNumber(result))
        }
        if let month = Month(text) {
            guard parameter.operation == .add, value == value.rounded() else {
                throw SweepError(file: file, line: line, "\(parameter.name): a month takes add with a whole number")
            }
            return Node(month.adding(months: Int(value)).description)
        }
        let distribution: Distribution
        do throws(DistributionSyntaxError) {
            distribution = try ScenarioReader.distribution(inline: text)
        } catch {
            throw SweepError(
                file: file, line: line, "\(parameter.name): '\(text)' is no number, month or inline distribution")
        }
        let changed: Distribution =
            switch parameter.operation {
            case .set: .fixed(value)
            case .scale: scaled(distribution, value)
            case .add: shifted(distribution, value)
            }
        if let problem = changed.parameterProblems.first {
            throw SweepError(file: file, line: line, "\(parameter.name): \(problem)")
        }
        return Node(changed.inlineText)
    }

    /// `d` with its location and spread multiplied by `f`.
    static func scaled(_ d: Distribution, _ f: Double) -> Distribution {
        switch d {
        case .fixed(let v): .fixed(v * f)
        case .uniform(let lo, let hi): .uniform(min: min(lo * f, hi * f), max: max(lo * f, hi * f))
        case .triangular(let lo, let mode, let hi): .triangular(min: lo * f, mode: mode * f, max: hi * f)
        case .pert(let lo, let mode, let hi): .pert(min: lo * f, mode: mode * f, max: hi * f)
        case .normal(let mean, let sd): .normal(mean: mean * f, sd: sd * abs(f))
        case .lognormal(let median, let sigma): .lognormal(median: median * f, sigma: sigma)
        case .shiftedLognormal(let shift, let median, let sigma):
            .shiftedLognormal(shift: shift * f, median: median * f, sigma: sigma)
        case .bernoulli, .discrete: d
        }
    }

    /// `d` shifted by `x`.
    static func shifted(_ d: Distribution, _ x: Double) -> Distribution {
        switch d {
        case .fixed(let v): .fixed(v + x)
        case .uniform(let lo, let hi): .uniform(min: lo + x, max: hi + x)
        case .triangular(let lo, let mode, let hi): .triangular(min: lo + x, mode: mode + x, max: hi + x)
        case .pert(let lo, let mode, let hi): .pert(min: lo + x, mode: mode + x, max: hi + x)
        case .normal(let mean, let sd): .normal(mean: mean + x, sd: sd)
        case .lognormal(let median, let sigma): x == 0 ? d : .shiftedLognormal(shift: x, median: median, sigma: sigma)
        case .shiftedLognormal(let shift, let median, let sigma):
            .shiftedLognormal(shift: shift + x, median: median, sigma: sigma)
        case .bernoulli(let p): .bernoulli(p: p)
        case .discrete(let outcomes):
            .discrete(outcomes.map { DiscreteOutcome(value: $0.value + x, weight: $0.weight) })
        }
    }
}
