import Foundation
import HeadroomMILP

/// The one CBC instance the tests share, as a process should (CBC is not thread-safe; the instance serialises).
let sharedCBC = CBCSolver()

/// A small deterministic generator (SplitMix64), so the random models are the same on every machine.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }
}

/// A feasible, bounded random MILP: integer and continuous columns with finite bounds (some negative), rows of all
/// three senses built around a random point that satisfies them exactly (coefficients are integers and the point's
/// values multiples of 1/4, so `a·x` is exact), quarter-integer objective, and an objective offset.
func randomMILP(seed: UInt64) -> MILPModel {
    var random = SplitMix64(state: seed)
    var model = MILPModel(name: "random-\(seed)")
    let columnCount = random.int(10...18)
    let rowCount = random.int(6...12)
    var point: [Double] = []
    for j in 0..<columnCount {
        let isInteger = random.chance(0.6)
        let lower = Double(random.chance(0.3) ? -random.int(1...4) : 0)
        let upper = lower + Double(random.int(1...8))
        let objective = Double(random.int(-40...40)) / 4
        model.addColumn(
            isInteger ? "i\(j)" : "c\(j)", lower: lower, upper: upper, objective: objective, isInteger: isInteger)
        let steps = Int((upper - lower) * (isInteger ? 1 : 4))
        point.append(lower + Double(random.int(0...steps)) / (isInteger ? 1 : 4))
    }
    for i in 0..<rowCount {
        var terms: [(column: Int, coefficient: Double)] = []
        for j in 0..<columnCount where random.chance(0.45) {
            terms.append((j, Double(random.chance(0.5) ? random.int(1...9) : -random.int(1...9))))
        }
        if terms.isEmpty { terms.append((random.int(0...(columnCount - 1)), 1)) }
        let activity = terms.reduce(0) { $0 + $1.coefficient * point[$1.column] }
        switch random.int(0...4) {
        case 0: model.addRow("e\(i)", terms, .equal, activity)
        case 1, 2: model.addRow("l\(i)", terms, .lessOrEqual, activity + Double(random.int(0...6)))
        default: model.addRow("g\(i)", terms, .greaterOrEqual, activity - Double(random.int(0...6)))
        }
    }
    model.objectiveOffset = Double(random.int(-100...100)) / 8
    return model
}

/// A market-split instance (Cornuéjols–Dawande), too hard for any branch and bound to finish in seconds.
///
/// `rows` equalities `Σ a_ij x_j = ⌊Σ_j a_ij / 2⌋` over binaries with
/// `a_ij` in 0...99: with 6 rows and 50 columns no solver finds a solution or proves there is none within seconds.
/// With `slacks`, each row gets `s⁺ − s⁻` (continuous, cost 1), making it trivially feasible (`x = 0`) and
/// still hard to prove optimal (the LP bound is 0).
func marketSplit(rows: Int = 6, columns: Int = 50, slacks: Bool, seed: UInt64 = 12_345) -> MILPModel {
    var random = SplitMix64(state: seed)
    var model = MILPModel(name: "market-split")
    for j in 0..<columns { model.addColumn("x\(j)", upper: 1, isInteger: true) }
    for i in 0..<rows {
        let a = (0..<columns).map { _ in Double(random.int(0...99)) }
        var terms = a.enumerated().map { (column: $0.offset, coefficient: $0.element) }
        if slacks {
            let plus = model.addColumn("sp\(i)", objective: 1)
            let minus = model.addColumn("sm\(i)", objective: 1)
            terms += [(plus, 1), (minus, -1)]
        }
        model.addRow("split\(i)", terms, .equal, (a.reduce(0, +) / 2).rounded(.down))
    }
    return model
}

/// A warm start for ``marketSplit(rows:columns:slacks:seed:)`` with slacks: all `x = 0`, slacks taking the rhs.
func marketSplitStart(_ model: MILPModel) -> [Double] {
    var values = [Double](repeating: 0, count: model.columns.count)
    for row in model.rows {
        if let plus = model.columns.firstIndex(where: { $0.name == "sp" + row.name.dropFirst("split".count) }) {
            values[plus] = row.rhs
        }
    }
    return values
}

/// Whether `a` and `b` agree within `relative` (relative to max(1, |a|, |b|)).
func close(_ a: Double?, _ b: Double?, relative: Double = 1e-6) -> Bool {
    guard let a, let b else { return false }
    return abs(a - b) <= relative * max(1, abs(a), abs(b))
}
