/// Sums of doubles kept exactly, in fixed point, so that the total of any values is the same whatever the order or
/// grouping in which they were added: a run's sums do not depend on how its blocks were split across threads, waves
/// or machines, and shards of a run merge to the bit-identical totals of the whole run.
///
/// Each sum is a two's-complement integer in units of 2⁻¹⁰⁷⁴ (the smallest subnormal), held in 32-bit digits of
/// `Int64` limbs (a Kulisch accumulator): a double adds its 53-bit significand, shifted to its exponent, into three
/// limbs, and carries are propagated only when the sum is read, merged or saved. Non-finite values are counted apart
/// and make the rounded sum ±infinity or NaN as floating-point addition would.
public struct ExactSums: Sendable, Hashable {
    /// Limbs per sum: 2,098 bits of range (significand and exponent) plus carry room.
    static let limbs = 68
    /// Adds between carry propagations: a limb holds less than 2³² after one, so 2³⁰ more adds cannot overflow it.
    static let addsBeforeNormalising = 1 << 30

    /// `count` sums × ``limbs`` limbs, least significant first.
    private(set) var digits: [Int64]
    /// Per sum: +infinity, −infinity and NaN added.
    private(set) var specials: [UInt32]
    /// Adds since the last carry propagation.
    private var pending = 0

    /// Zero sums.
    public init(count: Int) {
        digits = [Int64](repeating: 0, count: count * Self.limbs)
        specials = [UInt32](repeating: 0, count: count * 3)
    }

    /// How many sums.
    public var count: Int { specials.count / 3 }

    /// Adds `values[i]` to sum `i` for every `i`.
    public mutating func add(_ values: UnsafeBufferPointer<Double>) {
        precondition(values.count == count, "ExactSums.add: \(values.count) values for \(count) sums")
        if pending >= Self.addsBeforeNormalising { normalise() }
        pending += 1
        digits.withUnsafeMutableBufferPointer { limbs in
            guard let base = limbs.baseAddress else { return }
            for (i, x) in values.enumerated() where x != 0 {
                guard x.isFinite else {
                    specials[i * 3 + (x.isNaN ? 2 : x > 0 ? 0 : 1)] &+= 1
                    continue
                }
                let bits = x.bitPattern
                let exponent = Int((bits >> 52) & 0x7FF)
                let fraction = bits & 0x000F_FFFF_FFFF_FFFF
                let significand = exponent == 0 ? fraction : fraction | (1 << 52)
                let position = exponent == 0 ? 0 : exponent - 1
                let shift = UInt64(position & 31)
                let low = significand << shift
                let high = shift == 0 ? 0 : significand >> (64 - shift)
                let limb = base + i * Self.limbs + position >> 5
                let chunks = (Int64(low & 0xFFFF_FFFF), Int64(low >> 32), Int64(high))
                if x < 0 {
                    limb[0] -= chunks.0
                    limb[1] -= chunks.1
                    limb[2] -= chunks.2
                } else {
                    limb[0] += chunks.0
                    limb[1] += chunks.1
                    limb[2] += chunks.2
                }
            }
        }
    }

    /// Adds another set of the same number of sums.
    public mutating func merge(_ other: ExactSums) {
        precondition(other.count == count, "ExactSums.merge: \(other.count) sums into \(count)")
        normalise()
        var other = other
        other.normalise()
        for i in digits.indices { digits[i] += other.digits[i] }
        for i in specials.indices { specials[i] &+= other.specials[i] }
        normalise()
    }

    /// The sums at `range`, as sums of their own.
    ///
    /// - Parameter range: Indices of the sums to keep.
    /// - Returns: Those sums, exact.
    public func slice(_ range: Range<Int>) -> ExactSums {
        var part = ExactSums(count: range.count)
        part.digits = Array(digits[(range.lowerBound * Self.limbs)..<(range.upperBound * Self.limbs)])
        part.specials = Array(specials[(range.lowerBound * 3)..<(range.upperBound * 3)])
        part.pending = pending
        return part
    }

    /// Propagates carries so that every limb but a sum's last is in [0, 2³²).
    mutating func normalise() {
        pending = 0
        let limbs = Self.limbs
        for s in 0..<count {
            var carry: Int64 = 0
            for k in 0..<limbs {
                let value = digits[s * limbs + k] + carry
                if k == limbs - 1 {
                    digits[s * limbs + k] = value
                } else {
                    carry = value >> 32
                    digits[s * limbs + k] = value - (carry << 32)
                }
            }
        }
    }

