import AurumPull

/// Every way `aurum push bigquery` can fail; none carries a secret.
public enum BigQueryError: Error, CustomStringConvertible {
    /// Neither an access token nor a service-account key is configured.
    case noCredentials
    /// The service-account key file cannot be used.
    case badKeyFile(path: String, reason: String)
    /// The token endpoint refused the key's assertion, or answered something else than a token.
    case tokenRefused(uri: String, detail: String)
    /// BigQuery refused the credentials.
    case authentication(table: String, detail: String)
    /// BigQuery answered an error retrying cannot fix.
    case api(table: String, status: Int, detail: String)
    /// A table's load job finished with an error.
    case jobFailed(table: String, jobID: String, detail: String)
    /// A setting has a value that cannot be used.
    case badSetting(name: String, value: String, reason: String)
    /// A query's result (`aurum query --on bigquery`) is not what Aurum's own plan of the query says it is.
    case queryResult(detail: String)

    public var description: String {
        switch self {
        case .noCredentials:
            "no BigQuery credentials: set AURUM_BIGQUERY_ACCESS_TOKEN to an OAuth access token, or GOOGLE_APPLICATION_CREDENTIALS to a service account's JSON key file (docs/scale-out.md)"
        case .badKeyFile(let path, let reason): "GOOGLE_APPLICATION_CREDENTIALS \(path): \(reason)"
        case .tokenRefused(let uri, let detail): "the token endpoint \(uri) refused the service account's assertion: \(detail)"
        case .authentication(let table, let detail):
            "\(table): BigQuery refused the credentials (\(detail)); check that the token or service account may run load jobs in the project and write the dataset (roles/bigquery.jobUser and roles/bigquery.dataEditor)"
        case .api(let table, let status, let detail): "\(table): BigQuery answered HTTP \(status): \(detail)"
        case .jobFailed(let table, let jobID, let detail): "\(table): load job \(jobID) failed: \(detail)"
        case .badSetting(let name, let value, let reason): "\(name)=\(value): \(reason)"
        case .queryResult(let detail): "BigQuery's result: \(detail)"
        }
    }
}
