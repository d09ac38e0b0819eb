/// What a Monte Carlo run does: how many paths, which seed, how many threads, which statistics.
public struct MonteCarloOptions: Sendable, Hashable {
    /// Paths to simulate (the most, when `untilStandardError` stops earlier).
    public var paths: Int
    /// The seed: with it, every draw of every path is fixed, whatever the thread count.
    public var seed: UInt64
    /// Worker threads (at least 1).
    public var threads: Int
    /// Quantile levels reported per month, in (0, 1).
    public var quantileLevels: [Double]
    /// Stop early, at a wave boundary, once every headline figure's standard error is below this tolerance:
    /// relative to the figure for expectations (0.01 = 1%), absolute for probabilities.
    public var untilStandardError: Double?
    /// Paths whose draws are kept to rank-correlate delays and risk events with total unserved demand.
    public var driverSample: Int
    /// How many drivers to report.
    public var topDrivers: Int
    /// The statistic families to accumulate (all by default).
    public var statistics: StatisticsSelection
    /// A shard's share of the run: these blocks of the run of `paths` paths (all of them when `nil`).
    ///
    /// Blocks are ``blockSize`` paths. The shards' states merge (``AccumulatorState/merged(with:)``) to the whole
    /// run's, bit for bit.
    public var blocks: Range<Int>?

    /// The most paths one run simulates (histogram counters are 32-bit).
    public static let maximumPaths = 2_000_000_000
    /// Paths per block: a block's paths are simulated in order by one thread.
    ///
    /// Part of the reproducibility contract.
    public static let blockSize = 256
    /// Paths per sub-batch inside a block: the unit of the ordered reduction of monthly series into sums and
    /// histograms.
    ///
    /// Part of the reproducibility contract.
    public static let histogramBatch = 64
    /// Blocks per wave: the unit of ordered merging, progress reports and early stopping.
    public static let waveBlocks = 32

    /// Creates options.
    public init(
        paths: Int = 100_000, seed: UInt64 = 1, threads: Int = 1, quantileLevels: [Double] = [0.1, 0.5, 0.9],
        untilStandardError: Double? = nil, driverSample: Int = 20_000, topDrivers: Int = 10,
        statistics: StatisticsSelection = .all
    ) {
        self.statistics = statistics
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.quantileLevels = quantileLevels
        self.untilStandardError = untilStandardError
        self.driverSample = driverSample
        self.topDrivers = topDrivers
        self.blocks = nil
    }

    /// The blocks of shard `index` of `count` (0-based) of a run of `paths` paths: contiguous, as even as whole
    /// blocks allow, together covering every block once.
    ///
    /// - Parameters:
    ///   - index: The shard, `0..<count`.
    ///   - count: How many shards.
    ///   - paths: The whole run's paths.
    /// - Returns: The shard's blocks (empty when there are more shards than blocks).
    public static func shardBlocks(index: Int, count: Int, paths: Int) -> Range<Int> {
        let blocks = (max(1, paths) + blockSize - 1) / blockSize
        let n = max(1, count)
        let i = min(max(0, index), n - 1)
        return (blocks * i / n)..<(blocks * (i + 1) / n)
    }
}

/// Progress of a run: paths done out of the most it will do.
public struct MonteCarloProgress: Sendable, Hashable {
    /// Paths simulated so far.
    public var completed: Int
    /// Paths the run will simulate at most.
    public var total: Int

    /// Creates a progress report.
    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }
}
