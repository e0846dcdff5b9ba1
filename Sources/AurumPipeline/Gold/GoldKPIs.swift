import AurumCore
import AurumDomain
import AurumKernels

/// The KPI columns of the Gold tables, which are not stored: they are ratios of the stored sums, computed
/// whenever Gold is read (export, queries, the report). Storing them would double Gold's size with
/// incompressible doubles and say nothing the sums do not.
public enum GoldKPIs {
    /// The KPI `kpi` over `batch`, which holds its numerator and denominator columns: `scale × numerator /
    /// denominator` per row, NULL where the denominator is 0 (contract: Gold formulas; the formula is the domain
    /// catalogue's, ``KPI``).
    public static func compute(_ kpi: KPI, over batch: Batch) -> Column {
        let numerators = doubles(batch.column(named: kpi.numerator.column))
        let denominators = doubles(batch.column(named: kpi.denominator.column))
        var quotients = [Double](repeating: 0, count: batch.rowCount)
        var validity = [UInt8](repeating: 0, count: batch.rowCount)
        numerators.withUnsafeBufferPointer { top in
            denominators.withUnsafeBufferPointer { bottom in
                quotients.withUnsafeMutableBufferPointer { output in
                    validity.withUnsafeMutableBufferPointer {
                        SafeDivide.divide(top, bottom, scale: kpi.scale, quotients: output, validity: $0)
                    }
                }
            }
        }
        return .double(PrimitiveColumn(values: quotients, validity: validity.contains(0) ? validity : nil))
    }

    /// `stored` (a Gold table as stored) with the KPI columns appended: the table as the contract defines it.
    public static func complete(_ stored: Batch, as table: ContractTable) -> Batch {
        let kpis = KPI.goldColumns.map { compute($0, over: stored) }
        return Batch(schema: table.schema, columns: stored.columns + kpis)
    }

    private static func doubles(_ column: Column?) -> [Double] {
        switch column {
        case .double(let values)?: values.values
        case .int64(let values)?: values.values.map(Double.init)
        default: preconditionFailure("Gold KPI inputs are numeric columns")
        }
    }
}

extension ContractTable {
    /// The columns kept in the store: the schema without the computed KPI columns of Gold.
    public var storedSchema: Schema {
        guard isGold else { return schema }
        let computed = Set(KPI.goldColumns.map(\.column))
        return Schema(schema.fields.filter { !computed.contains($0.name) })
    }
}
