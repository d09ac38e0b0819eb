/// The one owner of a compiled scenario's flat buffers: a bump allocator that carves every array the path kernel
/// reads out of a few large blocks, and frees them all, once, when the last ``CompiledScenario`` copy goes away.
///
/// Arrays are copied in while a ``KernelData`` is built, on one thread, before the compiled scenario is shared; after
/// that nothing writes to the arena or to its memory, which makes the unchecked `Sendable` sound. Buffers are aligned
/// to 64 bytes (a cache line), so that a worker's reads of one array never straddle the end of another's line.
final class KernelArena: @unchecked Sendable {
    /// Bytes per block; an array larger than this gets a block of its own.
    static let blockSize = 64 * 1024
    /// Alignment of every buffer.
    static let alignment = 64

    private var blocks: [UnsafeMutableRawPointer] = []
    private var cursor = 0
    private var capacity = 0
    /// Deinitialisers of the buffers whose element type is not trivial, run before the blocks are freed.
    private var deinitializers: [() -> Void] = []

    /// Bytes allocated so far, over every block.
    private(set) var allocatedBytes = 0

    /// Copies `values` into the arena; the buffer lives as long as the arena.
    ///
    /// Its base address is never `nil`, even for no values, so that the kernel's `guard let … = buffer.baseAddress` never skips a path.
    func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let raw = reserve(bytes: MemoryLayout<T>.stride * values.count, alignment: MemoryLayout<T>.alignment)
        let typed = raw.bindMemory(to: T.self, capacity: values.count)
        let buffer = UnsafeMutableBufferPointer(start: typed, count: values.count)
        _ = buffer.initialize(from: values)
        if !_isPOD(T.self) {
            deinitializers.append { typed.deinitialize(count: values.count) }
        }
        return buffer
    }

    /// Reserves `bytes` bytes aligned to at least `alignment` and to ``alignment``.
    private func reserve(bytes: Int, alignment: Int) -> UnsafeMutableRawPointer {
        let align = max(alignment, Self.alignment)
        let start = (cursor + align - 1) / align * align
        if let block = blocks.last, start + bytes <= capacity {
            cursor = start + bytes
            return block + start
        }
        let size = max(Self.blockSize, bytes)
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: align)
        allocatedBytes += size
        if bytes >= Self.blockSize && !blocks.isEmpty {
            // A large array gets a block of its own; the partly filled block stays the one to fill.
            blocks.insert(block, at: blocks.count - 1)
            return block
        }
        blocks.append(block)
        cursor = bytes
        capacity = size
        return block
    }

    deinit {
        for deinitialize in deinitializers { deinitialize() }
        for block in blocks { block.deallocate() }
    }
}
