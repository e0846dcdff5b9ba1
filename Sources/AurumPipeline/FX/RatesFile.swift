import AurumCore
import Foundation

/// An exchange-rate file as `aurum fx import` reads it (docs/currencies.md), in one of two layouts:
///
/// - **Long** (Aurum's own): a header `date,currency,rate`, then one rate per line — the value of one unit of
///   `currency` in the reporting currency on `date` (`2024-03-01,BRL,0.2013`). The reporting currency is named
///   on the command line (`--to USD`).
/// - **ECB** (the European Central Bank's `eurofxref-hist.csv`, as downloaded): a header `Date,USD,JPY,…`, then
///   one line per day with how many units of each currency one euro buys; `N/A` or an empty cell is no rate.
///   The reporting currency is EUR and each rate is `1 / value`.
///
/// Any line that is not a rate is an error naming the line: nothing is half-imported.
public struct RatesFile: Sendable, Equatable {
    /// One rate: the value of one unit of `currency` in ``reportingCurrency`` on `date`.
    public struct Rate: Sendable, Equatable {
        public var date: Date32
        public var currency: String
        public var rate: Double
    }

    /// The currency the rates are into.
    public var reportingCurrency: String
    /// Every rate, sorted by (currency, date).
    public var rates: [Rate]

    /// Reads `text` (the contents of `path`, named in errors). `reportingCurrency` is required for the long layout
    /// and, when given for the ECB layout, must be EUR.
    public static func parse(_ text: String, path: String, reportingCurrency: String?) throws(PipelineError) -> RatesFile {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        guard let header = lines.first.map(fields), header.contains(where: { !$0.isEmpty }) else {
            throw .badRatesFile(path: path, line: 1, reason: "the file is empty; expected a header `date,currency,rate` (or the ECB's `Date,USD,JPY,…`)")
        }
        let lowered = header.map { $0.lowercased() }
        let reporting: String
        var numbered: [(rate: Rate, line: Int)]
        if lowered == ["date", "currency", "rate"] {
            guard let reportingCurrency else {
                throw .badRatesFile(path: path, line: 1, reason: "a `date,currency,rate` file needs the currency its rates are into: add --to CODE (e.g. --to USD)")
            }
            guard isCurrencyCode(reportingCurrency) else {
                throw .badRatesFile(path: path, line: 1, reason: "--to '\(reportingCurrency)' is not a currency code (three capital letters, e.g. USD)")
            }
            reporting = reportingCurrency
            numbered = try longRates(lines, path: path)
        } else if lowered.first == "date", header.count > 1 {
            if let reportingCurrency, reportingCurrency != "EUR" {
                throw .badRatesFile(path: path, line: 1, reason: "an ECB file's rates are into EUR, not \(reportingCurrency) (drop --to, or use --to EUR)")
            }
            reporting = "EUR"
            numbered = try ecbRates(lines, header: header, path: path)
        } else {
            throw .badRatesFile(
                path: path, line: 1,
                reason: "the header is '\(lines[0])'; expected `date,currency,rate` or the ECB's `Date,USD,JPY,…`")
        }
        numbered.sort { $0.rate.currency != $1.rate.currency ? $0.rate.currency < $1.rate.currency : ($0.rate.date, $0.line) < ($1.rate.date, $1.line) }
        for index in numbered.indices.dropFirst()
        where numbered[index].rate.currency == numbered[index - 1].rate.currency && numbered[index].rate.date == numbered[index - 1].rate.date {
            let rate = numbered[index].rate
            throw .badRatesFile(path: path, line: numbered[index].line, reason: "a second rate for \(rate.currency) on \(rate.date) (the first is on line \(numbered[index - 1].line))")
        }
        if let own = numbered.first(where: { $0.rate.currency == reporting && $0.rate.rate != 1 }) {
            throw .badRatesFile(
                path: path, line: own.line,
                reason: "\(reporting) is the reporting currency, so its rate is 1, not \(DoubleFormat.roundTrip(own.rate.rate))")
        }
        guard !numbered.isEmpty else { throw .badRatesFile(path: path, line: 2, reason: "the file holds no rates") }
        return RatesFile(reportingCurrency: reporting, rates: numbered.map(\.rate))
    }

    private static func fields(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            var field = $0.trimmingCharacters(in: .whitespaces)
            if field.count >= 2, field.hasPrefix("\""), field.hasSuffix("\"") { field = String(field.dropFirst().dropLast()) }
            return field
        }
    }

    /// Three capital ASCII letters (ISO 4217's shape).
    public static func isCurrencyCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    /// A positive, finite decimal: digits with at most one '.', nothing else (no exponent, sign or spaces).
    private static func positiveNumber(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }),
            bytes.filter({ $0 == UInt8(ascii: ".") }).count <= 1, bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: "."),
            let value = Double(text), value.isFinite, value > 0
        else { return nil }
        return value
    }

    private static func longRates(_ lines: [String], path: String) throws(PipelineError) -> [(rate: Rate, line: Int)] {
        var rates: [(rate: Rate, line: Int)] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let number = index + 1
            let parts = fields(line)
            guard parts.count == 3 else { throw .badRatesFile(path: path, line: number, reason: "expected 3 fields (date,currency,rate), found \(parts.count): '\(line)'") }
            guard let date = Date32(iso: parts[0]) else { throw .badRatesFile(path: path, line: number, reason: "'\(parts[0])' is not a date (YYYY-MM-DD)") }
            guard isCurrencyCode(parts[1]) else { throw .badRatesFile(path: path, line: number, reason: "'\(parts[1])' is not a currency code (three capital letters, e.g. BRL)") }
            guard let rate = positiveNumber(parts[2]) else { throw .badRatesFile(path: path, line: number, reason: "'\(parts[2])' is not a positive rate (digits and one '.', e.g. 0.2013)") }
            rates.append((Rate(date: date, currency: parts[1], rate: rate), number))
        }
        return rates
    }

    private static func ecbRates(_ lines: [String], header: [String], path: String) throws(PipelineError) -> [(rate: Rate, line: Int)] {
        // The ECB's file ends every line with a ',' (an empty last column).
        let codes = header.dropFirst().map { $0 }
        for (position, code) in codes.enumerated() where !(code.isEmpty && position == codes.count - 1) && !isCurrencyCode(code) {
            throw .badRatesFile(path: path, line: 1, reason: "column \(position + 2) of the header is '\(code)', not a currency code")
        }
        var rates: [(rate: Rate, line: Int)] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let number = index + 1
            let parts = fields(line)
            guard parts.count == header.count else {
                throw .badRatesFile(path: path, line: number, reason: "expected \(header.count) fields like the header, found \(parts.count)")
            }
            guard let date = Date32(iso: parts[0]) else { throw .badRatesFile(path: path, line: number, reason: "'\(parts[0])' is not a date (YYYY-MM-DD)") }
            for (position, code) in codes.enumerated() where !code.isEmpty {
                let cell = parts[position + 1]
                if cell.isEmpty || cell == "N/A" { continue }
                guard let perEuro = positiveNumber(cell) else {
                    throw .badRatesFile(path: path, line: number, reason: "the \(code) value '\(cell)' is not a positive number (or N/A)")
                }
                rates.append((Rate(date: date, currency: code, rate: 1 / perEuro), number))
            }
        }
        return rates
    }
}
