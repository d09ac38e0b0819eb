import HeadroomCSV
import HeadroomModel

/// Which scenario unit each row of a slips file is: a CSV with the columns `campus`, `phase` (as in the slips
/// file) and `unit` (the scenario's `campus/phase`), and any further columns as annotations (a delay class, a
/// provider kind) that `calibrate --group-by` can pool by.
public struct SlipMap: Sendable, Hashable {
    /// Slips name (`campus/phase`) → scenario unit name (rows with an empty `unit` are annotated, not mapped).
    public var units: [String: String]
    /// Slips name → the map's further columns by header name.
    public var annotations: [String: [String: String]]
    /// The names of the further columns, in header order.
    public var annotationColumns: [String]

    /// Creates a map.
    public init(
        units: [String: String], annotations: [String: [String: String]] = [:], annotationColumns: [String] = []
    ) {
        self.units = units
        self.annotations = annotations
        self.annotationColumns = annotationColumns
    }

    /// Reads `text` (named `file` in errors).
    /// - Throws: ``SlipTableError`` at a malformed row, a missing column or a slips row mapped twice.
    public static func parse(_ text: String, file: String) throws(SlipTableError) -> SlipMap {
        let (header, rows, columns) = try CSVRows.table(text, file: file, columns: ["campus", "phase", "unit"])
        let (campus, phase, unit) = (columns[0], columns[1], columns[2])
        let extra = header.fields.indices.filter { !columns.contains($0) }
        var map = SlipMap(units: [:], annotationColumns: extra.map { header.fields[$0].text })
        for row in rows {
            guard row.fields.count == header.fields.count else {
                throw SlipTableError(
                    file: file, line: row.line, column: (row.fields.last?.column ?? 0) + 1,
                    "expected \(header.fields.count) fields, found \(row.fields.count)")
            }
            let name = "\(row.fields[campus].text)/\(row.fields[phase].text)"
            guard map.annotations[name] == nil else {
                throw SlipTableError(file: file, line: row.line, column: 1, "\(name) is mapped twice")
            }
            if !row.fields[unit].text.isEmpty { map.units[name] = row.fields[unit].text }
            map.annotations[name] = Dictionary(
                uniqueKeysWithValues: extra.map { (header.fields[$0].text, row.fields[$0].text) })
        }
        return map
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

    /// A slips row whose planned month is not the scenario unit's: their slips count from different months, so
    /// it is not scored.
    public struct PlanMismatch: Sendable, Hashable {
        /// The slips row.
        public var name: String
        /// The scenario unit the map pairs it with.
        public var unit: String
        /// The planned month in the slips file.
        public var slipsPlanned: Month
        /// The planned month in the scenario.
        public var scenarioPlanned: Month
    }

    /// The scored phases, in slips order.
    public var rows: [Row]
    /// Slips rows with no unit in the map, or mapped to a unit the scenario does not have.
    public var unmatched: [String]
    /// Slips rows planned for another month than their unit.
    public var mismatched: [PlanMismatch]
    /// Coverage, mean CRPS and PIT histogram of the exactly observed slips.
    public var summary: BacktestSummary

    /// Scores `observations` against `samples` (unit name → predictive slips) through `map`.
    ///
    /// - Parameters:
    ///   - observations: The slips, with their planned months where known.
    ///   - map: Slips row → scenario unit.
    ///   - samples: Each unit's predictive slips after its planned month (`+infinity`: cancelled).
    ///   - planned: Each unit's planned month; an observation planned for another month is not scored.
    public init(
        _ observations: [SlipObservation], map: SlipMap, samples: [String: [Double]], planned: [String: Month] = [:]
    ) {
        var rows: [Row] = []
        var unmatched: [String] = []
        var mismatched: [PlanMismatch] = []
        for observation in observations {
            guard let unit = map.units[observation.name], let predictive = samples[unit], !predictive.isEmpty else {
                unmatched.append(observation.name)
                continue
            }
            if let own = observation.planned, let theirs = planned[unit], own != theirs {
                mismatched.append(
                    PlanMismatch(name: observation.name, unit: unit, slipsPlanned: own, scenarioPlanned: theirs))
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
        self.mismatched = mismatched
        summary = BacktestSummary(rows.compactMap(\.score))
    }

    /// Back-tests of disjoint sets of slips (one per left-out observation) as one, in the given order.
    ///
    /// - Parameter parts: The back-tests to join.
    public init(combining parts: [Backtest]) {
        rows = parts.flatMap(\.rows)
        unmatched = parts.flatMap(\.unmatched)
        mismatched = parts.flatMap(\.mismatched)
        summary = BacktestSummary(rows.compactMap(\.score))
    }
}
