import CAurumSHA256

/// SHA-256 (FIPS 180-4): the content identity of a Bronze file, so that re-ingesting the same bytes is a no-op
/// whatever the file is called. Every ingested byte is hashed, so this runs in C (`Sources/CAurumSHA256`) on the
/// CPU's SHA extensions where it has them, portable C otherwise — no crypto dependency for one hash.
public enum SHA256 {
    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(digest(bytes))
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { output, count in
            aurum_sha256(bytes.baseAddress, bytes.count, output.baseAddress)
            count = 32
        }
    }

    /// The digest computed by the portable code alone: the scalar twin the tests hold the accelerated path to.
    static func portableDigest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { output, count in
            aurum_sha256_portable(bytes.baseAddress, bytes.count, output.baseAddress)
            count = 32
        }
    }

    /// Whether ``digest(_:)`` runs on the CPU's SHA extensions.
    static var isAccelerated: Bool { aurum_sha256_accelerated() != 0 }

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
