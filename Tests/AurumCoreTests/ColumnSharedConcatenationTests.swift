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

    func testPartsNotAllInOneSharedDictionaryAreLeftToTheByteMatch() {
        let one = SharedDictionary()
        XCTAssertNil(Column.concatenatingShared([part(["a"], in: one), part(["b"], in: SharedDictionary())]))
        XCTAssertNil(Column.concatenatingShared([part(["a"], in: one), part(["b"], in: nil)]))
        XCTAssertNil(Column.concatenatingShared([.int64(PrimitiveColumn(values: [1, 2]))]))
    }
}
