import AurumCore
import AurumPipeline
import AurumQuery

/// `--client NAME` on query, explain, ask, export and report: only that client's (source, account_id) pairs are seen
/// (data contract, "Clients").
enum ClientScope {
    static let keyColumns = ["source", "account_id"]

    /// The client's (source, account_id) pairs; nil when no client is asked for.
    static func pairs(_ client: String?, directory: String) throws -> Set<[String]>? {
        guard let client else { return nil }
        return Set(try ClientRegistry.accounts(of: client, directory: directory).map { [$0.source, $0.accountID] })
    }

    /// `table` seen through the client's accounts; a table without an account column cannot be restricted and
    /// refuses to be read.
    static func restrict(_ table: TableSource, named name: String, client: String, to pairs: Set<[String]>) -> TableSource {
        KeyFilteredTable(base: table, keyColumns: keyColumns, allowed: pairs)
            ?? UnavailableTable(schema: table.schema, reason: "--client \(client) restricts tables by account, and \(name) has no account_id column")
    }

    /// The rows of `batch` (of table `name`) in the client's accounts.
    static func restrict(_ batch: Batch, named name: String, client: String, to pairs: Set<[String]>) throws -> Batch {
        guard case .string(let sources)? = batch.column(named: "source"), case .string(let accounts)? = batch.column(named: "account_id") else {
            throw CLIError.invalidOption("--client \(client) restricts tables by account, and \(name) has no account_id column")
        }
        let rows = (0..<batch.rowCount).filter { row in
            guard let source = sources[row], let account = accounts[row] else { return false }
            return pairs.contains([source, account])
        }
        return rows.count == batch.rowCount ? batch : batch.gather(rows)
    }
}
