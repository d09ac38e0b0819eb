import Foundation
import HeadroomCSV
import HeadroomImport
import HeadroomModel
import HeadroomScenario
import Testing

/// The import of the Epoch files shipped in `../shared/data/epoch/`.
@Suite("Import: shipped Epoch files")
struct ShippedEpochTests {
    /// `../shared/data` relative to the package root.
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    /// The text of a file under `../shared/data`.
    static func source(_ relative: String) throws -> CSVSource {
        let url = data.appendingPathComponent(relative)
        return CSVSource(file: relative, text: try String(contentsOf: url, encoding: .utf8))
    }

    /// The shipped files imported at 2026-08 with `accelerators.csv` as the catalogue.
    static func imported() throws -> EpochImport {
        try EpochImporter.convert(
            dataCenters: source("epoch/data_centers.csv"), timelines: source("epoch/data_center_timelines.csv"),
            options: EpochImportOptions(asOf: try #require(Month("2026-08"))),
            catalog: AcceleratorCatalog.parse(source("accelerators.csv")))
    }

    @Test("the YAML reads back to an equal, valid scenario: 78 campuses, 192 phases, 11 rows skipped")
    func roundTrip() throws {
        let imported = try Self.imported()
        let yaml = EpochScenario.yaml(imported, name: "Epoch")
        let read = try ScenarioReader.parse(yaml, file: "epoch.yaml")
        #expect(read == EpochScenario.scenario(imported, name: "Epoch"))
        #expect(read.campuses.count == 78)
        #expect(read.campuses.reduce(0) { $0 + $1.phases.count } == 192)
        #expect(imported.skipped.count == 11)
        #expect(read.accelerators.map(\.id) == ["b200", "tpu-v7", "h100", "gb300"])
        #expect(
            yaml.contains(
                "# © Epoch AI, Frontier Data Centers, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"))
        let attributions = yaml.components(separatedBy: "\n  # \"").count - 1
        #expect(attributions == 78)
        #expect(read.start == Month("2026-08") && read.end == Month("2030-12"))
    }

    @Test("each campus's phases add up to its last IT power in the timeline; its observed ones to the last observed")
    func totals() throws {
        let imported = try Self.imported()
        let rows = try CSVRows.table(
            try Self.source("epoch/data_center_timelines.csv").text, file: "t.csv",
            columns: ["Data center", "Date", "IT power (MW)"])
        var last: [String: Double] = [:]
        var lastObserved: [String: Double] = [:]
        for row in rows.rows {
            let name = row.fields[rows.columns[0]].text
            guard let it = Double(row.fields[rows.columns[2]].text) else { continue }
            last[name] = it
            if row.fields[rows.columns[1]].text.prefix(7) <= "2026-08" { lastObserved[name] = it }
        }
        for imported in imported.campuses {
            let name = try #require(imported.campus.name)
            let phases = imported.campus.phases
            let total = phases.reduce(0) { $0 + $1.megawatts }
            let observed = phases.filter { imported.observedPhases.contains($0.id) }.reduce(0) { $0 + $1.megawatts }
            #expect(abs(total - (last[name] ?? -1)) < 1e-6, "\(name)")
            #expect(abs(observed - (lastObserved[name] ?? 0)) < 1e-6, "\(name)")
            #expect(abs(imported.lastObservedMegawatts - (lastObserved[name] ?? 0)) < 1e-6, "\(name)")
            #expect(phases.allSatisfy { $0.basis == .it && $0.megawatts > 0 })
        }
        let colossus = try #require(imported.campuses.first { $0.campus.id == "colossus-2" })
        #expect(colossus.campus.phases.map(\.megawatts) == [239, 251, 456, 585])
        #expect(colossus.campus.pue == 1.349)
        #expect(colossus.campus.phases.map(\.accelerator) == Array(repeating: "b200", count: 4))
        #expect(abs(imported.totalITMegawatts - 32885.12971) < 1e-6)
        #expect(abs(imported.observedITMegawatts - 12514.12971) < 1e-6)
    }
}
