import XCTest

@testable import AurumStorage

/// Byte vectors worked out by hand from the compact protocol's spec
/// (apache/thrift doc/specs/thrift-compact-protocol.md).
final class ThriftCompactWriterTests: XCTestCase {
    func testShortFieldHeaderPacksDeltaAndType() {
        var writer = ThriftCompactWriter()
        writer.field(1, i32: 2)  // delta 1, type i32 (5); zigzag(2) = 4
        writer.field(2, i32: -1)  // delta from field 1 is 1 again; zigzag(-1) = 1
        writer.field(3, i64: 300)  // type i64 (6); zigzag(300) = 600 = 0b100_1011000 → 0xD8 0x04
        XCTAssertEqual(writer.finished(), [0x15, 0x04, 0x15, 0x01, 0x16, 0xD8, 0x04, 0x00])
    }

    func testLongFieldHeaderWhenDeltaIsOutOfRange() {
        var writer = ThriftCompactWriter()
        writer.field(20, i32: 0)  // delta 20 > 15: type byte, then zigzag(20) = 40
        writer.field(3, i32: 0)  // a smaller id: long form again, zigzag(3) = 6
        writer.field(4, i16: -2)  // back to short form, delta 1, type i16 (4); zigzag(-2) = 3
        XCTAssertEqual(writer.finished(), [0x05, 0x28, 0x00, 0x05, 0x06, 0x00, 0x14, 0x03, 0x00])
    }

    func testBooleansLiveInTheTypeNibble() {
        var writer = ThriftCompactWriter()
        writer.field(1, bool: true)
        writer.field(2, bool: false)
        XCTAssertEqual(writer.finished(), [0x11, 0x12, 0x00])
    }

    func testBinaryStringByteAndDouble() {
        var writer = ThriftCompactWriter()
        writer.field(4, string: "ab")  // type binary (8), length varint 2
        writer.field(5, i8: -1)  // type byte (3), two's complement
        writer.field(6, double: 1.0)  // type double (7), 8 bytes little-endian
        XCTAssertEqual(writer.finished(), [0x48, 0x02, 0x61, 0x62, 0x13, 0xFF, 0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x00])
    }

    func testNestedStructRestartsFieldIDs() {
        var writer = ThriftCompactWriter()
        writer.field(5) { inner in
            inner.field(1, i32: 7)  // delta from 0 inside the struct
        }
        writer.field(6, i32: 1)  // delta from 5, the outer struct's last id
        XCTAssertEqual(writer.finished(), [0x5C, 0x15, 0x0E, 0x00, 0x15, 0x02, 0x00])
    }

    func testListHeaders() {
        var short = ThriftCompactWriter()
        short.field(1, i32List: [1, 2, 3])  // size 3 and type i32 in one byte
        XCTAssertEqual(short.finished(), [0x19, 0x35, 0x02, 0x04, 0x06, 0x00])

        var long = ThriftCompactWriter()
        long.field(1, stringList: Array(repeating: "", count: 20))  // 0xF | binary, then varint size 20
        XCTAssertEqual(long.finished(), [0x19, 0xF8, 0x14] + Array(repeating: 0x00, count: 20) + [0x00])

        var structs = ThriftCompactWriter()
        structs.field(2, listOf: .struct, count: 2) { list in
            for value: Int32 in [1, -1] {
                list.beginStruct()
                list.field(1, i32: value)
                list.endStruct()
            }
        }
        XCTAssertEqual(structs.finished(), [0x29, 0x2C, 0x15, 0x02, 0x00, 0x15, 0x01, 0x00, 0x00])
    }

    func testVarintAndZigzagEdges() {
        var writer = ThriftCompactWriter()
        XCTAssertEqual(writer.zigzag(0), 0)
        XCTAssertEqual(writer.zigzag(-1), 1)
        XCTAssertEqual(writer.zigzag(1), 2)
        XCTAssertEqual(writer.zigzag(Int64.max), UInt64.max - 1)
        XCTAssertEqual(writer.zigzag(Int64.min), UInt64.max)
        writer.varint(127)
        writer.varint(128)
        writer.varint(UInt64.max)
        XCTAssertEqual(writer.bytes, [0x7F, 0x80, 0x01] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    /// A data page header as parquet.thrift defines it: PageHeader{1: type, 2: uncompressed, 3: compressed,
    /// 5: DataPageHeader{1: num_values, 2: encoding, 3: def encoding, 4: rep encoding}}.
    func testDataPageHeader() {
        let header = ParquetPageHeader(kind: .data(valueCount: 100, encoding: .rleDictionary), uncompressedSize: 64, compressedSize: 70)
        // 100 → zigzag 200 → 0xC8 0x01; 64 → 128 → 0x80 0x01; 70 → 140 → 0x8C 0x01; RLE_DICTIONARY 8 → 16; RLE 3 → 6.
        XCTAssertEqual(
            header.encoded(),
            [0x15, 0x00, 0x15, 0x80, 0x01, 0x15, 0x8C, 0x01, 0x2C, 0x15, 0xC8, 0x01, 0x15, 0x10, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00])
    }

    func testDictionaryPageHeader() {
        let header = ParquetPageHeader(kind: .dictionary(valueCount: 3), uncompressedSize: 5, compressedSize: 6)
        // type DICTIONARY_PAGE (2 → 4); field 7 is 4 past field 3; DictionaryPageHeader{1: 3 → 6, 2: PLAIN 0}.
        XCTAssertEqual(header.encoded(), [0x15, 0x04, 0x15, 0x0A, 0x15, 0x0C, 0x4C, 0x15, 0x06, 0x15, 0x00, 0x00, 0x00])
    }
}
