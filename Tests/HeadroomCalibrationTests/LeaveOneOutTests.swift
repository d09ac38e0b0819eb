import HeadroomModel
import RealModule
import Testing

@testable import HeadroomCalibration

/// Leave-one-out refits, slips-map annotations, planned-month checks and the predictive quantiles a back-test
/// draws its intervals from.
@Suite("Leave-one-out and slips maps")
struct LeaveOneOutTests {
    static func slipped(_ name: String, _ months: Double, group: String? = nil) -> SlipObservation {
        SlipObservation(name: name, outcome: .slipped(months: months), groups: group.map { ["class": $0] } ?? [:])
    }

    @Test("lognormal left out: each fit is the closed-form MLE of the other slips (geometric mean, n-denominator sd)")
    func lognormalClosedForm() throws {
        let slips = [3.0, 6, 5, 3, 4, 10, 6]
        let observations = slips.enumerated().map { Self.slipped("p\($0)", $1) }
        let delays = try CalibrationMethod.family(.lognormal).leaveOneOutDelays(observations)
        #expect(delays.count == slips.count)
        for (i, _) in slips.enumerated() {
            var others = slips
            others.remove(at: i)
            let logs = others.map { Double.log($0) }
            let mean = logs.reduce(0, +) / Double(logs.count)
            let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count)).squareRoot()
            let expected = Distribution.lognormal(
                median: (Double.exp(mean) * 100).rounded() / 100, sigma: (sd * 100).rounded() / 100)
            #expect(delays["p\(i)"] == expected, "p\(i)")
        }
        // Fitted to all: one delay for every observation, the full-data MLE rounded as calibrate prints it.
        let full = try CalibrationMethod.family(.lognormal).delays(fittedTo: observations)
        let fit = try DelayCalibration.fit(.lognormal, to: observations)
        #expect(Set(full.values) == [DelayCalibration.rounded(fit.distribution)])
    }

    @Test("cancellations are not left out but still count; a pooled group left empty gets a new group's predictive")
    func pooledLeftOut() throws {
        let observations = [
            Self.slipped("a1", 3, group: "A"), Self.slipped("a2", 4, group: "A"), Self.slipped("a3", 5, group: "A"),
            Self.slipped("b1", 9, group: "B"), Self.slipped("b2", 11, group: "B"),
            Self.slipped("c1", 6, group: "C"),
            SlipObservation(name: "x", outcome: .cancelled, groups: ["class": "C"]),
        ]
        let method = CalibrationMethod.pooled(column: "class")
        let delays = try method.leaveOneOutDelays(observations)
        #expect(delays["x"] == nil && delays.count == 6)
        // c1 is C's only slip: without it, C has only a cancellation, so it is a new group.
        var others = observations
        others.remove(at: 5)
        let fit = try PooledLognormalFit.fit(others, groupedBy: "class")
        #expect(!fit.groups.contains { $0.name == "C" })
        let newGroup = fit.delay(forGroup: "C")
        #expect(
            newGroup
                == .lognormal(
                    median: fit.median, sigma: (fit.sigma * fit.sigma + fit.groupSpread * fit.groupSpread).squareRoot())
        )
        #expect(delays["c1"] == DelayCalibration.rounded(newGroup))
        // a1 left out: group A's pooled median from a2 and a3 and the others.
        let withoutA1 = try PooledLognormalFit.fit(Array(observations.dropFirst()), groupedBy: "class")
        #expect(delays["a1"] == DelayCalibration.rounded(withoutA1.delay(forGroup: "A")))
        #expect(
            DelayCalibration.rounded(.shiftedLognormal(shift: 2.499, median: 1.234, sigma: 0.987))
                == .shiftedLognormal(shift: 2.5, median: 1.23, sigma: 0.99))
    }

    @Test("a map's further columns annotate slips for pooling; rows with an empty unit are annotated, not mapped")
    func mapAnnotations() throws {
        let map = try SlipMap.parse(
            "campus,phase,unit,class,note\na,b1,a/b1,D-UC,x\nc,p,,D-GF,\n", file: "map.csv")
        #expect(map.units == ["a/b1": "a/b1"])
        #expect(map.annotationColumns == ["class", "note"])
        #expect(map.annotations["c/p"] == ["class": "D-GF", "note": ""])
        let table = try SlipTable.parse(
            "campus,phase,planned,online\na,b1,2025-06,2025-09\nc,p,2025-01,2025-05\nz,q,2025-01,2025-02\n",
            file: "slips.csv", asOf: Month(year: 2026, month: 1) ?? Month(ordinal: 0))
        let grouped = table.grouped(by: ["class"], from: map)
        #expect(grouped.observations.map { $0.groups["class"] } == ["D-UC", "D-GF", "(none)"])
        #expect(grouped.observations[0].planned == Month(year: 2025, month: 6))
    }

    @Test("a slip planned for another month than its unit is listed, not scored; joined back-tests keep their order")
    func plannedMismatchAndCombining() throws {
        let map = SlipMap(units: ["a/p": "a/p", "b/p": "b/p"])
        let june = try #require(Month(year: 2026, month: 6))
        let july = try #require(Month(year: 2026, month: 7))
        let observations = [
            SlipObservation(name: "a/p", outcome: .slipped(months: 2), planned: june),
            SlipObservation(name: "b/p", outcome: .slipped(months: 5), planned: june),
        ]
        let samples: [String: [Double]] = ["a/p": (0..<10).map(Double.init), "b/p": (0..<10).map(Double.init)]
        let backtest = Backtest(observations, map: map, samples: samples, planned: ["a/p": june, "b/p": july])
        #expect(backtest.rows.map(\.name) == ["a/p"])
        #expect(
            backtest.mismatched == [
                Backtest.PlanMismatch(name: "b/p", unit: "b/p", slipsPlanned: june, scenarioPlanned: july)
            ])
        let other = Backtest([observations[1]], map: map, samples: samples, planned: ["b/p": june])
        let joined = Backtest(combining: [backtest, other])
        #expect(joined.rows.map(\.name) == ["a/p", "b/p"])
        #expect(joined.summary.count == 2 && joined.mismatched.count == 1)
    }

    @Test("predictive quantiles interpolate between order statistics: 0…100 gives P10 10, P25 25, …, P90 90")
    func centralQuantiles() {
        let score = PredictiveScore(observed: 42, samples: (0...100).map(Double.init).reversed())
        #expect(score.centralQuantiles == [10, 25, 50, 75, 90])
        #expect(score.observed == 42)
        let two = PredictiveScore(observed: 0, samples: [0, 1])
        #expect(two.centralQuantiles == [0.1, 0.25, 0.5, 0.75, 0.9])
    }
}
