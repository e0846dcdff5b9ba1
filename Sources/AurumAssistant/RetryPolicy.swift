import Foundation

/// When ``ChatClient`` tries again: on HTTP 429 and 5xx, up to ``retriesMax`` times, waiting
/// `baseDelaySeconds × 2^retry` (1 s, 2 s, 4 s by default) or what the endpoint's `Retry-After` asks, never more
/// than ``delayMaxSeconds``.
///
/// The wait is a closure so that tests run without waiting (and can see the delays asked for).
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt (so up to `retriesMax + 1` requests).
    public var retriesMax: Int
    /// The first wait; each retry doubles it.
    public var baseDelaySeconds: Double
    /// No wait is longer, whatever `Retry-After` asks.
    public var delayMaxSeconds: Double
    /// Waits the given number of seconds (`Task.sleep` outside tests).
    public var sleep: @Sendable (Double) async -> Void

    public init(
        retriesMax: Int = 3, baseDelaySeconds: Double = 1, delayMaxSeconds: Double = 60,
        sleep: @escaping @Sendable (Double) async -> Void = RetryPolicy.taskSleep
    ) {
        self.retriesMax = retriesMax
        self.baseDelaySeconds = baseDelaySeconds
        self.delayMaxSeconds = delayMaxSeconds
        self.sleep = sleep
    }

    /// 3 retries, 1 s / 2 s / 4 s, at most 60 s.
    public static let standard = RetryPolicy()

    /// `Task.sleep` for `seconds` (a cancelled task stops waiting).
    public static let taskSleep: @Sendable (Double) async -> Void = { seconds in
        try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
    }

    /// The wait before retry number `retry` (0-based): the `Retry-After` header's seconds or HTTP date when
    /// given, else exponential backoff; capped at ``delayMaxSeconds``.
    public func delay(beforeRetry retry: Int, retryAfter: String?, now: Date = Date()) -> Double {
        if let retryAfter = retryAfter?.trimmingCharacters(in: .whitespaces), !retryAfter.isEmpty {
            if let seconds = Double(retryAfter), seconds.isFinite, seconds >= 0 { return min(seconds, delayMaxSeconds) }
            if let date = Self.httpDate(retryAfter) { return min(max(0, date.timeIntervalSince(now)), delayMaxSeconds) }
        }
        return min(baseDelaySeconds * pow(2, Double(retry)), delayMaxSeconds)
    }

    /// An RFC 9110 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
