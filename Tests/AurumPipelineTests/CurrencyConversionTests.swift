import AurumCore
import XCTest

@testable import AurumPipeline

/// Day-by-day conversion of money columns, and the error naming the first day and currency without a rate.
final class CurrencyConversionTests: XCTestCase {
    private func batch(_ rows: [(date: String, currency: String?, spend: Double)]) -> Batch {
        let schema = Schema([Field("date", .date), Field("currency", .string, nullable: true), Field("clicks", .int64), Field("spend", .double)])
        return Batch(schema: schema, columns: [
            .date(PrimitiveColumn(values: rows.map { Date32(iso: $0.date)!.days })), .string(StringColumn(rows.map(\.currency))),
            .int64(PrimitiveColumn(values: rows.map { _ in 7 })), .double(PrimitiveColumn(values: rows.map(\.spend))),
        ])
    }

    private let rates = ExchangeRates(reportingCurrency: "USD", rates: [
        .init(date: Date32(iso: "2024-03-01")!, currency: "BRL", rate: 0.2), .init(date: Date32(iso: "2024-03-04")!, currency: "BRL", rate: 0.25),
        .init(date: Date32(iso: "2024-03-01")!, currency: "EUR", rate: 1.1),
    ])

    func testEachRowAtItsDaysRate() throws {
        let converted = try CurrencyConversion.convert(
            batch([("2024-03-01", "BRL", 100), ("2024-03-03", "BRL", 100), ("2024-03-04", "BRL", 100), ("2024-03-02", "USD", 5)]), to: "USD", rates: rates)
        guard case .double(let spend)? = converted.column(named: "spend"), case .string(let currency)? = converted.column(named: "currency"),
            case .int64(let clicks)? = converted.column(named: "clicks")
        else { return XCTFail("columns") }
        XCTAssertEqual(spend.values, [20, 20, 25, 5])
        XCTAssertEqual((0..<4).map { currency[$0] }, ["USD", "USD", "USD", "USD"])
        XCTAssertEqual(clicks.values, [7, 7, 7, 7])
        // Into EUR through USD: one BRL is worth 0.2 / 1.1 EUR on 2024-03-01; USD 1 / 1.1.
        let euro = try CurrencyConversion.convert(batch([("2024-03-01", "BRL", 110), ("2024-03-01", "USD", 11)]), to: "EUR", rates: rates)
        guard case .double(let euros)? = euro.column(named: "spend") else { return XCTFail("spend") }
        XCTAssertEqual(euros.values[0], 110 * 0.2 / 1.1, accuracy: 1e-12)
        XCTAssertEqual(euros.values[1], 10, accuracy: 1e-12)
    }

    func testMissingRatesNameTheFirstDayAndCurrency() {
        func message(_ rows: [(date: String, currency: String?, spend: Double)], to target: String = "USD") -> String {
            do {
                _ = try CurrencyConversion.convert(batch(rows), to: target, rates: rates)
                return ""
            } catch {
                return error.description
            }
        }
        XCTAssertTrue(message([("2024-03-05", "GBP", 1), ("2024-02-20", "BRL", 1), ("2024-02-28", "BRL", 1)]).contains("no exchange rate for BRL into USD on or before 2024-02-20"))
        XCTAssertTrue(message([("2024-03-05", nil, 1)]).contains("no exchange rate for (no currency)"))
        XCTAssertTrue(message([("2024-03-05", "BRL", 1)], to: "JPY").contains("cannot convert to JPY: the loaded rates are into USD, for BRL, EUR, USD"))
        XCTAssertEqual(message([("2024-03-05", "BRL", 1)]), "")
    }
}
