import AurumCore
import XCTest

final class ByteSizeTests: XCTestCase {
    func testUnitsAreDecimalOrBinaryAsIECWritesThem() {
        XCTAssertEqual(ByteSize.bytes("1048576"), 1_048_576)
        XCTAssertEqual(ByteSize.bytes("512MB"), 512_000_000)
        XCTAssertEqual(ByteSize.bytes("512mib"), 512 << 20)
        XCTAssertEqual(ByteSize.bytes("2GiB"), 2 << 30)
        XCTAssertEqual(ByteSize.bytes("2 GB"), 2_000_000_000)
        XCTAssertEqual(ByteSize.bytes("1G"), 1 << 30)
        XCTAssertEqual(ByteSize.bytes("1.5g"), 3 << 29)
        XCTAssertEqual(ByteSize.bytes("64k"), 64 << 10)
        XCTAssertEqual(ByteSize.bytes(" 7B "), 7)
    }

    func testWhatIsNotASizeIsNil() {
        for text in ["", "MB", "-1MB", "1..5G", ".5G", "5.G", "12 parsecs", "1e3", "2GBB", "99999999999TB", "1 2"] {
            XCTAssertNil(ByteSize.bytes(text), text)
        }
    }

    func testDescriptionUsesTheLargestBinaryUnit() {
        XCTAssertEqual(ByteSize.description(256 << 20), "256 MiB")
        XCTAssertEqual(ByteSize.description(3 << 29), "1.5 GiB")
        XCTAssertEqual(ByteSize.description(1000), "1000 bytes")
    }
}
