import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

/// The examples and the writer's output must read alike in YAML 1.1 readers (PyYAML's `safe_load`, which reads
/// `2.5e15` as a string and `2026-01-01` as a date) and in YAML 1.2 readers (Headroom's, through Yams).
@Suite("YAML 1.1 and 1.2 readers read alike")
struct YAMLReadersTests {
    @Test("the examples folder holds the shipped examples")
    func examplesFound() {
        let names = exampleFiles().map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(names.contains("quickstart.yaml"), "\(names)")
        #expect(names.contains("openai-2025.yaml"), "\(names)")
    }

    @Test(
        "every example reads the same through PyYAML (as JSON) as through Headroom's reader",
        arguments: exampleFiles())
    func example(_ file: String) throws {
        let json = try PyYAML.json(ofFile: file)
        let fromHeadroom = try ScenarioReader.read(contentsOf: file)
        let fromPyYAML: Scenario
        do {
            fromPyYAML = try ScenarioReader.parse(json, file: "\(file) as PyYAML reads it")
        } catch {
            let why = "a number PyYAML read as a string is quoted in its JSON"
            Issue.record("PyYAML reads \(file) as something Headroom rejects (\(why)):\n\(error)\n\(json)")
            return
        }
        #expect(fromPyYAML == fromHeadroom, "PyYAML reads \(file) as:\n\(json)")
    }

    /// A scenario with large, small and long numbers, and ids that YAML 1.1 would read as numbers or booleans.
    static var numbers: Scenario {
        var scenario = FixtureTests.expectedFull
        scenario.discountRate = 1e-5
        scenario.workloads += [Workload(id: "2026"), Workload(id: "on"), Workload(id: "0x1F"), Workload(id: "1_000")]
        scenario.regions += [Region(id: "no", name: "Norway"), Region(id: "1.50"), Region(id: "2026-01-01")]
        scenario.accelerators[0].bf16Flops = 2.5e15
        scenario.accelerators[0].fp8Flops = 1e16
        scenario.accelerators[0].priceUSD = 1e-7
        scenario.accelerators[1].bf16Flops = 1_234_567_890_123_456
        scenario.budget = Budget(caps: [
            BudgetCap(id: "through-2030", usd: 450e9, through: month("2030-12")),
            BudgetCap(id: "y2027", usd: 0.1, from: Month("2027-01"), through: month("2027-12")),
            BudgetCap(id: "window", usd: 1e18, from: Month("2027-01"), through: month("2028-06")),
        ])
        scenario.demand[1].growth = .anchors([
            DemandAnchor(month: month("2026-01"), megawatts: 0.0001),
            DemandAnchor(month: month("2030-12"), megawatts: 1.0 / 3, logSigma: 0.1 + 0.2),
        ])
        scenario.risks[1].effect = .delay(.fixed(1e-7))
        return scenario
    }

    @Test("the writer's numbers are numbers to PyYAML, with the values written")
    func writerNumbers() throws {
        let scenario = Self.numbers
        let yaml = ScenarioWriter.yaml(scenario)
        for spelling in [
            "bf16_flops: 2.5e+15\n", "fp8_flops: 1.0e+16\n", "price_usd: 1.0e-7\n",
            "bf16_flops: 1.234567890123456e+15\n", "usd: 450000000000\n", "usd: 0.1\n", "usd: 1.0e+18\n",
            "discount_rate: 1.0e-5\n", "mw: 0.0001\n", "log_sigma: 0.30000000000000004\n", "delay_months: 1.0e-7\n",
            "start: 2026-01\n", "- \"2026\"\n", "- \"on\"\n", "- \"0x1F\"\n", "- \"1_000\"\n", "id: \"no\"\n",
            "- \"1.50\"\n", "- \"2026-01-01\"\n",
        ] {
            #expect(yaml.contains(spelling), "missing \(spelling.debugDescription) in\n\(yaml)")
        }
        // Every scalar as PyYAML reads it: path, Python type and repr (text, not a JSON number, so nothing rounds).
        let leaves = try PyYAML.leaves(ofYAML: yaml)
        let types = Set(leaves.values.map(\.type))
        #expect(types.isSubset(of: ["str", "int", "float", "bool"]), "PyYAML reads types \(types.sorted())")
        let expected: [(String, Double)] = [
            (".discount_rate", 1e-5),
            (".accelerators[0].bf16_flops", 2.5e15),
            (".accelerators[0].fp8_flops", 1e16),
            (".accelerators[0].price_usd", 1e-7),
            (".accelerators[1].bf16_flops", 1_234_567_890_123_456),
            (".budget[0].usd", 450e9),
            (".budget[1].usd", 0.1),
            (".budget[2].usd", 1e18),
            (".demand[1].anchors[0].mw", 0.0001),
            (".demand[1].anchors[1].mw", 1.0 / 3),
            (".demand[1].anchors[1].log_sigma", 0.1 + 0.2),
            (".risks[1].delay_months", 1e-7),
        ]
        for (path, value) in expected {
            let leaf = try #require(leaves[path], "PyYAML has no \(path)")
            #expect(
                leaf.type == "float" || leaf.type == "int",
                "\(path) is a Python \(leaf.type) (\(leaf.text)), not a number")
            #expect(Double(leaf.text) == value, "\(path) is \(leaf.text) to PyYAML")
        }
        for id in ["2026", "on", "0x1F", "1_000", "no", "1.50", "2026-01-01"] {
            #expect(
                leaves.values.contains { $0.type == "str" && $0.text == id },
                "PyYAML does not read the id \(id) as a string")
        }
        let json = try PyYAML.json(ofYAML: yaml)
        let fromPyYAML = try ScenarioReader.parse(json, file: "written.yaml as PyYAML reads it")
        #expect(fromPyYAML == scenario, "PyYAML reads the writer's YAML as:\n\(json)")
        #expect(try ScenarioReader.parse(yaml, file: "written.yaml") == scenario)
    }

    @Test("offers and optimization settings read the same through PyYAML, `on` and numeric ids as keys included")
    func offersAndSettings() throws {
        var scenario = try ScenarioReader.parse(OfferFixtures.full, file: "offers.yaml")
        scenario.workloads += [Workload(id: "2026"), Workload(id: "on")]
        scenario.optimization?.penaltyUSDPerMWMonth["2026"] = 3e6
        scenario.optimization?.penaltyUSDPerMWMonth["on"] = 1.5e6
        let yaml = ScenarioWriter.yaml(scenario)
        #expect(yaml.contains("      \"on\": cvar\n") && yaml.contains("    \"2026\": 3000000\n"), "\(yaml)")
        let json = try PyYAML.json(ofYAML: yaml)
        #expect(try ScenarioReader.parse(json, file: "offers.yaml as PyYAML reads it") == scenario, "\(json)")
    }

    @Test("awkward strings, ids and doubles read the same through PyYAML")
    func awkwardValues() throws {
        let scenario = RoundTripTests.awkward
        let json = try PyYAML.json(ofYAML: ScenarioWriter.yaml(scenario))
        #expect(try ScenarioReader.parse(json, file: "awkward.yaml as PyYAML reads it") == scenario, "\(json)")
    }
}

