import AurumCore

/// `a || b || c …`: a whole chain of `||` in one pass. Evaluating the chain two operands at a time would copy
/// each row's growing prefix once per operator (quadratic in the chain's length); here each row's result is
/// written once. NULL in any operand makes the row NULL.
enum Concatenation {
    /// The operands of the `||` chain `expression`, left to right, found without recursion.
    static func operands(_ expression: BoundExpression) -> [BoundExpression] {
        var operands: [BoundExpression] = []
        var pending = [expression]
        while let next = pending.popLast() {
            if case .concatenate(let left, let right) = next {
                pending.append(right)
                pending.append(left)
            } else {
                operands.append(next)
            }
        }
        return operands
    }

    static func evaluate(_ parts: [StringColumn], count: Int) -> Column {
        var builder = StringColumnBuilder()
        builder.reserveCapacity(count)
        var bytes: [UInt8] = []
        for row in 0..<count {
            bytes.removeAll(keepingCapacity: true)
            var isNull = false
            for part in parts {
                guard let text = part[row] else {
                    isNull = true
                    break
                }
                bytes.append(contentsOf: text.utf8)
            }
            builder.append(isNull ? nil : String(decoding: bytes, as: UTF8.self))
        }
        return .string(builder.finish())
    }
}
