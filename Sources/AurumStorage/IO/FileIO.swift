#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AurumCore

/// The POSIX file operations the store needs, with the durability steps spelled out: a file becomes visible
/// under its final name only after its bytes are on disk (write to `name.tmp`, fsync, rename), and a directory
/// is fsynced after names in it change.
public enum FileIO {
    /// The suffix of a file being written; any such file found on open is a leftover of a crash.
    public static let temporarySuffix = ".tmp"

    /// Writes `bytes` to `path` durably: `path.tmp`, fsync, rename. The caller fsyncs the directory.
    public static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + temporarySuffix
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StorageError.io(file: temporary, operation: "create", errno: errno) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        try writeAll(bytes, to: descriptor, path: temporary)
        guard fsync(descriptor) == 0 else { throw StorageError.io(file: temporary, operation: "fsync", errno: errno) }
        closed = true
        guard close(descriptor) == 0 else { throw StorageError.io(file: temporary, operation: "close", errno: errno) }
        guard rename(temporary, path) == 0 else { throw StorageError.io(file: path, operation: "rename", errno: errno) }
    }

    /// Writes all of `bytes` to `descriptor` (retrying short writes and EINTR); `path` names it in errors.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StorageError.io(file: path, operation: "write", errno: errno)
                }
                offset += written
            }
        }
    }

    /// Makes the names in `directory` durable.
    public static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError.io(file: directory, operation: "open", errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageError.io(file: directory, operation: "fsync", errno: errno) }
    }

    /// The whole file.
    public static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw StorageError.missingFile(file: path) }
            throw StorageError.io(file: path, operation: "open", errno: errno)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw StorageError.io(file: path, operation: "stat", errno: errno) }
        let size = Int(status.st_size)
        // Read straight into the array's storage: zero-filling it first would be one more pass over every byte.
        return try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            try readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: 0, path: path)
            count = size
        }
    }

    /// Fills `buffer` from `descriptor` at `offset`; a short file is reported as truncated.
    public static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError.io(file: path, operation: "read", errno: errno)
            }
            if count == 0 {
                throw StorageError.corrupt(file: path, location: "byte \(offset + done)", reason: "file is truncated")
            }
            done += count
        }
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// What `stat` says of a path: its kind, identity and size.
    public struct Status: Sendable, Equatable {
        /// The kinds of file a path can name.
        public enum Kind: Sendable, Equatable {
            case regular, directory, symbolicLink, fifo, socket, characterDevice, blockDevice, other

            /// The kind in words, with an article ("a FIFO").
            public var phrase: String {
                switch self {
                case .regular: "a regular file"
                case .directory: "a directory"
                case .symbolicLink: "a symbolic link"
                case .fifo: "a FIFO (named pipe)"
                case .socket: "a socket"
                case .characterDevice: "a character device"
                case .blockDevice: "a block device"
                case .other: "not a regular file"
                }
            }
        }

        public var kind: Kind
        /// The device and inode: the same pair is the same file, whatever path reached it.
        public var device: UInt64
        public var inode: UInt64
        public var sizeBytes: Int
        /// The permission bits (`st_mode & 0o7777`).
        public var permissions: UInt32

        init(_ raw: stat) {
            kind =
                switch raw.st_mode & S_IFMT {
                case S_IFREG: .regular
                case S_IFDIR: .directory
                case S_IFLNK: .symbolicLink
                case S_IFIFO: .fifo
                case S_IFSOCK: .socket
                case S_IFCHR: .characterDevice
                case S_IFBLK: .blockDevice
                default: .other
                }
            device = UInt64(raw.st_dev)
            inode = UInt64(raw.st_ino)
            sizeBytes = Int(raw.st_size)
            permissions = UInt32(raw.st_mode & 0o7777)
        }
    }

    /// `path`'s status (following symbolic links unless `followingLinks` is false), or the errno of the failure.
    public static func status(_ path: String, followingLinks: Bool = true) -> Result<Status, StatusError> {
        var raw = stat()
        let result = followingLinks ? stat(path, &raw) : lstat(path, &raw)
        guard result == 0 else { return .failure(StatusError(errno: errno)) }
        return .success(Status(raw))
    }

    /// A failed `stat`, as its errno.
    public struct StatusError: Error, Sendable {
        public var errno: Int32
        /// The errno in words ("No such file or directory").
        public var reason: String { FileIO.reason(errno: errno) }
        /// Whether the path (or a symbolic link's target) does not exist.
        public var isMissing: Bool { errno == ENOENT }
    }

    /// An errno in words ("Permission denied").
    public static func reason(errno: Int32) -> String { String(cString: strerror(errno)) }

    /// The entries of `directory` (not recursive), without `.` and `..`, sorted by the bytes of their names, each
    /// with its ``status(_:followingLinks:)`` (following symbolic links).
    ///
    /// - Throws: ``StorageError/io(file:operation:errno:)`` when the directory cannot be opened or read
    ///   (unlike ``list(_:)``, which answers empty).
    public static func entries(of directory: String) throws -> [(name: String, status: Result<Status, StatusError>)] {
        guard let handle = opendir(directory) else { throw StorageError.io(file: directory, operation: "open directory", errno: errno) }
        defer { closedir(handle) }
        let descriptor = dirfd(handle)
        var entries: [(name: String, status: Result<Status, StatusError>)] = []
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 { throw StorageError.io(file: directory, operation: "read directory", errno: errno) }
                break
            }
            let status = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { name -> (String, Result<Status, StatusError>)? in
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return nil }  // "." and ".."
                    // Relative to the open directory: the kernel does not walk the directory's path again per entry.
                    var raw = stat()
                    let status: Result<Status, StatusError> =
                        fstatat(descriptor, name, &raw, 0) == 0 ? .success(Status(raw)) : .failure(StatusError(errno: errno))
                    return (String(cString: name), status)
                }
            }
            if let (name, status) = status { entries.append((name, status)) }
        }
        return entries.sorted { ExactText.bytesPrecede($0.name, $1.name) }
    }

    /// Creates `path` and its parents when missing.
    public static func makeDirectory(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = parentDirectory(of: path)
        if !parent.isEmpty && parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw StorageError.io(file: path, operation: "mkdir", errno: errno)
        }
    }

    /// The names in `directory` (not recursive), without `.` and `..`; empty when it does not exist.
    public static func list(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func remove(_ path: String) { unlink(path) }

    /// Removes the empty directory at `path` (nothing happens when it is not empty or not there).
    public static func removeDirectory(_ path: String) { rmdir(path) }

    /// The size of the file at `path` in bytes, or nil.
    public static func size(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// `path` without its last component ("" when it has none).
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
