import HeadroomCSV
import HeadroomModel

/// The accelerator generations an import may name, and how Epoch's chip types map to them.
///
/// A chip type (`B200`, `TPU v7`) maps to the id it spells in lower case with dashes (`b200`, `tpu-v7`); `B200` and
/// `B300` fall back to `gb200` and `gb300` (the same GPUs in NVL72 racks) when the plain id is not in the catalogue.
public struct AcceleratorCatalog: Sendable, Hashable {
    /// The generations, in order.
    public var accelerators: [Accelerator]
    /// A comment line for each generation that came from a data file, by id (how its figures were derived).
    public var notes: [AcceleratorID: String]
    /// Rows of the data file that gave no generation, with the reason.
    public var skipped: [SkippedRow]

    /// Epoch's all-in IT watts per watt of chip TDP: server and network overhead (`conversions.csv`, Epoch GPU
    /// clusters).
    public static let epochServerOverhead = 1.82

    /// Fallback ids for chip types whose own id is not in the catalogue.
    static let aliases: [String: [String]] = [
        "b200": ["gb200"], "b300": ["gb300"], "gb200": ["b200"], "gb300": ["b300"],
    ]

    /// Creates a catalogue of the given generations.
    ///
    /// - Parameters:
    ///   - accelerators: The generations (a scenario's, for instance).
    ///   - notes: A comment line per generation, by id.
    public init(_ accelerators: [Accelerator] = [], notes: [AcceleratorID: String] = [:]) {
        self.accelerators = accelerators
        self.notes = notes
        self.skipped = []
    }

    /// Reads an `accelerators.csv`-shaped file: `id`, `name`, `tdp_w`, `bf16_dense_tflops`, and optionally
    /// `fp8_dense_tflops` and `available`.
    ///
    /// IT watts per accelerator are the TDP × ``epochServerOverhead``; figures written loosely (`~980 (unofficial)`)
    /// are read by their leading number. A row without a TDP or a BF16 figure gives no generation and is listed in
    /// ``skipped``.
    ///
    /// - Parameter source: The file.
    /// - Returns: The catalogue.
    /// - Throws: ``CSVError`` for malformed CSV or a missing column.
    public static func parse(_ source: CSVSource) throws(CSVError) -> AcceleratorCatalog {
        let (header, rows, columns) = try CSVRows.table(
            source.text, file: source.file, columns: ["id", "name", "tdp_w", "bf16_dense_tflops"])
        let fp8 = header.fields.firstIndex { $0.text == "fp8_dense_tflops" }
        let available = header.fields.firstIndex { $0.text == "available" }
        var catalog = AcceleratorCatalog()
        for row in rows {
            try EpochTables.checkWidth(row, header, source.file)
            func text(_ index: Int?) -> String { index.map { row.fields[$0].text } ?? "" }
            let id = text(columns[0]).trimmingSpaces
            func skip(_ reason: String) {
                catalog.skipped.append(SkippedRow(file: source.file, line: row.line, reason: "\(id): \(reason)"))
            }
            guard EpochText.slug(id) == id else {
                skip("the id is not a scenario id (lower-case letters, digits and dashes)")
                continue
            }
            guard let tdp = EpochText.leadingNumber(text(columns[2])), tdp > 0 else {
                skip("no tdp_w figure, so no IT watts per accelerator")
                continue
            }
            guard let bf16 = EpochText.leadingNumber(text(columns[3])), bf16 > 0 else {
                skip("no bf16_dense_tflops figure")
                continue
            }
            let watts = (tdp * epochServerOverhead).rounded()
            let name = text(columns[1]).trimmingSpaces
            let accelerator = Accelerator(
                id: AcceleratorID(id), name: name.isEmpty ? nil : name,
                availableFrom: EpochText.availability(text(available)), itWattsPerAccelerator: watts,
                bf16Flops: bf16 * 1e12, fp8Flops: EpochText.leadingNumber(text(fp8)).map { $0 * 1e12 })
            catalog.accelerators.append(accelerator)
            catalog.notes[accelerator.id] =
                "\(source.file) line \(row.line) (\(id)): TDP \(EpochText.figure(tdp)) W × \(epochServerOverhead) "
                + "(Epoch's server and network overhead) = \(EpochText.figure(watts)) W IT per accelerator"
        }
        return catalog
    }

    /// The catalogue with `other`'s generations added after its own, leaving out ids it already has.
    ///
    /// - Parameter other: The generations to add.
    /// - Returns: The merged catalogue.
    public func adding(_ other: AcceleratorCatalog) -> AcceleratorCatalog {
        var merged = self
        let ids = Set(accelerators.map(\.id))
        for accelerator in other.accelerators where !ids.contains(accelerator.id) {
            merged.accelerators.append(accelerator)
            merged.notes[accelerator.id] = other.notes[accelerator.id]
        }
        merged.skipped += other.skipped
        return merged
    }

    /// The generation the first mappable chip type of `chipTypes` names, with that chip type.
    ///
    /// - Parameter chipTypes: Epoch's chip types, in their order (`["B200", "B300"]`).
    /// - Returns: The generation and the chip type it came from, or `nil` when none maps.
    public func match(_ chipTypes: [String]) -> (accelerator: Accelerator, chipType: String)? {
        for chip in chipTypes {
            guard let id = EpochText.slug(chip) else { continue }
            for candidate in [id] + (Self.aliases[id] ?? []) {
                if let accelerator = accelerators.first(where: { $0.id.rawValue == candidate }) {
                    return (accelerator, chip)
                }
            }
        }
        return nil
    }
}
