import HeadroomModel
import HeadroomScenario

/// An Epoch import as a complete scenario: the imported entities, a placeholder workload and demand, and comments
/// citing every figure.
public enum EpochScenario {
    /// The placeholder workload of a standalone import.
    public static let workload = WorkloadID("compute")

    /// The placeholder price of a standalone import's contracts: Epoch's total cost of ownership of a 1 GW GB200
    /// site, 8.5e6 USD per MW-year (`../shared/data/costs.csv`, "total cost of ownership"), per MW-month.
    public static let placeholderPriceUSDPerMWMonth = 8.5e6 / 12

    /// One placeholder contract per provider covering all its imported phases (`<provider>-capacity`), so that a
    /// standalone import's capacity counts: Headroom counts only contracted capacity.
    ///
    /// - Parameter imported: The import.
    /// - Returns: The contracts, in provider order.
    public static func contracts(_ imported: EpochImport) -> [Contract] {
        imported.providers.compactMap { provider in
            let phases = imported.campuses.map(\.campus).filter { $0.provider == provider.id }.flatMap { campus in
                campus.phases.map { PhaseReference(campus: campus.id, phase: $0.id) }
            }
            guard !phases.isEmpty else { return nil }
            return Contract(
                id: ContractID("\(provider.id.rawValue)-capacity"), provider: provider.id, coverage: .phases(phases),
                price: .perMWMonth(placeholderPriceUSDPerMWMonth))
        }
    }

    /// The import as a scenario that reads and validates on its own.
    ///
    /// It starts at the as-of month and ends in December of the year after its last phase (at most 40 years on).
    /// Its one workload, `compute`, has a flat placeholder demand: the IT MW online at the as-of month (1 MW when
    /// none is); each provider's phases are under one placeholder contract (``contracts(_:)``).
    ///
    /// - Parameters:
    ///   - imported: The import.
    ///   - name: The scenario's name.
    /// - Returns: The scenario.
    public static func scenario(_ imported: EpochImport, name: String) -> Scenario {
        let start = imported.options.asOf
        let last = imported.campuses.flatMap { $0.campus.phases.map(\.plannedOnline) }.max() ?? start
        let endYear = max(last, start).year + 1
        let end = min(Month(year: endYear, month: 12) ?? start, start.adding(months: 479))
        let demand = Demand(
            workload: workload,
            growth: .exponential(
                start: start, initialMW: max(imported.observedITMegawatts, 1), annualLogGrowth: .fixed(0)))
        return Scenario(
            name: name,
            description: "Campuses imported from Epoch AI, Frontier Data Centers (CC BY 4.0), as of \(start).",
            start: start, end: end, workloads: [Workload(id: workload, name: "Placeholder: all workloads")],
            accelerators: imported.accelerators, providers: imported.providers, regions: imported.regions,
            campuses: imported.campuses.map(\.campus), contracts: contracts(imported), demand: [demand])
    }

    /// The import as commented scenario YAML.
    ///
    /// The file opens with the attribution, the as-of split, the totals and the rows skipped; each campus, provider
    /// and accelerator has comment lines saying where its figures come from. It reads back with `ScenarioReader`
    /// to ``scenario(_:name:)``.
    ///
    /// - Parameters:
    ///   - imported: The import.
    ///   - name: The scenario's name.
    ///   - command: The command line that made it, for the header.
    /// - Returns: YAML text ending with a newline.
    public static func yaml(_ imported: EpochImport, name: String, command: String = "headroom import epoch") -> String
    {
        var text = ScenarioWriter.yaml(scenario(imported, name: name))
        for section in EntrySection.all(imported) {
            let plain = section.entries.map(\.text).joined()
            let commented = section.entries.map { $0.commented(indent: 2) }.joined()
            if let range = text.firstRange(of: "\n\(section.key):\n" + plain) {
                text.replaceSubrange(range, with: "\n\(section.key):\n" + commented)
            }
        }
        if let range = text.firstRange(of: "\ncontracts:\n") {
            text.replaceSubrange(
                range,
                with:
                    "\n# PLACEHOLDER: one contract per provider for all its imported phases, at Epoch's total cost of\n"
                    + "# ownership of a 1 GW GB200 site, 8.5e6 USD per MW-year (../shared/data/costs.csv), so that the\n"
                    + "# capacity counts. Replace them with the contracts the buyer holds.\ncontracts:\n")
        }
        let placeholder =
            "# PLACEHOLDER: the workload and this flat demand (the IT MW online at the as-of month) only make the\n"
            + "# file a complete scenario. Replace them with the buyer's demand.\n"
        if let range = text.firstRange(of: "\ndemand:\n") {
            text.replaceSubrange(range, with: "\n" + placeholder + "demand:\n")
        }
        return header(imported, command: command) + "\n" + text
    }

