import CCoinCbc
import Synchronization

/// COIN-OR CBC (2.10, through its C API `Cbc_C_Interface.h`) behind ``MILPSolver``.
///
/// Serialisation: CBC's solver driver (`CbcMain1`) keeps process-wide static state (parse mode, print switches,
/// the branch model pointer), so no two CBC models may be solved at the same time anywhere in the process, whatever
/// instance they go through. Every call into the library — `Cbc_getVersion` in `init`, and in ``solve`` everything
/// from `Cbc_newModel` through `Cbc_loadProblem`, the parameter setters, `Cbc_solve` and the result getters to
/// `Cbc_deleteModel` — therefore happens inside one process-wide `Mutex` (``libraryLock``, from `Synchronization`):
/// the lock stands for the C library's own global state and guards nothing else, and it holds no value. Concurrent
/// ``solve`` calls run one after another, each blocking its calling thread until the ones before it finish
/// (validation and matrix building happen before the lock is taken), so callers in Swift concurrency should solve
/// from a thread of their own, as the analysis layer does. Instances are cheap and interchangeable.
///
/// Each solve builds a fresh CBC model (CBC's own documentation advises against reusing one) and deletes it before
/// returning. CBC prints nothing: its log level is 0 and its command-line driver gets `-log 0`. Models with at least
/// one integer column go through CBC's branch and cut (`CbcMain1`, presolve and cuts at their defaults, elapsed-time
/// limit); models without any are pure LPs that CBC hands straight to CLP's simplex, where ``MILPOptions`` has no
/// effect (no time limit, no gap, no warm start). Values of CBC's infinity (≥ 1e30) are infinite to CBC.
public final class CBCSolver: MILPSolver {
    /// `cbc` and the library's version (`cbc 2.10.8`).
    public let name: String
    /// The one lock of every call into the CBC library in this process (see the type's documentation).
    private static let libraryLock = Mutex(())

    /// Creates a solver (instances share the process-wide lock; see the type's documentation).
    public init() {
        self.name = Self.libraryLock.withLock { _ in
            guard let version = Cbc_getVersion() else { return "cbc" }
            return "cbc " + String(cString: version)
        }
    }

