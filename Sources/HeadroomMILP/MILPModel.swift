/// A mixed-integer linear program in a solver-neutral form: columns with bounds, objective coefficients and
/// integrality; rows as sparse linear combinations with a sense and a right-hand side.
///
/// Minimisation always. Built by appending; indices are positions in `columns` and `rows`. Names are kept for MPS
/// export and for error messages (they must be unique and free of spaces).
public struct MILPModel: Sendable, Hashable {
    /// The model's name (the MPS `NAME` record).
    public var name: String
    /// The columns (variables).
    public private(set) var columns: [Column] = []
    /// The rows (constraints).
    public private(set) var rows: [Row] = []
    /// A constant added to the objective (not a column; solvers report the objective with it added).
    public var objectiveOffset: Double = 0

    /// Creates an empty model.
    public init(name: String) {
        self.name = name
    }

    /// A variable.
    public struct Column: Sendable, Hashable {
        /// A unique name without spaces.
        public var name: String
        /// The lower bound (may be `-infinity`).
        public var lower: Double
        /// The upper bound (may be `+infinity`).
        public var upper: Double
        /// The objective coefficient.
        public var objective: Double
        /// Whether the variable must take an integer value.
        public var isInteger: Bool
    }

    /// A constraint `Σ coefficients[i] · x[indices[i]]  sense  rhs`.
    public struct Row: Sendable, Hashable {
        /// A unique name without spaces.
        public var name: String
        /// Column indices (distinct).
        public var indices: [Int32]
        /// Coefficients, one per index.
        public var coefficients: [Double]
        /// The sense.
        public var sense: Sense
        /// The right-hand side.
        public var rhs: Double
    }

    /// A row's sense.
    public enum Sense: String, Sendable, Hashable {
        /// `≤ rhs`.
        case lessOrEqual = "L"
        /// `≥ rhs`.
        case greaterOrEqual = "G"
        /// `= rhs`.
        case equal = "E"
    }

    /// Appends a column.
    /// - Returns: its index.
    @discardableResult
    public mutating func addColumn(
        _ name: String, lower: Double = 0, upper: Double = .infinity, objective: Double = 0, isInteger: Bool = false
    ) -> Int {
        columns.append(Column(name: name, lower: lower, upper: upper, objective: objective, isInteger: isInteger))
        return columns.count - 1
    }

    /// Appends a row; terms with a zero coefficient are dropped, repeated indices are summed.
    /// - Returns: its index.
    @discardableResult
    public mutating func addRow(
        _ name: String, _ terms: [(column: Int, coefficient: Double)], _ sense: Sense, _ rhs: Double
    )
        -> Int
    {
        var merged: [Int: Double] = [:]
        for term in terms where term.coefficient != 0 { merged[term.column, default: 0] += term.coefficient }
        let ordered = merged.keys.sorted().filter { merged[$0] != 0 }
        rows.append(
            Row(
                name: name, indices: ordered.map { Int32($0) }, coefficients: ordered.map { merged[$0] ?? 0 },
                sense: sense, rhs: rhs))
        return rows.count - 1
    }

    /// Changes a column's bounds (for fixing integers, or tightening a relaxation).
    public mutating func setBounds(of column: Int, lower: Double, upper: Double) {
        columns[column].lower = lower
        columns[column].upper = upper
    }

    /// Changes a row's right-hand side.
    public mutating func setRHS(of row: Int, _ rhs: Double) {
        rows[row].rhs = rhs
    }

    /// Drops every integrality requirement (the LP relaxation).
    public func relaxed() -> MILPModel {
        var copy = self
        for i in copy.columns.indices { copy.columns[i].isInteger = false }
        return copy
    }

    /// The objective of `values` (with the offset).
    public func objective(of values: [Double]) -> Double {
        var sum = objectiveOffset
        for (i, column) in columns.enumerated() where i < values.count { sum += column.objective * values[i] }
        return sum
    }

    /// The rows `values` breaks by more than `tolerance` (relative to max(1, |rhs|)), and columns out of bounds or
    /// fractional where integral, as readable names.
    public func violations(of values: [Double], tolerance: Double = 1e-6) -> [String] {
        var found: [String] = []
        for (i, column) in columns.enumerated() {
            let v = i < values.count ? values[i] : 0
            let scale = max(1, abs(v))
            if v < column.lower - tolerance * scale || v > column.upper + tolerance * scale {
                found.append("\(column.name) = \(v) outside [\(column.lower), \(column.upper)]")
            }
            if column.isInteger && abs(v - v.rounded()) > 1e-6 { found.append("\(column.name) = \(v) not integral") }
        }
        for row in rows {
            var lhs = 0.0
            for (k, j) in row.indices.enumerated() where Int(j) < values.count {
                lhs += row.coefficients[k] * values[Int(j)]
            }
            let slack = tolerance * max(1, abs(row.rhs))
            let broken: Bool
            switch row.sense {
            case .lessOrEqual: broken = lhs > row.rhs + slack
            case .greaterOrEqual: broken = lhs < row.rhs - slack
            case .equal: broken = abs(lhs - row.rhs) > slack
            }
            if broken { found.append("\(row.name): \(lhs) \(row.sense.rawValue) \(row.rhs)") }
        }
        return found
    }
}
