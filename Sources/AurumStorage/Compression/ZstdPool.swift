import Foundation

/// Decompression contexts for whichever thread reads a block next: a ``Zstd`` is not thread-safe, and making one
/// per block costs more than decompressing a small block, so each read borrows an idle one (or makes one when all
/// are busy) and gives it back. At most as many are made as reads ever ran at once.
final class ZstdPool: @unchecked Sendable {
    private var idle: [Zstd] = []
    private let lock = NSLock()

    /// `body` with a context no other thread uses meanwhile.
    func withContext<Result>(_ body: (Zstd) throws -> Result) rethrows -> Result {
        let zstd = lock.withLock { idle.popLast() } ?? Zstd()
        defer { lock.withLock { idle.append(zstd) } }
        return try body(zstd)
    }
}
