import AurumCore
import Dispatch
import XCTest

final class ParallelTests: XCTestCase {
    /// Sorting on every core gives what one sort gives, for sizes that make one slice or several (and runs of
    /// unequal length to merge), with many ties broken by a second field.
    func testSortMatchesASingleSort() {
        var generator = SeededGenerator(seed: 3)
        for count in [0, 1, 1_000, 65_536, 131_073, 400_001] {
            let input = (0..<count).map { position in (key: Int.random(in: 0..<5_000, using: &generator), position: position) }
            let expected = input.sorted { ($0.key, $0.position) < ($1.key, $1.position) }
            for workers in [1, 2, 3, 5] {
                var sorted = input
                Parallel.sort(&sorted, workers: workers) { ($0.key, $0.position) < ($1.key, $1.position) }
                XCTAssertTrue(sorted.elementsEqual(expected) { $0.key == $1.key && $0.position == $1.position }, "\(count) elements, \(workers) workers")
            }
        }
    }

    /// Every background task runs at once, even when each waits for all the others: none queues behind busy
    /// threads (Dispatch's pool would run about one a core and add a thread a second, taking a minute here).
    /// Started from the workers of a parallel loop, as a window of files is, each hashing beside its parse.
    func testBackgroundTasksRunAtOnceWhileTheirCallersWait() {
        let tasks = 64
        let started = DispatchSemaphore(value: 0)
        let allStarted = DispatchSemaphore(value: 0)
        let results = Parallel.map(tasks) { index in
            BackgroundTask { () -> Bool in
                started.signal()
                return allStarted.wait(timeout: .now() + 30) == .success
            }
        }
        for _ in 0..<tasks { XCTAssertEqual(started.wait(timeout: .now() + 30), .success) }
        for _ in 0..<tasks { allStarted.signal() }
        XCTAssertTrue(results.allSatisfy { $0.value })
    }

    /// A background task's value is its work's result, read as often as asked.
    func testBackgroundTaskValue() {
        let task = BackgroundTask { (1...1_000).reduce(0, +) }
        XCTAssertEqual(task.value, 500_500)
        XCTAssertEqual(task.value, 500_500)
    }
}
