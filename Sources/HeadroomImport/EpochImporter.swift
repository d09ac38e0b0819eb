import HeadroomCSV
import HeadroomModel

/// Converts Epoch AI's Frontier Data Centers files (`data_centers.csv`, `data_center_timelines.csv`) into campuses,
/// providers, regions and accelerators for a scenario.
///
/// Each campus gets one phase per timeline date where its power steps up, of the step's MW, planned in that date's
/// month (id `pYYYY-MM`); rows dated after the as-of month are planned phases, the others observed (online). Power is
/// on the IT basis (`IT power (MW)`) when the campus's rows give it, else on the facility basis (`Power (MW)`); the
/// PUE is Power / IT power on the latest row that gives both. Rows that cannot be used are listed with the reason;
/// nothing here reads files.
public enum EpochImporter {
    /// The attribution Epoch's CC BY 4.0 licence asks for, as the import writes it.
    public static let attribution = "© Epoch AI, Frontier Data Centers, CC BY 4.0"

    /// Where the data comes from.
    public static let sourceURL = "https://epoch.ai/data/data-centers"

    /// Converts the two files.
    ///
    /// - Parameters:
    ///   - dataCenters: `data_centers.csv` (columns `Name`, `Owner`, `Users`, `Current chip types`, `Country`,
    ///     `Address`; others ignored).
    ///   - timelines: `data_center_timelines.csv` (columns `Data center`, `Date`, `IT power (MW)`, `Power (MW)`,
    ///     optionally `H100 equivalents`).
    ///   - options: The as-of month, the owner and user filters and the planned phases' delay.
    ///   - catalog: The accelerator generations chip types may map to.
    /// - Returns: The import.
    /// - Throws: ``CSVError`` for malformed CSV, a missing column, or a row with more or fewer fields than the header.
    public static func convert(
        dataCenters: CSVSource, timelines: CSVSource, options: EpochImportOptions,
        catalog: AcceleratorCatalog = AcceleratorCatalog()
    ) throws(CSVError) -> EpochImport {
        let centers = try EpochTables.dataCenters(dataCenters)
        let rows = try EpochTables.timelines(timelines)
        var result = EpochImport(
            options: options, files: [dataCenters.file, timelines.file], campuses: [], providers: [],
            providerNotes: [:], regions: [], accelerators: [], acceleratorNotes: [:], skipped: [], filteredOut: 0)
        let known = Set(centers.map(\.name))
        var byName: [String: [EpochTimelineRow]] = [:]
        for row in rows {
            guard known.contains(row.dataCenter) else {
                result.skipped.append(
                    SkippedRow(
                        file: timelines.file, line: row.line,
                        reason: "'\(EpochText.oneLine(row.dataCenter))' is not a Name in \(dataCenters.file)"))
                continue
            }
            byName[row.dataCenter, default: []].append(row)
        }
        var names: Set<String> = []
        var campusIDs: Set<String> = []
        for center in centers {
            let owners = EpochText.names(center.owner)
            if !options.owners.isEmpty && !EpochText.matches(owners, options.owners)
                || !options.users.isEmpty && !EpochText.matches(EpochText.names(center.users), options.users)
            {
                result.filteredOut += 1
                continue
            }
            func skip(_ reason: String) {
                let label = center.name.isEmpty ? "" : "\(EpochText.oneLine(center.name)): "
                result.skipped.append(SkippedRow(file: dataCenters.file, line: center.line, reason: label + reason))
            }
            guard let baseID = EpochText.slug(center.name) else {
                skip("no Name to make a campus id from")
                continue
            }
            guard names.insert(center.name).inserted else {
                skip("the Name appears twice; the first row is used")
                continue
            }
            guard let owner = owners.first, let providerID = EpochText.slug(owner) else {
                skip("Owner is empty: no provider to attach the campus to")
                continue
            }
            guard let timeline = byName[center.name] else {
                skip("no rows in \(timelines.file) (no dated power)")
                continue
            }
            let steps = PowerSteps(timeline, file: timelines.file, asOf: options.asOf)
            result.skipped += steps.skipped
            guard !steps.steps.isEmpty else {
                skip("no power in any usable row of \(timelines.file) (0 MW throughout)")
                continue
            }
            var id = baseID
            var suffix = 2
            while campusIDs.contains(id) {
                id = "\(baseID)-\(suffix)"
                suffix += 1
            }
            campusIDs.insert(id)
            let match = catalog.match(EpochText.names(center.chipTypes))
            if let match, !result.accelerators.contains(where: { $0.id == match.accelerator.id }) {
                result.accelerators.append(match.accelerator)
                result.acceleratorNotes[match.accelerator.id] = catalog.notes[match.accelerator.id]
            }
            let provider = ProviderID(providerID)
            if !result.providers.contains(where: { $0.id == provider }) {
                result.providers.append(Provider(id: provider, name: owner, kind: providerKind(providerID)))
                result.providerNotes[provider] =
                    "Epoch Owner '\(EpochText.oneLine(owner))' (\(dataCenters.file) line \(center.line)); kind "
                    + "\(providerKind(providerID).rawValue) is a guess from the name: set it as the buyer sees it"
            }
            let region = self.region(center)
            if let region, !result.regions.contains(where: { $0.id == region.id }) { result.regions.append(region) }
            let phases = steps.phases(accelerator: match?.accelerator.id, plannedDelay: options.plannedDelay)
            let campus = Campus(
                id: CampusID(id), name: EpochText.oneLine(center.name), provider: provider, region: region?.id,
                pue: steps.pue?.value ?? 1.2, phases: phases)
            var notes = [
                "\"\(EpochText.oneLine(center.name))\": \(attribution); \(dataCenters.file) line \(center.line), "
                    + "\(timelines.file) \(lineList(timeline.map(\.line)))",
                "Owner: \(cell(center.owner)); users: \(cell(center.users))"
                    + (center.project.isEmpty ? "" : "; project: \(cell(center.project))"),
            ]
            if let match {
                notes.append(
                    "Chips: \(cell(center.chipTypes)); \(match.chipType) → accelerator \(match.accelerator.id)")
            } else {
                notes.append(
                    "Chips: \(cell(center.chipTypes)); none maps to a known accelerator, so the phases name none "
                        + "(Epoch's H100 equivalents are in the phase lines)")
            }
            notes += steps.basisNotes()
            notes += steps.steps.map { "  " + $0.note(basis: steps.basis, plannedDelay: options.plannedDelay) }
            result.campuses.append(
                ImportedCampus(
                    campus: campus, notes: notes,
                    observedPhases: phases.indices.filter { steps.steps[$0].observed }
                        .map { phases[$0].id }, lastObservedMegawatts: steps.lastObservedMegawatts))
        }
        return result
    }

