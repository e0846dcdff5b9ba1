import CCrypto

/// SHA-256 (FIPS 180-4): the content identity of a Bronze file, so that re-ingesting the same bytes is a no-op
/// whatever the file is called.
///
/// OpenSSL's libcrypto computes it (loaded at the first digest: `CCrypto`): crypto code comes from a library, this
/// one signs BigQuery keys too, and it runs on the CPU's SHA extensions where it has them. Aurum
/// had its own C SHA-256 until a measurement found it no faster on Bronze-sized files (docs/performance.md,
/// "Checksums: own code or library").
public enum SHA256 {
    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(digest(bytes))
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { output, count in
            // The one-shot SHA256() (not deprecated in OpenSSL 3, unlike SHA256_Init/Update/Final). An empty
            // buffer may have no base address: OpenSSL reads nothing when the length is 0.
            _ = aurum_SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, output.baseAddress)
            count = 32
        }
    }

    static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
