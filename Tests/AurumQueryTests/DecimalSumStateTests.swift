import AurumCore
import XCTest

@testable import AurumKernels
@testable import AurumQuery

/// `sum`/`avg` of a money column with NULLs, over many groups: the state's results are bit for bit those of the
/// row-by-row decimal check over the rows that are not NULL, on batches that take the whole-batch integer path
/// and on batches that do not.
final class DecimalSumStateTests: XCTestCase {
    func testSumsWithNullsMatchTheRowByRowCheckBitForBit() throws {
        var generator = SystemRandomNumberGenerator()
        let groupCount = 500
        let state = DecimalSumState(averaging: false)
        state.grow(to: groupCount)
        var reference = DecimalSums()
        reference.grow(to: groupCount)
        for batch in 0..<12 {
            let rows = 2_000
            var values = (0..<rows).map { _ -> Double in
                let places = Int.random(in: 0...6, using: &generator)
                let power = (0..<places).reduce(1.0) { value, _ in value * 10 }
                return Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator)) / power
            }
            var validity = (0..<rows).map { _ in UInt8(Int.random(in: 0..<5, using: &generator) == 0 ? 0 : 1) }
            if batch % 4 == 3 {
                // A value that is not a 6-place decimal, on a row that is not NULL: this batch takes the row-by-row
                // path and marks its group inexact.
                let row = Int.random(in: 0..<rows, using: &generator)
                values[row] = 1.0 / 3.0
                validity[row] = 1
            }
            let groups = (0..<rows).map { _ in UInt32.random(in: 0..<UInt32(groupCount), using: &generator) }
            try state.update(AggregateInput(argument: .double(PrimitiveColumn(values: values, validity: validity)),
                                            groups: groups, distinctRows: nil, single: false, offset: 0))
            let kept = (0..<rows).filter { validity[$0] != 0 }
            let keptValues = kept.map { values[$0] }
            let keptGroups = kept.map { groups[$0] }
            keptValues.withUnsafeBufferPointer { v in keptGroups.withUnsafeBufferPointer { reference.addRowByRow(v, groups: $0) } }
        }
        guard case .double(let result) = state.finish() else { return XCTFail("sum of money is DOUBLE") }
        for group in 0..<groupCount {
            XCTAssertEqual(result.values[group].bitPattern, reference.value(group).bitPattern, "group \(group)")
        }
        XCTAssertGreaterThan(reference.cells.filter(\.inexact).count, 0)
        XCTAssertLessThan(reference.cells.filter(\.inexact).count, groupCount)
    }
}
