import HeadroomCalibration
import HeadroomModel

/// What `headroom calibrate` prints: each family's fit, the one the AIC picks (and why), the cancellation
/// probability, and the chosen `delay_months` in scenario syntax.
public struct CalibrationReport: Sendable {
    /// The slips read, at their as-of month.
    public var table: SlipTable
    /// The fits, best (lowest AIC) first.
    public var fits: [DelayFit]
    /// The share of phases that fell through.
    public var cancellation: CancellationEstimate
    /// The PIT diagnostics of each fit, in fit order.
    public var diagnostics: [PITDiagnostics]
    /// The partially pooled lognormal by the group column, when one was named.
    public var pooled: (column: String, fit: PooledLognormalFit)?

    /// Fits every family to `table`'s observations, and the pooled lognormal by `groupColumn` when given.
    /// - Throws: `CalibrationError` when no family can be fitted.
    public init(_ table: SlipTable, groupColumn: String? = nil) throws(CalibrationError) {
        self.table = table
        fits = try DelayCalibration.fitAll(table.observations)
        cancellation = CancellationEstimate(table.observations)
        diagnostics = fits.map { PITDiagnostics($0.distribution, table.observations) }
        if let groupColumn {
            pooled = (groupColumn, try PooledLognormalFit.fit(table.observations, groupedBy: groupColumn))
        }
    }

    /// The fit the AIC picks.
    public var best: DelayFit? { fits.first }

    /// The text report.
    public func text() -> String {
        let observed = table.observations.filter { if case .slipped = $0.outcome { true } else { false } }.count
        let pending = table.observations.filter { if case .pending = $0.outcome { true } else { false } }.count
        var lines = [
            "Slips at \(table.asOf): \(observed) observed, \(pending) not yet online (censored: slipped at least so far), "
                + "\(cancellation.cancelled) fell through; \(table.skipped.count) not yet due."
        ]
        let rows = fits.map { fit in
            [
                fit.family.rawValue,
                fit.parameters.map { p in
                    "\(p.name) \(Format.grouped(p.value, decimals: 2))"
                        + (p.standardError.map { " ± \(Format.grouped($0, decimals: 2))" } ?? " (on a bound)")
                }.joined(separator: ", "),
                Format.grouped(fit.logLikelihood, decimals: 2), Format.grouped(fit.aic, decimals: 2),
                best.map { fit.aic - $0.aic }.map { Format.grouped($0, decimals: 2) } ?? "",
            ]
        }
        lines.append(
            TextTable(
                title: "Delay distributions fitted by maximum likelihood (± standard error)",
                headers: ["family", "parameters", "log-likelihood", "AIC", "ΔAIC"], rows: rows
            ).rendered())
        if let best {
            let runnerUp = fits.dropFirst().first
            let margin = runnerUp.map { $0.aic - best.aic }
            let strength =
                margin.map {
                    $0 < 2 ? "the data hardly tell them apart (ΔAIC < 2)" : "ΔAIC \(Format.grouped($0, decimals: 1))"
                }
                ?? "the only family that fits"
            lines.append("Chosen by AIC: \(best.family.rawValue) (\(strength)).")
            lines.append("  delay_months: \(DelayCalibration.rounded(best.distribution).inlineText)")
        }
        lines.append(
            "Cancellation: \(cancellation.cancelled) of \(cancellation.total) phases fell through: p = "
                + "\(Format.grouped(cancellation.probability, decimals: 3)) (Wilson 95%: "
                + "\(Format.grouped(cancellation.lower, decimals: 3))–\(Format.grouped(cancellation.upper, decimals: 3))),"
                + " a risk-register event with `cancel: true`.")
        if let (column, fit) = pooled {
            lines.append(
                TextTable(
                    title:
                        "Lognormal pooled across \(column): group medians ~ lognormal(\(Format.grouped(fit.median, decimals: 2)), "
                        + "\(Format.grouped(fit.groupSpread, decimals: 2))), σ \(Format.grouped(fit.sigma, decimals: 2)) within a group",
                    headers: [column, "observed", "censored", "own median", "pooled median", "delay_months"],
                    rows: fit.groups.map { g in
                        [
                            g.name, "\(g.observed)", "\(g.censored)",
                            g.ownMedian.map { Format.grouped($0, decimals: 2) } ?? "-",
                            Format.grouped(g.median, decimals: 2),
                            DelayCalibration.rounded(fit.delay(forGroup: g.name)).inlineText,
                        ]
                    }
                ).rendered())
        }
        for (fit, pit) in zip(fits, diagnostics) {
            lines.append(
                "PIT of \(fit.family.rawValue): Kolmogorov–Smirnov D \(Format.grouped(pit.kolmogorovSmirnov, decimals: 3)), "
                    + "p \(Format.grouped(pit.pValue, decimals: 2)) (uniform under the right family; low p: misspecified)"
            )
        }
        for row in table.skipped { lines.append("skipped line \(row.line): \(row.reason)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON export.
    public func json() -> JSONValue {
        .object([
            ("as_of", .string(table.asOf.description)),
            (
                "fits",
                .array(
                    zip(fits, diagnostics).map { fit, pit in
                        .object([
                            ("family", .string(fit.family.rawValue)),
                            ("delay_months", .string(DelayCalibration.rounded(fit.distribution).inlineText)),
                            (
                                "parameters",
                                .object(
                                    fit.parameters.map { p in
                                        (
                                            p.name,
                                            .object([
                                                ("value", .number(p.value)),
                                                ("standard_error", p.standardError.map(JSONValue.number) ?? .null),
                                            ])
                                        )
                                    })
                            ),
                            ("log_likelihood", .number(fit.logLikelihood)), ("aic", .number(fit.aic)),
                            ("observed", .number(Double(fit.observed))), ("censored", .number(Double(fit.censored))),
                            (
                                "pit",
                                .object([
                                    (
                                        "kolmogorov_smirnov",
                                        .number(pit.kolmogorovSmirnov)
                                    ),
                                    ("p_value", .number(pit.pValue)),
                                ])
                            ),
                        ])
                    })
            ),
            ("chosen", best.map { .string($0.family.rawValue) } ?? .null),
            (
                "pooled",
                pooled.map { column, fit in
                    .object([
                        ("column", .string(column)), ("median", .number(fit.median)),
                        ("group_spread", .number(fit.groupSpread)), ("sigma", .number(fit.sigma)),
                        ("log_likelihood", .number(fit.logLikelihood)),
                        (
                            "groups",
                            .array(
                                fit.groups.map { g in
                                    .object([
                                        ("name", .string(g.name)), ("observed", .number(Double(g.observed))),
                                        ("censored", .number(Double(g.censored))), ("median", .number(g.median)),
                                        ("own_median", g.ownMedian.map(JSONValue.number) ?? .null),
                                        (
                                            "delay_months",
                                            .string(
                                                DelayCalibration.rounded(fit.delay(forGroup: g.name)).inlineText)
                                        ),
                                    ])
                                })
                        ),
                    ])
                } ?? .null
            ),
            (
                "cancellation",
                .object([
                    ("cancelled", .number(Double(cancellation.cancelled))),
                    ("total", .number(Double(cancellation.total))), ("probability", .number(cancellation.probability)),
                    ("lower", .number(cancellation.lower)), ("upper", .number(cancellation.upper)),
                ])
            ),
            (
                "skipped",
                .array(
                    table.skipped.map { .object([("line", .number(Double($0.line))), ("reason", .string($0.reason))]) })
            ),
        ])
    }
}
