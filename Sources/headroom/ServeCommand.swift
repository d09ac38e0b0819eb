import ArgumentParser
import Foundation
import HeadroomServer
import HeadroomStore
import Hummingbird
import Logging

/// Where the store lives: `--db PATH`, or `headroom.sqlite` under the user's data directory.
struct StoreOptions: ParsableArguments {
    @Option(help: "The SQLite store (default: $XDG_DATA_HOME/headroom/headroom.sqlite, or ~/.local/share/...).")
    var db: String?

    /// The store's path, creating the default directory when needed.
    func path() throws -> String {
        if let db { return db }
        let environment = ProcessInfo.processInfo.environment
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        let directory = base + "/headroom"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/headroom.sqlite"
    }

    /// The opened store.
    func open() throws -> ScenarioStore {
        let path = try path()
        do {
            return try ScenarioStore.open(path: path)
        } catch {
            printError("headroom: \(error)")
            throw invalidInputExitCode
        }
    }
}

/// `headroom serve`: the HTTP API and the dashboard over the store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API and the dashboard: versioned scenarios, runs, live progress, reports.",
        discussion: """
            Keeps every scenario version and run in a SQLite store. On a loopback address it runs open while the \
            store has no API key; on any other address it needs one (`headroom keys add`). Runs a stopped server \
            left running are marked interrupted when it starts again.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @OptionGroup var store: StoreOptions

    @Option(help: "Runs executed at once (the rest wait in the queue).")
    var maxConcurrentRuns = 1

    @Option(help: "Runs that may wait in the queue (more are refused with 503).")
    var maxQueuedRuns = 64

    @Option(help: "Seconds a run may take before it is stopped and marked failed.")
    var runTimeLimit: Double = 900

    @Option(help: "The largest request body accepted, in bytes.")
    var maxBodyBytes = 1 << 20

    @Option(help: "The most Monte Carlo paths one run may ask for.")
    var maxPaths = 2_000_000

    @Option(help: "Worker threads per run (default: every core).")
    var threads: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level: expected trace, debug, info, notice, warning, error or critical")
        }
        let path = try store.path()
        let opened = try store.open()
        var logger = Logger(label: "headroom.serve")
        logger.logLevel = level
        let configuration = ServerConfiguration(
            host: host, port: port, maxConcurrentRuns: maxConcurrentRuns, maxQueuedRuns: maxQueuedRuns,
            runTimeLimit: runTimeLimit, maxBodyBytes: maxBodyBytes, maxPaths: maxPaths, threadsPerRun: threads,
            engineVersion: Headroom.configuration.version)
        let open = (try? opened.hasActiveAPIKeys()) == false
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(
                configuration: configuration, store: opened, logger: logger,
                onServerRunning: { address in
                    printError(
                        "headroom: listening on \(address) (store \(path); "
                            + (open ? "open: no API keys, loopback only)" : "API keys required)"))
                })
        } catch let error as ServerStartError {
            printError("headroom: \(error.message)")
            throw invalidInputExitCode
        }
        try await app.runService()
    }
}

/// `headroom keys`: the API keys of a store (only their hashes are kept).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke the service's API keys.",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    /// `headroom keys add NAME --role editor`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key and print it once (the store keeps only its SHA-256).")

        @Argument(help: "Who holds the key (it names them in the audit table).")
        var name: String

        @Option(help: "viewer (reads) or editor (reads and writes).")
        var role: String = "viewer"

        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let role = APIRole(rawValue: role) else { throw ValidationError("--role: expected viewer or editor") }
            do {
                let key = try store.open().createAPIKey(name: name, role: role, by: "cli")
                print(key)
            } catch let error as StoreError {
                printError("headroom: \(error.message)")
                throw invalidInputExitCode
            }
        }
    }

    /// `headroom keys list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys: name, role, created, revoked.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let formatter = ISO8601DateFormatter()
            for key in try store.open().apiKeys() {
                let revoked = key.revokedAt.map { "revoked " + formatter.string(from: $0) } ?? "active"
                print("\(key.name)\t\(key.role.rawValue)\t\(formatter.string(from: key.createdAt))\t\(revoked)")
            }
        }
    }

    /// `headroom keys revoke NAME`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key: requests with it get 401.")

        @Argument(help: "The key's name.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            do {
                try store.open().revokeAPIKey(name: name, by: "cli")
            } catch let error as StoreError {
                printError("headroom: \(error.message)")
                throw invalidInputExitCode
            }
        }
    }
}
