#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file the user named (`aurum export --out FILE`) without harm to what is already there.
///
/// - "" and any path inside a store are refused: a store is the directory given as `protecting`, or any
///   directory holding a `MANIFEST`, at any level above the file (symbolic links resolved first). Replacing a
///   store's file would destroy the store for good.
/// - An existing file that is not a regular file (a device such as `/dev/null`, a FIFO, `/dev/stdout`) is
///   opened and written in place, never renamed over.
/// - A regular file, or a new one, is replaced atomically: the bytes go to a temporary file beside it with a
///   unique name (`mkstemp`, created with `O_EXCL`, so nothing already there is overwritten), are fsynced, take
///   the replaced file's permission bits (a new file gets 0666 less the umask), and the temporary is renamed
///   over `path`. On every failure the temporary is removed.
public enum OutputFile {
    /// Writes `bytes` to `path` (see ``OutputFile``).
    ///
    /// - Parameter protecting: store directories to refuse besides those recognised by their `MANIFEST`.
    /// - Throws: ``StorageError/unsafeOutput(path:reason:)`` for a path refused, ``StorageError/io(file:operation:errno:)``
    ///   when a system call fails.
    public static func write(_ bytes: [UInt8], to path: String, protecting stores: [String] = []) throws {
        let stream = try open(path, protecting: stores)
        try stream.append(bytes)
        try stream.commit()
    }

    /// A stream to `path` that replaces it on ``DurableFileStream/commit()`` (see ``OutputFile``): for writers
    /// that produce a file piece by piece (Parquet), so the whole never sits in memory.
    public static func open(_ path: String, protecting stores: [String] = []) throws -> DurableFileStream {
        guard !path.isEmpty else { throw StorageError.unsafeOutput(path: path, reason: "the file name is empty") }
        let target = try resolve(path)
        try refuseInsideStore(path: path, resolved: target.resolved, stores: stores)
        switch target.status?.kind {
        case nil, .regular?:
            return try DurableFileStream(replacing: target.resolved, permissions: target.status?.permissions ?? defaultPermissions())
        case .directory?:
            throw StorageError.unsafeOutput(path: path, reason: "it is a directory; give a file name")
        case .some:
            return try DurableFileStream(inPlace: target.resolved)
        }
    }

    /// The absolute path `path` stands for (its symbolic links resolved, or its directory's when it does not
    /// exist yet) and its status when it exists.
    private static func resolve(_ path: String) throws -> (resolved: String, status: FileIO.Status?) {
        if case .success(let status) = FileIO.status(path) {
            // (A pipe behind /dev/stdout has no path to resolve to: it is then written as named.)
            return (realPath(path) ?? path, status)
        }
        if case .success(let link) = FileIO.status(path, followingLinks: false), link.kind == .symbolicLink {
            throw StorageError.unsafeOutput(path: path, reason: "it is a symbolic link to a file that does not exist")
        }
        let parent = FileIO.parentDirectory(of: path)
        let directory = parent.isEmpty ? "." : parent
        guard let realDirectory = realPath(directory), FileIO.isDirectory(realDirectory) else {
            throw StorageError.unsafeOutput(path: path, reason: "its directory \(directory) does not exist")
        }
        let name = parent.isEmpty ? path : String(path[path.index(after: path.lastIndex(of: "/") ?? path.startIndex)...])
        guard !name.isEmpty, name != ".", name != ".." else {
            throw StorageError.unsafeOutput(path: path, reason: "it names a directory; give a file name")
        }
        return ((realDirectory == "/" ? "" : realDirectory) + "/" + name, nil)
    }

    private static func refuseInsideStore(path: String, resolved: String, stores: [String]) throws {
        for store in stores {
            guard let root = realPath(store) else { continue }
            if resolved == root || resolved.hasPrefix(root == "/" ? "/" : root + "/") {
                throw StorageError.unsafeOutput(path: path, reason: "it is inside the store \(store); write the export outside it")
            }
        }
        var directory = FileIO.parentDirectory(of: resolved)
        while !directory.isEmpty {
            let manifest = (directory == "/" ? "" : directory) + "/" + Manifest.fileName
            if case .success = FileIO.status(manifest, followingLinks: false) {
                throw StorageError.unsafeOutput(
                    path: path, reason: "it is inside the Aurum store \(directory) (it holds a \(Manifest.fileName)); write the export outside it")
            }
            if directory == "/" { break }
            directory = FileIO.parentDirectory(of: directory)
        }
    }

    /// `path` with every symbolic link resolved, absolute; nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// 0666 less the process's umask: what `open(O_CREAT, 0666)` would give a new file.
    private static func defaultPermissions() -> UInt32 {
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~UInt32(mask)
    }
}
