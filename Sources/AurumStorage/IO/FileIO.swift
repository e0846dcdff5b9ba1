#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StorageError.io(file: temporary, operation: "write", errno: errno)
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw StorageError.io(file: temporary, operation: "fsync", errno: errno) }
        closed = true
        guard close(descriptor) == 0 else { throw StorageError.io(file: temporary, operation: "close", errno: errno) }
        guard rename(temporary, path) == 0 else { throw StorageError.io(file: path, operation: "rename", errno: errno) }
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