    /// The sums rounded to the nearest double (ties to even).
    public func rounded() -> [Double] {
        var copy = self
        copy.normalise()
        return (0..<count).map { copy.roundedSum($0) }
    }

    /// Sum `s` of normalised digits, rounded.
    private func roundedSum(_ s: Int) -> Double {
        let nan = specials[s * 3 + 2] > 0
        let (positive, negative) = (specials[s * 3] > 0, specials[s * 3 + 1] > 0)
        if nan || (positive && negative) { return .nan }
        if positive { return .infinity }
        if negative { return -.infinity }
        var limbs = Array(digits[(s * Self.limbs)..<((s + 1) * Self.limbs)])
        let sign: FloatingPointSign = (limbs.last ?? 0) < 0 ? .minus : .plus
        if sign == .minus {
            // Negate the two's-complement integer, then carry again: every limb ends in [0, 2³²).
            for k in limbs.indices { limbs[k] = -limbs[k] }
            var carry: Int64 = 0
            for k in limbs.indices {
                let value = limbs[k] + carry
                carry = value >> 32
                limbs[k] = k == limbs.count - 1 ? value : value - (carry << 32)
            }
        }
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        // The three highest limbs hold at least 65 significant bits; a sticky bit stands for any below them, so
        // the one rounding of UInt128 → Double rounds the exact sum.
        let low = max(0, top - 2)
        var value: UInt128 = 0
        for k in stride(from: top, through: low, by: -1) { value = value << 32 | UInt128(UInt64(limbs[k])) }
        if limbs[..<low].contains(where: { $0 != 0 }) { value |= 1 }
        let magnitude = Double(value)
        let scaled = Double(sign: .plus, exponent: 32 * low - 1074, significand: magnitude)
        return sign == .minus ? -scaled : scaled
    }
}

extension ExactSums {
    /// Equal when the exact sums are (whatever carries are still pending).
    public static func == (a: ExactSums, b: ExactSums) -> Bool {
        var (x, y) = (a, b)
        x.normalise()
        y.normalise()
        return x.digits == y.digits && x.specials == y.specials
    }

    /// Hashes the exact sums.
    public func hash(into hasher: inout Hasher) {
        var copy = self
        copy.normalise()
        hasher.combine(copy.digits)
        hasher.combine(copy.specials)
    }
}

extension ExactSums: Codable {
    private enum CodingKeys: String, CodingKey { case count, starts, runs, specials }

    /// Saves each sum's normalised limbs from its lowest non-zero one to its highest (most are short).
    public func encode(to encoder: any Encoder) throws {
        var copy = self
        copy.normalise()
        var starts: [Int] = []
        var runs: [[Int64]] = []
        for s in 0..<count {
            let limbs = copy.digits[(s * Self.limbs)..<((s + 1) * Self.limbs)]
            if let first = limbs.firstIndex(where: { $0 != 0 }), let last = limbs.lastIndex(where: { $0 != 0 }) {
                starts.append(first - s * Self.limbs)
                runs.append(Array(limbs[first...last]))
            } else {
                starts.append(0)
                runs.append([])
            }
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(starts, forKey: .starts)
        try container.encode(runs, forKey: .runs)
        try container.encode(specials, forKey: .specials)
    }

    /// Reads what ``encode(to:)`` wrote, refusing runs that do not fit a sum.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let count = try container.decode(Int.self, forKey: .count)
        let starts = try container.decode([Int].self, forKey: .starts)
        let runs = try container.decode([[Int64]].self, forKey: .runs)
        let specials = try container.decode([UInt32].self, forKey: .specials)
        guard count >= 0, count <= 1 << 24, starts.count == count, runs.count == count, specials.count == 3 * count
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .count, in: container, debugDescription: "sums, starts, runs and specials disagree in count")
        }
        self.init(count: count)
        for s in 0..<count {
            guard starts[s] >= 0, starts[s] + runs[s].count <= Self.limbs else {
                throw DecodingError.dataCorruptedError(
                    forKey: .runs, in: container, debugDescription: "sum \(s) does not fit \(Self.limbs) limbs")
            }
            for (k, limb) in runs[s].enumerated() { digits[s * Self.limbs + starts[s] + k] = limb }
        }
        self.specials = specials
    }
}
