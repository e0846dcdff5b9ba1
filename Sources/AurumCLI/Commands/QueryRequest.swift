import AurumCharts
import AurumCore
import AurumQuery
import Foundation

/// What `aurum query` runs, as plain values, whichever reader took them from the command line:
/// ArgumentParser's (``QueryCommand/request``) or the quick path's (``QuickQuery``).
struct QueryRequest: Equatable {
    var directory: String
    var source: QuerySource
    var format: OutputFormat
    var maxRows: Int
    var formulaGuard: CSVWriter.FormulaGuard
    var maxWidth: Int?
    var repetitions: Int
    var chart: ChartRequest?
    var chartOut: String?

    /// Runs the query (in `warehouse` when given) and prints its result.
    func run(warehouse: WarehouseOptions? = nil) throws {
        try source.withEngine(directory: directory, runs: repetitions) { engine, text in
            if let warehouse { return try show(try warehouse.run(text, engine: engine)) }
            // From here (the query read, so Ctrl-C while typing it on standard input still ends the process at
            // once) Ctrl-C stops the query, erases the progress line, and ends the process as SIGINT does (130).
            Interrupt.install()
            var outcome: QueryEngine.Outcome?
            // CSV and JSON of a plain scan print as the rows come (once: --repeat prints the result once).
            let streamed = repetitions == 1 && chartOut == nil ? StreamedRows(format: format, formulaGuard: formulaGuard) : nil
            for _ in 0..<repetitions { outcome = try runTimed(text, engine: engine, sink: streamed?.sink) }
            switch outcome {
            case .rows(let result) where result.streamed: try streamed?.finish(schema: result.batch.schema)
            case .rows(let result): try show(result.batch, rowCount: result.rowCount)
            case .plan(let plan): Console.print(plan)
            case nil: break
            }
            // Everything is written (straight to the descriptors, nothing buffered): the process ends here, as
            // main would, without freeing the result, the engine and the store piece by piece first — every
            // String of a large result's dictionaries and of the store's footers, 1–3 ms of a one-shot query.
            Console.terminate(.success)
        }
    }

    /// The rows a table or Markdown result shows, when nothing else reads the result (no chart): what the engine
    /// then keeps of a longer one (``QueryEngine/execute(_:cancellation:progress:sink:shown:)``).
    private var shown: ShownRows? {
        let noChart = chart.map { $0 == .none } ?? true
        return (format == .table || format == .markdown) && maxRows > 0 && noChart && chartOut == nil ? ShownRows(atMost: maxRows) : nil
    }

    /// Prints a result in the chosen format, and its chart when one is asked for; `rowCount`: the result's rows,
    /// when `batch` holds only the ends a table shows (``shown``).
    private func show(_ batch: Batch, rowCount: Int? = nil) throws {
        if format == .csv || format == .json {
            try StreamedOutput.write(to: nil, protecting: []) { try format.stream(batch, formulaGuard: formulaGuard, to: $0) }
        } else {
            let width = maxWidth ?? TerminalSize.standardOutputColumns
            Console.write(format.render(batch, maxRows: maxRows > 0 ? maxRows : nil, width: width, formulaGuard: formulaGuard, rowCount: rowCount))
        }
        try ChartPrinter(request: chart, explain: chart == .line || chart == .bar, svgPath: chartOut, protecting: [directory])
            .draw(batch, width: maxWidth)
    }

    /// Runs the statement once, Ctrl-C cancelling it, with a progress line on a terminal; with `--repeat`, prints
    /// the run's time on standard error.
    private func runTimed(_ text: String, engine: QueryEngine, sink: RowSink? = nil) throws -> QueryEngine.Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        let progress = TerminalProgress.onStandardError()
        let outcome: QueryEngine.Outcome
        do {
            defer { progress?.finish() }
            outcome = try Interrupt.whileWorking { try engine.execute(text, cancellation: $0, progress: progress, sink: sink, shown: shown) }
        } catch QueryError.cancelled {
            Interrupt.exitAsInterrupted()
        }
        if repetitions > 1 {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            Console.printError(String(format: "Run Time: %.6f s", seconds))
        }
        return outcome
    }
}
