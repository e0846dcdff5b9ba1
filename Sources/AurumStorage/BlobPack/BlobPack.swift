import AurumCore

/// A file of opaque byte blobs keyed by UInt64, compressed together in frames of about
/// ``BlobPack/frameTargetBytes`` so that many small similar blobs (raw API pages) share one zstd context.
///
/// Layout: magic `AURUMBLB`, UInt16 version 1, UInt16 0, UInt32 0; the frames back to back; a footer —
/// UInt32 frameCount, per frame (UInt64 offset, UInt32 storedBytes, UInt32 rawBytes, UInt64 XXH64 of the
/// stored bytes), UInt32 blobCount, per blob (UInt64 key, UInt32 frame, UInt32 offset in the frame,
/// UInt32 length) — and the same 24-byte trailer as a segment (footer XXH64, footer length, 0, `AURUMEND`).
public struct BlobPackInfo: Sendable, Encodable, Equatable {
    /// File name relative to the store directory.
    public var file: String
    /// The keys it holds, in the order they were added.
    public var keys: [UInt64]
    public var byteCount: Int
    public var footerChecksum: Checksum64
}

/// A blob on its way into a pack: its key and bytes, and its frame when it was compressed ahead.
public struct PackBlob: Sendable {
    public let key: UInt64
    public let bytes: [UInt8]
    /// The blob compressed as a frame of its own (``BlobPack/compressAlone(_:)``) while the caller did other work
    /// with it (a big Bronze file, on another core while it was parsed); nil: it is compressed with its
    /// neighbours when the pack is written.
    public let frame: [UInt8]?

    public init(key: UInt64, bytes: [UInt8], frame: [UInt8]? = nil) {
        self.key = key
        self.bytes = bytes
        self.frame = frame
    }
}

public enum BlobPack {
    public static let frameTargetBytes = 16 << 20
    static let magic: [UInt8] = Array("AURUMBLB".utf8)
    /// The version this Aurum writes and the only one it reads (docs/segment-format.md, versioning rules).
    public static let formatVersion: UInt16 = 1

    struct Frame {
        var offset: UInt64
        var storedBytes: UInt32
        var rawBytes: UInt32
        var checksum: UInt64
    }

    struct Entry {
        var key: UInt64
        var frame: UInt32
        var offset: UInt32
        var length: UInt32
    }

    /// Writes `blobs` durably as `directory/name`; the caller syncs the directory.
    public static func write(_ blobs: [PackBlob], directory: String, name: String, zstd: Zstd) throws -> BlobPackInfo {
        var file = ByteWriter()
        file.append(bytes: magic)
        file.append(formatVersion)
        file.append(UInt16(0))
        file.append(UInt32(0))
        // Blobs are cut into frames first (a frame is written when some blob lies in it, even if every such blob
        // is empty), then the frames are compressed on all cores: one thread compressing a whole pack was the one
        // serial stage of an ingest on many cores. A blob compressed ahead is a frame of its own.
        var entries: [Entry] = []
        var frameBlobs: [Range<Int>] = []
        var frameStart = 0
        var pendingBytes = 0
        func closeFrame(at end: Int) {
            frameBlobs.append(frameStart..<end)
            frameStart = end
            pendingBytes = 0
        }
        for (index, blob) in blobs.enumerated() {
            precondition(blob.bytes.count < Int(UInt32.max), "a blob must be smaller than 4 GiB")
            let alone = blob.frame != nil
            if index > frameStart && (alone || (pendingBytes > 0 && pendingBytes + blob.bytes.count > frameTargetBytes)) {
                closeFrame(at: index)
            }
            entries.append(Entry(key: blob.key, frame: UInt32(frameBlobs.count), offset: UInt32(pendingBytes), length: UInt32(blob.bytes.count)))
            pendingBytes += blob.bytes.count
            if alone { closeFrame(at: index + 1) }
        }
        if frameStart < blobs.count { frameBlobs.append(frameStart..<blobs.count) }
        let frameCompressed: [(stored: [UInt8], rawBytes: Int)]
        if frameBlobs.count == 1 {
            frameCompressed = [compressFrame(blobs[frameBlobs[0]], zstd: zstd)]
        } else {
            // A context per frame (a context is one thread's), with the caller's settings.
            let level = zstd.level
            let longWindowLog = zstd.longWindowLog
            let frameBlobs = frameBlobs
            frameCompressed = Parallel.map(frameBlobs.count) { frame in
                compressFrame(blobs[frameBlobs[frame]], zstd: Zstd(level: level, longWindowLog: longWindowLog))
            }
        }
        var frames: [Frame] = []
        for (stored, rawBytes) in frameCompressed {
            frames.append(Frame(offset: UInt64(file.count), storedBytes: UInt32(stored.count), rawBytes: UInt32(rawBytes), checksum: XXH64.hash(stored)))
            file.append(bytes: stored)
        }
        var footer = ByteWriter()
        footer.append(UInt32(frames.count))
        for frame in frames {
            footer.append(frame.offset)
            footer.append(frame.storedBytes)
            footer.append(frame.rawBytes)
            footer.append(frame.checksum)
        }
        footer.append(UInt32(entries.count))
        for entry in entries {
            footer.append(entry.key)
            footer.append(entry.frame)
            footer.append(entry.offset)
            footer.append(entry.length)
        }
        let footerChecksum = XXH64.hash(footer.bytes)
        file.append(bytes: footer.bytes)
        file.append(footerChecksum)
        file.append(UInt32(footer.count))
        file.append(UInt32(0))
        file.append(bytes: Array("AURUMEND".utf8))
        try FileIO.writeDurably(file.bytes, to: directory + "/" + name)
        return BlobPackInfo(file: name, keys: blobs.map(\.key), byteCount: file.count, footerChecksum: Checksum64(footerChecksum))
    }

