import XCTest

@testable import AurumStorage

final class XXH64Tests: XCTestCase {
    /// Bytes `(i × 31 + 7) mod 256`, the input of the length-sweep vectors below.
    private func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    func testPublishedVectors() {
        XCTAssertEqual(XXH64.hash([UInt8]()), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(XXH64.hash(Array("a".utf8)), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(XXH64.hash(Array("abc".utf8)), 0x44BC_2CF5_AD77_0999)
        XCTAssertEqual(XXH64.hash(Array("xxhash".utf8)), 0x32DD_3895_2C4B_C720)
        XCTAssertEqual(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8)), 0xFBCE_A83C_8A37_8BF1)
        XCTAssertEqual(XXH64.hash(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x0B24_2D36_1FDA_71BC)
    }

    /// Reference values from the Python `xxhash` package (4.1.0), across the 1/4/8/32-byte lane boundaries.
    func testLengthsAcrossLaneBoundaries() {
        let expected: [(Int, UInt64)] = [
            (0, 0xEF46DB3751D8E999), (1, 0xA96C7F0CE858BBB7), (2, 0xAC378C5993CD5F9A), (3, 0x56E6957632A487F9),
            (4, 0xC60D15B1E3FF8F04), (5, 0x808815858624DD4E), (6, 0xCF22B4E87E9BBD00), (7, 0xAFBEFC3D6C6F9A8E),
            (8, 0x3DA5C7AA269683E0), (9, 0x4B17A9BA9E215C09), (10, 0x6B889090B8A922B8), (11, 0x1FC070E44716BD8E),
            (12, 0x8FE8AB1C1FD0666E), (13, 0x0382284CC19C4ABB), (14, 0x1523F762201BA56E), (15, 0xAE2A37EB9357CAA7),
            (16, 0xA19AD429B02BC413), (17, 0xFE9F0FEB7EEEDC09), (18, 0xA44DBC53C815D4FE), (19, 0x3693E04C0DFC7DD2),
            (20, 0x0BFBADB368E7F37C), (21, 0xFE78683697D5C575), (22, 0xB07142420C77FE7F), (23, 0xE77B1FCEA84118C3),
            (24, 0x929438E5C2159EF9), (25, 0x7E6C95919380459F), (26, 0xAF2EFE1AA0CF37DC), (27, 0x8EDAA24C28D12EC6),
            (28, 0xA36B5C4091187D2A), (29, 0xEB1FEE1BF0954759), (30, 0x6A54EBE6FE40B928), (31, 0x4A74F3A1A39AD4A1),
            (32, 0x8D57D6A4671CC43D), (33, 0x62C9FD21ED857664), (34, 0x42CCE8A8F5FC5F1F), (35, 0x85CBCF9E0D9CBECA),
            (36, 0xA4475C606B0ABC3C), (37, 0x5D71D9FC4B676D9F), (38, 0x88A74AB8EAEB0218), (39, 0x1789542489E59CC4),
            (40, 0x49B45332E280F187), (63, 0x5C320A0D2707057F), (64, 0x7BBABBC45729D17E), (65, 0xF3980C34BAE65DC1),
            (95, 0x90F6CB6D1DB41380), (96, 0x1A4B207385051B55), (97, 0xB8016EEFF392BE5D), (100, 0xEFA0AD2D3E70C151),
            (127, 0x4822F4E67F60EA91), (128, 0x725A5B9B3BEDFE94), (129, 0x28FC8362643627D7), (255, 0x2C3DB4BB567F731E),
            (256, 0x7C1FF7B1D57C10D5), (1000, 0x99594F4828043D35), (4099, 0x98531E44AA4F969D),
        ]
        for (count, digest) in expected {
            XCTAssertEqual(XXH64.hash(pattern(count)), digest, "length \(count)")
        }
    }

    func testSeeds() {
        XCTAssertEqual(XXH64.hash([UInt8](), seed: 1), 0xD5AF_BA13_36A3_BE4B)
        XCTAssertEqual(XXH64.hash(Array("abc".utf8), seed: 1), 0xBEA9_CA81_9932_8908)
        XCTAssertEqual(XXH64.hash(Array("abc".utf8), seed: 0x9E37_79B1_85EB_CA87), 0xA7CB_2AAC_405E_36C7)
        XCTAssertEqual(XXH64.hash(pattern(7), seed: 0x9E37_79B1_85EB_CA87), 0xE10F_33AF_8C47_58A3)
        XCTAssertEqual(XXH64.hash(pattern(33), seed: 0x9E37_79B1_85EB_CA87), 0x8457_5B86_0242_FE41)
        XCTAssertEqual(XXH64.hash(pattern(100), seed: 0x9E37_79B1_85EB_CA87), 0xE10C_FEF3_A9A0_A5C5)
    }

    /// The raw-buffer form reads unaligned slices the same way as the array form.
    func testUnalignedSlicesMatchArrays() {
        let bytes = pattern(300)
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for count in [0, 1, 3, 4, 7, 8, 31, 32, 33, 64, 200] {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(start + count)])
                    XCTAssertEqual(XXH64.hash(slice), XXH64.hash(Array(bytes[start..<(start + count)])), "start \(start) count \(count)")
                }
            }
        }
    }

    func testEveryBitFlipChangesTheDigest() {
        let bytes = pattern(70)
        let original = XXH64.hash(bytes)
        for offset in bytes.indices {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[offset] ^= UInt8(1) << UInt8(bit)
                XCTAssertNotEqual(XXH64.hash(damaged), original, "byte \(offset) bit \(bit)")
            }
        }
    }

    func testChecksum64HexForm() throws {
        XCTAssertEqual(Checksum64(0).description, "0000000000000000")
        XCTAssertEqual(Checksum64(0xEF46_DB37_51D8_E999).description, "ef46db3751d8e999")
        let values: [UInt64] = [0, 1, 0xFF, 1 << 53 + 1, UInt64.max]
        let json = try JSONEncoder().encode(values.map(Checksum64.init))
        var reader = JSONPullReader(Array(json))
        XCTAssertEqual(try reader.elements { reader in try Checksum64(reading: &reader).value }, values)
        for bad in [#""123""#, #""zzzzzzzzzzzzzzzz""#, #""0000000000000000 ""#, "17"] {
            var reader = JSONPullReader(Array(bad.utf8))
            XCTAssertThrowsError(try Checksum64(reading: &reader), bad)
        }
    }
}
