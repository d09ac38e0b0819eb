import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

/// Whether `python3` with the `jsonschema` package can run here.
let jsonschemaAvailable: Bool = {
    let probe = runPython(["-c", "import jsonschema"])
    return probe?.status == 0
}()

/// Runs `python3 ARGS…`; `nil` when python3 cannot be started.
func runPython(_ arguments: [String]) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
        try process.run()
    } catch {
        return nil
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("JSON Schema")
struct SchemaTests {
    @Test("the schema is valid JSON with the draft 2020-12 header and closed objects")
    func schemaIsJSON() throws {
        let schema = ScenarioSchema.jsonSchema
        let object = try #require(try JSONSerialization.jsonObject(with: Data(schema.utf8)) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["$id"] is String)
        #expect(object["title"] is String)
        #expect(object["additionalProperties"] as? Bool == false)
        let definitions = try #require(object["$defs"] as? [String: Any])
        for name in ["month", "id", "distribution", "campus", "phase", "contract", "risk", "budgetCap", "policy"] {
            #expect(definitions[name] != nil, "missing $defs.\(name)")
        }
        // Deterministic: the same text every time, keys sorted.
        #expect(ScenarioSchema.jsonSchema == schema)
        #expect(schema.contains("\"additionalProperties\": false"))
    }

    @Test(
        "python jsonschema accepts the valid fixtures and rejects unknown keys",
        .enabled(if: jsonschemaAvailable, "needs python3 with the jsonschema package (pip install jsonschema)"))
    func validatesWithJSONSchema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-schema-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemaPath = directory.appendingPathComponent("schema.json").path
        try ScenarioSchema.jsonSchema.write(toFile: schemaPath, atomically: true, encoding: .utf8)

        var valid = [
            try ScenarioReader.parse(Fixtures.full, file: "full.yaml"),
            try ScenarioReader.parse(Fixtures.minimal, file: "minimal.yaml"),
            RoundTripTests.awkward,
        ]
        valid += exampleFiles().compactMap { try? ScenarioReader.read(contentsOf: $0) }
        var validPaths: [String] = []
        for (index, scenario) in valid.enumerated() {
            let path = directory.appendingPathComponent("valid-\(index).json").path
            try ScenarioWriter.json(scenario).write(toFile: path, atomically: true, encoding: .utf8)
            validPaths.append(path)
        }
        // Invalid: an unknown key, a bad month, a missing required key, two price keys.
        let full = ScenarioWriter.json(valid[0])
        let invalid = [
            full.replacingOccurrences(of: "\"headroom\": 1,", with: "\"headroom\": 1,\n  \"horizon\": 3,"),
            full.replacingOccurrences(of: "\"start\": \"2026-01\"", with: "\"start\": \"2026-13\""),
            full.replacingOccurrences(of: "\"kind\": \"cloud\"", with: "\"kinds\": \"cloud\""),
            full.replacingOccurrences(
                of: "\"price_usd_per_mw_month\": 1500000,",
                with: "\"price_usd_per_mw_month\": 1500000, \"total_value_usd\": 1,"),
            full.replacingOccurrences(
                of: "\"delay_months\": \"pert(0, 2, 8)\"", with: "\"delay_months\": \"pert(0, 2)\""),
        ]
        var invalidPaths: [String] = []
        for (index, text) in invalid.enumerated() {
            #expect(text != full, "invalid case \(index) did not change the document")
            let path = directory.appendingPathComponent("invalid-\(index).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            invalidPaths.append(path)
        }

        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema)
            bad = 0
            for path in sys.argv[2:]:
                errors = list(validator.iter_errors(json.load(open(path))))
                expected_valid = "/valid-" in path
                if expected_valid and errors:
                    bad += 1
                    print("REJECTED", path, [e.message[:200] for e in errors][:3])
                if not expected_valid and not errors:
                    bad += 1
                    print("ACCEPTED", path)
            sys.exit(1 if bad else 0)
            """
        let result = try #require(runPython(["-c", script, schemaPath] + validPaths + invalidPaths))
        #expect(result.status == 0, "\(result.output)")
    }
}
