import Foundation

/// Where the REPL writes query results: standard output, a file set by `.output FILE` until `.output`, or a
/// file set by `.once FILE` for the next result only. Messages (help, timer, errors) always go to the terminal.
final class ReplOutput {
    /// Writes to standard output (replaced in tests).
    private let standardOutput: ([UInt8]) -> Void
    private var redirect: (path: String, handle: FileHandle)?
    private var once: (path: String, handle: FileHandle)?

    init(standardOutput: @escaping ([UInt8]) -> Void) {
        self.standardOutput = standardOutput
    }

    deinit {
        try? redirect?.handle.close()
        try? once?.handle.close()
    }

    /// Whether the next result goes to a file (`.output` or `.once`) rather than the terminal.
    var isRedirected: Bool { once != nil || redirect != nil }

    /// `.output FILE` (nil: back to standard output). Creates or empties FILE.
    func redirect(to path: String?) throws {
        try? redirect?.handle.close()
        redirect = nil
        if let path { redirect = (path, try Self.create(path)) }
    }

    /// `.once FILE`. Creates or empties FILE now, so a bad path is reported before the query runs.
    func redirectNextResult(to path: String) throws {
        try? once?.handle.close()
        once = nil
        once = (path, try Self.create(path))
    }

    /// Writes one query's result (and ends a `.once`).
    func writeResult(_ bytes: [UInt8]) throws {
        if let once {
            defer { endOnce() }
            try write(bytes, to: once)
        } else if let redirect {
            try write(bytes, to: redirect)
        } else {
            standardOutput(bytes)
        }
    }

    /// Ends a `.once` whose statement failed before producing a result.
    func endOnce() {
        try? once?.handle.close()
        once = nil
    }

    private func write(_ bytes: [UInt8], to target: (path: String, handle: FileHandle)) throws {
        do {
            try target.handle.write(contentsOf: Data(bytes))
        } catch {
            throw CLIError.unwritable(path: target.path, reason: error.localizedDescription)
        }
    }

    private static func create(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CLIError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
