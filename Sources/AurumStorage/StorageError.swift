/// Every way the column store can fail. Each case names the file (and block or byte offset where it applies)
/// so that the message alone tells the user what is broken.
public enum StorageError: Error, CustomStringConvertible, Equatable {
    /// A file's bytes do not match its checksum, or do not decode: the file is damaged.
    /// `location` says where (e.g. "row group 0, column 'spend'" or "footer").
    case corrupt(file: String, location: String, reason: String)
    /// A file the manifest lists is not there.
    case missingFile(file: String)
    /// The directory holds no Aurum store.
    case noStore(directory: String)
    /// The store was written by a newer, incompatible version of Aurum.
    case unsupportedVersion(file: String, version: Int)
    /// Another process holds the writer lock.
    case locked(directory: String)
    /// An operating-system call failed.
    case io(file: String, operation: String, errno: Int32)
    /// A table that the manifest does not list.
    case unknownTable(name: String)
    /// A column that the table does not have.
    case unknownColumn(table: String, column: String)
    /// zstd reported an error.
    case compression(file: String, reason: String)
    /// The directory holds committed data files but no MANIFEST: the manifest was lost or deleted.
    case manifestMissing(directory: String, example: String)
    /// A path given for output that Aurum will not write: empty, a directory, or inside a store (where
    /// replacing a file would destroy the store).
    case unsafeOutput(path: String, reason: String)
    /// A table exists with another schema than the one asked for.
    case schemaMismatch(table: String, stored: String, expected: String)
    /// Rows that a Parquet file cannot hold as they are (`reason` names the column and what is wrong).
    case parquet(reason: String)

    /// What can mend a damaged `file`, by its kind: `aurum rebuild` recomputes tables from the Bronze packs,
    /// so it helps only where the damage is in a table's segment or delete file.
    static func repair(_ file: String) -> String {
        if file == Manifest.fileName || file.hasSuffix("/" + Manifest.fileName) {
            return "restore MANIFEST from a backup (`aurum rebuild` cannot help: it needs the manifest to find the Bronze packs)"
        }
        if file.hasPrefix(Store.blobsDirectory + "/") || file.hasPrefix("bronze file ") {
            return "restore the store from a backup, or ingest the original pages into a new store (`aurum rebuild` cannot help: these packs are the Bronze it rebuilds from)"
        }
        return "restore the store from a backup, or run `aurum rebuild` to recompute Silver, quarantine and Gold from Bronze (this cannot mend the bronze_files catalogue)"
    }

    public var description: String {
        switch self {
        case .corrupt(let file, let location, let reason):
            "corrupt store file \(file) (\(location)): \(reason); \(Self.repair(file))"
        case .missingFile(let file):
            "store file \(file) is listed in the manifest but missing"
        case .noStore(let directory):
            "no Aurum store at \(directory) (run `aurum ingest PATH` to create one, or pass --store DIR)"
        case .unsupportedVersion(let file, let version):
            "\(file) has format version \(version), which this Aurum does not read; upgrade Aurum"
        case .locked(let directory):
            "another aurum process is writing to the store at \(directory); wait for it to finish"
        case .io(let file, let operation, let errno):
            "\(operation) \(file) failed: \(String(cString: strerror(errno)))"
        case .unknownTable(let name):
            "no table named '\(name)'"
        case .unknownColumn(let table, let column):
            "table '\(table)' has no column '\(column)'"
        case .manifestMissing(let directory, let example):
            "\(directory) has data files (e.g. \(example)) but no MANIFEST; refusing to treat it as an empty store — restore MANIFEST from a backup, or move the directory away to start afresh"
        case .unsafeOutput(let path, let reason):
            "refusing to write \(path.isEmpty ? "\"\"" : path): \(reason)"
        case .schemaMismatch(let table, let stored, let expected):
            "table '\(table)' is stored as (\(stored)) but this Aurum expects (\(expected)); the store was written by another version"
        case .compression(let file, let reason):
            "zstd failed on \(file): \(reason)"
        case .parquet(let reason):
            "cannot write Parquet: \(reason)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
