import AurumStorage

/// The SHA-256 digests of the files a store holds (`bronze_files.sha256`, 64 lowercase hex digits), by which an
/// ingest knows a file it has stored already.
///
/// Read from the stored text's bytes, with no String made: a store of 10,000 files held its digests as a
/// `Set<String>` at some 350 ns a file, a cost every ingest paid in proportion to the store.
struct StoredFileHashes: Sendable {
    /// A digest's 64 hex digits as they are stored, taken as eight words: compared whole, hashed by two of
    /// them (hex digits of SHA-256 are as good as random).
    private struct Digest: Hashable, Sendable {
        var words: SIMD8<UInt64>

        /// `hex` as a digest's text, or nil when it is not 64 bytes long.
        init?(hex: UnsafeRawBufferPointer) {
            guard hex.count == 64 else { return nil }
            words = hex.loadUnaligned(as: SIMD8<UInt64>.self)
        }

        static func == (a: Digest, b: Digest) -> Bool { a.words == b.words }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words[0])
            hasher.combine(words[7])
        }
    }

    private var digests = Set<Digest>()
    /// Stored text that is not 64 bytes long (none in a store Aurum wrote): kept as it is.
    private var others = Set<String>()

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
