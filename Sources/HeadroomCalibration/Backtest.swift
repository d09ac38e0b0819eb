import HeadroomCSV

/// Which scenario unit each row of a slips file is: a CSV with the columns `campus`, `phase` (as in the slips
/// file) and `unit` (the scenario's `campus/phase`).
public struct SlipMap: Sendable, Hashable {
    /// Slips name (`campus/phase`) → scenario unit name.
    public var units: [String: String]

    /// Reads `text` (named `file` in errors).
    /// - Throws: ``SlipTableError`` at a malformed row, a missing column or a slips row mapped twice.
    public static func parse(_ text: String, file: String) throws(SlipTableError) -> SlipMap {
        let (header, rows, columns) = try CSVRows.table(text, file: file, columns: ["campus", "phase", "unit"])
        let (campus, phase, unit) = (columns[0], columns[1], columns[2])
        var units: [String: String] = [:]
        for row in rows {
            let needed = max(campus, phase, unit)
            guard row.fields.count > needed else {
                throw SlipTableError(
                    file: file, line: row.line, column: (row.fields.last?.column ?? 0) + 1,
                    "expected \(header.fields.count) fields, found \(row.fields.count)")
            }
            let name = "\(row.fields[campus].text)/\(row.fields[phase].text)"
            guard units[name] == nil else {
                throw SlipTableError(file: file, line: row.line, column: 1, "\(name) is mapped twice")
            }
            units[name] = row.fields[unit].text
        }
        return SlipMap(units: units)
    }
}

/// Observed slips scored against a model's predictive slips: per phase, and in summary.
public struct Backtest: Sendable, Hashable {
    /// One observed phase's score.
    public struct Row: Sendable, Hashable {
        /// The slips row (`campus/phase`).
        public var name: String
        /// The scenario unit it was scored against.
        public var unit: String
        /// What happened.
        public var outcome: SlipObservation.Outcome
        /// For a slip observed exactly: its score against the paths where the model has the phase come online.
        public var score: PredictiveScore?
        /// For a pending or cancelled phase: the model's probability of what is known (slipping at least so far,
        /// or being cancelled).
        public var probabilityOfOutcome: Double?
    }

    /// The scored phases, in slips order.
    public var rows: [Row]
    /// Slips rows with no unit in the map, or mapped to a unit the scenario does not have.
    public var unmatched: [String]
    /// Coverage, mean CRPS and PIT histogram of the exactly observed slips.
    public var summary: BacktestSummary

    /// Scores `observations` against `samples` (unit name → predictive slips) through `map`.
    public init(_ observations: [SlipObservation], map: SlipMap, samples: [String: [Double]]) {
        var rows: [Row] = []
        var unmatched: [String] = []
        for observation in observations {
            guard let unit = map.units[observation.name], let predictive = samples[unit], !predictive.isEmpty else {
                unmatched.append(observation.name)
                continue
            }
            let n = Double(predictive.count)
            switch observation.outcome {
            case .slipped(let months):
                // The phase came online: score it against the paths where the model has it come online.
                let online = predictive.filter(\.isFinite)
                guard !online.isEmpty else {
                    unmatched.append(observation.name)
                    continue
                }
                rows.append(
                    Row(
                        name: observation.name, unit: unit, outcome: observation.outcome,
                        score: PredictiveScore(observed: months, samples: online), probabilityOfOutcome: nil))
            case .pending(let months):
                let p = Double(predictive.filter { $0 >= months }.count) / n
                rows.append(
                    Row(
                        name: observation.name, unit: unit, outcome: observation.outcome, score: nil,
                        probabilityOfOutcome: p))
            case .cancelled:
                let p = Double(predictive.filter { $0 == .infinity }.count) / n
                rows.append(
                    Row(
                        name: observation.name, unit: unit, outcome: observation.outcome, score: nil,
                        probabilityOfOutcome: p))
            }
        }
        self.rows = rows
        self.unmatched = unmatched
        summary = BacktestSummary(rows.compactMap(\.score))
    }
}
