/// Reading the manifest's JSON line with ``JSONPullReader``: the member names are the property names, as
/// ``Manifest/jsonLine()`` writes them (and `JSONEncoder` wrote them before it), and `ManifestTests`
/// round-trips random manifests through both. Members this Aurum does not know are skipped (as `JSONDecoder` did); a missing one is refused,
/// naming it and where it should have been.
extension Manifest {
    init(reading reader: inout JSONPullReader) throws {
        var generation: UInt64?
        var tables: [String: TableManifest]?
        var blobPacks: [BlobPackInfo]?
        var properties: [String: String]?
        try reader.object { reader, name in
            switch name {
            case "generation": generation = try reader.integer(UInt64.self)
            case "tables": tables = try reader.members { reader in try TableManifest(reading: &reader) }
            case "blobPacks": blobPacks = try reader.elements { reader in try BlobPackInfo(reading: &reader) }
            case "properties": properties = try reader.members { reader in try reader.string() }
            default: try reader.skipValue()
            }
        }
        self.init()
        self.generation = try reader.required(generation, "generation")
        self.tables = try reader.required(tables, "tables")
        self.blobPacks = try reader.required(blobPacks, "blobPacks")
        self.properties = try reader.required(properties, "properties")
    }
}

extension TableManifest {
    init(reading reader: inout JSONPullReader) throws {
        var columns: [ColumnManifest]?
        var segments: [SegmentEntry]?
        try reader.object { reader, name in
            switch name {
            case "columns": columns = try reader.elements { reader in try ColumnManifest(reading: &reader) }
            case "segments": segments = try reader.elements { reader in try SegmentEntry(reading: &reader) }
            default: try reader.skipValue()
            }
        }
        self.columns = try reader.required(columns, "columns")
        self.segments = try reader.required(segments, "segments")
    }
}

extension ColumnManifest {
    init(reading reader: inout JSONPullReader) throws {
        var name: String?
        var type: UInt8?
        var nullable: Bool?
        try reader.object { reader, member in
            switch member {
            case "name": name = try reader.string()
            case "type": type = try reader.integer(UInt8.self)
            case "nullable": nullable = try reader.bool()
            default: try reader.skipValue()
            }
        }
        self.init(
            name: try reader.required(name, "name"), type: try reader.required(type, "type"),
            nullable: try reader.required(nullable, "nullable"))
    }
}

extension SegmentEntry {
    init(reading reader: inout JSONPullReader) throws {
        var segment: SegmentFileInfo?
        var deletes: DeleteFileInfo?
        try reader.object { reader, name in
            switch name {
            case "segment": segment = try SegmentFileInfo(reading: &reader)
            // Absent or null when no row of the segment is deleted.
            case "deletes": deletes = reader.null() ? nil : try DeleteFileInfo(reading: &reader)
            default: try reader.skipValue()
            }
        }
        self.init(segment: try reader.required(segment, "segment"), deletes: deletes)
    }
}

extension SegmentFileInfo {
    init(reading reader: inout JSONPullReader) throws {
        var file: String?
        var rowCount: Int?
        var byteCount: Int?
        var footerChecksum: Checksum64?
        try reader.object { reader, name in
            switch name {
            case "file": file = try reader.string()
            case "rowCount": rowCount = try reader.integer(Int.self)
            case "byteCount": byteCount = try reader.integer(Int.self)
            case "footerChecksum": footerChecksum = try Checksum64(reading: &reader)
            default: try reader.skipValue()
            }
        }
        self.init(
            file: try reader.required(file, "file"), rowCount: try reader.required(rowCount, "rowCount"),
            byteCount: try reader.required(byteCount, "byteCount"), footerChecksum: try reader.required(footerChecksum, "footerChecksum"))
    }
}

extension DeleteFileInfo {
    init(reading reader: inout JSONPullReader) throws {
        var file: String?
        var count: Int?
        var checksum: Checksum64?
        try reader.object { reader, name in
            switch name {
            case "file": file = try reader.string()
            case "count": count = try reader.integer(Int.self)
            case "checksum": checksum = try Checksum64(reading: &reader)
            default: try reader.skipValue()
            }
        }
        self.init(
            file: try reader.required(file, "file"), count: try reader.required(count, "count"),
            checksum: try reader.required(checksum, "checksum"))
    }
}

extension BlobPackInfo {
    init(reading reader: inout JSONPullReader) throws {
        var file: String?
        var keys: [UInt64]?
        var byteCount: Int?
        var footerChecksum: Checksum64?
        try reader.object { reader, name in
            switch name {
            case "file": file = try reader.string()
            case "keys": keys = try reader.integers(UInt64.self)
            case "byteCount": byteCount = try reader.integer(Int.self)
            case "footerChecksum": footerChecksum = try Checksum64(reading: &reader)
            default: try reader.skipValue()
            }
        }
        self.init(
            file: try reader.required(file, "file"), keys: try reader.required(keys, "keys"),
            byteCount: try reader.required(byteCount, "byteCount"), footerChecksum: try reader.required(footerChecksum, "footerChecksum"))
    }
}

extension Checksum64 {
    /// 16 hex digits (JSON numbers lose bits past 2^53).
    init(reading reader: inout JSONPullReader) throws {
        let text = try reader.string()
        var value: UInt64 = 0
        guard text.utf8.count == 16 else { throw reader.failure("'\(text)' is not a 64-bit checksum (16 hex digits)") }
        for byte in text.utf8 {
            guard let digit = JSONPullReader.hexValue(byte) else {
                throw reader.failure("'\(text)' is not a 64-bit checksum (16 hex digits)")
            }
            value = value << 4 | UInt64(digit)
        }
        self.init(value)
    }
}

extension JSONPullReader {
    /// `value`, read from the member `name` of the object just read, or a failure saying the member is missing.
    func required<Value>(_ value: Value?, _ name: String) throws -> Value {
        guard let value else { throw failure("missing the member '\(name)'") }
        return value
    }
}
