import Dispatch
import HeadroomModel

/// Many ``NormalScoreTable``s laid out contiguously for the hot loop, with identical distributions shared.
///
/// `value(i, score:)` is a branch on a one-byte kind and, for tabulated families, one interpolation in a flat buffer.
struct ScoreSamplerBank: Sendable {
    /// 0: constant `first`; 1: `first + second · x`; 2: table at offset `Int(first)`; 3: exact evaluation.
    let kinds: [UInt8]
    let first: [Double]
    let second: [Double]
    let storage: [Double]
    let exact: [Distribution?]

    /// Tabulates `distributions` (each distinct one once, the tables built in parallel on `threads` threads).
    init(_ distributions: [Distribution], threads: Int = 2) {
        var unique: [Distribution] = []
        var seen: Set<Distribution> = []
        for d in distributions where seen.insert(d).inserted { unique.append(d) }
        let built = UnsafeMutableBufferPointer<NormalScoreTable?>.allocate(capacity: max(1, unique.count))
        built.initialize(repeating: nil)
        defer {
            built.deinitialize()
            built.deallocate()
        }
        let shared = UnsafeShared(value: built)
        let uniqueCopy = unique
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, unique.count))) { lane in
            var i = lane
            while i < uniqueCopy.count {
                shared.value[i] = NormalScoreTable(uniqueCopy[i])
                i += max(1, min(threads, uniqueCopy.count))
            }
        }
        var tables: [Distribution: NormalScoreTable] = [:]
        for (i, d) in unique.enumerated() { tables[d] = built[i] }
        var kinds: [UInt8] = []
        var first: [Double] = []
        var second: [Double] = []
        var storage: [Double] = []
        var exact: [Distribution?] = []
        var tableOffset: [Distribution: Int] = [:]
        for distribution in distributions {
            let table = tables[distribution] ?? NormalScoreTable(distribution)
            var e: Distribution? = nil
            switch table.form {
            case .constant(let v):
                kinds.append(0)
                first.append(v)
                second.append(0)
            case .affine(let mean, let sd):
                kinds.append(1)
                first.append(mean)
                second.append(sd)
            case .table(let values):
                kinds.append(2)
                if let offset = tableOffset[distribution] {
                    first.append(Double(offset))
                } else {
                    tableOffset[distribution] = storage.count
                    first.append(Double(storage.count))
                    storage.append(contentsOf: values)
                }
                second.append(0)
            case .exact(let distribution):
                kinds.append(3)
                first.append(0)
                second.append(0)
                e = distribution
            }
            exact.append(e)
        }
        self.kinds = kinds
        self.first = first
        self.second = second
        self.storage = storage
        self.exact = exact
    }
}
