import AurumCore

/// Independent pieces of one step over a result — a column per output expression, per aggregate's finish or
/// merge — run on every core once the result has rows enough to pay for the threads, else one after the other.
/// Either way the first error by index is the one thrown, so the outcome never depends on the threads.
///
/// What the single-threaded end of an aggregation spends its time on when it has many groups: finishing, merging
/// and projecting the weekly KPIs' 774K groups took 40 ms on one core of two while the other waited.
enum IndependentWork {
    /// Rows from which the pieces run on every core: below, a thread's start costs about what a piece does.
    static let parallelFromRows = 16_384

    /// `body(index)` for each index of `0..<count`, the results in index order; on every core when `rows` (what
    /// each piece works through) reaches ``parallelFromRows``. `body` must touch nothing another index touches.
    static func map<Result, Failure: Error>(_ count: Int, rows: Int, _ body: (Int) throws(Failure) -> Result) throws(Failure) -> [Result] {
        guard count > 1, rows >= parallelFromRows, Parallel.threadCount > 1 else {
            var results: [Result] = []
            results.reserveCapacity(count)
            for index in 0..<count { results.append(try body(index)) }
            return results
        }
        var results = [Result?](repeating: nil, count: count)
        var failures = [Failure?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { results in
            failures.withUnsafeMutableBufferPointer { failures in
                Parallel.forEachWorker(count) { index in
                    do throws(Failure) { results[index] = try body(index) } catch { failures[index] = error }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        return results.map { $0! }  // every index ran without an error
    }
}
