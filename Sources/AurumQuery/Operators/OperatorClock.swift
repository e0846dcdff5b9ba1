/// The wall-clock time an operator takes to produce its rows, for `EXPLAIN ANALYZE`: from the start of its scan to
/// its end, less the time the block above spends on the batches it is handed (``handUp(_:)``). The operators under
/// it run inside its scan, so their time is part of it.
struct OperatorClock {
    private let start = ContinuousClock.now
    private var handedUpSeconds = 0.0

    /// Runs `body` (handing a batch to the block above) without counting its time.
    mutating func handUp(_ body: () throws -> Void) rethrows {
        let start = ContinuousClock.now
        defer { handedUpSeconds += StepTimes.since(start) }
        try body()
    }

    /// The seconds counted so far.
    var seconds: Double { StepTimes.since(start) - handedUpSeconds }
}
