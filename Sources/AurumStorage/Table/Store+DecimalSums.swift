import AurumCore

extension Store {
    /// The exact sums of the live (not deleted), non-NULL values of DOUBLE column `column` of `table`, one per row
    /// group in table order, each added from the block's stored decimal integers without decoding a double
    /// (``DecimalBlockSum``); nil when some block stores plain doubles or its sum does not fit Int64 (read the
    /// column instead), or when the column is not DOUBLE.
    ///
    /// A row group with no deleted row takes its sum from the segment's footer (version 2 on,
    /// ``BlockInfo/decimalSum``) without reading its block; a footer that records no sum for a block says the
    /// column cannot be added so. The other row groups are added on every core. A store opened for reading
    /// keeps each row group's sum in its ``BlockCache`` (keyed by the delete file too, so deleting rows later
    /// names another sum), so a repeated query reads no block at all.
    public func decimalSums(_ table: String, column: String) throws -> [DecimalBlockSum]? {
        let manifestTable = try self.table(table)
        let schema = manifestTable.schema
        guard let index = schema.index(of: column) else { throw StorageError.unknownColumn(table: table, column: column) }
        guard schema.fields[index].type == .double else { return nil }
        var sums: [DecimalBlockSum?] = []
        var blocks: [SummedBlock] = []
        for entry in manifestTable.segments {
            let reader = try openSegment(entry)
            guard reader.footer.schema == schema else {
                throw StorageError.corrupt(file: entry.segment.file, location: "footer", reason: "schema differs from the manifest")
            }
            let deleted = try deletedRows(entry)
            var cursor = 0
            var firstRow = 0
            for group in reader.footer.rowGroups.indices {
                let rowCount = reader.footer.rowGroups[group].rowCount
                var excluded: [Int] = []
                while cursor < deleted.count && deleted[cursor] < firstRow + rowCount {
                    excluded.append(deleted[cursor] - firstRow)
                    cursor += 1
                }
                firstRow += rowCount
                let recorded = reader.footer.rowGroups[group].blocks[index].decimalSum
                if reader.footer.recordsDecimalSums && recorded == nil { return nil }
                if excluded.isEmpty, let recorded {
                    sums.append(recorded)
                    continue
                }
                sums.append(nil)
                let key = BlockCache.SumKey(
                    block: BlockCache.Key(file: reader.name, rowGroup: Int32(group), column: Int32(index)), deletes: entry.deletes?.file ?? "")
                blocks.append(SummedBlock(reader: reader, rowGroup: group, excluded: excluded, key: key, position: sums.count - 1))
            }
        }
        let workerCount = min(Parallel.threadCount, blocks.count)
        var results = [Result<DecimalBlockSum?, any Error>](repeating: .success(nil), count: blocks.count)
        let cache = blockCache
        results.withUnsafeMutableBufferPointer { results in
            Parallel.forEachWorker(workerCount) { worker in
                let zstd = Zstd()
                let scratch = IntegerScratch()
                for position in stride(from: worker, to: blocks.count, by: workerCount) {
                    let block = blocks[position]
                    if let known = cache?.decimalSum(block.key) {
                        results[position] = .success(known)
                        continue
                    }
                    results[position] = Result {
                        try block.reader.decimalSum(
                            rowGroup: block.rowGroup, column: index, excluding: block.excluded, zstd: zstd, scratch: scratch)
                    }
                    if case .success(let sum) = results[position] { cache?.insert(sum, for: block.key) }
                }
            }
        }
        for (block, result) in zip(blocks, results) {
            guard let sum = try result.get() else { return nil }
            sums[block.position] = sum
        }
        return sums.map { $0! }
    }

    /// A row group whose block ``decimalSums(_:column:)`` adds up.
    private struct SummedBlock {
        var reader: SegmentReader
        var rowGroup: Int
        /// The deleted rows, numbered within the row group.
        var excluded: [Int]
        var key: BlockCache.SumKey
        /// Where its sum goes among the table's row groups.
        var position: Int
    }
}
