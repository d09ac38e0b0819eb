/// A scenario the engine cannot run: an unresolved reference or an impossible value that validation should have
/// caught (the engine re-checks what it relies on, so a programmatic scenario cannot crash it).
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the entity.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
