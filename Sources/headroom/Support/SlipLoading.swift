import Foundation
import HeadroomCSV
import HeadroomCalibration
import HeadroomModel

/// Slips and their map, read for `calibrate`, `backtest` and `report --backtest`.
struct SlipInputs {
    /// The slips at the as-of month, grouped by the requested column when there is one.
    var table: SlipTable
    /// The map to scenario units, when one was given.
    var map: SlipMap?

    /// Reads `slips` at `asOf`, and `map`.
    ///
    /// A `groupBy` column is taken from the map when the map has it, else from the slips file. Prints a located
    /// error and exits with status 2 on a malformed or unreadable file.
    ///
    /// - Parameters:
    ///   - slips: Path of the slips CSV.
    ///   - map: Path of the slips map CSV, if any.
    ///   - asOf: The month outcomes are judged at.
    ///   - groupBy: A column to label each observation with, for pooling.
    /// - Throws: Exit status 2 after printing the error.
    init(slips: String, map: String?, asOf: Month, groupBy: String?) throws {
        do {
            let slipMap = try map.map { path throws(SlipTableError) in
                try SlipMap.parse(try Self.text(path), file: path)
            }
            let fromMap = groupBy.flatMap { slipMap?.annotationColumns.contains($0) == true ? $0 : nil }
            var table = try SlipTable.parse(
                try Self.text(slips), file: slips, asOf: asOf,
                groupColumns: fromMap == nil ? (groupBy.map { [$0] } ?? []) : [])
            if let fromMap, let slipMap { table = table.grouped(by: [fromMap], from: slipMap) }
            self.table = table
            self.map = slipMap
        } catch {
            printError(error.description)
            throw invalidInputExitCode
        }
    }

    /// The text of `path`.
    static func text(_ path: String) throws(SlipTableError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SlipTableError(file: path, line: 1, column: 1, "cannot read the file")
        }
        return text
    }
}
