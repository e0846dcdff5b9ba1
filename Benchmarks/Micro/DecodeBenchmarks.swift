#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AurumCore
import AurumStorage

/// Storage read paths on three realistic Silver-like columns of `rows` rows, cut into row groups of
/// ``SegmentWriter/defaultRowGroupRows`` as segments are:
///
/// - `money` (DOUBLE): spend in cents, log-normal, 15% zeros — stored as decimal integers;
/// - `date` (DATE): rows ordered by (month, ad, day), as Silver stores them;
/// - `campaign` (VARCHAR): ~460 campaign names, dictionary-coded, in runs of one ad's days.
///
/// For each: zstd alone (decompressed MB/s), the block codec alone (`ColumnBlockCodec.decode` of the
/// uncompressed payloads), both (what a scan does per block), and the whole `SegmentReader.readBlock` path from
/// a real segment file in the page cache (pread, XXH64, zstd, decode, NULL-count check). GB/s counts the
/// decoded arrays (8 bytes a DOUBLE row, 4 a DATE row or a dictionary code), except zstd's, which counts the
/// bytes it decompresses.
enum DecodeBenchmarks {
    struct Block {
        var rows: Int
        var payload: [UInt8]
        var frame: [UInt8]
    }

    /// The benchmarked columns of ``sampleBatch(rows:)``, in schema order.
    static let columns: [(label: String, type: DataType)] = [("money", .double), ("date", .date), ("campaign", .string)]

    static func names(label: String, type: DataType) -> (zstd: String, decode: String, read: String, segment: String) {
        ("Storage.Zstd.Decompress.\(label)", "Storage.BlockDecode.\(type).\(label)", "Storage.BlockRead.\(type).\(label)",
         "Storage.SegmentRead.\(type).\(label)")
    }

    static func run(_ harness: inout Harness, rows: Int) {
        let allNames = columns.flatMap { column in
            let names = names(label: column.label, type: column.type)
            return [names.zstd, names.decode, names.read, names.segment]
        }
        guard allNames.contains(where: harness.wants) else { return }
        let batch = sampleBatch(rows: rows)
        let zstd = Zstd(level: 3)
        var template = Array("/tmp/aurum-micro-XXXXXX".utf8CString)
        guard let directoryPointer = mkdtemp(&template) else {
            harness.log("skipping Storage.SegmentRead: mkdtemp failed (errno \(errno))")
            return
        }
        let directory = String(cString: directoryPointer)
        defer {
            unlink(directory + "/micro.seg")
            rmdir(directory)
        }
        let segment: SegmentReader?
        do {
            _ = try SegmentWriter.write(batch, directory: directory, name: "micro.seg", zstd: zstd)
            segment = try SegmentReader(path: directory + "/micro.seg", name: "micro.seg")
        } catch {
            harness.log("skipping Storage.SegmentRead: \(error)")
            segment = nil
        }

        for (columnIndex, (label, type)) in columns.enumerated() {
            let field = batch.schema.fields[columnIndex]
            precondition(field.type == type)
            let names = names(label: label, type: type)
            let column = batch.columns[columnIndex]
            let blocks = encode(column, zstd: zstd)
            let payloadBytes = blocks.reduce(0) { $0 + $1.payload.count }
            let storedBytes = blocks.reduce(0) { $0 + $1.frame.count }
            let decodedBytes = rows * (field.type == .double ? 8 : 4)
            let stored = "stored \(format(Double(storedBytes) / Double(rows), 3)) B/row, payload \(format(Double(payloadBytes) / Double(rows), 3)) B/row"

            harness.run(names.zstd, rows: rows, bytes: payloadBytes, convention: .decompressed, note: stored) {
                for block in blocks {
                    let output = must { try block.frame.withUnsafeBytes { try zstd.decompress($0, expectedCount: block.payload.count, file: "bench") } }
                    Blackhole.consume(Int(output[output.count / 2]))
                }
            }
            harness.run(names.decode, rows: rows, bytes: decodedBytes, convention: .decoded, note: "codec only") {
                for block in blocks {
                    let decoded = must {
                        try block.payload.withUnsafeBytes {
                            try ColumnBlockCodec.decode($0, type: field.type, rowCount: block.rows, file: "bench", location: label)
                        }
                    }
                    Blackhole.consume(decoded.count)
                }
            }
            harness.run(names.read, rows: rows, bytes: decodedBytes, convention: .decoded, note: "zstd + codec") {
                for block in blocks {
                    let decoded = must {
                        let payload = try block.frame.withUnsafeBytes {
                            try zstd.decompress($0, expectedCount: block.payload.count, file: "bench")
                        }
                        return try payload.withUnsafeBytes {
                            try ColumnBlockCodec.decode($0, type: field.type, rowCount: block.rows, file: "bench", location: label)
                        }
                    }
                    Blackhole.consume(decoded.count)
                }
            }
            if let segment {
                harness.run(names.segment, rows: rows, bytes: decodedBytes, convention: .decoded,
                            note: "pread + XXH64 + zstd + codec") {
                    for rowGroup in segment.footer.rowGroups.indices {
                        Blackhole.consume(must { try segment.readBlock(rowGroup: rowGroup, column: columnIndex, zstd: zstd) }.count)
                    }
                }
            }
        }
    }

