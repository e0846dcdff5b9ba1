import AurumAssistant
import AurumCore
import Foundation

/// What `aurum config` prints: the config file, the model endpoint in effect, and Aurum's variables that are set
/// (secrets hidden).
enum ConfigReport {
    /// Every environment variable Aurum reads, in the order `aurum help config` documents them, and whether its
    /// value is a secret.
    static let variables: [(name: String, secret: Bool)] = [
        ("AURUM_STORE", false), ("AURUM_CONFIG", false), ("AURUM_LLM_API_KEY", true), ("TOGETHER_API_KEY", true),
        ("AURUM_LLM_BASE_URL", false), ("AURUM_LLM_MODEL", false), ("AURUM_LLM_TIMEOUT", false), ("AURUM_TODAY", false),
        ("AURUM_HISTORY", false), ("AURUM_THREADS", false), ("AURUM_CACHE_MB", false),
    ]

    /// The report for `environment`; throws when the config file is invalid or not private.
    static func lines(environment: [String: String]) throws -> [String] {
        let path = LLMConfiguration.configFilePath(environment: environment)
        let configuration = try LLMConfiguration.resolve(environment: environment)
        var lines = ["config file:    \(path) (\(fileState(path)))"]
        if configuration.isConfigured {
            lines.append(
                "model endpoint: \(configuration.baseURL), model \(configuration.model), timeout "
                    + "\(DoubleFormat.roundTrip(configuration.timeoutSeconds)) s, API key \(configuration.apiKey == nil ? "not set" : "set")")
        } else {
            lines.append("model endpoint: not configured (aurum ask uses the offline translator)")
        }
        let set = variables.filter { environment[$0.name] != nil }
        lines.append(set.isEmpty ? "environment:    none of Aurum's variables is set (aurum help config lists them)" : "environment:")
        for variable in set {
            lines.append("  \(variable.name)=\(variable.secret ? "(set, hidden)" : environment[variable.name] ?? "")")
        }
        return lines
    }

    /// "not found", or the file's permissions such as "mode 600" (of the file a link points to).
    private static func fileState(_ path: String) -> String {
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { return "not found" }
        guard let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue else { return "present" }
        return "mode " + String(permissions & 0o777, radix: 8)
    }
}