    /// The opening comment block.
    static func header(_ imported: EpochImport, command: String) -> String {
        let asOf = imported.options.asOf
        var lines = [
            "Imported by `\(EpochText.oneLine(command))`",
            "from Epoch AI's Frontier Data Centers: \(imported.files.joined(separator: ", ")).",
            "\(EpochImporter.attribution) (https://creativecommons.org/licenses/by/4.0/). Attribute",
            "\"Epoch AI, Frontier Data Centers\" wherever this data is used or shown. \(EpochImporter.sourceURL)",
            "As of \(asOf): timeline rows dated in or before \(asOf) are observed (their phases online); later rows",
            "are planned phases at Epoch's projected month, with delay_months left at 0: calibrate them",
            "(headroom calibrate) before trusting a simulation's dates.",
            "Power: it_mw is Epoch's IT power (MW); facility_mw is its Power (MW), used only where no row gives IT",
            "power. pue is Power / IT power on the latest row that gives both.",
            "Imported: " + imported.summary + ".",
            "Capacity counts only under a contract: add contracts covering the phases (campus/phase) you buy.",
        ]
        if !imported.options.owners.isEmpty {
            lines.append("Owner filter: " + imported.options.owners.joined(separator: ", "))
        }
        if !imported.options.users.isEmpty {
            lines.append("Users filter: " + imported.options.users.joined(separator: ", "))
        }
        if !imported.skipped.isEmpty {
            lines.append("Rows not used:")
            lines += imported.skipped.map { "  \($0.file):\($0.line): \(EpochText.oneLine($0.reason))" }
        }
        return lines.map { "# " + EpochText.unbroken($0) }.joined(separator: "\n") + "\n"
    }
}

/// One entity's YAML entry and its comment lines.
struct CommentedEntry {
    /// The entity's id.
    var id: String
    /// The entry as ScenarioWriter writes it under its section key (two-space indent).
    var text: String
    /// Comment lines, without `# `.
    var notes: [String]

    /// The comment lines, then the entry, at `indent` spaces instead of two.
    func commented(indent: Int) -> String {
        let comments = notes.map { "  # " + EpochText.unbroken($0) + "\n" }.joined()
        return Self.reindent(comments + text, to: indent)
    }

    /// `text` (every line indented two spaces or more) re-indented so that two spaces become `indent`.
    static func reindent(_ text: String, to indent: Int) -> String {
        guard indent != 2 else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = lines.removeLast()  // after the final newline
        let shifted = lines.map { line in
            indent > 2 ? String(repeating: " ", count: indent - 2) + line : String(line.dropFirst(2 - indent))
        }
        return (shifted + [last]).joined(separator: "\n")
    }
}

/// The entries of one top-level list an import writes.
struct EntrySection {
    /// The section's key (`campuses`).
    var key: String
    /// Its entries.
    var entries: [CommentedEntry]

    /// The import's sections in the documented order, each with every entry of the import.
    static func all(_ imported: EpochImport) -> [EntrySection] {
        [
            EntrySection(
                key: "accelerators",
                entries: imported.accelerators.map {
                    CommentedEntry(
                        id: $0.id.rawValue, text: ScenarioWriter.yamlEntry($0),
                        notes: imported.acceleratorNotes[$0.id].map { [$0] } ?? [])
                }),
            EntrySection(
                key: "providers",
                entries: imported.providers.map {
                    CommentedEntry(
                        id: $0.id.rawValue, text: ScenarioWriter.yamlEntry($0),
                        notes: imported.providerNotes[$0.id].map { [$0] } ?? [])
                }),
            EntrySection(
                key: "regions",
                entries: imported.regions.map {
                    CommentedEntry(id: $0.id.rawValue, text: ScenarioWriter.yamlEntry($0), notes: [])
                }),
            EntrySection(
                key: "campuses",
                entries: imported.campuses.map {
                    CommentedEntry(
                        id: $0.campus.id.rawValue, text: ScenarioWriter.yamlEntry($0.campus), notes: $0.notes)
                }),
        ]
    }
}