    /// `bytes` compressed as a pack's frame holding that one blob, with the store's settings for Bronze
    /// (``PackBlob/frame``).
    public static func compressAlone(_ bytes: [UInt8]) -> [UInt8] { Store.blobCompressor().compress(bytes) }

    /// The blobs of one frame, back to back, compressed (a blob compressed ahead, as it was); and their size.
    private static func compressFrame(_ blobs: ArraySlice<PackBlob>, zstd: @autoclosure () -> Zstd) -> (stored: [UInt8], rawBytes: Int) {
        if blobs.count == 1, let frame = blobs.first!.frame { return (frame, blobs.first!.bytes.count) }
        var raw: [UInt8] = []
        raw.reserveCapacity(blobs.reduce(0) { $0 + $1.bytes.count })
        for blob in blobs { raw.append(contentsOf: blob.bytes) }
        return (zstd().compress(raw), raw.count)
    }

    /// Reads every blob of the pack at `path`, checking every checksum; calls `body` in the order of writing.
    /// With `footerChecksum` (the manifest's record), a pack whose footer differs is refused before any blob.
    public static func read(
        path: String, name: String, zstd: Zstd, footerChecksum expected: UInt64? = nil,
        _ body: (UInt64, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let bytes = try FileIO.read(path)
        try bytes.withUnsafeBytes { raw in
            let trailerBytes = 24
            guard raw.count >= 16 + trailerBytes, Array(raw[0..<8]) == magic else {
                throw StorageError.corrupt(file: name, location: "header", reason: "not an Aurum blob pack")
            }
            let version = UInt16(raw[8]) | UInt16(raw[9]) << 8
            guard version == formatVersion else {
                if version > formatVersion { throw StorageError.unsupportedVersion(file: name, version: Int(version)) }
                throw StorageError.corrupt(file: name, location: "header", reason: "format version \(version)")
            }
            // Reserved bytes are written as zero; a version that uses them is a new version.
            guard raw[10..<16].allSatisfy({ $0 == 0 }) else {
                throw StorageError.corrupt(file: name, location: "header", reason: "reserved bytes are not zero")
            }
            guard Array(raw[(raw.count - 8)...]) == Array("AURUMEND".utf8) else {
                throw StorageError.corrupt(file: name, location: "trailer", reason: "no end marker")
            }
            guard raw[(raw.count - 12)..<(raw.count - 8)].allSatisfy({ $0 == 0 }) else {
                throw StorageError.corrupt(file: name, location: "trailer", reason: "reserved bytes are not zero")
            }
            let checksum = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - trailerBytes, as: UInt64.self))
            let footerLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - trailerBytes + 8, as: UInt32.self)))
            guard footerLength <= raw.count - 16 - trailerBytes else {
                throw StorageError.corrupt(file: name, location: "trailer", reason: "footer length exceeds the file")
            }
            let footerStart = raw.count - trailerBytes - footerLength
            let footerBytes = UnsafeRawBufferPointer(rebasing: raw[footerStart..<(footerStart + footerLength)])
            guard XXH64.hash(footerBytes) == checksum else {
                throw StorageError.corrupt(file: name, location: "footer", reason: "checksum mismatch")
            }
            guard expected.map({ $0 == checksum }) ?? true else {
                throw StorageError.corrupt(file: name, location: "footer", reason: "does not match the manifest")
            }
            var reader = ByteReader(footerBytes, file: name, location: "footer")
            let frameCount = try reader.readCount(minimumItemBytes: 24)
            var frames: [Frame] = []
            for _ in 0..<frameCount {
                let frame = Frame(offset: try reader.read(), storedBytes: try reader.read(), rawBytes: try reader.read(), checksum: try reader.read())
                guard frame.offset >= 16, frame.offset <= UInt64(footerStart), UInt64(frame.storedBytes) <= UInt64(footerStart) - frame.offset else {
                    throw reader.corrupt("frame outside the data area")
                }
                frames.append(frame)
            }
            let entryCount = try reader.readCount(minimumItemBytes: 20)
            var currentFrame = -1
            var content: [UInt8] = []
            for _ in 0..<entryCount {
                let entry = Entry(key: try reader.read(), frame: try reader.read(), offset: try reader.read(), length: try reader.read())
                guard Int(entry.frame) < frames.count else { throw reader.corrupt("blob in frame \(entry.frame) of \(frames.count)") }
                let frameIndex = Int(entry.frame)
                if frameIndex != currentFrame {
                    let frame = frames[frameIndex]
                    let stored = UnsafeRawBufferPointer(rebasing: raw[Int(frame.offset)..<(Int(frame.offset) + Int(frame.storedBytes))])
                    guard XXH64.hash(stored) == frame.checksum else {
                        throw StorageError.corrupt(file: name, location: "frame \(frameIndex)", reason: "checksum mismatch")
                    }
                    content = try zstd.decompress(stored, expectedCount: Int(frame.rawBytes), file: "\(name) (frame \(frameIndex))")
                    currentFrame = frameIndex
                }
                guard Int(entry.offset) + Int(entry.length) <= content.count else {
                    throw reader.corrupt("blob \(entry.key) overruns its frame")
                }
                try content.withUnsafeBytes { try body(entry.key, UnsafeRawBufferPointer(rebasing: $0[Int(entry.offset)..<(Int(entry.offset) + Int(entry.length))])) }
            }
            guard reader.remaining == 0 else { throw reader.corrupt("unexpected bytes after the footer") }
        }
    }
}
