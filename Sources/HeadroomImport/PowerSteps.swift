import HeadroomCSV
import HeadroomModel

/// One campus's timeline read as steps up in power: the phases of an Epoch import.
///
/// Figures are kept in whole watts (millionths of a MW) so that steps add up to the last level.
struct PowerSteps {
    /// One step up: the new MW on one date.
    struct Step {
        var month: Month
        var date: String
        var line: Int
        var watts: Int
        var observed: Bool
        var h100e: String

        /// The phase's comment line.
        func note(basis: PowerBasis, plannedDelay: Distribution = .fixed(0)) -> String {
            let basisName = basis == .it ? "IT" : "facility"
            var text = "p\(month): +\(EpochText.figure(Double(watts) / 1_000_000)) MW \(basisName) on \(date), "
            text +=
                observed
                ? "observed"
                : plannedDelay == .fixed(0)
                    ? "planned (Epoch's projection; delay_months left at 0: calibrate it)"
                    : "planned (Epoch's projection; delay_months \(plannedDelay.inlineText) from --planned-delay)"
            let h100e = EpochText.number(h100e).map { "; \(EpochText.figure($0.rounded())) H100e" } ?? ""
            return text + " (line \(line)\(h100e))"
        }
    }

    /// A usable row: its date and figures.
    private struct Reading {
        var row: EpochTimelineRow
        var month: Month
        var sortKey: String
        var it: Double?
        var power: Double?
    }

    /// The steps, in date order.
    private(set) var steps: [Step] = []
    /// Rows not used, with the reason.
    private(set) var skipped: [SkippedRow] = []
    /// The basis of every step: IT when any usable row gives IT power, else facility.
    private(set) var basis = PowerBasis.it
    /// Power / IT power on the latest row that gives both, rounded to 3 decimals, with that row; `value` is `nil`
    /// when the ratio is below 1 (a scenario's PUE is at least 1).
    private(set) var pue: (value: Double?, power: Double, it: Double, date: String)?
    /// The level of the last observed row, in MW on ``basis``.
    private(set) var lastObservedMegawatts = 0.0

    init(_ rows: [EpochTimelineRow], file: String, asOf: Month) {
        var readings: [Reading] = []
        for row in rows {
            func skip(_ reason: String) {
                skipped.append(SkippedRow(file: file, line: row.line, reason: "\(row.dataCenter): \(reason)"))
            }
            guard let date = EpochText.date(row.date.text) else {
                skip("Date: expected YYYY-MM-DD, found '\(EpochText.oneLine(row.date.text))'")
                continue
            }
            var figures: [Double?] = []
            var bad: String?
            for (name, field) in [("IT power (MW)", row.itPower), ("Power (MW)", row.power)] {
                let text = field.text.trimmingSpaces
                if text.isEmpty {
                    figures.append(nil)
                } else if let value = EpochText.number(text), value >= 0 {
                    figures.append(value)
                } else {
                    bad = bad ?? "\(name): expected a number of MW (0 or more), found '\(EpochText.oneLine(text))'"
                }
            }
            if let bad {
                skip(bad)
                continue
            }
            guard figures.contains(where: { $0 != nil }) else {
                skip("neither IT power (MW) nor Power (MW) is given")
                continue
            }
            readings.append(
                Reading(row: row, month: date.month, sortKey: date.sortKey, it: figures[0], power: figures[1]))
        }
        readings = readings.enumerated().sorted { ($0.element.sortKey, $0.offset) < ($1.element.sortKey, $1.offset) }
            .map(\.element)
        basis = readings.contains { $0.it != nil } ? .it : .facility
        var peak = 0
        for reading in readings {
            let row = reading.row
            func skip(_ reason: String) {
                skipped.append(SkippedRow(file: file, line: row.line, reason: "\(row.dataCenter): \(reason)"))
            }
            guard let value = basis == .it ? reading.it : reading.power else {
                skip(
                    "only Power (MW) is given, and the campus's other rows give IT power (MW); facility MW are not "
                        + "mixed into IT steps")
                continue
            }
            let level = Int((value * 1_000_000).rounded())
            let observed = reading.month <= asOf
            if level > peak {
                if let last = steps.last, last.month == reading.month {
                    steps[steps.count - 1].watts += level - peak
                    (steps[steps.count - 1].date, steps[steps.count - 1].line) = (reading.sortKey, row.line)
                    steps[steps.count - 1].h100e = row.h100e
                } else {
                    steps.append(
                        Step(
                            month: reading.month, date: row.date.text.trimmingSpaces, line: row.line,
                            watts: level - peak, observed: observed, h100e: row.h100e))
                }
                peak = level
            } else if level < peak {
                let name = basis == .it ? "IT power" : "Power"
                skip(
                    "\(name) \(EpochText.figure(value)) MW is below the earlier \(EpochText.figure(Double(peak) / 1_000_000)) "
                        + "MW: reductions are not modelled")
            }
            if observed { lastObservedMegawatts = Double(peak) / 1_000_000 }
            if let it = reading.it, let power = reading.power, it > 0, power > 0 {
                let ratio = (power / it * 1000).rounded() / 1000
                pue = (ratio >= 1 ? ratio : nil, power, it, row.date.text.trimmingSpaces)
            }
        }
    }

    /// The phases, one per step, each fitted with `accelerator`; planned ones slip by `plannedDelay`.
    func phases(accelerator: AcceleratorID?, plannedDelay: Distribution = .fixed(0)) -> [Phase] {
        steps.map { step in
            Phase(
                id: PhaseID("p\(step.month)"), megawatts: Double(step.watts) / 1_000_000, basis: basis,
                accelerator: accelerator, plannedOnline: step.month,
                delayMonths: step.observed ? .fixed(0) : plannedDelay)
        }
    }

    /// Comment lines on the power basis, the PUE and the as-of split.
    func basisNotes() -> [String] {
        var notes: [String] = []
        switch basis {
        case .it: notes.append("Power basis: IT MW (Epoch's IT power (MW))")
        case .facility:
            notes.append("Power basis: facility MW (Epoch's Power (MW)), because no row gives IT power (MW)")
        }
        if let pue, let value = pue.value {
            notes.append(
                "pue \(EpochText.figure(value)) = Power \(EpochText.figure(pue.power)) MW / IT power "
                    + "\(EpochText.figure(pue.it)) MW on \(pue.date), the latest row that gives both")
        } else if let pue {
            notes.append(
                "pue left at 1.2 (Headroom's default): on \(pue.date) Power \(EpochText.figure(pue.power)) MW is below IT "
                    + "power \(EpochText.figure(pue.it)) MW")
        } else {
            notes.append("pue 1.2 is Headroom's default: no row gives both IT power (MW) and Power (MW)")
        }
        notes.append("Phases: each date the power steps up; rows on or before the as-of month are observed (online):")
        return notes
    }
}
