import AurumStorage

/// The SHA-256 digests of the files a store holds (`bronze_files.sha256`, 64 lowercase hex digits), by which an
/// ingest knows a file it has stored already.
///
/// Read from the stored text's bytes as 32-byte digests, with no String made: a store of 10,000 files held its
/// digests as a `Set<String>` at some 400 ns a file, a cost every ingest paid in proportion to the store.
struct StoredFileHashes: Sendable {
    private struct Digest: Hashable, Sendable {
        var words: SIMD4<UInt64>

        /// The digest written as `hex`, or nil when that is not 64 lowercase hex digits.
        init?(hex: UnsafeRawBufferPointer) {
            guard hex.count == 64 else { return nil }
            var words = SIMD4<UInt64>()
            for word in 0..<4 {
                var value: UInt64 = 0
                for offset in 0..<16 {
                    let byte = hex[word * 16 + offset]
                    let digit: UInt8
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                    default: return nil
                    }
                    value = value << 4 | UInt64(digit)
                }
                words[word] = value
            }
            self.words = words
        }
    }

    private var digests = Set<Digest>()
    /// Stored text that is not a digest as Aurum writes it (none in a store Aurum wrote): kept as it is.
    private var others = Set<String>()

    init() {}

    /// The digests in `store`'s `bronze_files` as of `snapshot`.
    init(of store: Store, in snapshot: Manifest) throws {
        try store.forEachText(ContractTable.bronzeFiles.rawValue, column: "sha256", in: snapshot) { insert(hex: $0) }
    }

    mutating func insert(_ hex: String) {
        var hex = hex
        hex.withUTF8 { insert(hex: UnsafeRawBufferPointer($0)) }
    }

    func contains(_ hex: String) -> Bool {
        var hex = hex
        return hex.withUTF8 { utf8 in
            Digest(hex: UnsafeRawBufferPointer(utf8)).map { digests.contains($0) } ?? others.contains(String(decoding: utf8, as: UTF8.self))
        }
    }

    private mutating func insert(hex: UnsafeRawBufferPointer) {
        if let digest = Digest(hex: hex) {
            digests.insert(digest)
        } else {
            others.insert(String(decoding: hex, as: UTF8.self))
        }
    }
}
