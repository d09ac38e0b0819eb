/// A scenario the engine cannot run: an unresolved reference or an impossible value that validation should have
/// caught (the engine re-checks what it relies on, so a programmatic scenario cannot crash it), or a dynamic run
/// its policy cannot support.
///
/// Shaped like the reader's diagnostics: a code, a message naming the entity, and the entity's path
/// (`contracts.k.provider`, `risks.grid.delay_months`, `policy.holder`).
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unresolvedReference = "unresolved-reference"
            case invalidValue = "invalid-value"
            case outOfRange = "out-of-range"
            case policy
        }

        private let base: Base

        /// An id that names no entity of its kind.
        public static let unresolvedReference = Code(base: .unresolvedReference)
        /// A value the model cannot use (not finite, negative, inconsistent).
        public static let invalidValue = Code(base: .invalidValue)
        /// A size beyond what the engine supports (months, workloads).
        public static let outOfRange = Code(base: .outOfRange)
        /// A dynamic run the policy cannot support (no policy, no holder, a holder that cannot be asked).
        public static let policy = Code(base: .policy)

        /// A stable name, for logs and JSON.
        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public var code: Code
    /// The entity's path in the scenario (empty for the scenario as a whole).
    public var path: String
    /// What is wrong, naming the entity.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
