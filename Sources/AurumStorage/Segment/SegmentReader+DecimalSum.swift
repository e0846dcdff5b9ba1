extension SegmentReader {
    /// The exact sum (``DecimalBlockSum``) of DOUBLE column `column` of row group `rowGroup`, from its stored
    /// decimal integers, without rows `excluded` (sorted row numbers within the row group) and NULLs; nil when
    /// the column is not DOUBLE, the block stores plain doubles, or its sum does not fit Int64. The block is
    /// checked as ``readBlock(rowGroup:column:zstd:cache:sharing:)`` checks it (checksum, size, NULL count).
    func decimalSum(rowGroup: Int, column: Int, excluding excluded: [Int], zstd: Zstd, scratch: IntegerScratch) throws -> DecimalBlockSum? {
        let field = footer.schema.fields[column]
        guard field.type == .double else { return nil }
        let location = "row group \(rowGroup), column '\(field.name)'"
        let payload = try blockPayload(rowGroup: rowGroup, column: column, zstd: zstd)
        let rowCount = footer.rowGroups[rowGroup].rowCount
        let found = try payload.withUnsafeBytes {
            try ColumnBlockCodec.decimalSum($0, rowCount: rowCount, excluding: excluded, scratch: scratch, file: name, location: location)
        }
        guard let (sum, nullCount) = found else { return nil }
        try checkNullCount(nullCount, rowGroup: rowGroup, column: column)
        return sum
    }

    /// Throws when the footer records decimal sums (version 2 on) and records for DOUBLE block (`rowGroup`,
    /// `column`) another sum than its stored integers give, or none where they give one, or one where they give
    /// none. `aurum verify` runs it on every block.
    func checkRecordedDecimalSum(rowGroup: Int, column: Int, zstd: Zstd, scratch: IntegerScratch) throws {
        guard footer.recordsDecimalSums, footer.schema.fields[column].type == .double else { return }
        let recorded = footer.rowGroups[rowGroup].blocks[column].decimalSum
        let actual = try decimalSum(rowGroup: rowGroup, column: column, excluding: [], zstd: zstd, scratch: scratch)
        guard recorded != actual else { return }
        func describe(_ sum: DecimalBlockSum?) -> String {
            sum.map { "\($0.integerSum) at scale \($0.scale) over \($0.count) values" } ?? "none"
        }
        throw StorageError.corrupt(
            file: name, location: "row group \(rowGroup), column '\(footer.schema.fields[column].name)'",
            reason: "the footer's decimal sum (\(describe(recorded))) is not the block's (\(describe(actual)))")
    }
}
