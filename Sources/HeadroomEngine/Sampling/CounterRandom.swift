import RealModule

/// Counter-based random numbers: every draw is a pure function of (seed, stream, path index).
///
/// Tying draws to named streams (a phase, a provider, a risk) and to the path index, rather than to a thread or to
/// the order of draws, makes a run reproducible at any thread count and lets two scenarios share their random numbers
/// entity by entity (common random numbers): a phase present in both sees the same delay draws.
public struct RandomStream: Sendable, Hashable {
    /// The stream's 64-bit key.
    public var key: UInt64

    /// The stream named `name` (for example `unit:abilene/b1`), keyed by a 64-bit FNV-1a hash of its UTF-8 bytes.
    public init(_ name: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        self.key = SplitMix64.mix(hash)
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit counter passed through a strong bijective mixer.
@usableFromInline
struct SplitMix64: RandomNumberGenerator {
    @usableFromInline var state: UInt64

    /// A generator for one stream of one path.
    @inlinable
    init(seed: UInt64, stream: RandomStream, path: Int) {
        state = SplitMix64.mix(seed &+ 0x9e37_79b9_7f4a_7c15 &* UInt64(truncatingIfNeeded: path)) ^ stream.key
    }

    /// The per-path part of a stream's starting state (computed once per path, shared by its streams).
    @inlinable
    static func pathKey(seed: UInt64, path: Int) -> UInt64 {
        mix(seed &+ 0x9e37_79b9_7f4a_7c15 &* UInt64(truncatingIfNeeded: path))
    }

    /// A generator from a precomputed path key and a stream key; equal to `init(seed:stream:path:)`.
    @inlinable
    init(pathKey: UInt64, streamKey: UInt64) {
        state = pathKey ^ streamKey
    }

    /// The Murmur3/SplitMix finaliser: a bijection on 64-bit words with full avalanche.
    @inlinable
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z &>> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z &>> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z &>> 31)
    }

    /// The next 64 random bits.
    @inlinable
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return SplitMix64.mix(state)
    }

    /// A uniform draw in the open interval (0, 1).
    @inlinable
    mutating func nextOpenUnit() -> Double {
        (Double(next() &>> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal draw by the ziggurat method (Marsaglia and Tsang, in Doornik's 128-layer ZIGNOR form).
    @inlinable
    mutating func nextNormal() -> Double {
        let (edges, ratios) = (Ziggurat.edges.base, Ziggurat.ratios.base)
        while true {
            let bits = next()
            let layer = Int(truncatingIfNeeded: bits & 0x7f)
            let u = 2 * (Double(bits &>> 11) * 0x1.0p-53) - 1
            if abs(u) < ratios[layer] { return u * edges[layer] }
            if layer == 0 { return tail(negative: u < 0) }
            let x = u * edges[layer]
            let f0 = Double.exp(-0.5 * (edges[layer] * edges[layer] - x * x))
            let f1 = Double.exp(-0.5 * (edges[layer + 1] * edges[layer + 1] - x * x))
            if f1 + nextOpenUnit() * (f0 - f1) < 1 { return x }
        }
    }

    @usableFromInline
    mutating func tail(negative: Bool) -> Double {
        let r = Ziggurat.r
        var x = 0.0
        var y = 0.0
        repeat {
            x = Double.log(nextOpenUnit()) / r
            y = Double.log(nextOpenUnit())
        } while -2 * y < x * x
        return negative ? x - r : r - x
    }
}

/// The ziggurat's layer tables, computed once (immutable).
@usableFromInline
struct Ziggurat: Sendable {
    /// Right edge of the base layer.
    @usableFromInline static let r = 3.442619855899
    /// Area of each layer.
    static let v = 9.91256303526217e-3
    /// The shared tables.
    @usableFromInline static let tables = Ziggurat()
    /// The same tables as flat immutable memory, read by the sampler without reference counting or bounds checks.
    @usableFromInline static let edges = ImmutableTable(tables.x)
    @usableFromInline static let ratios = ImmutableTable(tables.ratio)

    /// Layer edges, 129 entries.
    @usableFromInline let x: [Double]
    /// x[i + 1] / x[i], 128 entries: the fast-accept ratio.
    @usableFromInline let ratio: [Double]

    init() {
        let count = 128
        var x = [Double](repeating: 0, count: count + 1)
        var f = Double.exp(-0.5 * Ziggurat.r * Ziggurat.r)
        x[0] = Ziggurat.v / f
        x[1] = Ziggurat.r
        for i in 2..<count {
            x[i] = (-2 * Double.log(Ziggurat.v / x[i - 1] + f)).squareRoot()
            f = Double.exp(-0.5 * x[i] * x[i])
        }
        x[count] = 0
        self.x = x
        self.ratio = (0..<count).map { x[$0 + 1] / x[$0] }
    }
}

/// A table of numbers computed once and never written again, shared by every thread as plain memory.
@usableFromInline
struct ImmutableTable: @unchecked Sendable {
    @usableFromInline let base: UnsafePointer<Double>

    /// Copies `values` into memory that lives as long as the process (the tables are a few hundred numbers).
    init(_ values: [Double]) {
        let memory = UnsafeMutablePointer<Double>.allocate(capacity: max(1, values.count))
        memory.initialize(from: values, count: values.count)
        base = UnsafePointer(memory)
    }
}
