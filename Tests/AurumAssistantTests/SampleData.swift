import AurumCore
import AurumPipeline
import AurumQuery
import AurumStorage
import Foundation

@testable import AurumAssistant

/// The bundled sample (datasets/sample, 2024-01-01 … 2024-04-29) ingested once per test run into a temporary
/// store, and engines over it as `aurum query` builds them.
enum SampleData {
    /// The store directory, or why it could not be built.
    static let store: Result<String, SampleDataError> = {
        guard let root = repositoryRoot() else { return .failure(SampleDataError(message: "datasets/sample not found above \(#filePath)")) }
        let directory = NSTemporaryDirectory() + "aurum-assistant-sample-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        do {
            _ = try Pipeline.ingest(paths: [root + "/datasets/sample"], directory: directory)
            return .success(directory)
        } catch {
            return .failure(SampleDataError(message: "cannot ingest the sample: \(error)"))
        }
    }()

    /// An engine over the sample store, with `today` fixed.
    static func engine(today: Date32) throws -> QueryEngine {
        let store = try Store(directory: try Self.store.get(), mode: .read)
        var tables: [String: TableSource] = [:]
        for name in store.tableNames { tables[name] = try StoreTable(store: store, name: name) }
        return QueryEngine(catalog: DictionaryCatalog(tables, columnSynonyms: ColumnSynonyms(ContractTable.columnSynonyms)), today: today)
    }

    static func engine(today: String) throws -> QueryEngine {
        guard let date = Date32(iso: today) else { throw SampleDataError(message: "bad date \(today)") }
        return try engine(today: date)
    }

    /// The directory holding `datasets/sample`, searched upwards from this file.
    static func repositoryRoot() -> String? {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: url.path + "/datasets/sample") { return url.path }
            url = url.deletingLastPathComponent()
        }
        return nil
    }
}

struct SampleDataError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
