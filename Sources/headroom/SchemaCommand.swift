import ArgumentParser
import HeadroomScenario

/// `headroom schema`: prints the JSON Schema of the scenario format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the scenario format, for editors and validators."
    )

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        try emit(ScenarioSchema.jsonSchema + "\n", to: out)
    }
}
