import Foundation
import HeadroomStore
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `headroom serve` process on a free loopback port, its stderr in a file.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let log: URL
    private(set) var port = 0

    /// Starts `headroom serve ARGUMENTS --port 0` and waits (up to 90 s) until it listens.
    ///
    /// Liveness is asked of the kernel (`kill(pid, 0)`), not of `Process.isRunning`, whose bookkeeping other tests'
    /// child processes can disturb.
    init(_ arguments: [String], scratch: URL) async throws {
        log = scratch.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = try CLI.executable.get()
        process.arguments = ["serve", "--port", "0", "--log-level", "warning"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = ContinuousClock.now + .seconds(90)
        // The log is read before the deadline is checked: under a busy test run the sleep can resume late, and a
        // server that listens meanwhile must still be found.
        while true {
            if let port = Self.port(in: String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)) {
                self.port = port
                return
            }
            guard ContinuousClock.now < deadline, kill(process.processIdentifier, 0) == 0 else { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Why the server is not listening: its stderr and whether it is still alive.
    var diagnosis: String {
        let alive = kill(process.processIdentifier, 0) == 0
        return "server pid \(process.processIdentifier) \(alive ? "alive" : "gone"); stderr:\n\(stderr)"
    }

    /// The port in `headroom: listening on [IPv4]127.0.0.1/127.0.0.1:PORT (store …)`, once the line is complete.
    static func port(in log: String) -> Int? {
        guard let start = log.range(of: "listening on "), let end = log[start.upperBound...].range(of: " (store")
        else { return nil }
        return log[start.upperBound..<end.lowerBound].split(separator: ":").last.flatMap { Int($0) }
    }

    /// What the server wrote to stderr.
    var stderr: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Kills the server with SIGKILL (no chance to clean up) and waits for it to end.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the server with SIGTERM.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Sends a JSON request; returns the status and the body parsed as an object.
    func send(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> (Int, [String: Any]) {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }
}

/// `headroom serve` as a process: killed with SIGKILL during a run and restarted, nothing saved is lost; `keys`.
@Suite("Serve")
struct ServeTests {
    @Test("kill -9 during a run, restart: every version intact and byte-identical, the run interrupted, integrity ok")
    func crash() async throws {
        let scratch = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let db = scratch.appendingPathComponent("store.sqlite").path
        let text = try String(contentsOfFile: CLI.path("examples/quickstart.yaml"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "months: 60 ", with: "months: 48 ")
        let server = try await ServerProcess(
            ["--db", db, "--threads", "1", "--max-paths", "20000000"], scratch: scratch)
        try #require(server.port > 0, "\(server.diagnosis)")
        let (created, first) = try await server.send("POST", "/v1/scenarios", ["id": "quick", "text": text])
        #expect(created == 201)
        let firstHash = try #require(first["hash"] as? String)
        let (added, second) = try await server.send(
            "POST", "/v1/scenarios/quick/versions", ["parent": firstHash, "text": edited])
        #expect(added == 201)
        let (queued, run) = try await server.send(
            "POST", "/v1/runs", ["scenario": "quick", "paths": 20_000_000, "structures": false])
        #expect(queued == 202)
        let runID = try #require(run["id"] as? String)
        var progress = 0.0
        let deadline = ContinuousClock.now + .seconds(60)
        while progress == 0, ContinuousClock.now < deadline {
            progress = try await server.send("GET", "/v1/runs/\(runID)").1["progress"] as? Double ?? 0
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(progress > 0 && progress < 1)
        server.kill9()

        let restarted = try await ServerProcess(["--db", db], scratch: scratch)
        defer { restarted.stop() }
        try #require(restarted.port > 0, "\(restarted.diagnosis)")
        #expect(restarted.stderr.contains("marked 1 run(s)"), "\(restarted.stderr)")
        let status = try await restarted.send("GET", "/v1/runs/\(runID)").1
        #expect(status["status"] as? String == "interrupted")
        for (hash, expected) in [(firstHash, text), (second["hash"] as? String ?? "", edited)] {
            let version = try await restarted.send("GET", "/v1/scenarios/quick/versions/\(hash)").1
            #expect(version["text"] as? String == expected)
            #expect(ScenarioStore.hash(expected) == hash)
        }
        #expect(try await restarted.send("GET", "/health").1["database"] as? String == "ok")
        #expect(try ScenarioStore.open(path: db).integrityCheck())
    }

    @Test("keys: add prints a key once, list shows it, a non-loopback address needs one, revoke")
    func keys() async throws {
        let scratch = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let db = scratch.appendingPathComponent("store.sqlite").path
        let refused = try await CLI.run(["serve", "--host", "0.0.0.0", "--port", "0", "--db", db])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("refusing to listen on 0.0.0.0 without API keys"))
        let added = try await CLI.run(["keys", "add", "ana", "--role", "editor", "--db", db])
        #expect(added.status == 0, "\(added)")
        let key = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("hr_") && key.count == 46)
        let listed = try await CLI.run(["keys", "list", "--db", db])
        #expect(listed.stdout.hasPrefix("ana\teditor\t") && listed.stdout.contains("\tactive"))
        #expect(!listed.stdout.contains(key))
        let bad = try await CLI.run(["keys", "add", "bob", "--role", "admin", "--db", db])
        #expect(bad.status != 0)
        #expect(try await CLI.run(["keys", "revoke", "ana", "--db", db]).status == 0)
        #expect(try await CLI.run(["keys", "revoke", "ana", "--db", db]).status == 2)
        #expect(try await CLI.run(["keys", "list", "--db", db]).stdout.contains("revoked"))
    }
}
