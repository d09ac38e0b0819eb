import ArgumentParser
import Foundation
import HeadroomCSV
import HeadroomImport
import HeadroomModel
import HeadroomScenario

/// `headroom import …`: turns public data files into scenario YAML.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn public data files into scenario YAML (Epoch AI's Frontier Data Centers).",
        subcommands: [EpochImportCommand.self]
    )
}

/// `headroom import epoch DATA_CENTERS.csv TIMELINES.csv`: campuses from Epoch AI's Frontier Data Centers.
struct EpochImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epoch",
        abstract: "Turn Epoch AI's Frontier Data Centers files into scenario campuses (CC BY 4.0).",
        discussion: """
            Each campus gets a phase for every timeline date where its IT power steps up, of the step's MW, planned \
            in that month; rows dated after --as-of are planned phases (delay_months left at 0: calibrate them), the \
            others observed. Where no row gives IT power the phases are facility MW; where a row gives both, the \
            campus's PUE is Power / IT power on the latest such row. Chip types map to accelerators from --accelerators \
            and the --into scenario. The output cites each campus's rows and carries Epoch's CC BY attribution. Rows \
            that cannot be used are listed on standard error with file:line and the reason; malformed CSV is an error \
            at FILE:LINE:COLUMN (exit status 2, nothing written).
            """
    )

    @Argument(help: "Epoch's data_centers.csv.")
    var dataCenters: String

    @Argument(help: "Epoch's data_center_timelines.csv.")
    var timelines: String

    @Option(
        help: ArgumentHelp(
            "Keep campuses with this owner (Epoch's Owner column, tags like #confident ignored, any case); repeatable.",
            valueName: "name"))
    var owner: [String] = []

    @Option(
        help: ArgumentHelp(
            "Keep campuses with this user (Epoch's Users column, tags ignored, any case); repeatable.",
            valueName: "name"))
    var users: [String] = []

    @Option(
        help: """
            Rows dated in or before this month (YYYY-MM) are observed, later ones planned (default: the current \
            month, UTC).
            """)
    var asOf: Month?

    @Option(help: "An accelerators.csv-shaped file (id, name, tdp_w, bf16_dense_tflops) that chip types map to.")
    var accelerators: String?

    @Option(
        help: """
            Merge into this scenario: its text is kept byte for byte; only campuses, providers, regions and \
            accelerators with new ids are added.
            """)
    var into: String?

    @Option(
        help: ArgumentHelp(
            "The delay of every planned phase, in scenario syntax (default 0; for example a class calibrate fitted).",
            valueName: "distribution"))
    var plannedDelay: String?

    @Option(help: "The scenario's name (without --into).")
    var name = "Epoch AI Frontier Data Centers (imported)"

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let month = asOf ?? CalibrateCommand.currentMonth()
        var delay = Distribution.fixed(0)
        if let plannedDelay {
            do throws(DistributionSyntaxError) {
                delay = try ScenarioReader.distribution(inline: plannedDelay)
            } catch {
                printError("--planned-delay: \(error.message)")
                throw invalidInputExitCode
            }
        }
        let options = EpochImportOptions(asOf: month, owners: owner, users: users, plannedDelay: delay)
        let text: String
        let imported: EpochImport
        do {
            var catalog = AcceleratorCatalog()
            var existing: String?
            if let into {
                let scenarioText = try Self.read(into)
                existing = scenarioText
                // The scenario's own generations come first, so its ids win.
                catalog = try EpochMerge.catalog(ofScenario: scenarioText, file: into)
            }
            if let accelerators {
                let source = CSVSource(file: accelerators, text: try Self.read(accelerators))
                catalog = catalog.adding(try AcceleratorCatalog.parse(source))
            }
            imported = try EpochImporter.convert(
                dataCenters: CSVSource(file: dataCenters, text: Self.read(dataCenters)),
                timelines: CSVSource(file: timelines, text: Self.read(timelines)), options: options, catalog: catalog)
            for row in catalog.skipped + imported.skipped { printError(row.description) }
            if let into, let existing {
                let merged = try EpochMerge.merge(imported, into: existing, file: into)
                for id in merged.kept { printError("\(into): kept \(id) (already there; left as written)") }
                printError("\(into): added \(merged.added.count) entries; imported \(imported.summary)")
                text = merged.text
            } else {
                guard !imported.campuses.isEmpty else {
                    printError("no campus to import: \(imported.summary)")
                    throw invalidInputExitCode
                }
                printError("imported \(imported.summary)")
                text = EpochScenario.yaml(imported, name: name, command: Self.commandLine())
            }
        } catch let error as CSVError {
            printError(error.description)
            throw invalidInputExitCode
        } catch let error as MergeError {
            printError(error.description)
            throw invalidInputExitCode
        }
        try emit(text, to: out)
    }

    /// The file's text.
    ///
    /// - Throws: `invalidInputExitCode` after saying so when it cannot be read.
    static func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            printError("\(path): cannot read the file")
            throw invalidInputExitCode
        }
        return text
    }

    /// `headroom import epoch …` as it was run, for the output's header.
    static func commandLine() -> String {
        (["headroom"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    }
}
