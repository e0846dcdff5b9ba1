import AurumCore
import FuzzSupport
import Foundation

@testable import AurumStorage

/// The store's readers on damaged or hostile bytes: the MANIFEST (as is, and re-signed with a valid checksum so
/// that its JSON is reached), a segment footer, a column block's payload (what a checksum-valid but forged block
/// decodes to, and a DOUBLE one read as fixed point), and a whole segment file. Each either reads or throws a ``StorageError``; never a crash.
/// The first byte of the input picks which.
nonisolated(unsafe) let zstd = Zstd()
nonisolated(unsafe) let scratch = NSTemporaryDirectory() + "aurum-fuzz-storage-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStorage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let mode = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    switch mode % 5 {
    case 0:
        _ = try? Manifest.parse(body, file: "MANIFEST")
    case 1:
        let json = body.filter { $0 != UInt8(ascii: "\n") }
        let signed = Array((Manifest.magicLine + "\n").utf8) + json + Array("\nxxh64 \(Checksum64(XXH64.hash(json)))\n".utf8)
        _ = try? Manifest.parse(signed, file: "MANIFEST")
    case 2:
        for version in SegmentFooter.oldestReadVersion...SegmentFooter.formatVersion {
            _ = try? body.withUnsafeBytes { try SegmentFooter.parse($0, file: "segment", version: version) }
        }
    case 3:
        guard body.count >= 3, let type = DataType(rawValue: body[0] % 6) else { return 0 }
        let rowCount = Int(body[1]) << 4 | Int(body[2] >> 4)
        let payload = Array(body.dropFirst(3))
        _ = try? payload.withUnsafeBytes {
            try ColumnBlockCodec.decode($0, type: type, rowCount: rowCount, file: "segment", location: "block")
        }
        // A DOUBLE block read as fixed point too (what a money sum asks for), at the places the low bits pick.
        if type == .double {
            let form = FixedPoint(places: Int(body[2] & 15) % 10, magnitudeLimit: 1 << 50)
            _ = try? payload.withUnsafeBytes {
                try ColumnBlockCodec.decodeFixedPoint($0, rowCount: rowCount, as: form, file: "segment", location: "block")
            }
        }
    default:
        let path = scratch + ".seg"
        guard FileManager.default.createFile(atPath: path, contents: Data(body)) else { return 0 }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let reader = try? SegmentReader(path: path, name: "segment") else { return 0 }
        for group in reader.footer.rowGroups.indices {
            for column in reader.footer.schema.fields.indices { _ = try? reader.readBlock(rowGroup: group, column: column, zstd: zstd) }
        }
    }
    return 0
}

// `AURUM_FUZZ_WRITE_SEEDS=DIR FuzzStorage`: writes the column-block seeds (mode 3), encoded by the writer's own
// codec, which Fuzz/corpus/FuzzStorage holds.
if let directory = ProcessInfo.processInfo.environment["AURUM_FUZZ_WRITE_SEEDS"] {
    let columns: [Column] = [
        .int64(PrimitiveColumn(values: [3, 0, 5, 7, .max, .min, 7, 7], validity: [1, 1, 1, 0, 1, 1, 1, 1])),
        .int64(PrimitiveColumn(values: (0..<40).map { 1_000 + Int64($0) * 3 })),
        .double(PrimitiveColumn(values: [10.5, 20.25, 0, -4.5, 100, 2.5, .infinity, 1.25])),
        .string(StringColumn(["alpha", "beta", nil, "alpha", "délta ✓", "", "beta", "alpha"])),
        .date(PrimitiveColumn(values: [19_723, 19_724, 19_737, 19_754, 19_782, 19_792, 19_793, 19_814])),
        .bool(PrimitiveColumn(values: [1, 0, 1, 0, 0, 1, 1, 0], validity: [1, 1, 1, 0, 1, 1, 1, 1])),
    ]
    for (index, column) in columns.enumerated() {
        let header: [UInt8] = [3, column.type.rawValue, UInt8(column.count >> 4), UInt8((column.count & 15) << 4)]
        FileManager.default.createFile(atPath: directory + "/block-\(index)-\(column.type)", contents: Data(header + ColumnBlockCodec.encode(column)))
    }
    exit(0)
}

FuzzDriver.main { data, size in fuzzStorage(data, size) }
