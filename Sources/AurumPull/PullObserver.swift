/// What a pull reports as it goes: the hook a progress line (or a log) hangs on. Every method has a default that
/// does nothing, so an observer implements only what it shows.
public protocol PullObserver: Sendable {
    /// A response body was staged for Bronze: `rows` data rows, `bytes` bytes.
    func pageStaged(_ target: PullTarget, page: Int, rows: Int, bytes: Int)
    /// The pull waits `seconds` before its next request, for `reason` (throttling, backoff, a report running).
    func waiting(_ target: PullTarget, seconds: Double, reason: String)
    /// Meta's asynchronous report is `percent` done.
    func reportProgress(_ target: PullTarget, percent: Double)
}

extension PullObserver {
    public func pageStaged(_ target: PullTarget, page: Int, rows: Int, bytes: Int) {}
    public func waiting(_ target: PullTarget, seconds: Double, reason: String) {}
    public func reportProgress(_ target: PullTarget, percent: Double) {}
}

/// An observer that shows nothing.
public struct SilentPullObserver: PullObserver {
    public init() {}
}
