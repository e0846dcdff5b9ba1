import AurumCore

extension PrimitiveColumn where Element: FixedWidthInteger {
    /// The smallest and the largest value of the non-NULL rows (a NULL row's value is arbitrary); nil when every
    /// row is NULL, or there is none. What sizes a table indexed by value: ``KeyEncoder``'s codes of a small
    /// range, ``DateColumns/map(_:_:)``'s results per day.
    var valueRange: (low: Element, high: Element)? {
        values.withUnsafeBufferPointer { nonNullRange($0, validity: validity) }
    }
}
