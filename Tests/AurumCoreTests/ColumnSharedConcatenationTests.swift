import XCTest

@testable import AurumCore

/// The partitions of a grouped result are concatenated by shared code: the same rows as by bytes, each text once
/// in the dictionary, the shared codes kept; and no answer (so the caller matches by bytes) when the parts are
/// not all coded in one shared dictionary.
final class ColumnSharedConcatenationTests: XCTestCase {
    private func part(_ values: [String?], in dictionary: SharedDictionary?) -> Column {
        let plain = StringColumn(values)
        return .string(StringColumn(
            dictionary: plain.dictionary, codes: plain.codes, validity: plain.validity,
            shared: dictionary.map { SharedCodes(in: $0) }))
    }

    func testPartsInOneSharedDictionaryConcatenateByCode() throws {
        let dictionary = SharedDictionary()
        let parts = [
            part(["b", "a", nil, "b"], in: dictionary), part([], in: dictionary), part(["a", "c", nil], in: dictionary),
            part(["c", "b"], in: dictionary),
        ]
        let joined = try XCTUnwrap(Column.concatenatingShared(parts))
        let expected: [String?] = ["b", "a", nil, "b", "a", "c", nil, "c", "b"]
        XCTAssertEqual((0..<joined.count).map { joined[$0] }, expected)
        XCTAssertEqual(joined.dictionary, ["b", "a", "c"])
        XCTAssertEqual(try XCTUnwrap(joined.shared).codes(of: joined.dictionary), dictionary.codes(of: ["b", "a", "c"]))
        guard case .string(let byBytes) = Column.concatenate(parts, type: .string) else { return XCTFail("text") }
        XCTAssertEqual((0..<byBytes.count).map { byBytes[$0] }, expected)
    }

    /// Columns whose entries are shared codes with no String made yet (a decoded block's): cut by rows and
    /// joined again through the same entries, or with other blocks by shared code, they hold the same text, and
    /// their entries are counted and sized without making one.
    func testColumnsOfSharedEntriesNotMadeYet() throws {
        let dictionary = SharedDictionary()
        let codes = dictionary.codes(of: ["x", "yy", "zzz"])
        func block(_ entries: [UInt32], _ rows: [UInt32], validity: [UInt8]? = nil) -> StringColumn {
            let shared = SharedCodes(in: dictionary, codes: entries.map { codes[Int($0)] }, textBytes: 6)
            return StringColumn(sharedEntries: shared, codes: rows, validity: validity)
        }
        let first = block([2, 0], [0, 1, 1, 0], validity: [1, 1, 0, 1])
        XCTAssertEqual(first.entryCount, 2)
        XCTAssertEqual(Column.string(first).byteSize, 4 * 4 + 4 + 6 + 2 * 16, "sized from the text's bytes")
        let pieces = [first.rows(0..<1), first.gather([3, 2, 1])]
        XCTAssertTrue(pieces[1].hasSameEntries(as: pieces[0]))
        XCTAssertFalse(pieces[0].hasSameEntries(as: block([2, 0], [0])), "other shared entries, even of the same text")
        guard case .string(let rejoined) = Column.concatenate(pieces.map { .string($0) }, type: .string) else { return XCTFail("text") }
        XCTAssertTrue(rejoined.hasSameEntries(as: first), "joined by codes, its entries kept")
        XCTAssertEqual((0..<rejoined.count).map { rejoined[$0] }, ["zzz", "zzz", nil, "x"])
        let across = try XCTUnwrap(Column.concatenatingShared([.string(first), .string(block([1], [0, 0]))]))
        XCTAssertEqual((0..<across.count).map { across[$0] }, ["zzz", "x", nil, "zzz", "yy", "yy"])
        XCTAssertEqual(across.dictionary, ["zzz", "x", "yy"])
        XCTAssertEqual(first.withRows(codes: [1], validity: nil)[0], "x")
    }

    func testPartsNotAllInOneSharedDictionaryAreLeftToTheByteMatch() {
        let one = SharedDictionary()
        XCTAssertNil(Column.concatenatingShared([part(["a"], in: one), part(["b"], in: SharedDictionary())]))
        XCTAssertNil(Column.concatenatingShared([part(["a"], in: one), part(["b"], in: nil)]))
        XCTAssertNil(Column.concatenatingShared([.int64(PrimitiveColumn(values: [1, 2]))]))
    }
}
