import AurumCore
import Foundation

/// The store's single source of truth: which tables exist, their schemas, and exactly which files make up
/// each, plus a few named properties the layers above keep with the data.
///
/// Every change to the store ends by replacing this file atomically (see ``Transaction/commit()``), so a
/// reader that loads it sees one consistent snapshot of every table at once.
///
/// On disk (`MANIFEST`): the line `AURUM-MANIFEST 1`, one line of JSON, and the line `xxh64 <16 hex digits>`
/// with the XXH64 of the JSON line's bytes.
public struct Manifest: Sendable, Encodable, Equatable {
    /// Increases by one with every commit; names new files so they never collide with live ones.
    public var generation: UInt64 = 0
    public var tables: [String: TableManifest] = [:]
    public var blobPacks: [BlobPackInfo] = []
    public var properties: [String: String] = [:]

    public init() {}

    /// The version this Aurum writes and the only one it reads: the number in the first line.
    public static let formatVersion = 1
    static let magicLine = "AURUM-MANIFEST \(formatVersion)"
    public static let fileName = "MANIFEST"

    public func serialized() throws -> [UInt8] {
        let json = jsonLine()
        var bytes = Array((Self.magicLine + "\n").utf8)
        bytes += json
        bytes += Array("\nxxh64 \(Checksum64(XXH64.hash(json)))\n".utf8)
        return bytes
    }

    public static func parse(_ bytes: [UInt8], file: String) throws -> Manifest {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // `lines.count - 1` lines end in a newline; the last piece is what follows the final newline.
        let endedLines = lines.count - 1
        guard endedLines == 3, lines[3].isEmpty else {
            if endedLines >= 3 {
                let extra = bytes.count - (lines[0].count + lines[1].count + lines[2].count + 3)
                throw StorageError.corrupt(
                    file: file, location: "byte \(bytes.count - extra)",
                    reason: "\(extra) unexpected bytes after the checksum line (something was appended to the manifest)")
            }
            let fragment = lines[endedLines].isEmpty ? "" : " and an unfinished one (the file is cut short)"
            throw StorageError.corrupt(
                file: file, location: "manifest", reason: "expected 3 lines, found \(endedLines) complete line\(endedLines == 1 ? "" : "s")\(fragment)")
        }
        guard String(decoding: lines[0], as: UTF8.self) == magicLine else {
            if String(decoding: lines[0], as: UTF8.self).hasPrefix("AURUM-MANIFEST "),
                let version = Int(String(decoding: lines[0].dropFirst(15), as: UTF8.self)), version > formatVersion
            {
                throw StorageError.unsupportedVersion(file: file, version: version)
            }
            throw StorageError.corrupt(file: file, location: "line 1", reason: "not an Aurum manifest")
        }
        let json = Array(lines[1])
        let checksumLine = String(decoding: lines[2], as: UTF8.self)
        guard checksumLine == "xxh64 \(Checksum64(XXH64.hash(json)))" else {
            throw StorageError.corrupt(file: file, location: "manifest", reason: "checksum mismatch")
        }
        let manifest: Manifest
        var reader = JSONPullReader(json)
        do {
            manifest = try Manifest(reading: &reader)
            try reader.finish()
        } catch let failure as JSONPullReader.Failure {
            // The byte within the file: the JSON line follows the first line and its newline.
            throw StorageError.corrupt(
                file: file, location: "byte \(lines[0].count + 1 + failure.offset)",
                reason: "unreadable JSON at \(failure.path.isEmpty ? "the top level" : failure.path): \(failure.message)")
        }
        for (name, table) in manifest.tables {
            for column in table.columns where DataType(rawValue: column.type) == nil {
                throw StorageError.corrupt(file: file, location: "table \(name)", reason: "unknown type \(column.type) of column \(column.name)")
            }
        }
        try manifest.checkEachFileListedOnce(file: file)
        return manifest
    }

    /// A file or Bronze key listed twice would be read twice (its rows counted twice, Gold doubled): no commit
    /// ever writes that, so such a manifest was damaged or edited.
    ///
    /// Every store is opened through this check, so it hashes each file name once and makes no owner's name
    /// unless a file is listed twice; the Bronze keys, ascending in every store Aurum writes, are hashed only
    /// when they are not.
    func checkEachFileListedOnce(file: String) throws {
        // Every listed file with the table that lists it (nil: the blob packs); an owner's words only for an error.
        var listed: [(file: String, table: String?)] = []
        for name in tables.keys.sorted() {
            for entry in tables[name]?.segments ?? [] {
                listed.append((entry.segment.file, name))
                if let deletes = entry.deletes { listed.append((deletes.file, name)) }
            }
        }
        listed += blobPacks.map { ($0.file, nil) }
        func owner(_ table: String?) -> String { table.map { "table \($0)" } ?? "blob packs" }
        var seen = Set<String>(minimumCapacity: listed.count)
        for entry in listed where !seen.insert(entry.file).inserted {
            let first = listed.first { $0.file == entry.file }!
            throw StorageError.corrupt(
                file: file, location: owner(entry.table),
                reason: "lists \(entry.file) twice (also in \(owner(first.table))); the manifest was damaged or edited")
        }
        var previous: UInt64?
        let ascending = blobPacks.allSatisfy { pack in
            pack.keys.allSatisfy { key in
                defer { previous = key }
                return previous.map { $0 < key } ?? true
            }
        }
        guard !ascending else { return }
        var packOfKey: [UInt64: String] = [:]
        for pack in blobPacks {
            for key in pack.keys {
                if let first = packOfKey.updateValue(pack.file, forKey: key) {
                    throw StorageError.corrupt(
                        file: file, location: "blob packs",
                        reason: "lists Bronze file \(key) twice (in \(first) and \(pack.file)); the manifest was damaged or edited")
                }
            }
        }
    }
}

/// One table in the manifest: its schema and its segments, in order.
///
/// Segment order is meaningful: a table's rows, read segment by segment and row by row, come in the order
/// they were appended (minus deleted rows). The pipeline relies on this (docs/pipeline.md).
public struct TableManifest: Sendable, Encodable, Equatable {
    public var columns: [ColumnManifest]
    public var segments: [SegmentEntry]

    public init(schema: Schema) {
        columns = schema.fields.map { ColumnManifest(name: $0.name, type: $0.type.rawValue, nullable: $0.nullable) }
        segments = []
    }

    /// The table's schema (types were validated when the manifest was parsed).
    public var schema: Schema {
        Schema(columns.map { Field($0.name, DataType(rawValue: $0.type)!, nullable: $0.nullable) })
    }

    /// Rows that a scan returns (segment rows minus deleted rows).
    public var liveRowCount: Int { segments.reduce(0) { $0 + $1.liveRowCount } }
}

public struct ColumnManifest: Sendable, Encodable, Equatable {
    public var name: String
    public var type: UInt8
    public var nullable: Bool
}

/// A segment of a table and, when some of its rows were deleted, the file listing them.
public struct SegmentEntry: Sendable, Encodable, Equatable {
    public var segment: SegmentFileInfo
    public var deletes: DeleteFileInfo?

    public var liveRowCount: Int { segment.rowCount - (deletes?.count ?? 0) }
}