    /// `Text #tag, …` without its line breaks, or `(none)`.
    private static func cell(_ text: String) -> String {
        let line = EpochText.oneLine(text)
        return line.isEmpty ? "(none)" : line
    }

    /// `lines 2-8` for a contiguous run, else `lines 2, 5, 9`.
    static func lineList(_ lines: [Int]) -> String {
        guard let first = lines.first, let last = lines.last else { return "no lines" }
        if lines.count == 1 { return "line \(first)" }
        let contiguous = zip(lines, lines.dropFirst()).allSatisfy { $1 == $0 + 1 }
        return contiguous ? "lines \(first)-\(last)" : "lines " + lines.map(String.init).joined(separator: ", ")
    }

    /// The provider kind guessed from an owner's id.
    static func providerKind(_ id: String) -> ProviderKind {
        let hyperscalers: Set = ["microsoft", "amazon", "aws", "google", "meta", "alibaba"]
        let neoclouds: Set = ["coreweave", "nebius", "nscale", "crusoe", "lambda", "firmus", "core42", "together"]
        if hyperscalers.contains(id) { return .hyperscaler }
        return neoclouds.contains(id) ? .neocloud : .cloud
    }

    /// A US state (`us-tn`, from an address ending `, TN 38109`) or the country, as a region.
    static func region(_ center: EpochDataCenter) -> Region? {
        let country = EpochText.oneLine(center.country)
        if country == "United States", let last = center.address.split(separator: ",").last {
            let words = last.split(separator: " ")
            if let state = words.first, state.count == 2, state.allSatisfy({ $0.isUppercase && $0.isASCII }),
                words.count <= 2, words.dropFirst().allSatisfy({ $0.allSatisfy { $0.isNumber || $0 == "-" } }),
                let slug = EpochText.slug(String(state))
            {
                return Region(id: RegionID("us-" + slug), name: "\(state), United States")
            }
        }
        guard let slug = EpochText.slug(country) else { return nil }
        return Region(id: RegionID(slug), name: country)
    }
}
