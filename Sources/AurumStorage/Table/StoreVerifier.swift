/// Reads every byte the manifest references and checks it: segment footers and every block (checksum and
/// decode), each segment's schema against its table's, delete files and blob packs. What `aurum verify` runs.
/// (That the manifest lists each file once is checked whenever it is parsed.)
public enum StoreVerifier {
    public struct Report: Sendable {
        public var segments = 0
        public var blocks = 0
        public var deleteFiles = 0
        public var blobPacks = 0
        public var bytes = 0
        /// Every problem found, each naming its file.
        public var problems: [StorageError] = []
    }

    public static func verify(_ store: Store) -> Report {
        var report = Report()
        for name in store.tableNames {
            guard let table = store.manifest.tables[name] else { continue }
            for entry in table.segments {
                report.segments += 1
                report.bytes += entry.segment.byteCount
                do {
                    let reader = try store.openSegment(entry)
                    guard reader.footer.schema == table.schema else {
                        throw StorageError.corrupt(
                            file: entry.segment.file, location: "footer",
                            reason: "its schema (\(reader.footer.schema.names.joined(separator: ", "))) is not table \(name)'s in the manifest (\(table.schema.names.joined(separator: ", ")))")
                    }
                    let scratch = IntegerScratch()
                    for group in reader.footer.rowGroups.indices {
                        for column in reader.footer.schema.fields.indices {
                            _ = try reader.readBlock(rowGroup: group, column: column, zstd: store.zstd)
                            try reader.checkRecordedDecimalSum(rowGroup: group, column: column, zstd: store.zstd, scratch: scratch)
                            report.blocks += 1
                        }
                    }
                    if entry.deletes != nil {
                        report.deleteFiles += 1
                        _ = try store.deletedRows(entry)
                    }
                } catch let error as StorageError {
                    report.problems.append(error)
                } catch {
                    report.problems.append(.corrupt(file: entry.segment.file, location: "file", reason: "\(error)"))
                }
            }
        }
        for pack in store.manifest.blobPacks {
            report.blobPacks += 1
            report.bytes += pack.byteCount
            do {
                try store.readBlobs(in: pack) { _, _ in }
            } catch let error as StorageError {
                report.problems.append(error)
            } catch {
                report.problems.append(.corrupt(file: pack.file, location: "file", reason: "\(error)"))
            }
        }
        return report
    }
}
