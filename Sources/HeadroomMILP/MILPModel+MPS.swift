import Foundation

extension MILPModel {
    /// The model as a free-format MPS file (what HiGHS, CBC and most solvers read).
    ///
    /// Records: `NAME` (the model's name, whitespace replaced by `_`); `ROWS` with the objective row `N obj` (or
    /// `obj_1`, `obj_2`, … if a row is already called `obj`); `COLUMNS` in column order, integer runs between
    /// `MARKER 'MARKER' 'INTORG'` and `'INTEND'`, every column listed at least once; `RHS` with the objective offset
    /// as `RHS obj -offset` (the MPS convention: HiGHS and CBC read the objective as `c·x − rhs(obj)`) and every
    /// non-zero right-hand side; `BOUNDS` with `FX` for fixed columns, `BV` for integer `[0, 1]`, `FR` for free,
    /// `MI` then `UP` for `(-inf, u]`, and otherwise `LO` when the lower bound is not 0 and `UP` when the upper bound
    /// is finite — integer columns always get `LO` and, when unbounded above, `PL`, so no reader takes them for
    /// binaries; `ENDATA`. Numbers are written exactly: integers below 1e15 as integers, others in Swift's shortest
    /// round-trip form, so reading the file back gives the same doubles.
    ///
    /// The model should have passed ``validate()`` (``writeMPS(to:)`` checks): names with whitespace or
    /// non-finite numbers make a file no reader can read back as this model.
    ///
    /// - Returns: the whole file, lines ending in `\n`.
    public func mpsText() -> String {
        var bytes: [UInt8] = []
        let nonzeros = rows.reduce(0) { $0 + $1.indices.count }
        bytes.reserveCapacity(64 + 40 * columns.count + 32 * rows.count + 24 * nonzeros)
        writeMPSRecords { (chunk: [UInt8]) throws(Never) in bytes.append(contentsOf: chunk) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes ``mpsText()`` to a file in 1 MiB chunks, without building the whole text in memory.
    ///
    /// - Parameter path: the file to create or replace.
    /// - Throws: ``MILPError`` when the model fails ``validate()`` or the file cannot be written.
    public func writeMPS(to path: String) throws(MILPError) {
        try validate()
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw MILPError("cannot create MPS file \(path)") }
        defer { try? handle.close() }
        try writeMPSRecords { (chunk: [UInt8]) throws(MILPError) in
            do {
                try handle.write(contentsOf: Data(chunk))
            } catch {
                throw MILPError("cannot write MPS file \(path): \(error)")
            }
        }
    }

    /// Generates the MPS text, handing it to `flush` in pieces of about 1 MiB (the last one smaller).
    private func writeMPSRecords<E: Error>(flush: @escaping ([UInt8]) throws(E) -> Void) throws(E) {
        var out = MPSBuffer(flush: flush)
        let objectiveRow = Array(objectiveRowName().utf8)
        let rowNames = rows.map { Array($0.name.utf8) }
        let modelName = name.isEmpty ? "model" : String(name.map { $0.isWhitespace ? "_" : $0 })
        try out.line("NAME " + modelName)
        try out.line("ROWS")
        try out.line(" N  " + String(decoding: objectiveRow, as: UTF8.self))
        for row in rows { try out.line(" \(row.sense.rawValue)  \(row.name)") }
        try out.line("COLUMNS")
        let matrix = columnMajor()
        var inIntegerRun = false
        for (j, column) in columns.enumerated() {
            if column.isInteger != inIntegerRun {
                try out.line(column.isInteger ? "    MARKER  'MARKER'  'INTORG'" : "    MARKER  'MARKER'  'INTEND'")
                inIntegerRun = column.isInteger
            }
            let name = Array(column.name.utf8)
            let range = Int(matrix.starts[j])..<Int(matrix.starts[j + 1])
            if column.objective != 0 || range.isEmpty { try out.entry(name, objectiveRow, column.objective) }
            for k in range { try out.entry(name, rowNames[Int(matrix.rowIndices[k])], matrix.values[k]) }
            try out.endRecord()
        }
        if inIntegerRun { try out.line("    MARKER  'MARKER'  'INTEND'") }
        try out.line("RHS")
        let rhsName = Array("RHS".utf8)
        if objectiveOffset != 0 { try out.entry(rhsName, objectiveRow, -objectiveOffset) }
        for (i, row) in rows.enumerated() where row.rhs != 0 { try out.entry(rhsName, rowNames[i], row.rhs) }
        try out.endRecord()
        try out.line("BOUNDS")
        for column in columns { try writeBounds(of: column, to: &out) }
        try out.line("ENDATA")
        try out.finish()
    }

    private func writeBounds<E: Error>(of column: Column, to out: inout MPSBuffer<E>) throws(E) {
        let name = column.name
        let (lower, upper) = (column.lower, column.upper)
        if lower == upper {
            try out.bound("FX", name, lower)
        } else if lower == -.infinity && upper == .infinity {
            try out.bound("FR", name, nil)
        } else if column.isInteger && lower == 0 && upper == 1 {
            try out.bound("BV", name, nil)
        } else if lower == -.infinity {
            try out.bound("MI", name, nil)
            try out.bound("UP", name, upper)
        } else {
            if lower != 0 || column.isInteger { try out.bound("LO", name, lower) }
            if upper != .infinity {
                try out.bound("UP", name, upper)
            } else if column.isInteger {
                try out.bound("PL", name, nil)
            }
        }
    }

    /// `obj`, or the first of `obj_1`, `obj_2`, … that no row is called.
    private func objectiveRowName() -> String {
        let taken = Set(rows.map(\.name))
        var candidate = "obj"
        var suffix = 0
        while taken.contains(candidate) {
            suffix += 1
            candidate = "obj_\(suffix)"
        }
        return candidate
    }
}

/// Accumulates MPS lines as UTF-8 and hands them on in chunks.
private struct MPSBuffer<E: Error> {
    let flush: ([UInt8]) throws(E) -> Void
    var bytes: [UInt8] = []
    /// Whether a `COLUMNS` or `RHS` line holds one entry and can take a second.
    var openRecord = false
    let chunkSize = 1 << 20

