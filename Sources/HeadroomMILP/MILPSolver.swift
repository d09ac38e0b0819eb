/// A MILP solver the optimizer can call: CBC here, any other behind the same protocol.
public protocol MILPSolver: Sendable {
    /// A short name for reports (`cbc 2.10.8`).
    var name: String { get }

    /// Solves `model` (minimisation).
    /// - Parameters:
    ///   - model: the model.
    ///   - options: stopping rules.
    /// - Returns: the outcome, with the best solution found if any.
    /// - Throws: ``MILPError`` when the solver cannot be run on the model at all (never for infeasible or
    ///   unbounded models: those are outcomes).
    func solve(_ model: MILPModel, options: MILPOptions) throws(MILPError) -> MILPSolution
}

/// When a MILP solve stops.
public struct MILPOptions: Sendable, Hashable {
    /// Stop when (incumbent − bound) / max(1e-10, |incumbent|) is at most this.
    public var relativeGap: Double
    /// Stop after this many seconds of wall time (with the incumbent, if any).
    public var timeLimitSeconds: Double?
    /// A starting solution (one value per column), if known; the solver may use it as its first incumbent.
    public var warmStart: [Double]?

    /// Creates options.
    public init(relativeGap: Double = 1e-6, timeLimitSeconds: Double? = nil, warmStart: [Double]? = nil) {
        self.relativeGap = relativeGap
        self.timeLimitSeconds = timeLimitSeconds
        self.warmStart = warmStart
    }
}

/// What a MILP solve found.
public struct MILPSolution: Sendable, Hashable {
    /// How the solve ended.
    public var status: Status
    /// The best solution's objective (with the model's offset); `nil` without a solution.
    public var objective: Double?
    /// The best proven lower bound on the optimum (with the offset); equals `objective` when proven optimal.
    public var bound: Double?
    /// The best solution, one value per column; empty without one.
    public var values: [Double]
    /// Branch-and-bound nodes explored.
    public var nodes: Int
    /// Wall-clock seconds spent.
    public var seconds: Double

    /// Creates a solution.
    public init(status: Status, objective: Double?, bound: Double?, values: [Double], nodes: Int, seconds: Double) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.values = values
        self.nodes = nodes
        self.seconds = seconds
    }

    /// The relative gap between `objective` and `bound`, `nil` without both.
    public var relativeGap: Double? {
        guard let objective, let bound else { return nil }
        return max(0, objective - bound) / max(1e-10, abs(objective))
    }

    /// How a solve ended.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Proven optimal (within the gap asked for).
        case optimal
        /// Stopped by the time limit with a solution.
        case timeLimitWithSolution = "time-limit"
        /// Stopped by the time limit without any solution.
        case timeLimitWithoutSolution = "time-limit-no-solution"
        /// Proven infeasible.
        case infeasible
        /// Unbounded (or infeasible and unbounded: the solver could not tell).
        case unbounded
        /// The solver stopped for a numerical or other internal reason.
        case abandoned
    }
}

/// A solver that could not be run on a model, with what was wrong.
public struct MILPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
