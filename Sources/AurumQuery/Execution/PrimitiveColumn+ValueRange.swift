import AurumCore

extension PrimitiveColumn where Element: FixedWidthInteger {
    /// The smallest and the largest value of the non-NULL rows (a NULL row's value is arbitrary); nil when every
    /// row is NULL, or there is none. What sizes a table indexed by value: ``KeyEncoder``'s codes of a small
    /// range, ``DateColumns/map(_:_:)``'s results per day.
    var valueRange: (low: Element, high: Element)? {
        var low = Element.max
        var high = Element.min
        values.withUnsafeBufferPointer { values in
            if let validity {
                for row in 0..<values.count where validity[row] != 0 {
                    low = min(low, values[row])
                    high = max(high, values[row])
                }
            } else {
                for value in values {
                    low = min(low, value)
                    high = max(high, value)
                }
            }
        }
        return low <= high ? (low, high) : nil
    }
}
