#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written front to back that appears under its name only once complete: the bytes go to a temporary
/// file of its own beside `path` (created exclusively, so two writers never share one), which ``commit()``
/// fsyncs and renames over `path`, then fsyncs the directory. Dropped without a commit (an error on the way),
/// the temporary file is removed and `path` is left as it was.
public final class DurableFileStream {
    /// The final name.
    public let path: String
    /// The name written to until the commit.
    public let temporaryPath: String
    private var descriptor: Int32
    private var committed = false
    /// Bytes written so far: the offset the next write lands at.
    public private(set) var offset = 0

    public init(path: String) throws {
        self.path = path
        var attempt = 0
        while true {
            let candidate = "\(path)\(FileIO.temporarySuffix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let opened = open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
            if opened >= 0 {
                descriptor = opened
                temporaryPath = candidate
                return
            }
            attempt += 1
            guard errno == EEXIST && attempt < 16 else { throw StorageError.io(file: candidate, operation: "create", errno: errno) }
        }
    }

    deinit {
        if !committed {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends `bytes`.
    public func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StorageError.io(file: temporaryPath, operation: "write", errno: errno)
                }
                done += written
            }
        }
        offset += bytes.count
    }

    /// Makes the file durable under `path`, replacing what was there.
    public func commit() throws {
        precondition(!committed, "commit() called twice")
        guard fsync(descriptor) == 0 else { throw StorageError.io(file: temporaryPath, operation: "fsync", errno: errno) }
        committed = true
        let status = close(descriptor)
        guard status == 0 else {
            unlink(temporaryPath)
            throw StorageError.io(file: temporaryPath, operation: "close", errno: errno)
        }
        guard rename(temporaryPath, path) == 0 else {
            let error = errno
            unlink(temporaryPath)
            throw StorageError.io(file: path, operation: "rename", errno: error)
        }
        let parent = FileIO.parentDirectory(of: path)
        try FileIO.syncDirectory(parent.isEmpty ? "." : parent)
    }
}
