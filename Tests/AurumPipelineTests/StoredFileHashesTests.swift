import AurumCore
import Foundation
import AurumStorage
import XCTest

@testable import AurumPipeline

final class StoredFileHashesTests: XCTestCase {
    /// Digests read from a store's bytes, and text that is not a digest as Aurum writes it, answer exactly as a
    /// set of their Strings would.
    func testTheStoredDigestsAreKnownAsTheirTextIs() throws {
        let directory = NSTemporaryDirectory() + "stored-hashes-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let digests = (0..<300).map { Array("file \($0)".utf8).withUnsafeBytes { SHA256.hex($0) } }
        let odd = ["ABCDEF" + String(digests[0].dropFirst(6)), String(digests[1].dropLast()), "", "not hex at all"]
        let store = try Store(directory: directory, mode: .write)
        let transaction = store.begin()
        let table = ContractTable.bronzeFiles
        try transaction.ensureTable(table.rawValue, schema: table.storedSchema)
        var files = BronzeFilesBuilder()
        for (index, text) in (digests + odd).enumerated() {
            files.append(fileID: Int64(index + 1), path: "p\(index)", sha256: text, source: .meta, rows: 1, bytes: 1, ingestedAt: "2024-01-01T00:00:00Z")
        }
        try transaction.append(files.finish(), to: table.rawValue)
        try transaction.commit()
        // A deleted row's digest is not stored any more.
        let deleting = store.begin()
        try deleting.delete(rows: [7], segment: 0, of: table.rawValue)
        try deleting.commit()

        var known = try StoredFileHashes(of: store, in: store.manifest)
        let held = Set(digests + odd).subtracting([digests[7]])
        let probes = digests + odd + [digests[7], digests[0].uppercased(), digests[1], Array("new".utf8).withUnsafeBytes { SHA256.hex($0) }]
        for probe in probes { XCTAssertEqual(known.contains(probe), held.contains(probe), probe) }
        let added = Array("new".utf8).withUnsafeBytes { SHA256.hex($0) }
        known.insert(added)
        XCTAssertTrue(known.contains(added))
    }
}
