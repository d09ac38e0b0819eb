import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomModel
import HeadroomReport

/// `headroom merge STATE…`: the shards of a sharded `simulate`, merged into the output the unsharded run prints.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the states of a sharded simulate, compare or structures into its output (bit-identical).",
        discussion: """
            Each STATE is what `headroom simulate|compare|structures … --shard i/n --state STATE` wrote. The states must be of one \
            run (the same scenario, seed, paths, statistics and engine version) and cover every block once; \
            otherwise merge names the file and the problem and writes nothing. The output is the unsharded \
            command's, but for its timing line.
            """
    )

    @Argument(help: "Shard state files, in any order.")
    var states: [String]

    @OptionGroup var output: SimulationOutputOptions

    @Option(
        help:
            "Structures: sum spend by provider through this month (default: the end of the first all-provider budget cap, else the horizon)."
    )
    var through: Month?

    @Option(
        help: ArgumentHelp(
            "Also write the merged run's HTML report (what `report FILE --no-structures` writes for the same run).",
            valueName: "report.html"))
    var report: String?

    func validate() throws {
        guard !states.isEmpty else { throw ValidationError("give the shard state files to merge") }
        let duplicates = Dictionary(grouping: states, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        if let file = duplicates.first { throw ValidationError("\(file) is given twice") }
    }

    func run() throws {
        let merged: (text: String, html: String?)
        do throws(ShardStateError) {
            merged = try self.merged()
        } catch {
            printError(error.description)
            throw invalidInputExitCode
        }
        try emit(merged.text, to: output.out)
        if let report, let html = merged.html { try emit(html, to: report) }
    }

    /// The states read and merged, rendered as asked, and the HTML report when `--report` is given.
    private func merged() throws(ShardStateError) -> (text: String, html: String?) {
        var shards: [(file: String, state: ShardState)] = []
        for file in states {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ShardStateError(file: file, "cannot read the file")
            }
            shards.append((file, try ShardStateFile.decode(data, file: file)))
        }
        let run = try Analyzer.mergeShards(shards)
        switch run.outcome {
        case .comparison:
            guard let report = ComparisonReport(run: run) else { return ("", nil) }
            return (rendered(table: report.text(), json: report.json(), csv: report.csv()), nil)
        case .structures:
            guard let report = StructuresReport(run: run, through: through) else { return ("", nil) }
            return (rendered(table: report.text(), json: report.json(), csv: report.csv()), nil)
        default: break
        }
        guard case .simulation(let result) = run.outcome else { return ("", nil) }
        let html =
            report == nil
            ? nil
            : HTMLReport(
                result: result, facts: run.facts, version: Headroom.configuration.version,
                attributions: ReportCommand.attributions(scenarioText: shards.first?.state.scenarioText ?? "")
            ).html()
        return (output.render(result, origin: run.facts.scenario.start, seconds: nil), html)
    }

    /// One of three renderings, as `--format` asks.
    private func rendered(table: String, json: JSONValue, csv: String) -> String {
        switch output.format {
        case .table: table
        case .json: json.rendered() + "\n"
        case .csv: csv
        }
    }
}
