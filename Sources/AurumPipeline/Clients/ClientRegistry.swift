import AurumCore
import AurumStorage

/// One ad account of a client: a row of the `clients` table.
public struct ClientAccount: Sendable, Hashable {
    public var client: String
    /// `meta` or `google`.
    public var source: String
    /// As Silver's `account_id` holds it: Meta's digits without `act_`, Google's 10 digits.
    public var accountID: String

    public init(client: String, source: String, accountID: String) {
        self.client = client
        self.source = source
        self.accountID = accountID
    }
}

/// The store's `clients` table (data contract, "Clients"): which ad accounts belong to which client.
///
/// A client may also have a currency: the reporting currency its `--client` reports, answers and Gold exports are
/// converted into when no `--currency` is given. The contract's `clients` table has no currency column, so it is
/// kept beside the table as a manifest property (``currencyPropertyPrefix`` + name), changed in the same commit.
public enum ClientRegistry {
    /// The manifest property of a client's currency is this prefix followed by the client's name.
    public static let currencyPropertyPrefix = "clients.currency."

    /// Replaces the accounts of `client` with `accounts` (other clients are kept), and sets its currency when
    /// `currency` is given, in one transaction. Empty `accounts` keep the ones the client has (it must have some):
    /// `aurum clients set NAME --currency CODE` changes the currency alone.
    public static func set(client: String, accounts: [(source: String, accountID: String)], currency: String? = nil, directory: String) throws {
        guard !client.isEmpty, !client.contains(where: \.isNewline) else {
            throw PipelineError.unreadableInput(path: "clients", reason: "a client needs a name on one line")
        }
        let store = try open(directory, mode: .write)
        let transaction = store.begin()
        let table = ContractTable.clients
        try transaction.ensureTable(table.rawValue, schema: table.storedSchema)
        let all = try read(store, manifest: transaction.manifest)
        if accounts.isEmpty, !all.contains(where: { $0.client == client }) {
            throw PipelineError.unreadableInput(path: "client '\(client)'", reason: "unknown client; give its accounts (--meta act_ID, --google ID)")
        }
        if let currency { transaction.properties[currencyPropertyPrefix + client] = currency }
        var rows = accounts.isEmpty ? all : all.filter { $0.client != client }
        for account in accounts {
            let row = ClientAccount(client: client, source: account.source, accountID: account.accountID)
            if !rows.contains(row) { rows.append(row) }
        }
        rows.sort { ($0.client, $0.source, $0.accountID) < ($1.client, $1.source, $1.accountID) }
        try transaction.replace(table.rawValue, with: batch(rows))
        try transaction.commit()
    }

    /// Every client's accounts, by client, source and account; empty when the store has none (or no store).
    public static func list(directory: String) throws -> [ClientAccount] {
        guard FileIO.exists(directory + "/MANIFEST") else { return [] }
        let store = try open(directory, mode: .read)
        return try read(store, manifest: store.manifest)
    }

    /// The currency `client` reports in, when one was set (`aurum clients set NAME --currency CODE`).
    public static func currency(of client: String, directory: String) throws -> String? {
        guard FileIO.exists(directory + "/MANIFEST") else { return nil }
        return currency(of: client, in: try open(directory, mode: .read).manifest)
    }

    /// The currency of `client` in an open store's manifest.
    public static func currency(of client: String, in manifest: Manifest) -> String? {
        manifest.properties[currencyPropertyPrefix + client]
    }

    /// The accounts of `client`; an unknown client is an error naming the known ones.
    public static func accounts(of client: String, directory: String) throws -> [ClientAccount] {
        let all = try list(directory: directory)
        let accounts = all.filter { $0.client == client }
        guard !accounts.isEmpty else {
            let known = Set(all.map(\.client)).sorted()
            throw PipelineError.unreadableInput(
                path: "client '\(client)'",
                reason: known.isEmpty ? "no clients are set; add one with `aurum clients set`" : "unknown client; the clients are \(known.joined(separator: ", "))")
        }
        return accounts
    }

    private static func open(_ directory: String, mode: Store.Mode) throws -> Store {
        do {
            return try Store(directory: directory, mode: mode)
        } catch let error as StorageError {
            throw PipelineError.storage(error)
        }
    }

    private static func read(_ store: Store, manifest: Manifest) throws -> [ClientAccount] {
        guard manifest.tables[ContractTable.clients.rawValue] != nil else { return [] }
        var rows: [ClientAccount] = []
        try store.scan(ContractTable.clients.rawValue, in: manifest) { batch in
            guard case .string(let clients) = batch.columns[0], case .string(let sources) = batch.columns[1],
                case .string(let accounts) = batch.columns[2]
            else { return }
            for row in 0..<batch.rowCount {
                if let client = clients[row], let source = sources[row], let account = accounts[row] {
                    rows.append(ClientAccount(client: client, source: source, accountID: account))
                }
            }
        }
        return rows
    }

    private static func batch(_ rows: [ClientAccount]) -> Batch {
        var columns = [StringColumnBuilder(), StringColumnBuilder(), StringColumnBuilder()]
        for row in rows {
            columns[0].append(row.client)
            columns[1].append(row.source)
            columns[2].append(row.accountID)
        }
        return Batch(schema: ContractTable.clients.storedSchema, columns: columns.map { .string($0.finish()) })
    }
}
