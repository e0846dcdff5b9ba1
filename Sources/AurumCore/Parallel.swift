#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CAurumAffinity
import Dispatch

/// Work spread over the machine's cores, with results in a fixed order so the outcome never depends on timing.
public enum Parallel {
    /// Threads worth running at once: the processors this process may run on (its CPU affinity, so `taskset -c 0`
    /// or a container's cpuset means one worker, not one per core of the machine), or `AURUM_THREADS` when set
    /// (1 runs everything on the calling thread).
    public static let threadCount: Int = {
        if let count = threadsSetting { return count }
        let allowed = Int(aurum_allowed_processors())
        return allowed >= 1 ? allowed : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// `AURUM_THREADS`, when it is set to a count.
    public static let threadsSetting: Int? = {
        guard let text = getenv("AURUM_THREADS"), let count = Int(String(cString: text)), count >= 1 else { return nil }
        return count
    }()


    /// `body(worker)` for every worker in `0..<count`, each on its own thread, returning when all are done.
    /// The body may capture non-Sendable state: each worker must touch only its own part of it.
    public static func forEachWorker(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { worker in shared.value(worker) }
        }
    }

    private struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// `body(index)` for every index in `0..<count`, run on all cores; the results in index order.
    public static func map<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let slots = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.store(body(index), at: index) }
        return slots.values()
    }

    /// Sorts `elements` on `workers` cores (all by default): a slice per worker sorted at once, then the sorted
    /// slices merged pairwise. For a total order the result is `sort(by:)`'s (elements equal under a total order
    /// cannot be told apart).
    public static func sort<Element>(
        _ elements: inout [Element], workers: Int = threadCount, by areInIncreasingOrder: (Element, Element) -> Bool
    ) {
        let workers = min(workers, elements.count / minimumSortSlice)
        guard workers > 1 else {
            elements.sort(by: areInIncreasingOrder)
            return
        }
        let bounds = (0...workers).map { elements.count * $0 / workers }
        elements.withUnsafeMutableBufferPointer { buffer in
            forEachWorker(workers) { worker in
                var slice = UnsafeMutableBufferPointer(rebasing: buffer[bounds[worker]..<bounds[worker + 1]])
                slice.sort(by: areInIncreasingOrder)
            }
        }
        var runs = zip(bounds, bounds.dropFirst()).map { $0..<$1 }
        while runs.count > 1 {
            var merged: [Element] = []
            merged.reserveCapacity(elements.count)
            var mergedRuns: [Range<Int>] = []
            for pair in stride(from: 0, to: runs.count, by: 2) {
                let start = merged.count
                if pair + 1 == runs.count {
                    merged.append(contentsOf: elements[runs[pair]])
                } else {
                    var (left, right) = (runs[pair].lowerBound, runs[pair + 1].lowerBound)
                    let (leftEnd, rightEnd) = (runs[pair].upperBound, runs[pair + 1].upperBound)
                    while left < leftEnd && right < rightEnd {
                        // The left run first on ties: it came first.
                        if areInIncreasingOrder(elements[right], elements[left]) {
                            merged.append(elements[right])
                            right += 1
                        } else {
                            merged.append(elements[left])
                            left += 1
                        }
                    }
                    merged.append(contentsOf: elements[left..<leftEnd])
                    merged.append(contentsOf: elements[right..<rightEnd])
                }
                mergedRuns.append(start..<merged.count)
            }
            elements = merged
            runs = mergedRuns
        }
    }

    /// The fewest elements a worker sorts on its own in ``sort(_:by:)``.
    private static let minimumSortSlice = 1 << 16

    /// One result per index, written by distinct threads to distinct slots.
    private final class Slots<Value>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Value?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }

        func store(_ value: Value, at index: Int) { buffer[index] = value }

        func values() -> [Value] { buffer.map { $0! } }
    }
}

/// A value computed on a thread of its own while the caller goes on; ``value`` waits for it.
///
/// Its own thread, not Dispatch's pool: a pool thread that waits for work queued behind it (a window of files
/// parsed on the pool, each big file hashed beside its parse) blocks until Dispatch notices, about a second
/// later, that every pool thread is waiting and adds one. A thread of its own always runs at once.
public final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let outcome = Outcome()

    public init(_ work: @escaping @Sendable () -> Value) {
        let outcome = outcome
        DetachedThread.start {
            outcome.result = work()
            outcome.done.signal()
        }
    }

    /// The result, once the work has finished.
    public var value: Value {
        outcome.done.wait()
        outcome.done.signal()
        return outcome.result!
    }

    /// Written once by the task's thread before `done` is signalled; read after waiting for it.
    private final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Value?
    }
}

/// A body run on a new detached thread (a thread of its own, outside Dispatch's pool).
private final class DetachedThread {
    private let body: () -> Void

    private init(_ body: @escaping () -> Void) { self.body = body }

    /// Starts `body` on a new thread, or runs it on the caller's when the process can have no more threads.
    static func start(_ body: @escaping () -> Void) {
        let context = Unmanaged.passRetained(DetachedThread(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<DetachedThread>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        if started == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<DetachedThread>.fromOpaque(context).takeRetainedValue().body()
        }
    }
}
