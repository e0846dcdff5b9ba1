#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the user named, written front to back (``OutputFile/open(_:protecting:)`` makes one, after its checks).
///
/// A regular file, or a new one, appears under its name only once complete: the bytes go to a temporary file of
/// its own beside `path` (`mkstemp`: created exclusively, so nothing already there is overwritten and two writers
/// never share one), which ``commit()`` fsyncs, gives the replaced file's permission bits, renames over `path`
/// and follows with an fsync of the directory. Dropped without a commit (an error on the way), the temporary file
/// is removed and `path` is left as it was. Anything else (a device, a FIFO, `/dev/stdout`) is written in place.
public final class DurableFileStream {
    /// The final name.
    public let path: String
    /// The name written to until the commit (`path` itself when written in place).
    public let temporaryPath: String
    private let descriptor: Int32
    private let inPlace: Bool
    private var closed = false
    /// Bytes written so far: the offset the next write lands at.
    public private(set) var offset = 0

    /// A temporary file beside `path` that ``commit()`` renames over it, with `permissions` (mode bits).
    init(replacing path: String, permissions: UInt32) throws {
        let directory = FileIO.parentDirectory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let pattern = (directory.isEmpty ? "" : directory + "/") + "." + name + ".XXXXXX"
        var template = Array(pattern.utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard opened >= 0 else { throw StorageError.io(file: pattern, operation: "create", errno: errno) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fchmod(opened, mode_t(permissions)) == 0 else {
            let error = errno
            close(opened)
            unlink(temporary)
            throw StorageError.io(file: temporary, operation: "chmod", errno: error)
        }
        self.path = path
        self.temporaryPath = temporary
        self.descriptor = opened
        self.inPlace = false
    }

    /// `path` itself, opened for writing (a device or a FIFO, which must not be renamed over).
    init(inPlace path: String) throws {
        let opened = open(path, O_WRONLY | O_CLOEXEC)
        guard opened >= 0 else { throw StorageError.io(file: path, operation: "open", errno: errno) }
        self.path = path
        self.temporaryPath = path
        self.descriptor = opened
        self.inPlace = true
    }

    deinit {
        if !closed {
            close(descriptor)
            if !inPlace { unlink(temporaryPath) }
        }
    }

    /// Appends `bytes`.
    public func append(_ bytes: [UInt8]) throws {
        try FileIO.writeAll(bytes, to: descriptor, path: temporaryPath)
        offset += bytes.count
    }

    /// Makes the file durable under `path`, replacing what was there (in place: closes it).
    public func commit() throws {
        precondition(!closed, "commit() called twice")
        closed = true
        if inPlace {
            guard close(descriptor) == 0 else { throw StorageError.io(file: path, operation: "close", errno: errno) }
            return
        }
        guard fsync(descriptor) == 0 else {
            let error = errno
            close(descriptor)
            unlink(temporaryPath)
            throw StorageError.io(file: temporaryPath, operation: "fsync", errno: error)
        }
        guard close(descriptor) == 0 else {
            let error = errno
            unlink(temporaryPath)
            throw StorageError.io(file: temporaryPath, operation: "close", errno: error)
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
