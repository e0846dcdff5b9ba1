import AurumAdsAPI
import AurumCore

/// Collects one run's `bronze_files` rows.
struct BronzeFilesBuilder {
    private var fileIDs: [Int64] = []
    private var paths = StringColumnBuilder()
    private var hashes = StringColumnBuilder()
    private var sources = StringColumnBuilder()
    private var rows: [Int64] = []
    private var bytes: [Int64] = []
    private var ingestedAt = StringColumnBuilder()

    var count: Int { fileIDs.count }
    var rowTotal: Int { Int(rows.reduce(0, +)) }

    mutating func append(fileID: Int64, path: String, sha256: String, source: AdSource, rows rowCount: Int, bytes byteCount: Int, ingestedAt time: String) {
        fileIDs.append(fileID)
        paths.append(path)
        hashes.append(sha256)
        sources.append(source.rawValue)
        rows.append(Int64(rowCount))
        bytes.append(Int64(byteCount))
        ingestedAt.append(time)
    }

    func finish() -> Batch {
        Batch(
            schema: ContractTable.bronzeFiles.schema,
            columns: [
                .int64(PrimitiveColumn(values: fileIDs)), .string(paths.finish()), .string(hashes.finish()),
                .string(sources.finish()), .int64(PrimitiveColumn(values: rows)), .int64(PrimitiveColumn(values: bytes)),
                .string(ingestedAt.finish()),
            ])
    }
}

/// Collects one run's `quarantine` rows.
struct QuarantineBuilder {
    private var fileIDs: [Int64] = []
    private var rowNumbers: [Int64] = []
    private var sources = StringColumnBuilder()
    private var reasons = StringColumnBuilder()
    private var details = StringColumnBuilder()
    private var raws = StringColumnBuilder()
    private(set) var countsByReason: [String: Int] = [:]

    var count: Int { fileIDs.count }

    mutating func append(fileID: Int64, row: Int64, source: AdSource, reason: QuarantineReason, detail: String, raw: String) {
        fileIDs.append(fileID)
        rowNumbers.append(row)
        sources.append(source.rawValue)
        reasons.append(reason.rawValue)
        details.append(detail)
        raws.append(raw)
        countsByReason[reason.rawValue, default: 0] += 1
    }

    func finish() -> Batch {
        Batch(
            schema: ContractTable.quarantine.schema,
            columns: [
                .int64(PrimitiveColumn(values: fileIDs)), .int64(PrimitiveColumn(values: rowNumbers)),
                .string(sources.finish()), .string(reasons.finish()), .string(details.finish()), .string(raws.finish()),
            ])
    }
}