    init(flush: @escaping ([UInt8]) throws(E) -> Void) {
        self.flush = flush
        bytes.reserveCapacity(chunkSize + 4096)
    }

    mutating func line(_ line: String) throws(E) {
        try endRecord()
        bytes.append(contentsOf: line.utf8)
        try newline()
    }

    /// Adds `row value` to the current `    name  row  value` record, two entries a line.
    mutating func entry(_ name: [UInt8], _ row: [UInt8], _ value: Double) throws(E) {
        if !openRecord {
            spaces(4)
            bytes.append(contentsOf: name)
        }
        spaces(2)
        bytes.append(contentsOf: row)
        spaces(2)
        appendNumber(value)
        if openRecord {
            openRecord = false
            try newline()
        } else {
            openRecord = true
        }
    }

    /// Ends a record holding a single entry.
    mutating func endRecord() throws(E) {
        if openRecord {
            openRecord = false
            try newline()
        }
    }

    mutating func bound(_ kind: String, _ column: String, _ value: Double?) throws(E) {
        try endRecord()
        bytes.append(32)
        bytes.append(contentsOf: kind.utf8)
        bytes.append(contentsOf: " BND ".utf8)
        bytes.append(contentsOf: column.utf8)
        if let value {
            bytes.append(32)
            appendNumber(value)
        }
        try newline()
    }

    mutating func finish() throws(E) {
        try endRecord()
        if !bytes.isEmpty { try flush(bytes) }
        bytes = []
    }

    private mutating func spaces(_ count: Int) {
        for _ in 0..<count { bytes.append(32) }
    }

    private mutating func newline() throws(E) {
        bytes.append(10)
        if bytes.count >= chunkSize {
            try flush(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Exact decimal text: integers (below 1e15) without a fraction, others in Swift's shortest round-trip form.
    private mutating func appendNumber(_ value: Double) {
        guard value == value.rounded() && abs(value) < 1e15 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        var magnitude = UInt64(abs(value))
        if value < 0 { bytes.append(45) }
        if magnitude == 0 {
            bytes.append(48)
            return
        }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(48 + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }
}
