import AurumCore
import AurumPipeline
import AurumStorage
import ArgumentParser

/// `aurum report`: the top campaigns by spend over the latest weeks, with CTR, CPC, CPA and ROAS.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Summarise Gold: top campaigns by spend over the latest weeks.")

    @OptionGroup var options: StoreOptions

    // (.unconditional: `--weeks -1` is a value to refuse by name, not a missing one followed by an option.)
    @Option(parsing: .unconditional, help: "How many of the latest weeks to cover.")
    var weeks = 4

    @Option(parsing: .unconditional, help: "How many campaigns to show.")
    var top = 10

    func validate() throws {
        guard weeks >= 1 else { throw ValidationError("--weeks must be a whole number of weeks, at least 1 (got \(weeks))") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1 (got \(top))") }
    }

    func run() throws {
        try Console.run {
            let store = try Store(directory: options.directory, mode: .read)
            let report = try GoldReport.make(store: store, weekCount: weeks, top: top)
            guard let range = report.weeks else {
                Console.print("Gold is empty: ingest some pages first (aurum ingest PATH).")
                return
            }
            let last = Date32(days: range.upperBound.days + 6)
            Console.print("Top \(report.lines.count) of \(report.campaignCount) campaigns by spend, weeks \(range.lowerBound) – \(last):")
            let header = [("campaign", 44, false), ("src", 6, false), ("cur", 4, false), ("spend", 12, true), ("CTR", 8, true), ("CPC", 8, true), ("CPA", 9, true), ("ROAS", 7, true)]
            Console.print(header.map { Console.pad($0.0, $0.1, right: $0.2) }.joined(separator: " "))
            for line in report.lines {
                var name = line.campaignName.isEmpty ? line.campaignID : line.campaignName
                while TableRenderer.displayWidth(name) > 43 { name = String(name.dropLast()) }
                if name != (line.campaignName.isEmpty ? line.campaignID : line.campaignName) { name += "…" }
                let cells = [
                    Console.pad(name, 44), Console.pad(line.source, 6), Console.pad(line.currency, 4),
                    Console.pad(fixed(line.spend, 2), 12, right: true),
                    Console.pad(line.ctr.map { fixed($0 * 100, 2) + "%" } ?? "–", 8, right: true),
                    Console.pad(line.cpc.map { fixed($0, 2) } ?? "–", 8, right: true),
                    Console.pad(line.cpa.map { fixed($0, 2) } ?? "–", 9, right: true),
                    Console.pad(line.roas.map { fixed($0, 2) + "x" } ?? "–", 7, right: true),
                ]
                Console.print(cells.joined(separator: " "))
            }
        }
    }

    /// `value` with exactly `digits` decimals.
    private func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let fractionText = String(fraction)
        return (value < 0 && scaled != 0 ? "-" : "") + Console.grouped(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
