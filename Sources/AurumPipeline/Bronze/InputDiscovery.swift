import AurumCore
import AurumStorage

/// Expands the paths given to `aurum ingest` into the files of one run, in ingest order.
///
/// The walk never blocks and never loops: it reads only regular files (a FIFO, socket or device is passed over
/// with a note, since opening a FIFO waits for a writer that may never come), and it enters each directory once,
/// known by its device and inode, so symbolic links that lead back up (or to the same directory twice) cannot
/// make it loop or multiply. A path it cannot read — a directory it may not list, a broken symbolic link — is
/// rejected by name, like a file that is not a data page.
public enum InputDiscovery {
    /// The outcome of a walk.
    public struct Inputs: Sendable {
        /// Every regular file found, sorted by the bytes of its path (contract rule 2), each path once.
        public var files: [String] = []
        /// Each file's size in bytes when it was found, in the order of ``files``.
        public var sizes: [Int] = []
        /// Paths that could not be read, and why (the run exits with status 1).
        public var rejected: [IngestSummary.RejectedFile] = []
        /// Paths passed over on purpose, and why (not an error: a FIFO, a directory already walked).
        public var passedOver: [IngestSummary.RejectedFile] = []
    }

    /// Every regular file under `paths` (directories recursively, hidden files included).
    ///
    /// - Throws: ``PipelineError/unreadableInput(path:reason:)`` when a path given does not exist at all.
    public static func files(under paths: [String]) throws -> Inputs {
        var walk = Walk()
        for path in paths {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            if case .failure(let error) = FileIO.status(trimmed), error.isMissing,
                case .failure = FileIO.status(trimmed, followingLinks: false)
            {
                throw PipelineError.unreadableInput(path: path, reason: "no such file or directory")
            }
            walk.visit(trimmed)
        }
        var inputs = walk.inputs
        // A memcmp each, on an array that is in order already but where paths given overlap or a name sorts
        // below its directory's ("a-b" before "a/x"): the sort finds the runs.
        let found = walk.found.sorted { ExactText.bytesPrecede($0.path, $1.path) }
        for (index, file) in found.enumerated() where index == 0 || !ExactText.sameBytes(file.path, found[index - 1].path) {
            inputs.files.append(file.path)
            inputs.sizes.append(file.size)
        }
        return inputs
    }

    private struct Walk {
        /// Each regular file found, with its size, in the order found (a path given twice is found twice).
        var found: [(path: String, size: Int)] = []
        var inputs = Inputs()
        /// (device, inode) of each directory entered, with the path it was entered by.
        var entered: [DirectoryIdentity: String] = [:]

        struct DirectoryIdentity: Hashable {
            var device: UInt64
            var inode: UInt64
        }

        /// `known`: the path's status when its directory's listing gave it.
        mutating func visit(_ path: String, known: Result<FileIO.Status, FileIO.StatusError>? = nil) {
            let status: FileIO.Status
            switch known ?? FileIO.status(path) {
            case .success(let found):
                status = found
            case .failure(let error):
                let reason: String
                if case .success(let link) = FileIO.status(path, followingLinks: false), link.kind == .symbolicLink {
                    reason = error.isMissing
                        ? "a broken symbolic link (its target does not exist)"
                        : "cannot follow the symbolic link: \(error.reason)"
                } else {
                    reason = "cannot read: \(error.reason)"
                }
                inputs.rejected.append(.init(path: path, reason: reason))
                return
            }
            switch status.kind {
            case .regular:
                found.append((path, status.sizeBytes))
            case .directory:
                let identity = DirectoryIdentity(device: status.device, inode: status.inode)
                if let first = entered[identity] {
                    inputs.passedOver.append(.init(path: path, reason: "the same directory as \(first), already read"))
                    return
                }
                entered[identity] = path
                let entries: [(name: String, status: Result<FileIO.Status, FileIO.StatusError>)]
                do {
                    entries = try FileIO.entries(of: path)
                } catch StorageError.io(_, _, let code) {
                    inputs.rejected.append(.init(path: path, reason: "cannot read the directory: \(FileIO.reason(errno: code))"))
                    return
                } catch {
                    inputs.rejected.append(.init(path: path, reason: "cannot read the directory: \(error)"))
                    return
                }
                for entry in entries { visit(path + "/" + entry.name, known: entry.status) }
            default:
                inputs.passedOver.append(.init(path: path, reason: "\(status.kind.phrase), not a regular file"))
            }
        }
    }
}
