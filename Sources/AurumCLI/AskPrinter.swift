import AurumAssistant
import AurumCore

/// How `aurum ask` shows an answer, stage by stage: the query as soon as it is known (a model may take
/// seconds), then the result, then the insight; notes and errors on standard error.
///
/// The query goes to standard output before a `table` or `markdown` result, and to standard error before a
/// `csv` or `json` one, so that standard output stays machine-readable; `--dry-run` prints it on standard output.
struct AskPrinter {
    var format: OutputFormat
    var maxRows: Int
    /// Whether a `csv` result guards formula-like text (`--formula-guard`).
    var formulaGuard: CSVWriter.FormulaGuard
    /// `--show-query`: also say which translator wrote the query, in how many attempts, and what it computes.
    var details: Bool
    /// The chart under the result (and its SVG file), if any.
    var chart: ChartPrinter? = nil

    /// Shows the answer to `question`; `remote` (`--on bigquery`) runs the validated query instead of the store.
    func answer(_ question: String, assistant: Assistant, dryRun: Bool, insight: Bool, remote: ((String) throws -> Batch)? = nil) throws {
        let handoff = Handoff(value: assistant)
        let proposal = try waitFor { () async throws(AssistantError) -> Assistant.Proposal in
            try await handoff.value.propose(question)
        }
        showQuery(proposal, translator: assistant.translator.name, toStandardOutput: dryRun || !isMachineReadable, explain: !dryRun)
        if dryRun { return }
        let (batch, rowCount) = try remote.map { run in
            let batch = try run(proposal.translation.query)
            return (batch, batch.rowCount)
        } ?? assistant.run(proposal.translation.query)
        Console.write(format.render(batch, maxRows: maxRows, width: TerminalSize.standardOutputColumns, formulaGuard: formulaGuard))
        if rowCount > batch.rowCount { note(assistant.cappedNote(rowCount: rowCount)) }
        if let empty = assistant.noDataNote(result: batch, explanation: proposal.translation.explanation) { note(empty) }
        try chart?.draw(batch, width: nil)
        guard insight else { return }
        let query = proposal.translation.query
        switch waitFor({ await handoff.value.insight(question: question, query: query, result: batch) }) {
        case .success(let text):
            if isMachineReadable { Console.printError(text) } else { Console.print("\n" + text) }
        case .failure(let unavailable):
            note(unavailable.message)
        }
    }

    private var isMachineReadable: Bool { format == .csv || format == .json }

    /// The query, after what it computes (`explain`: the translator's one line, which names the window used, so
    /// that "last week" says which days it took) and, with `--show-query`, who wrote it.
    private func showQuery(_ proposal: Assistant.Proposal, translator: String, toStandardOutput: Bool, explain: Bool) {
        var lines: [String] = []
        if details { lines.append("-- \(translator), \(proposal.attempts) attempt\(proposal.attempts == 1 ? "" : "s")") }
        let explanation = proposal.translation.explanation
        if (details || explain) && !explanation.isEmpty { lines.append("-- " + explanation.split(whereSeparator: \.isNewline).joined(separator: " ")) }
        let query = proposal.translation.query
        // With its ';' it can be pasted into the REPL as it is.
        lines.append(query.hasSuffix(";") ? query : query + ";")
        let text = lines.joined(separator: "\n")
        if toStandardOutput {
            Console.print(text + (format == .table || format == .markdown ? "\n" : ""))
        } else {
            Console.printError(text)
        }
    }

    private func note(_ text: String) {
        Console.printError("note: " + text)
    }
}
