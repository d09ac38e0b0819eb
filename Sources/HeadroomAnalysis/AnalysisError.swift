import HeadroomEngine
import HeadroomOptimize
import HeadroomScenario

/// Why an analysis could not run: its scenario does not read, its scenario cannot be simulated, or its request asks
/// for something impossible.
///
/// Front ends translate it at their edge: the CLI to exit status 2, a service to a 4xx status.
public struct AnalysisError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidScenario = "invalid-scenario"
            case unrunnableScenario = "unrunnable-scenario"
            case invalidRequest = "invalid-request"
            case infeasible
            case solverFailure = "solver-failure"
        }

        private let base: Base

        /// The scenario does not read or validate; ``AnalysisError/diagnostics`` locates every problem.
        public static let invalidScenario = Code(base: .invalidScenario)
        /// The scenario is valid but the engine cannot run it as asked (for example a structure without a holder).
        public static let unrunnableScenario = Code(base: .unrunnableScenario)
        /// A setting of the request is out of range or does not apply to the analysis.
        public static let invalidRequest = Code(base: .invalidRequest)
        /// An optimization has no plan that keeps every constraint; the message names those in conflict.
        public static let infeasible = Code(base: .infeasible)
        /// The optimizer's solver failed or met a numerically troubled model.
        public static let solverFailure = Code(base: .solverFailure)

        /// A stable name, for logs and JSON.
        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong, naming the setting or entity.
    public var message: String
    /// The scenario file (or request part) it concerns.
    public var file: String
    /// For a scenario the engine cannot run: the entity's path in it (`contracts.k.provider`), else empty.
    public var path: String
    /// For an invalid scenario: every problem, located.
    public var diagnostics: [ScenarioDiagnostic]

    /// Creates an error.
    public init(code: Code, message: String, file: String, path: String = "", diagnostics: [ScenarioDiagnostic] = []) {
        self.code = code
        self.message = message
        self.file = file
        self.path = path
        self.diagnostics = diagnostics
    }

    /// `file: error: message`, or every diagnostic on its own line.
    public var description: String {
        diagnostics.isEmpty ? "\(file): error: \(message)" : diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension AnalysisError {
    /// An invalid scenario, from the reader's diagnostics.
    static func invalid(_ error: ScenarioError, file: String) -> AnalysisError {
        AnalysisError(
            code: .invalidScenario, message: "\(error.diagnostics.count) problem(s)", file: file,
            diagnostics: error.diagnostics)
    }

    /// A scenario the engine cannot run.
    static func unrunnable(_ error: EngineError, file: String) -> AnalysisError {
        AnalysisError(code: .unrunnableScenario, message: error.message, file: file, path: error.path)
    }

    /// An optimization that could not be set up or solved.
    static func optimization(_ error: OptimizationError, file: String) -> AnalysisError {
        let code: Code
        switch error.code {
        case .invalidInput: code = .invalidRequest
        case .infeasible: code = .infeasible
        case .numerical, .solver: code = .solverFailure
        }
        return AnalysisError(code: code, message: error.description, file: file, path: error.path ?? "")
    }

    /// A request setting that cannot apply.
    static func request(_ message: String) -> AnalysisError {
        AnalysisError(code: .invalidRequest, message: message, file: "request")
    }
}
