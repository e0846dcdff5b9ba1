import CZstd

/// The one place Aurum calls libzstd. Contexts are reused across calls (creating one per block costs more
/// than compressing a small block); an instance is not thread-safe, so give each thread its own.
public final class Zstd {
    private let compressionContext: OpaquePointer
    private let decompressionContext: OpaquePointer
    /// The compression level. 3 is zstd's default; level 9 is never worth it here (notes/swift-toolbox.md).
    public let level: Int32
    /// The long-distance window (log2 bytes), when set.
    public let longWindowLog: Int32?

    /// - Parameter longWindowLog: when set, long-distance matching over a window of 2^`longWindowLog` bytes
    ///   (at most 2^27, which any reader accepts without special settings): for big inputs that repeat
    ///   themselves far apart, such as many JSON pages of the same shape in one frame. Long matches must run
    ///   128 bytes (zstd's default is 64): pages repeat in long stretches, so as many are found and the
    ///   search costs less (on generated pages, 14–21% faster at the same or a slightly better ratio).
    public init(level: Int32 = 3, longWindowLog: Int32? = nil) {
        guard let cctx = ZSTD_createCCtx(), let dctx = ZSTD_createDCtx() else {
            preconditionFailure("libzstd could not allocate a context (out of memory)")
        }
        self.compressionContext = cctx
        self.decompressionContext = dctx
        self.level = level
        self.longWindowLog = longWindowLog
        var status = ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)
        if let longWindowLog {
            precondition(longWindowLog <= 27, "windows past 2^27 need readers to raise their limit")
            status = max(status, ZSTD_CCtx_setParameter(cctx, ZSTD_c_enableLongDistanceMatching, 1))
            status = max(status, ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, longWindowLog))
            status = max(status, ZSTD_CCtx_setParameter(cctx, ZSTD_c_ldmMinMatch, 128))
        }
        precondition(ZSTD_isError(status) == 0, "zstd rejected a parameter: \(String(cString: ZSTD_getErrorName(status)))")
    }

    deinit {
        ZSTD_freeCCtx(compressionContext)
        ZSTD_freeDCtx(decompressionContext)
    }

    /// `input` as one zstd frame.
    public func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        // Written in place: zero-filling a buffer of the bound first would cost a pass over it (and its page faults).
        return [UInt8](unsafeUninitializedCapacity: bound) { destination, count in
            let written = ZSTD_compress2(compressionContext, destination.baseAddress, bound, input.baseAddress, input.count)
            // Compressing into a buffer of ZSTD_compressBound bytes cannot fail except on allocation failure.
            precondition(ZSTD_isError(written) == 0, "zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))")
            count = written
        }
    }

    /// `input` as one zstd frame.
    public func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { compress($0) }
    }

    /// Decompresses one frame that must expand to exactly `expectedCount` bytes.
    ///
    /// - Throws: ``StorageError/compression(file:reason:)`` naming `file` when the frame is damaged or its size
    ///   is not `expectedCount`.
    public func decompress(_ input: UnsafeRawBufferPointer, expectedCount: Int, file: String) throws -> [UInt8] {
        var written = 0
        // Decompressed in place, not into a zero-filled buffer; on error nothing of it is read.
        let output = [UInt8](unsafeUninitializedCapacity: expectedCount) { destination, count in
            written = ZSTD_decompressDCtx(decompressionContext, destination.baseAddress, expectedCount, input.baseAddress, input.count)
            count = ZSTD_isError(written) == 0 && written == expectedCount ? expectedCount : 0
        }
        if ZSTD_isError(written) != 0 {
            throw StorageError.compression(file: file, reason: String(cString: ZSTD_getErrorName(written)))
        }
        if written != expectedCount {
            throw StorageError.compression(
                file: file, reason: "frame expands to \(written) bytes, expected \(expectedCount)")
        }
        return output
    }
}
