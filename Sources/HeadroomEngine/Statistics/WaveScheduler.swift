import Dispatch

/// Runs paths in waves of blocks across threads, merging each block's floating-point sums in block order.
///
/// A wave is ``MonteCarloOptions/waveBlocks`` blocks of ``MonteCarloOptions/blockSize`` paths. Inside a wave,
/// worker `w` simulates blocks `w, w + threads, …` into its own slot of sums; after the wave the slots are added
/// to the totals in block order. Sums therefore never depend on the thread count, and memory is bounded by one
/// wave's slots whatever the number of paths.
struct WaveScheduler {
    let totalPaths: Int
    let threads: Int
    let slotSize: Int

    /// Runs every wave (or until `afterWave` returns `true`), returning the merged sums and the paths done.
    /// - Parameters:
    ///   - block: simulates `paths` on worker `worker` into `slot` (zeroed beforehand).
    ///   - afterWave: sees the totals so far and the paths done; returns `true` to stop.
    /// - Returns: the merged sums and the paths simulated.
    func run(
        block:
            @escaping @Sendable (_ paths: Range<Int>, _ worker: Int, _ slot: UnsafeMutableBufferPointer<Double>) -> Void,
        afterWave: (_ totals: [Double], _ done: Int, _ wave: Int) -> Bool
    ) -> (totals: [Double], done: Int) {
        let blockSize = MonteCarloOptions.blockSize
        let waveBlocks = MonteCarloOptions.waveBlocks
        let totalBlocks = (totalPaths + blockSize - 1) / blockSize
        let slots = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, waveBlocks * slotSize))
        defer { slots.deallocate() }
        let shared = UnsafeShared(value: slots)
        var totals = [Double](repeating: 0, count: slotSize)
        var done = 0
        var wave = 0
        let (slotSize, totalPaths, threads) = (self.slotSize, self.totalPaths, self.threads)
        while wave * waveBlocks < totalBlocks {
            let firstBlock = wave * waveBlocks
            let blocks = min(waveBlocks, totalBlocks - firstBlock)
            slots.update(repeating: 0)
            let lanes = min(threads, blocks)
            DispatchQueue.concurrentPerform(iterations: lanes) { w in
                var b = w
                while b < blocks {
                    let first = (firstBlock + b) * blockSize
                    let slot = UnsafeMutableBufferPointer(rebasing: shared.value[(b * slotSize)..<((b + 1) * slotSize)])
                    block(first..<min(first + blockSize, totalPaths), w, slot)
                    b += lanes
                }
            }
            for b in 0..<blocks {
                for i in 0..<slotSize { totals[i] += slots[b * slotSize + i] }
            }
            done = min(totalPaths, (firstBlock + blocks) * blockSize)
            wave += 1
            if afterWave(totals, done, wave) { break }
        }
        return (totals, done)
    }
}
