import Foundation
import HeadroomAnalysis

/// How a run's result is stored and served: the analysis layer's `AnalysisRun` as JSON, with non-finite numbers
/// (a phase never online, an unbounded solver bound) as the strings `inf`, `-inf` and `nan`, as shard states write
/// them.
enum ResultCoding {
    /// The stored JSON of `run`.
    /// - Throws: an encoding error (none is expected: non-finite numbers are written as strings).
    static func encode(_ run: AnalysisRun) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(run), as: UTF8.self)
    }

    /// The run of stored JSON.
    /// - Throws: a decoding error when the JSON is not an `AnalysisRun`.
    static func decode(_ json: String) throws -> AnalysisRun {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(AnalysisRun.self, from: Data(json.utf8))
    }
}
