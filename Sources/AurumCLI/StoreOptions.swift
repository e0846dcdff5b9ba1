import ArgumentParser
import Foundation

/// `--store DIR`, shared by every command: the store directory (default `$AURUM_STORE`, else `./aurum-data`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $AURUM_STORE, else ./aurum-data).", valueName: "DIR"))
    var store: String?

    var directory: String { Self.directory(store) }

    /// The directory `--store` names, else `$AURUM_STORE`, else `./aurum-data`.
    static func directory(_ store: String?) -> String {
        if let store { return store }
        if let environment = ProcessInfo.processInfo.environment["AURUM_STORE"], !environment.isEmpty { return environment }
        return "aurum-data"
    }
}
