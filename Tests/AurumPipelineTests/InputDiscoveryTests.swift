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

    /// Files are found in byte order of their paths with their sizes, once each however often they are given, and
    /// two names that Unicode calls equal but whose bytes differ (é composed and decomposed) are two files.
    func testFilesInByteOrderWithSizesAndCanonicallyEqualNamesKeptApart() throws {
        let input = temporaryDirectory(self)
        let composed = "caf\u{E9}.json", decomposed = "cafe\u{301}.json"
        XCTAssertEqual(composed, decomposed)  // equal as Swift Strings, different bytes
        for (name, size) in [(composed, 3), (decomposed, 5), ("a-b.json", 7)] {
            FileManager.default.createFile(atPath: input + "/" + name, contents: Data(repeating: 0x20, count: size))
        }
        try FileManager.default.createDirectory(atPath: input + "/a", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: input + "/a/x.json", contents: Data(repeating: 0x20, count: 11))
        let inputs = try InputDiscovery.files(under: [input, input + "/a/x.json", input + "/" + decomposed])
        // "a-b.json" sorts before "a/x.json" ('-' is below '/'), though the walk reads directory "a" first.
        XCTAssertEqual(inputs.files.map { Array($0.dropFirst(input.count).utf8) }, [
            Array("/a-b.json".utf8), Array("/a/x.json".utf8), Array("/cafe\u{301}.json".utf8), Array("/caf\u{E9}.json".utf8),
        ])
        XCTAssertEqual(inputs.sizes, [7, 11, 5, 3])
    }
}
