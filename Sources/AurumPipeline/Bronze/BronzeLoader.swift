import AurumAdsAPI
import AurumCore
import AurumStorage

/// An input file read, hashed and parsed, ready to join a run.
struct LoadedFile: Sendable {
    enum Outcome: Sendable {
        case unreadable(reason: String)
        /// Its bytes are already in the store (same SHA-256): not parsed.
        case alreadyStored(sha256: String)
        /// `parsedAhead`: the parse was handed in (``ParsedPages``), not made by this run. `frame`: a big file's
        /// bytes compressed for its blob pack beside its parse (``PackBlob/frame``).
        case loaded(bytes: [UInt8], frame: [UInt8]?, sha256: String, page: Result<ParsedPage, PageError>, parsedAhead: Bool)
    }

    let path: String
    let outcome: Outcome
}

/// Reads, hashes and parses input files on all cores, one window of files ahead of the caller, and hands them
/// back in input order — so a run's outcome never depends on thread timing, only on the order of the files.
///
/// Reading, SHA-256 and JSON parsing are per-file and independent; what follows (dedup within the run,
/// Silver order, file ids) is sequential and stays with the caller. A window is at most ``windowBytes`` (or
/// one larger file), so memory is bounded by about two windows whatever the input size.
struct BronzeLoader {
    static let windowBytes = 32 << 20

    private let parser: PageParser
    private let stored: StoredFileHashes
    private let parsed: ParsedPages?
    /// The size of all the input files.
    let totalBytes: Int
    /// The size of the files handed back by ``next()`` so far (for progress).
    private(set) var bytesDone = 0
    /// Windows not yet started, last first, with their sizes.
    private var windows: [(paths: ArraySlice<String>, bytes: Int)]
    private var ahead: (task: BackgroundTask<[LoadedFile]>, bytes: Int)?

    /// - Parameters:
    ///   - sizes: each path's size in bytes, as found (``InputDiscovery/Inputs/sizes``): it only cuts windows.
    ///   - stored: SHA-256 digests of the files the store already holds (these are not parsed).
    ///   - parsed: pages parsed already, made with `parser`'s conversion preference: a file whose bytes are
    ///     among them is not parsed again.
    init(paths: [String], sizes: [Int], parser: PageParser, stored: StoredFileHashes, parsed: ParsedPages? = nil) {
        self.parser = parser
        self.stored = stored
        self.parsed = parsed
        var windows: [(paths: ArraySlice<String>, bytes: Int)] = []
        var start = 0
        var bytes = 0
        var totalBytes = 0
        for (index, size) in sizes.enumerated() {
            bytes += size
            totalBytes += size
            if bytes >= Self.windowBytes {
                windows.append((paths[start...index], bytes))
                start = index + 1
                bytes = 0
            }
        }
        if start < paths.count { windows.append((paths[start...], bytes)) }
        self.totalBytes = totalBytes
        self.windows = windows.reversed()
        ahead = nextTask()
    }

    /// The next window of files, in input order; nil after the last.
    mutating func next() -> [LoadedFile]? {
        guard let current = ahead else { return nil }
        ahead = nextTask()
        bytesDone += current.bytes
        return current.task.value
    }

    private mutating func nextTask() -> (task: BackgroundTask<[LoadedFile]>, bytes: Int)? {
        guard let window = windows.popLast() else { return nil }
        let paths = Array(window.paths)
        let parser = parser
        let stored = stored
        let parsed = parsed
        return (
            BackgroundTask { Parallel.map(paths.count) { Self.load(paths[$0], parser: parser, stored: stored, parsed: parsed) } },
            window.bytes
        )
    }

    private static func load(_ path: String, parser: PageParser, stored: StoredFileHashes, parsed: ParsedPages?) -> LoadedFile {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch StorageError.io(_, _, let code) {
            return LoadedFile(path: path, outcome: .unreadable(reason: "cannot read: \(FileIO.reason(errno: code))"))
        } catch StorageError.missingFile {
            return LoadedFile(path: path, outcome: .unreadable(reason: "cannot read: it was removed while the ingest ran"))
        } catch {
            return LoadedFile(path: path, outcome: .unreadable(reason: "cannot read: \(error)"))
        }
        if bytes.count >= Self.asideBytes && parsed == nil {
            // A big file is hashed, then compressed for its blob pack, on another core while it is parsed: a
            // window of one 200 MB stream would otherwise keep one core busy hashing, then parsing, then
            // compressing, while the others wait. Its parse is wasted only when its bytes are already stored (a
            // repeated ingest of the same file); it is then not compressed.
            let aside = BackgroundTask { () -> (hash: String, frame: [UInt8]?) in
                let hash = bytes.withUnsafeBytes { SHA256.hex($0) }
                return (hash, stored.contains(hash) ? nil : BlobPack.compressAlone(bytes))
            }
            let page = Result { () throws(PageError) in try parser.parse(bytes) }
            let (hash, frame) = aside.value
            guard let frame else { return LoadedFile(path: path, outcome: .alreadyStored(sha256: hash)) }
            return LoadedFile(path: path, outcome: .loaded(bytes: bytes, frame: frame, sha256: hash, page: page, parsedAhead: false))
        }
        let hash = bytes.withUnsafeBytes { SHA256.hex($0) }
        if stored.contains(hash) { return LoadedFile(path: path, outcome: .alreadyStored(sha256: hash)) }
        if let page = parsed?.outcome(sha256: hash) {
            return LoadedFile(path: path, outcome: .loaded(bytes: bytes, frame: nil, sha256: hash, page: page, parsedAhead: true))
        }
        let page = Result { () throws(PageError) in try parser.parse(bytes) }
        return LoadedFile(path: path, outcome: .loaded(bytes: bytes, frame: nil, sha256: hash, page: page, parsedAhead: false))
    }

    /// Files from this size on are hashed and compressed beside their parse, on two cores (smaller ones fill a
    /// window's cores with files of their own).
    static let asideBytes = 8 << 20
}
