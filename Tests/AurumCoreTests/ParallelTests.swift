import AurumCore
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
}
