import AurumCore
import Foundation

/// `round(x [, digits])`: half away from zero, as DuckDB rounds. A BIGINT stays a BIGINT (negative digits round
/// it exactly, in integers); a DOUBLE is rounded from its exact binary value.
struct Round: ScalarFunctionDefinition {
    let names = ["round"]
    let signature = "round(x [, digits]) → x rounded half away from zero"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(1...2)
        let bound = try call.bindArguments()
        let value = try call.number(0, bound[0])
        var digits = BoundExpression.constant(.int64(0), .int64)
        if call.arguments.count == 2 {
            guard bound[1].type == .int64 else {
                throw .typeMismatch(message: "round()'s digits must be an integer", offset: call.arguments[1].offset)
            }
            digits = bound[1]
        }
        return call.bound(self, [value, digits], value.type)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        let digits = arguments[1].int64Values
        if context.type == .int64 {
            let values = arguments[0].int64Values
            var result = values.values
            for row in 0..<context.count where digits.values[row] < 0 && !values.isNull(row) && !digits.isNull(row) {
                guard let rounded = Self.roundInteger(values.values[row], digits: digits.values[row]) else {
                    throw .execution(message: "integer overflow in round(): \(values.values[row]) rounded to \(digits.values[row]) digits is out of range for BIGINT", offset: context.offset)
                }
                result[row] = rounded
            }
            return .int64(PrimitiveColumn(values: result, validity: mergeValidity(values.validity, digits.validity)))
        }
        let values = arguments[0].doubleValues
        var result = values.values
        for row in 0..<context.count { result[row] = Self.round(values.values[row], digits: digits.values[row]) }
        return .double(PrimitiveColumn(values: result, validity: mergeValidity(values.validity, digits.validity)))
    }

    /// `value` rounded half away from zero to a multiple of 10^-digits (`digits` < 0), in exact integer
    /// arithmetic; nil when the result does not fit a BIGINT (DuckDB: "Overflow in ROUND of integer").
    static func roundInteger(_ value: Int64, digits: Int64) -> Int64? {
        // 10^19 already exceeds Int64.max: every value rounds to 0 or, from half of it up, out of range.
        guard digits > -19 else {
            if digits == -19 && value.magnitude >= 5_000_000_000_000_000_000 { return nil }
            return 0
        }
        var power: Int64 = 1
        for _ in 0..<(-digits) { power *= 10 }
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: power)
        var steps = quotient
        if remainder.magnitude >= UInt64(power / 2) { steps += value < 0 ? -1 : 1 }
        let (rounded, overflow) = steps.multipliedReportingOverflow(by: power)
        return overflow ? nil : rounded
    }

    /// DuckDB's rounding of a DOUBLE to `digits` decimals: half away from zero, of the exact binary value
    /// (so `round(402.45, 1)` is 402.4: the double 402.45 is 402.4499…). The scaled product `x × 10^d` is
    /// rounded as a double; when it lands exactly on a half, the product's rounding error (`fma`) tells which
    /// side the exact value is on. A result that overflows returns the input.
    static func round(_ value: Double, digits: Int64) -> Double {
        if digits == 0 { return value.rounded(.toNearestOrAwayFromZero) }
        if digits > 0 {
            let modifier = pow(10.0, Double(min(digits, 308)))
            let scaled = value * modifier
            var rounded = scaled.rounded(.toNearestOrAwayFromZero)
            if abs(scaled - scaled.rounded(.towardZero)) == 0.5 {
                let error = fma(value, modifier, -scaled)
                if error > 0 { rounded = scaled.rounded(.up) } else if error < 0 { rounded = scaled.rounded(.down) }
            }
            let result = rounded / modifier
            return result.isFinite ? result : value
        }
        // (digits < 0 here, so `-digits` cannot overflow only once clamped: -Int64.min does not exist.)
        let modifier = pow(10.0, Double(-max(digits, -308)))
        let rounded = (value / modifier).rounded(.toNearestOrAwayFromZero) * modifier
        return rounded.isFinite ? rounded : value
    }
}
