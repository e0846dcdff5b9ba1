import AurumPipeline
import Foundation

/// How an ``IngestSummary`` reads, as text and as JSON.
enum SummaryText {
    static func text(_ summary: IngestSummary, store: String) -> String {
        var lines: [String] = []
        if summary.filesReread > 0 {
            lines.append("Rebuilt Silver, quarantine and Gold of \(store) from its \(summary.filesReread) Bronze files")
        } else {
            lines.append("Ingested \(summary.filesNew) new file\(summary.filesNew == 1 ? "" : "s") into \(store) (\(summary.filesSkipped) already in Bronze, \(summary.rejectedFiles.count) rejected)")
        }
        let width = 20
        func line(_ label: String, _ value: Int, _ extra: String = "") {
            lines.append("  " + Console.pad(label, width) + Console.pad(Console.grouped(value), 12, right: true) + (extra.isEmpty ? "" : "   " + extra))
        }
        line("Bronze rows", summary.bronzeRows)
        line("Silver inserted", summary.silverInserted)
        line("Silver restated", summary.silverRestated, "(replaced rows of earlier runs)")
        line("Superseded in run", summary.supersededInRun, "(replaced by later rows of this run)")
        let reasons = summary.quarantinedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        line("Quarantined", summary.quarantined, reasons)
        if summary.steps > 1 {
            lines.append(summary.filesReread > 0
                ? "  read back in \(summary.steps) steps, committed at once (the memory budget: docs/pipeline.md)"
                : "  committed in \(summary.steps) steps (the memory budget: docs/pipeline.md)")
        }
        for rejected in summary.rejectedFiles {
            lines.append("  rejected \(rejected.path): \(rejected.reason)")
        }
        for passed in summary.passedOver {
            lines.append("  passed over \(passed.path): \(passed.reason)")
        }
        let totals = summary.totals
        lines.append(
            "Store: Bronze \(Console.grouped(totals.bronzeRows)) = Silver \(Console.grouped(totals.silverRows)) + quarantined \(Console.grouped(totals.quarantineRows)) + superseded \(Console.grouped(totals.supersededRows))  "
                + (totals.identityHolds ? "(identity holds)" : "(IDENTITY BROKEN)"))
        return lines.joined(separator: "\n")
    }

    static func json(_ summary: IngestSummary) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject(summary), options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The summary as a JSON-ready dictionary (also the `ingest` member of `aurum pull --json`).
    static func jsonObject(_ summary: IngestSummary) -> [String: Any] {
        [
            "files_new": summary.filesNew,
            "files_skipped": summary.filesSkipped,
            "files_reread": summary.filesReread,
            "files_parsed": summary.filesParsed,
            "files_parsed_ahead": summary.filesParsedAhead,
            "files_rejected": summary.rejectedFiles.map { ["path": $0.path, "reason": $0.reason] },
            "inputs_passed_over": summary.passedOver.map { ["path": $0.path, "reason": $0.reason] },
            "bronze_rows": summary.bronzeRows,
            "silver_inserted": summary.silverInserted,
            "silver_restated": summary.silverRestated,
            "superseded_in_run": summary.supersededInRun,
            "quarantined": summary.quarantinedByReason,
            "steps": summary.steps,
            "totals": [
                "bronze_rows": summary.totals.bronzeRows, "silver_rows": summary.totals.silverRows,
                "quarantine_rows": summary.totals.quarantineRows, "superseded_rows": summary.totals.supersededRows,
                "identity_holds": summary.totals.identityHolds,
            ] as [String: Any],
        ]
    }
}
