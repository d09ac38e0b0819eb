import HeadroomModel
import HeadroomScenario

extension ScenarioInput: Codable {
    private enum CodingKeys: String, CodingKey {
        case text, file, path
        case scenarioYAML = "scenario_yaml"
    }

    /// Decodes `{"path": …}`, `{"text": …, "file": …}`, or `{"scenario_yaml": …}` for a scenario value (read back
    /// from its YAML).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let path = try container.decodeIfPresent(String.self, forKey: .path) {
            self = .file(path)
            return
        }
        if let yaml = try container.decodeIfPresent(String.self, forKey: .scenarioYAML) {
            do {
                self = .value(try ScenarioReader.parse(yaml, file: "scenario_yaml"))
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .scenarioYAML, in: container, debugDescription: "the scenario does not read: \(error)")
            }
            return
        }
        self = .text(
            try container.decode(String.self, forKey: .text),
            file: try container.decodeIfPresent(String.self, forKey: .file) ?? "request")
    }

    /// Encodes text as it is, and a scenario value as the YAML that ``ScenarioWriter`` writes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .file(let path):
            try container.encode(path, forKey: .path)
        case .text(let text, let file):
            try container.encode(text, forKey: .text)
            try container.encode(file, forKey: .file)
        case .value(let scenario):
            try container.encode(ScenarioWriter.yaml(scenario), forKey: .scenarioYAML)
        }
    }
}
