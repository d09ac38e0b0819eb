import HeadroomAnalysis
import HeadroomCalibration
import HeadroomModel
import HeadroomTestSupport
import Testing

/// `Analyzer.backtest`: in sample against the scenario's own draws, leave-one-out against the same paths with the
/// left-out unit's delay refitted, and the check of which units were calibrated on the file.
@Suite("Analyzer back-test")
struct BacktestAnalysisTests {
    @Test("leave-one-out scores each slip on its unit's draws with the refitted delay; calibrated units are found")
    func leaveOneOut() throws {
        var scenario = TestScenarios.benchLike(count: 6, providers: 2, regions: 2, months: 36)
        let slips = [3.0, 5, 4, 8, 6]
        let observations = slips.enumerated().map { i, months in
            SlipObservation(
                name: "c\(i)/ph\(i)", outcome: .slipped(months: months),
                planned: scenario.campuses[i].phases[0].plannedOnline)
        }
        // The first three units take the full-data fit as their delay, as if calibrated on these slips.
        let full = DelayCalibration.rounded(try DelayCalibration.fit(.lognormal, to: observations).distribution)
        for i in 0..<3 { scenario.campuses[i].phases[0].delayMonths = full }
        let map = SlipMap(units: Dictionary(uniqueKeysWithValues: observations.map { ($0.name, $0.name) }))
        let table = SlipTable(
            observations: observations, skipped: [], asOf: Month(year: 2030, month: 1) ?? Month(ordinal: 0))
        let outcome = try Analyzer.backtest(
            .value(scenario), slips: table, map: map, paths: 512, seed: 9, leaveOneOut: .family(.lognormal))
        #expect(outcome.inSample.rows.count == 5 && outcome.inSample.mismatched.isEmpty)
        let loo = try #require(outcome.leaveOneOut)
        #expect(loo.calibratedRows == ["c0/ph0", "c1/ph1", "c2/ph2"])
        #expect(loo.scoredRows == 5)
        let refits = try CalibrationMethod.family(.lognormal).leaveOneOutDelays(observations)
        for (i, observation) in observations.enumerated() {
            let delay = try #require(refits[observation.name])
            #expect(loo.delays[observation.name] == delay)
            let draws = try Analyzer.slipSamples(
                .value(scenario), paths: 512, seed: 9, delays: [observation.name: delay])
            let slips = try #require(draws[observation.name]).slips.filter(\.isFinite)
            let expected = PredictiveScore(observed: observation.outcome.months, samples: slips)
            #expect(loo.backtest.rows[i].score == expected, "\(observation.name)")
        }
        // In sample, the calibrated units are scored on the scenario's own draws.
        let own = try Analyzer.slipSamples(.value(scenario), paths: 512, seed: 9)
        let first = try #require(own["c0/ph0"]).slips.filter(\.isFinite)
        #expect(outcome.inSample.rows[0].score == PredictiveScore(observed: 3, samples: first))
    }

    @Test("a unit planned for another month is listed, not scored; a method that cannot be refitted is a request error")
    func mismatchAndErrors() throws {
        let scenario = TestScenarios.benchLike(count: 2, providers: 1, regions: 1, months: 24)
        let planned = scenario.campuses[0].phases[0].plannedOnline
        let observations = [
            SlipObservation(name: "c0/ph0", outcome: .slipped(months: 2), planned: planned.adding(months: 1)),
            SlipObservation(
                name: "c1/ph1", outcome: .slipped(months: 2), planned: scenario.campuses[1].phases[0].plannedOnline),
        ]
        let map = SlipMap(units: ["c0/ph0": "c0/ph0", "c1/ph1": "c1/ph1"])
        let table = SlipTable(observations: observations, skipped: [], asOf: planned.adding(months: 30))
        let outcome = try Analyzer.backtest(.value(scenario), slips: table, map: map, paths: 64, seed: 1)
        #expect(outcome.inSample.mismatched.map(\.name) == ["c0/ph0"])
        #expect(outcome.inSample.rows.map(\.name) == ["c1/ph1"])
        #expect(outcome.leaveOneOut == nil)
        // Two equal slips: a PERT cannot be fitted without one of them.
        #expect(throws: AnalysisError.self) {
            try Analyzer.backtest(
                .value(scenario), slips: table, map: map, paths: 64, seed: 1, leaveOneOut: .family(.pert))
        }
    }
}

extension SlipObservation.Outcome {
    /// The months of a slip or a pending phase (0 for a cancellation), for the tests.
    var months: Double {
        switch self {
        case .slipped(let m), .pending(let m): m
        case .cancelled: 0
        }
    }
}
