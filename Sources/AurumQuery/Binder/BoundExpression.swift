import AurumCore

/// An expression with every name resolved to a column position and every type known; what the executor runs.
///
/// Column positions index the batch the expression is evaluated over: the scanned columns before
/// aggregation, or the (group keys + aggregates) batch after it.
public indirect enum BoundExpression: Sendable, Equatable {
    case column(Int, DataType)
    case constant(Value, DataType)
    case negate(BoundExpression, DataType, offset: Int)
    case not(BoundExpression)
    /// `+ - * / %` on numbers, and `+ -` on dates; `type` is the result's.
    case arithmetic(BinaryOperator, BoundExpression, BoundExpression, DataType, offset: Int)
    /// `= <> < <= > >=` on two operands of one comparable type.
    case comparison(BinaryOperator, BoundExpression, BoundExpression)
    case and(BoundExpression, BoundExpression)
    case or(BoundExpression, BoundExpression)
    case isNull(BoundExpression, negated: Bool)
    case inList(BoundExpression, [BoundExpression], negated: Bool)
    /// `x [NOT] IN (SELECT …)`: the subquery's values, computed once when first needed.
    case inSubquery(BoundExpression, SubqueryValues, negated: Bool)
    case like(BoundExpression, pattern: BoundExpression, caseInsensitive: Bool, negated: Bool)
    case caseWhen([BoundBranch], otherwise: BoundExpression?, DataType)
    case function(ScalarFunction, [BoundExpression], DataType, offset: Int)
    case cast(BoundExpression, DataType, offset: Int)
    case concatenate(BoundExpression, BoundExpression)

    public var type: DataType {
        switch self {
        case .column(_, let type), .constant(_, let type), .negate(_, let type, _), .arithmetic(_, _, _, let type, _),
            .caseWhen(_, _, let type), .function(_, _, let type, _), .cast(_, let type, _):
            type
        case .not, .comparison, .and, .or, .isNull, .inList, .inSubquery, .like: .bool
        case .concatenate: .string
        }
    }

    /// Whether the expression reads no column (so it can be folded to a constant).
    public var isConstant: Bool {
        switch self {
        case .column, .inSubquery: false
        case .constant: true
        case .function(let function, let arguments, _, _): function.isFoldable && arguments.allSatisfy(\.isConstant)
        case .negate(let inner, _, _), .not(let inner), .isNull(let inner, _), .cast(let inner, _, _): inner.isConstant
        case .arithmetic(_, let left, let right, _, _), .comparison(_, let left, let right), .and(let left, let right),
            .or(let left, let right), .concatenate(let left, let right):
            left.isConstant && right.isConstant
        case .inList(let value, let list, _): value.isConstant && list.allSatisfy(\.isConstant)
        case .like(let value, let pattern, _, _): value.isConstant && pattern.isConstant
        case .caseWhen(let branches, let otherwise, _):
            branches.allSatisfy { $0.when.isConstant && $0.then.isConstant } && (otherwise?.isConstant ?? true)
        }
    }
}

public struct BoundBranch: Sendable, Equatable {
    public var when: BoundExpression
    public var then: BoundExpression
}
