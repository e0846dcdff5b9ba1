#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumStorage

/// The optional settings file: `NAME=value` lines (the environment variables of docs/pull.md; `#` comments and
/// blank lines allowed, an optional `export ` in front). It holds secrets, so a file that its group or others may
/// read is refused. The environment wins over the file.
public enum PullConfigFile {
    /// `$AURUM_CONFIG`, else `$HOME/.config/aurum/config`.
    public static func path(environment: [String: String]) -> String? {
        if let path = environment["AURUM_CONFIG"], !path.isEmpty { return path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/aurum/config"
    }

    /// `environment` over the settings of the file at ``path(environment:)``: the file is optional unless
    /// `AURUM_CONFIG` names it.
    public static func merged(over environment: [String: String]) throws -> [String: String] {
        guard let path = path(environment: environment) else { return environment }
        let named = !(environment["AURUM_CONFIG"] ?? "").isEmpty
        var status = stat()
        guard stat(path, &status) == 0 else {
            if named { throw PullError.badSetting(name: "AURUM_CONFIG", value: path, reason: "no such file") }
            return environment
        }
        guard status.st_mode & 0o077 == 0 else {
            throw PullError.badSetting(
                name: "config file", value: path,
                reason: "it holds secrets and its group or others may read it; run `chmod 600 \(path)`")
        }
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { throw PullError.badSetting(name: "config file", value: path, reason: "\(error)") }
        // (An empty variable counts as unset, as PullSettings reads it: it does not hide the file's value.)
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
            .merging(environment.filter { !$0.value.isEmpty }) { _, fromEnvironment in fromEnvironment }
    }

    /// The `NAME=value` lines of `text`; a line that is not one is an error naming it (never its value).
    static func parse(_ text: String, path: String) throws -> [String: String] {
        var settings: [String: String] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = raw.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: " \t") }
            guard let equals = line.firstIndex(of: "="), line[..<equals].hasPrefix("AURUM_") else {
                throw PullError.badSetting(name: "config file", value: "\(path) line \(index + 1)", reason: "expected AURUM_NAME=value")
            }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            settings[line[..<equals].trimmingCharacters(in: " \t")] = value
        }
        return settings
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
