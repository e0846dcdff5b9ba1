import AurumCore
import XCTest

@testable import AurumPipeline

/// `aurum fx import`'s two layouts, and every kind of bad line named by its number.
final class RatesFileTests: XCTestCase {
    private func reason(_ text: String, to: String? = "USD") -> String {
        do {
            _ = try RatesFile.parse(text, path: "r.csv", reportingCurrency: to)
            return ""
        } catch {
            return error.description
        }
    }

    func testLongLayout() throws {
        let file = try RatesFile.parse("\u{FEFF}date,currency,rate\r\n2024-03-04,BRL,0.2017\r\n2024-03-01,BRL,0.2013\r\n\r\n2024-03-01,EUR,1.0841\r\n", path: "r.csv", reportingCurrency: "USD")
        XCTAssertEqual(file.reportingCurrency, "USD")
        XCTAssertEqual(file.rates.map(\.currency), ["BRL", "BRL", "EUR"])
        XCTAssertEqual(file.rates.map(\.date.description), ["2024-03-01", "2024-03-04", "2024-03-01"])
        XCTAssertEqual(file.rates.map(\.rate), [0.2013, 0.2017, 1.0841])
    }

    func testECBLayoutIsInvertedIntoEuro() throws {
        let file = try RatesFile.parse("Date,USD,BRL,\n2024-01-02,1.0956,5.3653,\n2023-12-29,1.1050,N/A,\n", path: "e.csv", reportingCurrency: nil)
        XCTAssertEqual(file.reportingCurrency, "EUR")
        XCTAssertEqual(file.rates.count, 3)
        XCTAssertEqual(file.rates.first { $0.currency == "BRL" }?.rate, 1 / 5.3653)
        XCTAssertTrue(reason("Date,USD,\n2024-01-02,1.0956,\n", to: "USD").contains("an ECB file's rates are into EUR"))
    }

    func testBadLinesAreNamed() {
        XCTAssertEqual(reason(""), "r.csv, line 1: the file is empty; expected a header `date,currency,rate` (or the ECB's `Date,USD,JPY,…`); nothing was imported")
        XCTAssertTrue(reason("date,currency,rate\n2024-01-01,BRL,0.2\n", to: nil).contains("line 1: a `date,currency,rate` file needs the currency its rates are into"))
        XCTAssertTrue(reason("date,currency,rate\n2024-01-01,BRL,0.2\n2024-13-01,BRL,0.2\n").contains("line 3: '2024-13-01' is not a date"))
        XCTAssertTrue(reason("date,currency,rate\n2024-01-01,Real,0.2\n").contains("line 2: 'Real' is not a currency code"))
        for bad in ["0", "-1", "1e3", ".5", "5.", "1,5", "NaN", " "] {
            XCTAssertTrue(reason("date,currency,rate\n2024-01-01,BRL,\(bad)\n").contains("line 2:"), bad)
        }
        XCTAssertTrue(reason("date,currency,rate\n2024-01-01,BRL,0.2\n2024-01-01,BRL,0.2\n").contains("line 3: a second rate for BRL on 2024-01-01 (the first is on line 2)"))
        XCTAssertTrue(reason("date,currency,rate\n2024-01-01,USD,0.9\n").contains("line 2: USD is the reporting currency, so its rate is 1"))
        XCTAssertTrue(reason("date,currency,rate\n").contains("the file holds no rates"))
        XCTAssertTrue(reason("Date,USD,Yen\n2024-01-01,1.1,150\n", to: nil).contains("column 3 of the header is 'Yen'"))
        XCTAssertTrue(reason("Date,USD\n2024-01-01,1.1,150\n", to: nil).contains("line 2: expected 2 fields"))
    }

    func testLatestEarlierRateApplies() throws {
        let file = try RatesFile.parse("date,currency,rate\n2024-03-01,BRL,0.2\n2024-03-04,BRL,0.3\n", path: "r.csv", reportingCurrency: "USD")
        let rates = ExchangeRates(reportingCurrency: file.reportingCurrency, rates: file.rates)
        func day(_ text: String) -> Int32 { Date32(iso: text)!.days }
        XCTAssertNil(rates.rate("BRL", on: day("2024-02-29")))
        XCTAssertEqual(rates.rate("BRL", on: day("2024-03-01")), 0.2)
        XCTAssertEqual(rates.rate("BRL", on: day("2024-03-03")), 0.2)
        XCTAssertEqual(rates.rate("BRL", on: day("2024-03-04")), 0.3)
        XCTAssertEqual(rates.rate("BRL", on: day("2030-01-01")), 0.3)
        XCTAssertEqual(rates.rate("USD", on: day("1999-01-01")), 1)
        XCTAssertNil(rates.rate("EUR", on: day("2024-03-04")))
    }
}
