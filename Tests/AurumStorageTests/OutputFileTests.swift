import AurumCore
import Foundation
import XCTest

@testable import AurumStorage

/// Issue 19 item 1: `export --out` replaced whatever was at the path (a store's MANIFEST, /dev/null), lost a
/// file's permissions, overwrote `FILE.tmp` and left it behind on failure.
final class OutputFileTests: XCTestCase {
    private func names(in directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory).sorted()) ?? []
    }

    func testReplacesARegularFileKeepingItsPermissionsAndNoOneElses() throws {
        let directory = makeTemporaryDirectory(self)
        let path = directory + "/out.csv"
        writeFile(Array("old".utf8), to: path)
        chmod(path, 0o600)
        writeFile(Array("bystander".utf8), to: path + ".tmp")
        try OutputFile.write(Array("new".utf8), to: path)
        XCTAssertEqual(readFile(path), Array("new".utf8))
        XCTAssertEqual(try FileIO.status(path).get().permissions, 0o600)
        XCTAssertEqual(readFile(path + ".tmp"), Array("bystander".utf8))
        XCTAssertEqual(names(in: directory), ["out.csv", "out.csv.tmp"])
        try OutputFile.write(Array("fresh".utf8), to: directory + "/new.csv")
        XCTAssertEqual(readFile(directory + "/new.csv"), Array("fresh".utf8))
    }

    func testRefusesEmptyDirectoriesAndStores() throws {
        let directory = makeTemporaryDirectory(self)
        let store = directory + "/store"
        try FileIO.makeDirectory(store + "/tables/t")
        writeFile(Array("manifest".utf8), to: store + "/" + Manifest.fileName)
        for (path, protecting, reason) in [
            ("", [String](), "empty"), (directory, [], "directory"), (store + "/MANIFEST", [], "inside the Aurum store"),
            (store + "/tables/t/x.csv", [], "inside the Aurum store"), (directory + "/other/x.csv", [directory + "/other"], "does not exist"),
        ] {
            do {
                try OutputFile.write([1], to: path, protecting: protecting)
                XCTFail("wrote \(path)")
            } catch let error as StorageError {
                guard case .unsafeOutput = error else { return XCTFail("\(error)") }
                XCTAssertTrue(error.description.contains(reason), error.description)
            }
        }
        XCTAssertEqual(readFile(store + "/MANIFEST"), Array("manifest".utf8))
        // The store given, even before it has a MANIFEST.
        let bare = directory + "/bare"
        try FileIO.makeDirectory(bare)
        XCTAssertThrowsError(try OutputFile.write([1], to: bare + "/x.csv", protecting: [bare]))
    }

    func testWritesAFIFOInPlace() throws {
        let directory = makeTemporaryDirectory(self)
        let fifo = directory + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = BackgroundTask { () -> [UInt8] in
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return [] }
            return Array((try? handle.readToEnd()) ?? Data())
        }
        try OutputFile.write(Array("through the pipe".utf8), to: fifo)
        XCTAssertEqual(received.value, Array("through the pipe".utf8))
        XCTAssertEqual(try FileIO.status(fifo, followingLinks: false).get().kind, .fifo)
        XCTAssertEqual(names(in: directory), ["fifo"])
    }
}
