/// Serves one month's demand from the eligibility pools: the most demand possible (a maximum flow from pools to
/// workloads), whatever the order of entities in the scenario file.
///
/// A greedy pass serves the most constrained workloads first from the most specialised pools; it is optimal on
/// most months but not all (three pools eligible for two of three workloads each can leave demand unserved while
/// capacity stands idle). Augmenting paths then move usage between pools until no unserved workload can reach a
/// pool with free capacity (Edmonds–Karp on the pool–workload graph, breadth first, so the shortest rearrangement
/// is made first). The buffers are the workspace's own: nothing is allocated per month or per path.
final class MonthlyAllocation {
    let pools: Int
    let workloads: Int
    /// `flow[p * workloads + w]`: MW of pool `p` serving workload `w` this month.
    private let flow: UnsafeMutableBufferPointer<Double>
    /// Unserved MW per workload this month.
    private let remaining: UnsafeMutableBufferPointer<Double>
    /// Search state: the workload that reached each pool, the pool that reached each workload (−1 unvisited,
    /// −2 a search root), and the queue of nodes (pools as `p`, workloads as `pools + w`).
    private let poolParent: UnsafeMutableBufferPointer<Int32>
    private let workloadParent: UnsafeMutableBufferPointer<Int32>
    private let queue: UnsafeMutableBufferPointer<Int32>

    /// Scratch for `pools` pools and `workloads` workloads.
    init(pools: Int, workloads: Int) {
        self.pools = pools
        self.workloads = workloads
        flow = zeroedBuffer(pools * workloads)
        remaining = zeroedBuffer(workloads)
        poolParent = zeroedBuffer(pools)
        workloadParent = zeroedBuffer(workloads)
        queue = zeroedBuffer(pools + workloads)
    }

    deinit {
        flow.deallocate()
        remaining.deallocate()
        poolParent.deallocate()
        workloadParent.deallocate()
        queue.deallocate()
    }

    /// Serves `demand` (one value per workload) from the pools' `free` MW (their capacity on entry; what is left on
    /// return), writing each workload's served MW into `served` and adding its shortfall to `shortfall`.
    /// - Parameters:
    ///   - demand: MW wanted per workload.
    ///   - masks: each pool's eligible workloads, one bit per workload.
    ///   - order: the workloads, most constrained first (the greedy pass's order).
    ///   - free: per pool, its capacity on entry and its idle MW on return.
    ///   - served: receives the MW served per workload.
    ///   - shortfall: per workload, the unserved MW is added here.
    /// - Returns: total demand and total shortfall this month.
    /// - Complexity: O(pools × workloads) for the greedy pass, and O(pools × workloads) per augmenting path.
    @inline(__always)
    func serve(
        demand: UnsafePointer<Double>, masks: UnsafePointer<UInt64>, order: UnsafePointer<Int32>,
        free: UnsafeMutablePointer<Double>, served: UnsafeMutablePointer<Double>,
        shortfall: UnsafeMutablePointer<Double>
    ) -> (demand: Double, shortfall: Double) {
        let wc = workloads
        var unservedWorkloads = 0
        for i in 0..<(pools * wc) { flow[i] = 0 }
        for i in 0..<wc {
            let w = Int(order[i])
            var left = demand[w]
            let bit: UInt64 = 1 << UInt64(w)
            var p = 0
            while p < pools && left > 0 {
                if masks[p] & bit != 0 && free[p] > 0 {
                    let take = min(left, free[p])
                    free[p] -= take
                    flow[p * wc + w] += take
                    left -= take
                }
                p += 1
            }
            remaining[w] = left > megawattEpsilon ? left : 0
            if remaining[w] > 0 { unservedWorkloads += 1 }
        }
        if unservedWorkloads > 0 { augment(masks: masks, free: free) }
        var demandSum = 0.0
        var shortfallSum = 0.0
        for w in 0..<wc {
            let left = remaining[w] > megawattEpsilon ? remaining[w] : 0
            served[w] = demand[w] - left
            shortfall[w] += left
            demandSum += demand[w]
            shortfallSum += left
        }
        return (demandSum, shortfallSum)
    }

    /// Moves usage along augmenting paths until no unserved workload reaches a pool with free capacity.
    private func augment(masks: UnsafePointer<UInt64>, free: UnsafeMutablePointer<Double>) {
        let wc = workloads
        // Each augmentation empties a pool's free capacity, a workload's deficit or a flow on the path; the cap
        // only guards against rounding making progress vanishingly small.
        for _ in 0..<(4 * (pools + wc) * (pools + wc)) {
            var anyFree = false
            for p in 0..<pools {
                poolParent[p] = -1
                if free[p] > megawattEpsilon { anyFree = true }
            }
            guard anyFree else { return }
            var head = 0
            var tail = 0
            for w in 0..<wc {
                if remaining[w] > megawattEpsilon {
                    workloadParent[w] = -2
                    queue[tail] = Int32(pools + w)
                    tail += 1
                } else {
                    workloadParent[w] = -1
                }
            }
            var found = -1
            search: while head < tail {
                let node = Int(queue[head])
                head += 1
                if node >= pools {
                    let w = node - pools
                    let bit: UInt64 = 1 << UInt64(w)
                    for p in 0..<pools where masks[p] & bit != 0 && poolParent[p] == -1 {
                        poolParent[p] = Int32(w)
                        if free[p] > megawattEpsilon {
                            found = p
                            break search
                        }
                        queue[tail] = Int32(p)
                        tail += 1
                    }
                } else {
                    for w in 0..<wc where workloadParent[w] == -1 && flow[node * wc + w] > megawattEpsilon {
                        workloadParent[w] = Int32(node)
                        queue[tail] = Int32(pools + w)
                        tail += 1
                    }
                }
            }
            guard found >= 0 else { return }
            // The bottleneck: the free capacity at the end, each flow given up on the way, the root's deficit.
            var amount = free[found]
            var p = found
            while true {
                let w = Int(poolParent[p])
                let from = Int(workloadParent[w])
                if from == -2 {
                    amount = min(amount, remaining[w])
                    break
                }
                amount = min(amount, flow[from * wc + w])
                p = from
            }
            guard amount > megawattEpsilon else { return }
            free[found] -= amount
            p = found
            while true {
                let w = Int(poolParent[p])
                flow[p * wc + w] += amount
                let from = Int(workloadParent[w])
                if from == -2 {
                    remaining[w] -= amount
                    break
                }
                flow[from * wc + w] -= amount
                p = from
            }
        }
    }
}
