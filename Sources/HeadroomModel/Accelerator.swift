/// A workload class that demand is expressed in and that contracts may serve (`training`, `inference`, …).
public struct Workload: Hashable, Sendable {
    /// The workload's id.
    public var id: WorkloadID
    /// A readable name; defaults to the id.
    public var name: String?

    /// Creates a workload.
    public init(id: WorkloadID, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// An accelerator generation: converts IT megawatts to accelerator counts and FLOP/s.
public struct Accelerator: Hashable, Sendable {
    /// The generation's id (`gb200`).
    public var id: AcceleratorID
    /// A readable name (`GB200 NVL72`).
    public var name: String?
    /// The first month it can be deployed.
    public var availableFrom: Month?
    /// All-in IT watts per accelerator (chip, host and network share), on the IT basis.
    public var itWattsPerAccelerator: Double
    /// Dense BF16 FLOP/s per accelerator.
    public var bf16Flops: Double
    /// Dense FP8 FLOP/s per accelerator, when published.
    public var fp8Flops: Double?
    /// Purchase price per accelerator in USD, when known.
    public var priceUSD: Double?
    /// Useful life in years, when known.
    public var lifeYears: Double?

    /// Creates an accelerator generation.
    public init(
        id: AcceleratorID, name: String? = nil, availableFrom: Month? = nil, itWattsPerAccelerator: Double,
        bf16Flops: Double, fp8Flops: Double? = nil, priceUSD: Double? = nil, lifeYears: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.availableFrom = availableFrom
        self.itWattsPerAccelerator = itWattsPerAccelerator
        self.bf16Flops = bf16Flops
        self.fp8Flops = fp8Flops
        self.priceUSD = priceUSD
        self.lifeYears = lifeYears
    }

    /// Accelerators that `itMW` megawatts of IT load power.
    public func accelerators(forITMegawatts itMW: Double) -> Double {
        itWattsPerAccelerator > 0 ? itMW * 1_000_000 / itWattsPerAccelerator : 0
    }

    /// Dense BF16 FLOP/s delivered by `itMW` megawatts of IT load.
    public func bf16Flops(forITMegawatts itMW: Double) -> Double {
        accelerators(forITMegawatts: itMW) * bf16Flops
    }
}

/// Average hours in a calendar month (8,766 hours a year / 12).
public let hoursPerMonth = 730.5
