/// The smallest and the largest of `values` over the rows whose `validity` byte is not 0 (every row without
/// validity), or nil when there is no such row. One loop per case, so that no row pays for an optional.
@inlinable
public func nonNullRange<Element: FixedWidthInteger>(_ values: UnsafeBufferPointer<Element>, validity: [UInt8]?) -> (low: Element, high: Element)? {
    var low = Element.max
    var high = Element.min
    var seen = false
    if let validity {
        for row in 0..<values.count where validity[row] != 0 {
            low = min(low, values[row])
            high = max(high, values[row])
            seen = true
        }
    } else {
        for value in values {
            low = min(low, value)
            high = max(high, value)
        }
        seen = !values.isEmpty
    }
    return seen ? (low, high) : nil
}
