import AurumPull
import Foundation

/// How a ``PullSummary`` reads, as text and as JSON.
enum PullText {
    static func text(_ summary: PullSummary, store: String) -> String {
        var lines: [String] = []
        for fetched in summary.targets {
            lines.append("Pulled \(fetched.target): \(Console.grouped(fetched.pages)) new page\(fetched.pages == 1 ? "" : "s"), \(Console.grouped(fetched.rows)) rows")
        }
        lines.append("\(Console.grouped(summary.requests)) requests in \(String(format: "%.1f", summary.fetchSeconds)) s" + (summary.waitedSeconds > 0 ? String(format: " (%.1f s of waits asked by the APIs)", summary.waitedSeconds) : ""))
        if let ingest = summary.ingest {
            lines.append(SummaryText.text(ingest, store: store))
        } else {
            lines.append("Nothing to ingest into \(store)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ summary: PullSummary) -> String {
        var object: [String: Any] = [
            "targets": summary.targets.map {
                [
                    "source": $0.target.account.source.rawValue, "account": $0.target.account.name, "since": $0.target.range.since.description,
                    "until": $0.target.range.until.description, "pages": $0.pages, "rows": $0.rows,
                ] as [String: Any]
            },
            "failures": summary.failures, "rejected_pages": summary.rejectedPages, "requests": summary.requests, "waited_seconds": summary.waitedSeconds,
            "fetch_seconds": summary.fetchSeconds, "total_seconds": summary.totalSeconds,
        ]
        if let ingest = summary.ingest { object["ingest"] = SummaryText.jsonObject(ingest) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Pull events on standard error when it is not a terminal: the APIs' waits a cron log should show. (On a
/// terminal, ``PullProgress`` shows them in its line instead.)
struct PullLog: PullObserver {
    func waiting(_ target: PullTarget, seconds: Double, reason: String) {
        guard seconds >= 1 else { return }
        Console.printError("aurum: \(target): waiting \(Int(seconds.rounded(.up))) s: \(reason)")
    }
}
