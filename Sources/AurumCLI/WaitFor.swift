import AurumQuery
import Dispatch

/// Runs `operation` on the concurrency runtime and blocks the calling thread until it finishes.
///
/// The commands (ArgumentParser's synchronous `ParsableCommand`) and the REPL (a blocking line editor) are
/// synchronous; the assistant is `async` because it waits on HTTP. The thread that waits here is the main
/// thread, never one of the cooperative pool's, so the task it waits for always has a thread to run on.
func waitFor<Value: Sendable, Failure: Error>(_ operation: @escaping @Sendable () async throws(Failure) -> Value) throws(Failure) -> Value {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<Value, Failure>()
    Task {
        do throws(Failure) {
            box.result = .success(try await operation())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { preconditionFailure("the task signalled without a result") }
    return try result.get()
}

/// ``waitFor(_:)`` that stops waiting once `cancellation` says so (Ctrl-C while a model answers): the task is
/// cancelled (which cancels its HTTP request) and ``QueryError/cancelled`` is thrown without waiting for it to
/// wind down. `cancellation` is asked every 20 ms.
func waitFor<Value: Sendable>(
    cancellation: QueryCancellation, _ operation: @escaping @Sendable () async throws -> Value
) throws -> Value {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<Value, any Error>()
    let task = Task {
        do {
            box.result = .success(try await operation())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
        if cancellation.isCancelled {
            task.cancel()
            throw QueryError.cancelled
        }
    }
    guard let result = box.result else { preconditionFailure("the task signalled without a result") }
    return try result.get()
}

/// The result handed from the task to the waiting thread; the semaphore orders the write before the read.
private final class ResultBox<Value, Failure: Error>: @unchecked Sendable {
    var result: Result<Value, Failure>?
}

/// A value used by one task at a time although its type is not `Sendable`: the assistant (it holds the query
/// engine's catalogue) is handed to the task that ``waitFor(_:)`` runs while the thread that owns it waits.
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}
