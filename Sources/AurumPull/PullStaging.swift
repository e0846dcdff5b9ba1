#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumStorage

/// Where pulled pages wait for the ingest that ends the pull: `STORE/pull/<source>/<account>/<job>/`.
///
/// Each response body is written there durably (temporary name, fsync, rename) the moment it arrives, so a pull
/// killed at any point keeps every page it had; the next pull ingests them, and resumes a job of the same range
/// where it stopped. A job directory is named `<pull time>_<since>_<until>` so that byte-wise path order (the
/// ingest order, contract rule 2) puts later pulls after earlier ones: their restated rows win. The directory
/// is removed only after the ingest that took its pages has committed.
struct PullStaging {
    static let folder = "pull"
    static let completeMarker = "COMPLETE"

    /// The store directory.
    let store: String
    var root: String { store + "/" + Self.folder }

    /// Takes `pull/LOCK` (the kernel lets go when the process exits, however it exits): one pull at a time per
    /// store, since a pull ingests and then removes every staged job. Returns the descriptor to close when done.
    func lock() throws -> Int32 {
        if !FileIO.isDirectory(root) {
            do { try FileIO.makeDirectory(root) } catch { throw PullError.staging(path: root, reason: "\(error)") }
        }
        let descriptor = open(root + "/LOCK", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PullError.staging(path: root + "/LOCK", reason: "cannot open (errno \(errno))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PullError.staging(path: root, reason: "another aurum pull is running on this store; wait for it to finish")
        }
        return descriptor
    }

    /// The job directory of `target`: an unfinished one of the same range if a pull left one, else a new one.
    func job(for target: PullTarget, pullTime: String) throws -> StagingJob {
        let accountDirectory = root + "/" + target.account.source.rawValue + "/" + target.account.name
        let suffix = "_\(target.range.since)_\(target.range.until)"
        // Only an unfinished job is resumed: a finished one (left by a pull that stopped between its commit and
        // its clean-up) is ingested as it is, and this pull fetches the range afresh after it.
        let unfinished = FileIO.list(accountDirectory).sorted().last { name in
            name.hasSuffix(suffix) && !StagingJob(path: accountDirectory + "/" + name).isComplete
        }
        if let unfinished { return StagingJob(path: accountDirectory + "/" + unfinished) }
        let path = accountDirectory + "/" + pullTime + suffix
        for directory in [root + "/" + target.account.source.rawValue, accountDirectory, path] where !FileIO.isDirectory(directory) {
            do { try FileIO.makeDirectory(directory) } catch { throw PullError.staging(path: directory, reason: "\(error)") }
        }
        return StagingJob(path: path)
    }

    /// Every job directory staged, finished or not.
    func allJobs() -> [StagingJob] {
        var jobs: [StagingJob] = []
        for source in FileIO.list(root) {
            for account in FileIO.list(root + "/" + source) {
                for job in FileIO.list(root + "/" + source + "/" + account) {
                    let path = root + "/" + source + "/" + account + "/" + job
                    if FileIO.isDirectory(path) { jobs.append(StagingJob(path: path)) }
                }
            }
        }
        return jobs.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}

/// One account and range's staged pages.
struct StagingJob: Sendable {
    let path: String

    /// The staged pages (`.json`), in ingest order; half-written temporaries are not pages.
    var pages: [String] { FileIO.list(path).filter { $0.hasSuffix(".json") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }

    /// Every page of the job's range has been staged.
    var isComplete: Bool { FileIO.exists(path + "/" + PullStaging.completeMarker) }

    /// Marks the job complete, after making every page's name durable: the marker never survives a crash
    /// that a page it vouches for did not.
    func markComplete() throws {
        do { try FileIO.syncDirectory(path) } catch { throw PullError.staging(path: path, reason: "\(error)") }
        try write(Array("complete\n".utf8), name: PullStaging.completeMarker)
    }

    /// Writes `bytes` as `name`: its bytes are on disk before it appears under its name (a page lost to a power
    /// failure before its directory is synced is fetched again; a torn page never appears).
    func write(_ bytes: [UInt8], name: String) throws {
        do {
            try FileIO.writeDurably(bytes, to: path + "/" + name)
        } catch {
            throw PullError.staging(path: path + "/" + name, reason: "\(error)")
        }
    }

    /// The bytes of `name`, or nil when it is not there.
    func read(_ name: String) -> [UInt8]? {
        guard FileIO.exists(path + "/" + name) else { return nil }
        return try? FileIO.read(path + "/" + name)
    }

    /// Removes the job's files and directory (after the ingest that took them committed).
    func remove() {
        for name in FileIO.list(path) { FileIO.remove(path + "/" + name) }
        FileIO.removeDirectory(path)
    }
}
