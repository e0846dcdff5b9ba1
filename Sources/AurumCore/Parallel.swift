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

/// A value computed on a background thread while the caller goes on; ``value`` waits for it.
public final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The result, once the work has finished.
    public var value: Value {
        done.wait()
        done.signal()
        return result!
    }
}