/// PyYAML's `yaml.safe_load` (a YAML 1.1 reader), run through `python3`, with its result printed as JSON.
private enum PyYAML {
    /// Why PyYAML could not read a file, in words that say what to do about it.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Loads with `yaml.safe_load` and prints `json.dumps(…, default=str)`.
    ///
    /// A date or any other type JSON lacks becomes a string, so that it shows up as a difference. U+0085, U+2028 and U+2029 are escaped, since the
    /// YAML parser that reads the JSON back would take them for line breaks. With a second argument `leaves` it
    /// prints every scalar instead, as `[path, Python type, text or repr]`.
    static let script = """
        import json, sys
        try:
            import yaml
        except ImportError as error:
            sys.stderr.write(str(error) + "\\n")
            sys.exit(3)
        with open(sys.argv[1], encoding="utf-8") as f:
            data = yaml.safe_load(f)
        def leaves(value, path):
            if isinstance(value, dict):
                for key, item in value.items():
                    yield from leaves(item, "%s.%s" % (path, key))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    yield from leaves(item, "%s[%d]" % (path, index))
            else:
                yield [path, type(value).__name__, value if isinstance(value, str) else repr(value)]
        if sys.argv[2:] == ["leaves"]:
            data = list(leaves(data, ""))
        text = json.dumps(data, default=str, ensure_ascii=False)
        for c in "\\u0085\\u2028\\u2029\\ufeff":
            text = text.replace(c, "\\\\u%04x" % ord(c))
        sys.stdout.buffer.write(text.encode("utf-8"))
        """

    /// The JSON text of the YAML file at `path` as PyYAML reads it.
    static func json(ofFile path: String) throws -> String {
        try withTemporaryDirectory { directory in try run(path, in: directory) }
    }

    /// The JSON text of `yaml` as PyYAML reads it.
    static func json(ofYAML yaml: String) throws -> String {
        try withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("input.yaml")
            try yaml.write(to: input, atomically: true, encoding: .utf8)
            return try run(input.path, in: directory)
        }
    }

    /// Every scalar of `yaml` as PyYAML reads it, by path (`.budget[0].usd`): its Python type (`int`, `float`,
    /// `str`, `bool`, `date`, …) and its text (`repr` for anything but a string).
    static func leaves(ofYAML yaml: String) throws -> [String: (type: String, text: String)] {
        let output = try withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("input.yaml")
            try yaml.write(to: input, atomically: true, encoding: .utf8)
            return try run(input.path, in: directory, extra: ["leaves"])
        }
        guard let rows = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]] else {
            throw Failure(description: "unexpected output from PyYAML's leaves:\n\(output)")
        }
        var leaves: [String: (type: String, text: String)] = [:]
        for row in rows where row.count == 3 { leaves[row[0]] = (row[1], row[2]) }
        return leaves
    }

    private static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-pyyaml-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Runs the script on `path`, its output going to files in `directory` (no pipe to fill up and block on).
    private static func run(_ path: String, in directory: URL, extra: [String] = []) throws -> String {
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        for url in [outURL, errURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw Failure(description: "cannot create \(url.path)")
            }
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path] + extra
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start python3 through /usr/bin/env: \(error)")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        switch process.terminationStatus {
        case 0: return stdout
        case 3:
            throw Failure(
                description: "PyYAML is not installed for python3 ("
                    + stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                    + "); these tests need it: run scripts/install-deps or `python3 -m pip install PyYAML`")
        case 127: throw Failure(description: "python3 is not on PATH (run scripts/install-deps): \(stderr)")
        case let status:
            throw Failure(description: "PyYAML could not read \(path) (python3 exit status \(status)):\n\(stderr)")
        }
    }
}
