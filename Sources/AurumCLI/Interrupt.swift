import AurumQuery
import CAurumInterrupt
import Foundation

/// Ctrl-C for work that should stop, not the process: a SIGINT handler (Sources/CAurumInterrupt) counts each
/// one, and ``whileWorking(_:)`` hands the work a ``QueryCancellation`` that turns true at the next one. The
/// query engine and the wait for a model ask it between pieces of work, so Ctrl-C stops them in milliseconds.
///
/// Installed by the interactive REPL and by `aurum query`; every other command keeps SIGINT's default (the
/// process ends at once with status 130).
enum Interrupt {
    /// Routes SIGINT to the counter from now on.
    static func install() {
        aurum_interrupt_install()
    }

    /// SIGINTs so far.
    static var count: UInt64 { aurum_interrupt_count() }

    /// Runs `body` with a cancellation that turns true at the next Ctrl-C. Three Ctrl-Cs that `body` does not
    /// answer end the process (status 130), like the DuckDB shell.
    static func whileWorking<Value>(_ body: (QueryCancellation) throws -> Value) rethrows -> Value {
        let start = aurum_interrupt_begin_work()
        defer { aurum_interrupt_end_work() }
        return try body(QueryCancellation { aurum_interrupt_count() != start })
    }

    /// Ends the process as SIGINT's default would (status 130 in the shell), after the caller has tidied up.
    static func exitAsInterrupted() -> Never {
        signal(SIGINT, SIG_DFL)
        raise(SIGINT)
        exit(130)
    }
}
