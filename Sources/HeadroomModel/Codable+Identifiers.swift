/// Months, ids and phase references encode as the strings a scenario file writes (`2026-03`, `azure`,
/// `campus/phase`), so results and requests read the same in JSON as in a scenario.
extension Month: Codable {
    /// Decodes `YYYY-MM`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = Month(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a month YYYY-MM, got '\(text)'")
        }
        self = month
    }

    /// Encodes `YYYY-MM`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Identifier: Codable {
    /// Decodes the raw id.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the raw id.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Policy.Structure: Codable {}
