/// A hash of one group-key value that does not depend on which worker saw it (its code does): text by its
/// UTF-8 bytes, other values by their key bits (-0.0 as 0.0, since they group together), NULL alike everywhere.
/// Fixed, not seeded per process, so that a group's partition — and the order of a GROUP BY's rows — is the
/// same on every run. ``KeyEncoder`` keeps one per code; ``Aggregator`` combines a group's into its partition.
enum ValueHash {
    static let null: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Where a group's hash starts, before its keys' are folded in.
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    /// Text by its bytes (FNV-1a, then mixed).
    static func text(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return mix(hash)
    }

    /// A fixed-width value by its key bits.
    static func bits(_ bits: UInt64) -> UInt64 { mix(bits) }

    /// `hash` with one more key's hash folded in.
    @inline(__always)
    static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 { mix(hash ^ value) }

    /// SplitMix64's finaliser: every input bit reaches the top bits, which pick the partition.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
