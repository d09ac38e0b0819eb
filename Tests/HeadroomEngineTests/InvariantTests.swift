import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomEngine

/// The path kernel's invariants (see `PathInvariants.swift`) on many random paths of rich scenarios, the checker
/// itself on corrupted paths, and the arena that owns the kernel's memory.
@Suite("Invariants and the kernel arena")
struct InvariantTests {
    typealias S = TestScenarios

    /// The bench-like scenario with a second, anchored workload that only some capacity may serve, an
    /// exclusivity window, a revenue share, take-or-pay and a late-delivery credit: every branch of the kernel.
    static func rich() -> Scenario {
        var scenario = S.benchLike(
            count: 12, providers: 3, regions: 2, months: 36,
            risks: [Risk(id: "grid", probability: 0.3, target: .provider("p1"), effect: .delay(.fixed(5)))])
        scenario.workloads.append(Workload(id: "inference"))
        scenario.demand.append(
            Demand(
                workload: "inference",
                growth: .anchors([
                    DemandAnchor(month: S.month(0), megawatts: 300, logSigma: 0.2),
                    DemandAnchor(month: S.month(35), megawatts: 1200, logSigma: 0.4),
                ])))
        scenario.contracts[0].workloads = ["compute"]
        scenario.contracts[1].takeOrPayFraction = 0.6
        scenario.contracts[2].latePenaltyUSDPerMWMonth = 50_000
        scenario.clauses = Clauses(
            exclusivity: [Exclusivity(holder: "p2", workloads: ["inference"], from: S.month(6), until: S.month(24))],
            revenueShares: [RevenueShare(to: "p0", fraction: 0.1, revenueUSDPerServedMWMonth: 2e6)])
        return scenario
    }

    @Test(
        "no invariant is violated on 400 random paths, with spend and without, static and dynamic",
        arguments: [false, true])
    func randomPathsKeepTheInvariants(spend: Bool) throws {
        var models = [try CompiledScenario(scenario: Self.rich()), try CompiledScenario(scenario: S.benchLike())]
        for structure in Policy.Structure.allCases {
            models.append(try CompiledScenario(scenario: S.market(), structure: structure))
        }
        for model in models {
            let ws = PathWorkspace(model: model)
            ws.prepareForSimulation(spend: spend, providerFigures: spend)
            var checked = 0
            for path in 0..<400 {
                model.drawPath(.random(seed: 17, path: path), into: ws)
                model.evaluatePath(ws)
                let violation = model.invariantViolation(ws)
                #expect(violation == nil, "\(model.start) path \(path): \(violation ?? "")")
                checked += 1
            }
            #expect(checked == 400)
        }
    }

    @Test("the checker names the invariant, the month and the values of a corrupted path")
    func checkerFindsCorruption() throws {
        let model = try CompiledScenario(scenario: Self.rich())
        let ws = PathWorkspace(model: model)
        func evaluated() -> PathWorkspace {
            model.drawPath(.random(seed: 3, path: 7), into: ws)
            model.evaluatePath(ws)
            return ws
        }
        #expect(model.invariantViolation(evaluated()) == nil)
        evaluated().capacityTotal[5] = -1
        #expect(model.invariantViolation(ws) == "capacity at month 5 is -1.0")
        let shortfall = evaluated().demandTotal[9] + 1
        ws.shortfallTotal[9] = shortfall
        #expect(model.invariantViolation(ws)?.hasPrefix("shortfall \(shortfall) above demand") == true)
        evaluated().idleTotal[2] += 10
        #expect(model.invariantViolation(ws)?.contains("≠ capacity") == true)
        evaluated().pathUnserved += 1
        #expect(model.invariantViolation(ws)?.hasPrefix("unserved MW-months") == true)
        evaluated().pathSpend += 1e6
        #expect(model.invariantViolation(ws)?.hasPrefix("path spend") == true)
        evaluated().providerPathRevenue[0] += 1e6
        #expect(model.invariantViolation(ws)?.hasPrefix("providers' receipts") == true)
        evaluated().contractPathSpend[1] -= 1e6
        #expect(model.invariantViolation(ws)?.hasPrefix("contracts' payments") == true)
    }

    /// Counts its deinitialisations, to show the arena deinitialises what it copied.
    final class Tracked: Sendable {
        let onDeinit: @Sendable () -> Void
        init(_ onDeinit: @escaping @Sendable () -> Void) { self.onDeinit = onDeinit }
        deinit { onDeinit() }
    }

    /// A counter shared with ``Tracked``'s deinitialiser.
    final class Counter: @unchecked Sendable {
        var value = 0
    }

    @Test("the arena copies arrays whole, aligned to a cache line, and deinitialises non-trivial elements once")
    func arenaOwnsItsBuffers() {
        let counter = Counter()
        do {
            let arena = KernelArena()
            let small = arena.copy([1.0, 2.0, 3.0])
            let bytes = arena.copy([UInt8](repeating: 7, count: 5))
            let large = arena.copy((0..<20_000).map(Double.init))
            let after = arena.copy([Int32(-4), 5])
            let empty = arena.copy([Double]())
            let objects = arena.copy((0..<3).map { _ in Tracked { counter.value += 1 } })
            #expect(Array(small) == [1, 2, 3])
            #expect(Array(bytes) == [7, 7, 7, 7, 7])
            #expect(large.count == 20_000 && large[19_999] == 19_999)
            #expect(Array(after) == [-4, 5])
            #expect(empty.isEmpty && empty.baseAddress != nil)
            #expect(objects.count == 3)
            for address in [
                small.baseAddress.map(UnsafeRawPointer.init), bytes.baseAddress.map(UnsafeRawPointer.init),
                large.baseAddress.map(UnsafeRawPointer.init), after.baseAddress.map(UnsafeRawPointer.init),
            ] {
                #expect(address.map { Int(bitPattern: $0) % KernelArena.alignment } == 0)
            }
            // The large array has a block of its own: the small ones after it share the first block.
            #expect(arena.allocatedBytes == KernelArena.blockSize + 20_000 * 8)
            #expect(counter.value == 0)
        }
        #expect(counter.value == 3)
    }
}