    /// The value of `body`; a benchmark of data it just wrote cannot meet a damaged block, so an error is a bug.
    static func must<T>(_ body: () throws -> T) -> T {
        do { return try body() } catch { fatalError("benchmark input failed to decode: \(error)") }
    }

    /// `column` cut into row-group blocks: the codec's payload and its zstd frame, as SegmentWriter stores them.
    static func encode(_ column: Column, zstd: Zstd) -> [Block] {
        var blocks: [Block] = []
        var start = 0
        let rowGroupRows = SegmentWriter.defaultRowGroupRows
        while start < column.count {
            let end = min(start + rowGroupRows, column.count)
            let slice = column.gather(Array(start..<end))
            let payload = ColumnBlockCodec.encode(slice)
            blocks.append(Block(rows: end - start, payload: payload, frame: zstd.compress(payload)))
            start = end
        }
        return blocks
    }

    /// Silver-like rows: 24 months, in each every ad's 30 days in a row; three ads to a campaign.
    static func sampleBatch(rows: Int) -> Batch {
        var generator = SeededGenerator(seed: 99)
        let adsPerMonth = max(1, rows / (24 * 30))
        let campaignCount = max(1, adsPerMonth / 3)
        let themes = ["Summer Sale", "Brand Search", "Retargeting", "Prospecting – Lookalike 2%", "Black Friday"]
        let markets = ["BR", "US", "PT", "MX", "ES"]
        let names = (0..<campaignCount).map { "Campaign \($0) | \(themes[$0 % themes.count]) | \(markets[($0 / 5) % markets.count])" }
        var money: [Double] = []
        var days: [Int32] = []
        var campaigns: [String?] = []
        money.reserveCapacity(rows)
        days.reserveCapacity(rows)
        campaigns.reserveCapacity(rows)
        var month = 0
        fill: while true {
            for ad in 0..<adsPerMonth {
                for day in 0..<30 {
                    if money.count == rows { break fill }
                    days.append(Int32(19_000 + month * 30 + day))
                    campaigns.append(names[(ad / 3) % campaignCount])
                    if Int.random(in: 0..<100, using: &generator) < 15 {
                        money.append(0)
                    } else {
                        // Log-normal dollars (median ≈ e³ ≈ $20), rounded to cents.
                        let u1 = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &generator)
                        let u2 = Double.random(in: 0..<1, using: &generator)
                        let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
                        money.append((exp(3 + 1.2 * normal) * 100).rounded() / 100)
                    }
                }
            }
            month += 1
        }
        let schema = Schema([Field("spend", .double), Field("date", .date), Field("campaign_name", .string)])
        return Batch(
            schema: schema,
            columns: [
                .double(PrimitiveColumn(values: money)), .date(PrimitiveColumn(values: days)), .string(StringColumn(campaigns)),
            ])
    }
}
