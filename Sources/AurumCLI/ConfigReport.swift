import AurumAssistant
import AurumCore
import Foundation

/// What `aurum config` prints: the config file, the model endpoint in effect, and Aurum's variables that are set
/// (secrets hidden).
enum ConfigReport {
    /// Every environment variable Aurum reads, in the order `aurum help config` documents them. Secrets (named
    /// `…_KEY`, `…_TOKEN`, `…_SECRET`: ``SettingsFile/isSecret(_:)``) are never shown.
    static let variables: [String] = [
        "AURUM_STORE", "AURUM_CONFIG", "AURUM_LLM_API_KEY", "TOGETHER_API_KEY", "AURUM_LLM_BASE_URL", "AURUM_LLM_MODEL",
        "AURUM_LLM_TIMEOUT", "AURUM_TODAY", "AURUM_HISTORY", "AURUM_THREADS", "AURUM_CACHE_MB",
        // aurum ingest and pull (docs/pipeline.md, "Bounded memory")
        "AURUM_MEMORY_BUDGET",
        // aurum report --html (docs/client-report.md); AURUM_REPORT_LANG_<CLIENT> too, see isFileVariable
        "AURUM_REPORT_LANG",
        // aurum pull (docs/pull.md)
        "AURUM_META_ACCESS_TOKEN", "AURUM_META_GRAPH_URL", "AURUM_META_API_VERSION", "AURUM_META_PAGE_LIMIT",
        "AURUM_META_ASYNC_AFTER_DAYS", "AURUM_META_POLL_SECONDS", "AURUM_META_RESTATEMENT_DAYS",
        "AURUM_GOOGLE_ADS_DEVELOPER_TOKEN", "AURUM_GOOGLE_OAUTH_CLIENT_ID", "AURUM_GOOGLE_OAUTH_CLIENT_SECRET",
        "AURUM_GOOGLE_OAUTH_REFRESH_TOKEN", "AURUM_GOOGLE_ADS_ACCESS_TOKEN", "AURUM_GOOGLE_ADS_LOGIN_CUSTOMER_ID",
        "AURUM_GOOGLE_ADS_URL", "AURUM_GOOGLE_ADS_API_VERSION", "AURUM_GOOGLE_OAUTH_TOKEN_URL",
        "AURUM_GOOGLE_DAYS_PER_REQUEST", "AURUM_GOOGLE_RESTATEMENT_DAYS", "AURUM_PULL_RETRIES",
        "AURUM_PULL_BACKOFF_SECONDS", "AURUM_PULL_WAIT_MAX_SECONDS", "AURUM_PULL_WAIT_SCALE", "AURUM_PULL_TIMEOUT_SECONDS",
        // aurum export --format parquet (docs/parquet.md)
        "AURUM_PARQUET_ROW_GROUP_BYTES", "AURUM_PARQUET_ROW_GROUP_ROWS", "AURUM_PARQUET_PAGE_BYTES", "AURUM_PARQUET_DICTIONARY_BYTES",
        // aurum push bigquery, aurum query --on bigquery (docs/scale-out.md)
        "AURUM_BIGQUERY_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "AURUM_BIGQUERY_URL", "AURUM_BIGQUERY_POLL_SECONDS",
        "AURUM_BIGQUERY_PAGE_ROWS", "AURUM_BIGQUERY_CHUNK_BYTES",
    ]

    /// The variables read from the environment only: before any config file could be (or naming it), or by
    /// code that takes no settings file (the Parquet limits).
    static let environmentOnly: Set<String> = [
        "AURUM_STORE", "AURUM_CONFIG", "AURUM_TODAY", "AURUM_HISTORY", "AURUM_THREADS", "AURUM_CACHE_MB", "AURUM_MEMORY_BUDGET",
        "AURUM_PARQUET_ROW_GROUP_BYTES", "AURUM_PARQUET_ROW_GROUP_ROWS", "AURUM_PARQUET_PAGE_BYTES", "AURUM_PARQUET_DICTIONARY_BYTES",
    ]

    /// The variables the config file may hold: the model's and the pull's.
    static let fileVariables = variables.filter { !environmentOnly.contains($0) }

    /// Whether the config file may hold `name`: a fixed variable, or one client's report language.
    static func isFileVariable(_ name: String) -> Bool {
        fileVariables.contains(name) || isClientReportLanguage(name)
    }

    /// Whether `name` is one client's report language (`AURUM_REPORT_LANG_ACME`).
    static func isClientReportLanguage(_ name: String) -> Bool {
        name.hasPrefix(ClientReportWords.variable + "_") && name.count > ClientReportWords.variable.count + 1
    }

    /// The report for `environment`; throws when the config file is invalid or not private.
    static func lines(environment: [String: String]) throws -> [String] {
        let path = SettingsFile.path(environment: environment)
        let file = try SettingsFile.read(path)
        let configuration = try LLMConfiguration.resolve(environment: environment)
        var lines = ["config file:    \(path) (\(fileState(path)))"]
        for name in file.settings.keys.sorted() {
            let key = file.spelling[name] ?? name
            if isFileVariable(name) {
                lines.append("  \(key)=\(shown(name, file.settings[name] ?? ""))\(environment[name].map { $0.isEmpty ? "" : " (the environment's value wins)" } ?? "")")
            } else {
                let known = variables.contains(name) ? "is read from the environment only" : "is not one of Aurum's variables"
                lines.append("  \(key): ignored, it \(known)\(suggestion(for: name))")
            }
        }
        if configuration.isConfigured {
            lines.append(
                "model endpoint: \(configuration.baseURL), model \(configuration.model), timeout "
                    + "\(DoubleFormat.roundTrip(configuration.timeoutSeconds)) s, API key \(configuration.apiKey == nil ? "not set" : "set")")
        } else {
            lines.append("model endpoint: not configured (aurum ask uses the offline translator)")
        }
        lines.append("threads:        \(Parallel.threadCount) (\(Parallel.threadsSetting == nil ? "the processors this process may run on" : "AURUM_THREADS"))")
        let set = variables.filter { environment[$0] != nil } + environment.keys.filter(isClientReportLanguage).sorted()
        lines.append(set.isEmpty ? "environment:    none of Aurum's variables is set (aurum help config lists them)" : "environment:")
        for name in set {
            lines.append("  \(name)=\(shown(name, environment[name] ?? ""))")
        }
        return lines
    }

    /// `value`, or "(set, hidden)" for a secret.
    private static func shown(_ name: String, _ value: String) -> String {
        SettingsFile.isSecret(name) && !value.isEmpty ? "(set, hidden)" : value
    }

    /// " (did you mean X?)" for a key that looks like a misspelt variable the file may hold.
    private static func suggestion(for name: String) -> String {
        nearestName(name, among: fileVariables).map { " (did you mean \($0)?)" } ?? ""
    }

    /// "not found", or the file's permissions such as "mode 600" (of the file a link points to).
    private static func fileState(_ path: String) -> String {
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { return "not found" }
        guard let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue else { return "present" }
        return "mode " + String(permissions & 0o777, radix: 8)
    }
}
