import AurumCore

/// What a pull reports as it goes: the hook a progress line (or a log) hangs on. Every method has a default that
/// does nothing, so an observer implements only what it shows.
public protocol PullObserver: Sendable {
    /// A response body was staged for Bronze: `rows` data rows, `bytes` bytes; `reached` is the latest day the
    /// fetch of `target` has got to (Meta: of the page's rows; Google: the end of the streamed piece), nil when
    /// the page holds no rows.
    func pageStaged(_ target: PullTarget, page: Int, rows: Int, bytes: Int, reached: Date32?)
    /// Page `page` of `target` was parsed for the ingest (while the next page is fetched): `rows` Bronze rows, or
    /// `problem`, why it is not a data page (the ingest rejects it).
    func pageParsed(_ target: PullTarget, page: Int, rows: Int, problem: String?)
    /// The pull waits `seconds` before its next request, for `reason` (throttling, backoff, a report running).
    func waiting(_ target: PullTarget, seconds: Double, reason: String)
    /// Meta's asynchronous report is `percent` done.
    func reportProgress(_ target: PullTarget, percent: Double)
    /// What hears the progress of the ingest that ends the pull (nil: nothing).
    var ingestProgress: (any ProgressObserver)? { get }
}

extension PullObserver {
    public func pageStaged(_ target: PullTarget, page: Int, rows: Int, bytes: Int, reached: Date32?) {}
    public func pageParsed(_ target: PullTarget, page: Int, rows: Int, problem: String?) {}
    public func waiting(_ target: PullTarget, seconds: Double, reason: String) {}
    public func reportProgress(_ target: PullTarget, percent: Double) {}
    public var ingestProgress: (any ProgressObserver)? { nil }
}

/// An observer that shows nothing.
public struct SilentPullObserver: PullObserver {
    public init() {}
}
