import HeadroomModel

/// A data row an import did not use, with where it is and why.
public struct SkippedRow: Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line (1-based) the row starts on.
    public var line: Int
    /// Why it was not used.
    public var reason: String

    /// Creates a skipped row.
    ///
    /// - Parameters:
    ///   - file: The file.
    ///   - line: The line the row starts on.
    ///   - reason: Why it was not used.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `FILE:LINE: skipped: REASON`.
    public var description: String { "\(file):\(line): skipped: \(reason)" }
}

/// What an Epoch import keeps, and the month that splits observed from planned.
public struct EpochImportOptions: Sendable, Hashable {
    /// Timeline rows dated in or before this month are observed (their phases online); later rows are planned.
    public var asOf: Month
    /// Keep only campuses one of whose owners is one of these (case-insensitive, tags stripped); empty keeps all.
    public var owners: [String]
    /// Keep only campuses one of whose users is one of these (case-insensitive, tags stripped); empty keeps all.
    public var users: [String]
    /// The delay of every planned phase (Epoch's projected months slip too): `fixed(0)` unless set, for example to
    /// a class `headroom calibrate` fitted.
    public var plannedDelay: Distribution

    /// Creates options.
    ///
    /// - Parameters:
    ///   - asOf: The month that splits observed (on or before) from planned (after) timeline rows.
    ///   - owners: Owner names to keep; empty keeps every owner.
    ///   - users: User names to keep; empty keeps every user.
    ///   - plannedDelay: The delay distribution of every planned phase.
    public init(asOf: Month, owners: [String] = [], users: [String] = [], plannedDelay: Distribution = .fixed(0)) {
        self.asOf = asOf
        self.owners = owners
        self.users = users
        self.plannedDelay = plannedDelay
    }
}

/// One imported campus with the comment lines that cite where each figure came from.
public struct ImportedCampus: Sendable, Hashable {
    /// The campus, its phases stepping up as Epoch's dated power does.
    public var campus: Campus
    /// Comment lines (without `# `): the citation, the attribution, the power basis, the PUE and each phase's row.
    public var notes: [String]
    /// The phases dated on or before the as-of month (observed, online).
    public var observedPhases: [PhaseID]
    /// The IT MW (or facility MW, on that basis) of the last observed timeline row; 0 when none is observed.
    public var lastObservedMegawatts: Double

    /// Creates an imported campus.
    ///
    /// - Parameters:
    ///   - campus: The campus.
    ///   - notes: Its comment lines.
    ///   - observedPhases: The phases dated on or before the as-of month.
    ///   - lastObservedMegawatts: The power of the last observed timeline row.
    public init(campus: Campus, notes: [String], observedPhases: [PhaseID], lastObservedMegawatts: Double) {
        self.campus = campus
        self.notes = notes
        self.observedPhases = observedPhases
        self.lastObservedMegawatts = lastObservedMegawatts
    }
}

/// The result of converting Epoch AI's Frontier Data Centers files: entities for a scenario, and what was left out.
public struct EpochImport: Sendable, Hashable {
    /// The options the import ran with.
    public var options: EpochImportOptions
    /// The files' names, data centers first.
    public var files: [String]
    /// The campuses, in the data-center file's order.
    public var campuses: [ImportedCampus]
    /// The providers the campuses name (one per owner), in first-use order.
    public var providers: [Provider]
    /// A comment line per provider, by id.
    public var providerNotes: [ProviderID: String]
    /// The regions the campuses name, in first-use order.
    public var regions: [Region]
    /// The accelerator generations the phases name, from the catalogue, in first-use order.
    public var accelerators: [Accelerator]
    /// A comment line per accelerator, by id.
    public var acceleratorNotes: [AcceleratorID: String]
    /// Rows not used, with the reason.
    public var skipped: [SkippedRow]
    /// Data centers left out by the owner and user filters (not errors).
    public var filteredOut: Int

    /// Every phase, over all campuses.
    public var phaseCount: Int { campuses.reduce(0) { $0 + $1.campus.phases.count } }

    /// IT MW over all phases (facility-basis phases converted with their campus's PUE).
    public var totalITMegawatts: Double {
        campuses.reduce(0) { sum, imported in
            sum + imported.campus.phases.reduce(0) { $0 + $1.itMegawatts(pue: imported.campus.pue) }
        }
    }

    /// IT MW of the observed phases (online at the as-of month).
    public var observedITMegawatts: Double {
        campuses.reduce(0) { sum, imported in
            let observed = Set(imported.observedPhases)
            return sum
                + imported.campus.phases.filter { observed.contains($0.id) }.reduce(0) {
                    $0 + $1.itMegawatts(pue: imported.campus.pue)
                }
        }
    }

    /// One line: campuses, phases, MW, rows skipped, data centers filtered out.
    public var summary: String {
        let observed = campuses.reduce(0) { $0 + $1.observedPhases.count }
        return "\(campuses.count) campuses, \(phaseCount) phases (\(observed) observed, \(phaseCount - observed) "
            + "planned), \(EpochText.figure(totalITMegawatts)) MW IT (\(EpochText.figure(observedITMegawatts)) MW "
            + "online by \(options.asOf)); \(skipped.count) rows skipped, \(filteredOut) data centers filtered out"
    }
}
