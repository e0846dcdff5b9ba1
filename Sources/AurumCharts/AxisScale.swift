import Foundation

/// A value axis: its bounds, widened to round numbers, and the round values to label (1, 2, 2.5 or 5 times a
/// power of ten apart).
///
/// All-equal values get a band around them (a flat line drawn mid-height, not on an edge); a bar axis always
/// reaches zero so that a bar's length is its value.
public struct AxisScale: Sendable, Equatable {
    /// The axis' lowest value (a tick).
    public var lower: Double
    /// The axis' highest value (a tick), above ``lower``.
    public var upper: Double
    /// The distance between ticks.
    public var step: Double
    /// The ticks from ``lower`` to ``upper``.
    public var ticks: [Double]

    /// An axis covering `lower…upper` with about `tickCount` ticks (at least 2); `includingZero` makes it reach
    /// zero (bars).
    public init(covering lower: Double, _ upper: Double, tickCount: Int = 5, includingZero: Bool = false) {
        precondition(lower.isFinite && upper.isFinite && lower <= upper, "finite bounds in order")
        var low = lower
        var high = upper
        if includingZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if low == high {
            // One value (or several equal ones): a band around it, so it draws mid-height.
            let pad = low == 0 ? 1 : abs(low) * 0.5
            if includingZero && low == 0 {
                high = 1
            } else if includingZero {
                if low > 0 { low = 0 } else { high = 0 }
            } else {
                low -= pad
                high += pad
            }
        }
        let step = Self.niceStep((high - low) / Double(max(tickCount - 1, 1)))
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        guard step > 0, step.isFinite, first.isFinite, last.isFinite, last - first <= 1000 else {
            // Subnormal or enormous ranges, where round ticks cannot be computed: the bounds alone.
            self.step = high - low
            ticks = [low, high]
            self.lower = low
            self.upper = high
            return
        }
        let count = Int(last - first)
        // Each tick computed from its index (not by adding steps), and -0 and drift near zero snapped to 0.
        ticks = (0...max(count, 1)).map { index in
            let value = (first + Double(index)) * step
            return abs(value) < step * 1e-9 ? 0 : value
        }
        self.step = step
        self.lower = ticks[0]
        self.upper = ticks[ticks.count - 1]
    }

    /// Where `value` falls on the axis: 0 at ``lower``, 1 at ``upper``.
    public func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// The round number (1, 2, 2.5 or 5 times a power of ten) at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalized = raw / magnitude
        let nice: Double
        if normalized <= 1.0000001 {
            nice = 1
        } else if normalized <= 2.0000001 {
            nice = 2
        } else if normalized <= 2.5000001 {
            nice = 2.5
        } else if normalized <= 5.0000001 {
            nice = 5
        } else {
            nice = 10
        }
        return nice * magnitude
    }
}