    /// Solves `model` (minimisation) with CBC.
    ///
    /// - Parameters:
    ///   - model: the model; checked with ``MILPModel/validate()`` first.
    ///   - options: the relative gap (CBC's allowable fraction gap), the time limit in wall-clock seconds (CBC's
    ///     maximum seconds, elapsed-time mode) and a warm start (its integer values, rounded into the bounds, become
    ///     CBC's MIP start; CBC completes the continuous ones and ignores the start if it is infeasible).
    /// - Returns: the outcome. `objective` is `model.objective(of: values)` (offset included; integer columns
    ///   within 1e-9 of an integer are rounded to it); `bound` is CBC's best possible objective plus the offset,
    ///   never above `objective` (the objective itself for a pure LP; `nil` when CBC has none, as when it stopped
    ///   before finishing the root relaxation).
    /// - Throws: ``MILPError`` for a malformed model or options (a NaN or negative gap or time limit, a warm start of
    ///   the wrong length or with non-finite values); never for infeasible or unbounded models.
    public func solve(_ model: MILPModel, options: MILPOptions) throws(MILPError) -> MILPSolution {
        let clock = ContinuousClock()
        let start = clock.now
        try model.validate()
        try Self.check(options, columns: model.columns.count)
        var raw: RawOutcome
        if model.columns.isEmpty {
            raw = Self.solveEmpty(model)
        } else {
            let matrix = model.columnMajor()
            raw = Self.libraryLock.withLock { _ in Self.runCBC(model, matrix: matrix, options: options) }
        }
        if !raw.values.isEmpty { Self.roundIntegers(&raw.values, of: model) }
        let objective = raw.values.isEmpty && raw.status != .optimal ? nil : model.objective(of: raw.values)
        var bound = raw.bound.map { $0 + model.objectiveOffset }
        if let objective {
            bound = raw.status == .optimal ? min(bound ?? objective, objective) : bound.map { min($0, objective) }
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return MILPSolution(
            status: raw.status, objective: objective, bound: bound, values: raw.values, nodes: raw.nodes,
            seconds: seconds)
    }

    /// What CBC said, before the offset is added.
    private struct RawOutcome: Sendable {
        var status: MILPSolution.Status
        var values: [Double]
        var bound: Double?
        var nodes: Int
    }

    private static func check(_ options: MILPOptions, columns: Int) throws(MILPError) {
        guard options.relativeGap >= 0, !options.relativeGap.isNaN else {
            throw MILPError("relative gap \(options.relativeGap) is not a non-negative number")
        }
        if let limit = options.timeLimitSeconds {
            guard limit > 0, !limit.isNaN else { throw MILPError("time limit \(limit) s is not a positive number") }
        }
        if let warmStart = options.warmStart {
            guard warmStart.count == columns else {
                throw MILPError("warm start has \(warmStart.count) values for \(columns) columns")
            }
            if let bad = warmStart.firstIndex(where: { !$0.isFinite }) {
                throw MILPError("warm start value \(warmStart[bad]) of column index \(bad) is not finite")
            }
        }
    }

    /// A model without columns: every row reads `0 sense rhs`.
    private static func solveEmpty(_ model: MILPModel) -> RawOutcome {
        let feasible = model.rows.allSatisfy { row in
            switch row.sense {
            case .lessOrEqual: 0 <= row.rhs
            case .greaterOrEqual: 0 >= row.rhs
            case .equal: row.rhs == 0
            }
        }
        return RawOutcome(status: feasible ? .optimal : .infeasible, values: [], bound: feasible ? 0 : nil, nodes: 0)
    }

    private static func roundIntegers(_ values: inout [Double], of model: MILPModel) {
        for (j, column) in model.columns.enumerated() where column.isInteger && j < values.count {
            let nearest = values[j].rounded()
            if abs(values[j] - nearest) <= 1e-9 { values[j] = nearest }
        }
    }

    /// CBC's stand-in for an infinite bound.
    private static func finite(_ value: Double) -> Double {
        if value == .infinity { return .greatestFiniteMagnitude }
        if value == -.infinity { return -.greatestFiniteMagnitude }
        return value
    }

    /// Builds, solves, reads and deletes one CBC model; called with the lock held.
    private static func runCBC(_ model: MILPModel, matrix: ColumnMajorMatrix, options: MILPOptions) -> RawOutcome {
        guard let cbc = Cbc_newModel() else {
            return RawOutcome(status: .abandoned, values: [], bound: nil, nodes: 0)
        }
        defer { Cbc_deleteModel(cbc) }
        load(model, matrix: matrix, into: cbc)
        Cbc_setLogLevel(cbc, 0)
        Cbc_setParameter(cbc, "log", "0")
        Cbc_setParameter(cbc, "timeMode", "elapsed")
        let integers = model.columns.indices.filter { model.columns[$0].isInteger }
        for j in integers { Cbc_setInteger(cbc, Int32(j)) }
        Cbc_setAllowableFractionGap(cbc, options.relativeGap)
        if let limit = options.timeLimitSeconds, limit.isFinite { Cbc_setMaximumSeconds(cbc, limit) }
        if let warmStart = options.warmStart, !integers.isEmpty {
            let indices = integers.map { Int32($0) }
            let values = integers.map { j in
                let column = model.columns[j]
                return min(max(warmStart[j].rounded(), column.lower.rounded(.up)), column.upper.rounded(.down))
            }
            Cbc_setMIPStartI(cbc, Int32(indices.count), indices, values)
        }
        _ = Cbc_solve(cbc)
        let columns = model.columns.count
        if integers.isEmpty { return linearOutcome(cbc, columns: columns) }
        return integerOutcome(cbc, columns: columns)
    }

    private static func load(_ model: MILPModel, matrix: ColumnMajorMatrix, into cbc: UnsafeMutableRawPointer) {
        let lower = model.columns.map { finite($0.lower) }
        let upper = model.columns.map { finite($0.upper) }
        let objective = model.columns.map(\.objective)
        let rowLower = model.rows.map { $0.sense == .lessOrEqual ? -Double.greatestFiniteMagnitude : $0.rhs }
        let rowUpper = model.rows.map { $0.sense == .greaterOrEqual ? Double.greatestFiniteMagnitude : $0.rhs }
        Cbc_loadProblem(
            cbc, Int32(model.columns.count), Int32(model.rows.count), matrix.starts, matrix.rowIndices, matrix.values,
            lower, upper, objective, rowLower, rowUpper)
        Cbc_setObjSense(cbc, 1)
    }

    /// A copy of CBC's `count` values at `pointer`, or none.
    private static func copy(_ pointer: UnsafePointer<Double>?, count: Int) -> [Double] {
        guard let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// A model without integer columns: `Cbc_solve` ran CLP's `initialSolve` only, so CBC's own status stays -1 and
    /// the answer is in the LP solver's flags (`Cbc_isProvenInfeasible` is primal *or* dual infeasible there).
    private static func linearOutcome(_ cbc: UnsafeMutableRawPointer, columns: Int) -> RawOutcome {
        if Cbc_isProvenOptimal(cbc) != 0 {
            let values = copy(Cbc_getColSolution(cbc), count: columns)
            if values.count == columns { return RawOutcome(status: .optimal, values: values, bound: nil, nodes: 0) }
            return RawOutcome(status: .abandoned, values: [], bound: nil, nodes: 0)
        }
        let status: MILPSolution.Status
        if Cbc_isInitialSolveProvenPrimalInfeasible(cbc) != 0 {
            status = .infeasible
        } else if Cbc_isProvenInfeasible(cbc) != 0 {
            status = .unbounded  // dual infeasible, primal not proven infeasible
        } else {
            status = .abandoned
        }
        return RawOutcome(status: status, values: [], bound: nil, nodes: 0)
    }

    /// The outcome of a model with integer columns, read after `CbcMain1`.
    ///
    /// `Cbc_status` 0 is a finished search (optimal within the gap,
    /// secondary status 0 or 2; proven infeasible, 1; an unbounded relaxation, 7), 1 a limit (secondary 4 is time,
    /// `Cbc_isSecondsLimitReached`; node, solution and iteration limits are never set here), 2 numerical trouble,
    /// 5 a user event (none is registered), -1 a search that never started. The incumbent is `Cbc_bestSolution`, or
    /// saved solution 0 (the best) when only `Cbc_numberSavedSolutions` knows of one.
    private static func integerOutcome(_ cbc: UnsafeMutableRawPointer, columns: Int) -> RawOutcome {
        var best = copy(Cbc_bestSolution(cbc).map { UnsafePointer($0) }, count: columns)
        if best.isEmpty && Cbc_numberSavedSolutions(cbc) > 0 { best = copy(Cbc_savedSolution(cbc, 0), count: columns) }
        let hasSolution = best.count == columns
        let values = hasSolution ? best : []
        let rawBound = Cbc_getBestPossibleObjValue(cbc)
        let bound = rawBound.isFinite && abs(rawBound) < 1e30 ? rawBound : nil
        let nodes = Int(Cbc_getNodeCount(cbc))
        let status: MILPSolution.Status
        switch Cbc_status(cbc) {
        case 0:
            if Cbc_isProvenOptimal(cbc) != 0 && hasSolution {
                status = .optimal
            } else if Cbc_isContinuousUnbounded(cbc) != 0 {
                status = .unbounded
            } else if Cbc_isProvenInfeasible(cbc) != 0 {
                status = .infeasible
            } else {
                status = .abandoned
            }
        case 1 where Cbc_isSecondsLimitReached(cbc) != 0:
            status = hasSolution ? .timeLimitWithSolution : .timeLimitWithoutSolution
        default:
            status = .abandoned
        }
        let keepsValues = status == .optimal || status == .timeLimitWithSolution
        let keepsBound = keepsValues || status == .timeLimitWithoutSolution
        return RawOutcome(
            status: status, values: keepsValues ? values : [], bound: keepsBound ? bound : nil, nodes: nodes)
    }
}
