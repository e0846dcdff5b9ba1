import Foundation

/// Aurum's one config file: `$AURUM_CONFIG`, else `~/.config/aurum/config.json`, one JSON object whose keys are
/// environment variable names, spelled as the variable (`AURUM_META_ACCESS_TOKEN`) or in lower case
/// (`aurum_llm_model`), with string or number values. The model endpoint (AurumAssistant) and `aurum pull`
/// (AurumPull) read their settings from ``merged(over:)``: the environment wins, variable by variable.
///
/// A missing file is no error (`aurum config` says it is not found); an unreadable or malformed one is. A file
/// that holds a secret (a variable named `…_KEY`, `…_TOKEN` or `…_SECRET` with a value) is refused when its group
/// or others may read it (they would learn the secret) or write it (they could point an endpoint elsewhere and
/// receive the secret with the next request), like ssh with its keys.
public enum SettingsFile {
    /// The file's path: `$AURUM_CONFIG`, else `$HOME/.config/aurum/config.json`.
    public static func path(environment: [String: String]) -> String {
        if let path = environment["AURUM_CONFIG"], !path.isEmpty { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/aurum/config.json"
    }

    /// Whether the variable `name` holds a secret: its value is never shown, and a file holding it must be private.
    public static func isSecret(_ name: String) -> Bool {
        name.hasSuffix("_KEY") || name.hasSuffix("_TOKEN") || name.hasSuffix("_SECRET")
    }

    /// The file's settings under ``path(environment:)``, overridden by every variable of `environment` with a
    /// non-empty value (an empty variable counts as unset, so it does not hide the file's value).
    public static func merged(over environment: [String: String]) throws(SettingsFileError) -> [String: String] {
        let path = path(environment: environment)
        return try read(path).settings.merging(environment.filter { !$0.value.isEmpty }) { _, fromEnvironment in fromEnvironment }
    }

    /// The settings of the file at `path`, keyed by variable name (upper case), with each key as the file spells
    /// it; empty when there is no file.
    public static func read(_ path: String) throws(SettingsFileError) -> (settings: [String: String], spelling: [String: String]) {
        guard FileManager.default.fileExists(atPath: path) else { return ([:], [:]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsFileError(path: path, reason: "cannot read it (permission denied or a directory)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let dictionary = object as? [String: Any] else {
            throw SettingsFileError(path: path, reason: "it must hold one JSON object such as {\"aurum_llm_model\": \"…\", \"AURUM_META_ACCESS_TOKEN\": \"…\"}")
        }
        var settings: [String: String] = [:]
        var spelling: [String: String] = [:]
        for key in dictionary.keys.sorted() {
            let name = key.uppercased()
            guard key == name || key == name.lowercased(), let first = name.first, first.isLetter,
                name.allSatisfy({ $0 == "_" || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
            else {
                throw SettingsFileError(
                    path: path, reason: "\"\(key)\" is not a variable name; keys are spelled as the variable (AURUM_LLM_MODEL) or in lower case (aurum_llm_model)")
            }
            if let other = spelling[name] {
                throw SettingsFileError(path: path, reason: "\"\(other)\" and \"\(key)\" name the same variable")
            }
            guard name != "AURUM_CONFIG" else {
                throw SettingsFileError(path: path, reason: "\"\(key)\" cannot be set in the config file itself (it names the file)")
            }
            switch dictionary[key] {
            case let text as String: settings[name] = text.trimmingCharacters(in: .whitespaces)
            case let number as NSNumber: settings[name] = number.stringValue
            default: throw SettingsFileError(path: path, reason: "the value of \"\(key)\" must be a string or a number")
            }
            spelling[name] = key
        }
        if let secret = settings.keys.sorted().first(where: { isSecret($0) && !(settings[$0] ?? "").isEmpty }) {
            try requirePrivate(path, holding: spelling[secret] ?? secret)
        }
        return (settings, spelling)
    }

    /// Refuses a file holding the secret `key` that group or others may read or write.
    private static func requirePrivate(_ path: String, holding key: String) throws(SettingsFileError) {
        // The file itself, not a link to it (a link's own mode is always 777; dotfile managers link config files).
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else {
            throw SettingsFileError(path: path, reason: "cannot read its permissions")
        }
        guard permissions & 0o077 == 0 else {
            let mode = String(permissions & 0o777, radix: 8)
            throw SettingsFileError(
                path: path,
                reason: "it holds \"\(key)\" but its permissions (\(mode)) let group or others read or write it; run: chmod 600 \(path)")
        }
    }
}

/// A config file that cannot be used; the message names the file and the key, never a value.
public struct SettingsFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String

    public var description: String { "config file \(path): \(reason)" }
}
