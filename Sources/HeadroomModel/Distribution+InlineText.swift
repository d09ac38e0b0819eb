extension Distribution {
    /// The compact inline form the scenario format reads and writes, such as `pert(0, 3, 9)` or
    /// `discrete([0, 0.7], [6, 0.3])`; reports show inputs in the same syntax.
    public var inlineText: String {
        func call(_ values: Double...) -> String {
            kind + "(" + values.map(Self.inlineNumber).joined(separator: ", ") + ")"
        }
        switch self {
        case .fixed(let v): return call(v)
        case .uniform(let lo, let hi): return call(lo, hi)
        case .triangular(let lo, let mode, let hi), .pert(let lo, let mode, let hi): return call(lo, mode, hi)
        case .normal(let mean, let sd): return call(mean, sd)
        case .lognormal(let median, let sigma): return call(median, sigma)
        case .shiftedLognormal(let shift, let median, let sigma): return call(shift, median, sigma)
        case .bernoulli(let p): return call(p)
        case .discrete(let outcomes):
            let pairs = outcomes.map { "[\(Self.inlineNumber($0.value)), \(Self.inlineNumber($0.weight))]" }
            return "discrete(" + pairs.joined(separator: ", ") + ")"
        }
    }

    /// A number as the scenario format writes it: whole numbers without `.0`, others in shortest round-trip form.
    public static func inlineNumber(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0.0" : "0" }
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.description
    }
}
