/// Results written by index from several threads of a `concurrentPerform`, read once they have all finished.
///
/// Each index must be written by exactly one thread, and the results read only after every writer has finished
/// (as `concurrentPerform` guarantees on return): under that contract no two threads touch the same slot and the
/// buffer never moves or resizes, which is why the type may be shared unchecked.
public final class IndexedSlots<Value: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    /// Slots for `count` results, all empty.
    public init(count: Int) {
        slots = .allocate(capacity: max(0, count))
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Stores the result of index `index` (in `0..<count`).
    public func store(_ index: Int, _ value: Value) {
        slots[index] = value
    }

    /// The stored results in index order (empty slots left out).
    public var values: [Value] { slots.compactMap { $0 } }
}
