/// A deal with one provider: which capacity it covers, what it costs and on what terms.
public struct Contract: Hashable, Sendable {
    /// The contract's id.
    public var id: ContractID
    /// A readable name.
    public var name: String?
    /// The provider that sells the capacity.
    public var provider: ProviderID
    /// The month it was signed.
    public var signed: Month?
    /// The last month of service (inclusive); `nil` means through the end of the horizon.
    public var end: Month?
    /// What capacity it covers.
    public var coverage: Coverage
    /// How the price is stated.
    public var price: Price
    /// Fraction of delivered capacity paid whether used or not (1 = take-or-pay, 0 = pay for use only).
    public var takeOrPayFraction: Double
    /// The workloads its capacity may serve; `nil` means every workload.
    public var workloads: [WorkloadID]?
    /// Credit from the provider per MW-month delivered later than planned, USD.
    public var latePenaltyUSDPerMWMonth: Double
    /// The most the late-delivery credits may add up to over the term, as a share of the contract's planned value.
    public var lateCreditCap: Double

    /// The default ``lateCreditCap``: a fifth of the contract's planned value.
    public static let defaultLateCreditCap = 0.2

    /// Creates a contract.
    public init(
        id: ContractID, name: String? = nil, provider: ProviderID, signed: Month? = nil, end: Month? = nil,
        coverage: Coverage, price: Price, takeOrPayFraction: Double = 1, workloads: [WorkloadID]? = nil,
        latePenaltyUSDPerMWMonth: Double = 0, lateCreditCap: Double = Contract.defaultLateCreditCap
    ) {
        self.id = id
        self.name = name
        self.provider = provider
        self.signed = signed
        self.end = end
        self.coverage = coverage
        self.price = price
        self.takeOrPayFraction = takeOrPayFraction
        self.workloads = workloads
        self.latePenaltyUSDPerMWMonth = latePenaltyUSDPerMWMonth
        self.lateCreditCap = lateCreditCap
    }

    /// The capacity a contract covers: named campus phases, or generic blocks of MW.
    public enum Coverage: Hashable, Sendable {
        /// Named phases of the provider's campuses.
        case phases([PhaseReference])
        /// Generic blocks: MW from a month, not tied to a campus the scenario describes.
        case blocks([Block])
    }

    /// How a contract's price is stated; all forms convert to USD per IT MW-month.
    public enum Price: Hashable, Sendable {
        /// USD per IT MW-month delivered (or used, for the flexible part).
        case perMWMonth(Double)
        /// USD per accelerator-hour; converted with the accelerator's IT watts and 730.5 hours a month.
        case perAcceleratorHour(Double)
        /// A stated total contract value in USD; the price is derived from the planned MW-months in the term.
        case totalValue(Double)
    }
}

/// A generic block of contracted capacity, not tied to a campus the scenario describes.
public struct Block: Hashable, Sendable {
    /// IT megawatts.
    public var megawatts: Double
    /// Planned first month of service.
    public var from: Month
    /// Months of service; `nil` means until the contract ends.
    public var months: Int?
    /// The accelerator generation, for accelerator and FLOP conversions and per-hour prices.
    public var accelerator: AcceleratorID?
    /// The region whose delay factor it shares, if any.
    public var region: RegionID?
    /// Months from first power to full capacity.
    public var rampMonths: Double
    /// Delay in months added to `from`.
    public var delayMonths: Distribution

    /// Creates a block.
    public init(
        megawatts: Double, from: Month, months: Int? = nil, accelerator: AcceleratorID? = nil,
        region: RegionID? = nil, rampMonths: Double = 0, delayMonths: Distribution = .fixed(0)
    ) {
        self.megawatts = megawatts
        self.from = from
        self.months = months
        self.accelerator = accelerator
        self.region = region
        self.rampMonths = rampMonths
        self.delayMonths = delayMonths
    }
}
