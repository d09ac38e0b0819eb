extension MILPModel {
    /// Checks that the model is well formed for a solver or an MPS file, naming the first column or row that is not.
    ///
    /// Checked: names are non-empty, free of whitespace and unique (columns among columns, rows among rows); bounds
    /// are not NaN, `lower` is not `+infinity`, `upper` is not `-infinity`, and `lower ≤ upper`; objective
    /// coefficients, the objective offset, row coefficients and right-hand sides are finite; every row has one
    /// coefficient per index, its indices are in range and distinct; the sizes fit CBC's 32-bit indices.
    ///
    /// - Throws: ``MILPError`` describing the first problem found.
    public func validate() throws(MILPError) {
        guard objectiveOffset.isFinite else { throw MILPError("objective offset \(objectiveOffset) is not finite") }
        guard columns.count < Int(Int32.max), rows.count < Int(Int32.max) else {
            throw MILPError("model has \(columns.count) columns and \(rows.count) rows: too many for 32-bit indices")
        }
        var columnNames = Set<String>(minimumCapacity: columns.count)
        for (j, column) in columns.enumerated() {
            try Self.checkName(column.name, kind: "column", index: j)
            guard columnNames.insert(column.name).inserted else {
                throw MILPError("column '\(column.name)' (index \(j)): duplicate column name")
            }
            try Self.checkBounds(column, index: j)
            guard column.objective.isFinite else {
                throw MILPError(
                    "column '\(column.name)' (index \(j)): objective coefficient \(column.objective) is not finite")
            }
        }
        var rowNames = Set<String>(minimumCapacity: rows.count)
        var lastRow = [Int](repeating: -1, count: columns.count)
        var nonzeros = 0
        for (i, row) in rows.enumerated() {
            try Self.checkName(row.name, kind: "row", index: i)
            guard rowNames.insert(row.name).inserted else {
                throw MILPError("row '\(row.name)' (index \(i)): duplicate row name")
            }
            try checkTerms(of: row, index: i, lastRow: &lastRow)
            nonzeros += row.indices.count
        }
        guard nonzeros < Int(Int32.max) else {
            throw MILPError("model has \(nonzeros) nonzeros: too many for 32-bit indices")
        }
    }

    private static func checkName(_ name: String, kind: String, index: Int) throws(MILPError) {
        guard !name.isEmpty else { throw MILPError("\(kind) at index \(index) has an empty name") }
        let ascii = name.utf8.allSatisfy { $0 < 128 }
        let hasWhitespace =
            ascii
            ? name.utf8.contains { $0 == 32 || (9...13).contains($0) }
            : name.unicodeScalars.contains { $0.properties.isWhitespace }
        guard !hasWhitespace else {
            throw MILPError("\(kind) '\(name)' (index \(index)): name contains whitespace")
        }
    }

    private static func checkBounds(_ column: Column, index j: Int) throws(MILPError) {
        let label = "column '\(column.name)' (index \(j))"
        guard !column.lower.isNaN, !column.upper.isNaN else {
            throw MILPError("\(label): bounds [\(column.lower), \(column.upper)] contain NaN")
        }
        guard column.lower != .infinity else { throw MILPError("\(label): lower bound is +infinity") }
        guard column.upper != -.infinity else { throw MILPError("\(label): upper bound is -infinity") }
        guard column.lower <= column.upper else {
            throw MILPError("\(label): lower bound \(column.lower) is above upper bound \(column.upper)")
        }
    }

    private func checkTerms(of row: Row, index i: Int, lastRow: inout [Int]) throws(MILPError) {
        let label = "row '\(row.name)' (index \(i))"
        guard row.rhs.isFinite else { throw MILPError("\(label): right-hand side \(row.rhs) is not finite") }
        guard row.indices.count == row.coefficients.count else {
            throw MILPError("\(label): \(row.indices.count) indices but \(row.coefficients.count) coefficients")
        }
        for (k, index) in row.indices.enumerated() {
            let j = Int(index)
            guard j >= 0, j < columns.count else {
                throw MILPError("\(label): column index \(j) out of range 0..<\(columns.count)")
            }
            guard row.coefficients[k].isFinite else {
                throw MILPError(
                    "\(label): coefficient \(row.coefficients[k]) of column '\(columns[j].name)' is not finite")
            }
            guard lastRow[j] != i else { throw MILPError("\(label): column '\(columns[j].name)' appears twice") }
            lastRow[j] = i
        }
    }
}

/// The constraint matrix in compressed sparse column form (CBC's `Cbc_loadProblem` layout and the MPS `COLUMNS` order).
struct ColumnMajorMatrix: Sendable {
    /// `starts[j] ..< starts[j + 1]` are column `j`'s entries; `starts.count == columns + 1`.
    var starts: [Int32]
    /// The row of each entry, ascending within a column.
    var rowIndices: [Int32]
    /// The coefficient of each entry.
    var values: [Double]
}

extension MILPModel {
    /// The constraint matrix by column; the model must have passed ``validate()``.
    func columnMajor() -> ColumnMajorMatrix {
        var starts = [Int32](repeating: 0, count: columns.count + 1)
        for row in rows {
            for index in row.indices { starts[Int(index) + 1] += 1 }
        }
        for j in 0..<columns.count { starts[j + 1] += starts[j] }
        let nonzeros = Int(starts[columns.count])
        var rowIndices = [Int32](repeating: 0, count: nonzeros)
        var values = [Double](repeating: 0, count: nonzeros)
        var next = starts
        for (i, row) in rows.enumerated() {
            for (k, index) in row.indices.enumerated() {
                let position = Int(next[Int(index)])
                rowIndices[position] = Int32(i)
                values[position] = row.coefficients[k]
                next[Int(index)] += 1
            }
        }
        return ColumnMajorMatrix(starts: starts, rowIndices: rowIndices, values: values)
    }
}
