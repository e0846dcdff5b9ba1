import AurumStorage
import Foundation
import XCTest

@testable import AurumPipeline

/// Issue 19 items 3, 11 and 13: the walk of `aurum ingest`'s inputs never blocks, never loops, and names what
/// it cannot read.
final class InputDiscoveryTests: XCTestCase {
    func testFIFOsArePassedOverAndLoopsWalkedOnce() throws {
        let input = temporaryDirectory(self)
        try writeMetaPage([MetaRow()], to: input + "/sub", name: "a.json")
        XCTAssertEqual(mkfifo(input + "/pipe", 0o600), 0)
        for index in 0..<30 {  // 30 ways back up: 30^depth paths if directories were not known by inode
            try FileManager.default.createSymbolicLink(atPath: input + "/sub/up\(index)", withDestinationPath: "..")
        }
        // (Names are walked in byte order: the directory is read as "sub", and "zz-again" is the second way in.)
        try FileManager.default.createSymbolicLink(atPath: input + "/zz-again", withDestinationPath: input + "/sub")
        let inputs = try InputDiscovery.files(under: [input, input + "/sub/a.json"])
        XCTAssertEqual(inputs.files, [input + "/sub/a.json"])
        XCTAssertEqual(inputs.rejected.count, 0)
        let notes = Dictionary(uniqueKeysWithValues: inputs.passedOver.map { ($0.path, $0.reason) })
        XCTAssertEqual(notes[input + "/pipe"], "a FIFO (named pipe), not a regular file")
        XCTAssertEqual(notes[input + "/sub/up0"], "the same directory as \(input), already read")
        XCTAssertEqual(notes[input + "/zz-again"], "the same directory as \(input)/sub, already read")
        XCTAssertEqual(notes.count, 32)
    }

    func testBrokenLinksAndUnreadableDirectoriesAreRejectedByName() throws {
        let input = temporaryDirectory(self)
        try writeMetaPage([MetaRow()], to: input, name: "a.json")
        try FileManager.default.createSymbolicLink(atPath: input + "/gone.json", withDestinationPath: input + "/nowhere")
        let inputs = try InputDiscovery.files(under: [input])
        XCTAssertEqual(inputs.files, [input + "/a.json"])
        XCTAssertEqual(inputs.rejected.map(\.path), [input + "/gone.json"])
        XCTAssertEqual(inputs.rejected.first?.reason, "a broken symbolic link (its target does not exist)")
        XCTAssertThrowsError(try InputDiscovery.files(under: [input + "/missing"]))
        // (An unreadable directory needs a user that permissions apply to: Tests/integration/test_hostile_input.py.)
    }
}
