import AurumCore
import AurumKernels

/// Maps the values of one group-by column to dense codes (0, 1, 2, … in first-seen order; NULL has its own),
/// across batches. Text is coded per dictionary entry once per batch (bytes, not Unicode equivalence), so the
/// per-row work is an array lookup; other types go through a ``GroupIndex`` on their bit pattern.
struct KeyEncoder {
    let type: DataType
    private var text: [ExactText: UInt32] = [:]
    private var index = GroupIndex(capacity: 64)
    private(set) var count: UInt32 = 0
    /// The value of each code, for building result columns.
    private(set) var values: [Value] = []

    init(type: DataType) { self.type = type }

    /// The code of every row of `column`.
    mutating func codes(_ column: Column) -> [UInt32] {
        let rows = column.count
        var codes = [UInt32](repeating: 0, count: rows)
        switch column {
        case .string(let strings):
            var local = [UInt32](repeating: UInt32.max, count: strings.dictionary.count)
            for row in 0..<rows {
                if strings.isNull(row) {
                    codes[row] = nullCode()
                    continue
                }
                let entry = Int(strings.codes[row])
                if local[entry] == UInt32.max {
                    let key = ExactText(strings.dictionary[entry])
                    if let code = text[key] {
                        local[entry] = code
                    } else {
                        local[entry] = count
                        text[key] = count
                        values.append(.string(strings.dictionary[entry]))
                        count += 1
                    }
                }
                codes[row] = local[entry]
            }
        default:
            for row in 0..<rows {
                if column.isNull(row) {
                    codes[row] = nullCode()
                    continue
                }
                let bits: UInt64
                switch column {
                case .int64(let c): bits = UInt64(bitPattern: c.values[row])
                case .double(let c): bits = (c.values[row] == 0 ? 0.0 : c.values[row]).bitPattern  // -0.0 groups with 0.0
                case .date(let c): bits = UInt64(UInt32(bitPattern: c.values[row]))
                case .bool(let c): bits = UInt64(c.values[row])
                case .string: preconditionFailure("handled above")
                }
                let code = index.id(of: bits &+ 1)  // +1 keeps key 0 free for NULL's slot below
                if code == count {
                    values.append(column.value(at: row))
                    count += 1
                }
                codes[row] = code
            }
        }
        return codes
    }

    private var nullSlot: UInt32?

    private mutating func nullCode() -> UInt32 {
        if let nullSlot { return nullSlot }
        // Reserve the next code for NULL, keeping codes dense across both paths.
        let code: UInt32
        if type == .string {
            code = count
        } else {
            code = index.id(of: 0)
        }
        values.append(.null)
        count += 1
        nullSlot = code
        return code
    }
}
