#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import AurumCore
import Synchronization

/// The CLI's only way to print and fail: standard output for results, standard error for errors.
///
/// Every byte goes through ``writeAll(_:to:)``, which checks each `write(2)`: a failed write never traps.
/// - Standard output closed by its reader (EPIPE, e.g. `aurum query … | head -1`): the rest of the output is
///   dropped without a word, as `cat` does, and the command ends with the status it would have had.
/// - Any other failure writing standard output (a full disk, `>&-`, an I/O error): one line on standard error
///   (saying what was already committed, see ``committed``) and exit status 1.
/// - A failure writing standard error: nothing is left to tell; an error still exits with status 1.
enum Console {
    /// What the running command already made durable, said when its output then cannot be written (an ingest's
    /// summary failing to print must not read as a failed ingest). Set it right after a commit.
    static var committed: String? {
        get { state.withLock { $0.committed } }
        set { state.withLock { $0.committed = newValue } }
    }

    /// Whether standard output's reader has gone (EPIPE): further output is dropped.
    static var standardOutputClosed: Bool { state.withLock { $0.outputClosed } }

    static func print(_ text: String) {
        write(Array((text + "\n").utf8))
    }

    static func write(_ bytes: [UInt8]) {
        guard !standardOutputClosed else { return }
        let failure = writeAll(bytes, to: STDOUT_FILENO)
        switch failure {
        case nil: return
        case EPIPE?: state.withLock { $0.outputClosed = true }
        case let code?:
            let note = committed.map { "; \($0)" } ?? ""
            let reason = code == EBADF ? "it is closed" : String(cString: strerror(code))
            error("cannot write standard output: \(reason)\(note)")
            terminate(.failure)
        }
    }

    /// Ends the process with `code` (for the few places that cannot throw it).
    static func terminate(_ code: ExitCode) -> Never {
        exit(code.rawValue)
    }

    static func error(_ text: String) {
        _ = writeAll(Array(("aurum: error: " + text + "\n").utf8), to: STDERR_FILENO)
    }

    /// `text` on standard error as it is (the REPL's errors, which keep going).
    static func printError(_ text: String) {
        _ = writeAll(Array((text + "\n").utf8), to: STDERR_FILENO)
    }

    /// Writes all of `bytes` to `descriptor`; returns the errno of a failed write, or nil.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return nil }
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    /// Makes the process's writes safe before anything runs: SIGPIPE ignored (so a closed pipe is an EPIPE to
    /// handle, not a kill), and descriptors 0, 1 and 2 open — a closed one gets `/dev/null` opened read-only, so
    /// that no file the store opens can take its number (and receive query output), while writes to it still
    /// fail and are reported.
    static func prepareStandardStreams() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Runs `body`; any error is printed as one line on stderr and the process exits with status 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            self.error(String(describing: error))
            throw ExitCode.failure
        }
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        ReadableNumber.integer(Int64(value))
    }

    /// `text` padded with spaces to `width` terminal columns (right-aligned when `right`); emoji and other wide
    /// characters count two.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - TableRenderer.displayWidth(text)))
        return right ? padding + text : text + padding
    }

    private struct State {
        var committed: String?
        var outputClosed = false
    }

    /// (A lock: the REPL's line editor writes from its signal handling too.)
    private static let state = Mutex(State())
}

/// `write(2)`, named apart from ``Console/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
