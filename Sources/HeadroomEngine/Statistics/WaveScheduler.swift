import Dispatch

/// Runs paths in waves of blocks across threads, adding each block's floating-point sums into exact totals.
///
/// A wave is ``MonteCarloOptions/waveBlocks`` blocks of ``MonteCarloOptions/blockSize`` paths. Inside a wave,
/// worker `w` simulates blocks `w, w + threads, …` into its own slot of sums; after the wave the slots are added
/// to the totals, which are exact (``ExactSums``). Sums therefore never depend on the thread count nor on how the
/// blocks are split between shards, and memory is bounded by one wave's slots whatever the number of paths.
struct WaveScheduler {
    let totalPaths: Int
    let threads: Int
    let slotSize: Int
    /// The blocks of the run to simulate (a shard's share); all of them by default.
    var blocks: Range<Int>? = nil

    /// The number of blocks of a run of `paths` paths.
    static func blockCount(paths: Int) -> Int {
        (paths + MonteCarloOptions.blockSize - 1) / MonteCarloOptions.blockSize
    }

    /// Runs every wave (or until `afterWave` returns `true`), returning the exact totals and the paths done.
    /// - Parameters:
    ///   - block: simulates `paths` on worker `worker` into `slot` (zeroed beforehand).
    ///   - afterWave: sees the totals so far (rounded, computed only when `afterWave` asks for them) and the paths
    ///     done; returns `true` to stop.
    /// - Returns: the exact sums and the paths simulated.
    func run(
        block:
            @escaping @Sendable (_ paths: Range<Int>, _ worker: Int, _ slot: UnsafeMutableBufferPointer<Double>) -> Void,
        afterWave: (_ totals: () -> [Double], _ done: Int, _ wave: Int) -> Bool
    ) -> (totals: ExactSums, done: Int) {
        let blockSize = MonteCarloOptions.blockSize
        let waveBlocks = MonteCarloOptions.waveBlocks
        let range = blocks ?? 0..<Self.blockCount(paths: totalPaths)
        let slots = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, waveBlocks * slotSize))
        defer { slots.deallocate() }
        let shared = UnsafeShared(value: slots)
        var totals = ExactSums(count: slotSize)
        var done = 0
        var wave = 0
        let (slotSize, totalPaths, threads) = (self.slotSize, self.totalPaths, self.threads)
        while range.lowerBound + wave * waveBlocks < range.upperBound {
            let firstBlock = range.lowerBound + wave * waveBlocks
            let blocks = min(waveBlocks, range.upperBound - firstBlock)
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
                totals.add(UnsafeBufferPointer(rebasing: slots[(b * slotSize)..<((b + 1) * slotSize)]))
            }
            done = min(totalPaths, (firstBlock + blocks) * blockSize) - range.lowerBound * blockSize
            wave += 1
            if afterWave({ totals.rounded() }, done, wave) { break }
        }
        return (totals, done)
    }
}
