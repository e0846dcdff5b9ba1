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
}
