import HeadroomCSV
import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomCalibration

/// Back-test scoring: each observed slip against its unit's predictive slips, through the map.
@Suite("Backtest")
struct BacktestTests {
    static let map = """
        campus,phase,unit
        abilene,building 1,abilene/b1
        abilene,building 2,abilene/b2
        norway,230 MW,norway/p1
        late,phase,late/p1
        """

    @Test("scores exact slips, gives the model's probability of pending and cancelled outcomes, lists the unmatched")
    func scoring() throws {
        let map = try SlipMap.parse(Self.map, file: "map.csv")
        #expect(map.units["abilene/building 2"] == "abilene/b2")
        // Predictive slips 0…99 months for b1 and b2 (uniform), half cancelled for norway, 0…9 for late.
        let uniform = (0..<100).map(Double.init)
        let samples: [String: [Double]] = [
            "abilene/b1": uniform, "abilene/b2": uniform + [.infinity],
            "norway/p1": [1, 2, .infinity, .infinity], "late/p1": (0..<10).map(Double.init),
        ]
        let observations = [
            SlipObservation(name: "abilene/building 1", outcome: .slipped(months: 25)),
            SlipObservation(name: "abilene/building 2", outcome: .slipped(months: 90)),
            SlipObservation(name: "norway/230 MW", outcome: .cancelled),
            SlipObservation(name: "late/phase", outcome: .pending(atLeastMonths: 7)),
            SlipObservation(name: "elsewhere/p", outcome: .slipped(months: 1)),
        ]
        let backtest = Backtest(observations, map: map, samples: samples)
        #expect(backtest.unmatched == ["elsewhere/p"])
        #expect(backtest.rows.map(\.unit) == ["abilene/b1", "abilene/b2", "norway/p1", "late/p1"])
        // 25 among 0…99: 25 below, one equal → mid-rank 25.5 %; inside P25–P75 (24.75–74.25); b2's infinite path
        // is left out (the phase came online), so 90 scores like 90 among 0…99.
        #expect(backtest.rows[0].score?.percentile == 0.255)
        #expect(backtest.rows[0].score?.inCentral50 == true && backtest.rows[1].score?.inCentral80 == false)
        #expect(backtest.rows[1].score?.percentile == 0.905)
        #expect(backtest.rows[2].probabilityOfOutcome == 0.5)
        #expect(backtest.rows[3].probabilityOfOutcome == 0.3)
        #expect(backtest.summary.count == 2 && backtest.summary.coverage50 == 0.5 && backtest.summary.coverage80 == 0.5)
    }

    @Test("a malformed map names the line; a slips row mapped twice is refused")
    func malformedMap() {
        #expect {
            try SlipMap.parse("campus,phase,unit\na,b\n", file: "map.csv")
        } throws: { error in
            (error as? SlipTableError)?.description == "map.csv:2:4: error: expected 3 fields, found 2"
        }
        #expect {
            try SlipMap.parse("campus,phase,unit\na,b,c/d\na,b,c/e\n", file: "map.csv")
        } throws: { error in
            (error as? SlipTableError)?.description == "map.csv:3:1: error: a/b is mapped twice"
        }
    }
}
