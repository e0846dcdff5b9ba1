import ArgumentParser
import AurumCore
import Foundation

/// The CLI's only way to print and fail: standard output for results, standard error for errors.
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("aurum: error: " + text + "\n").utf8))
    }

    /// `text` on standard error as it is (the REPL's errors, which keep going).
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Runs `body`; any error is printed as one line on stderr and the process exits with status 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            self.error(String(describing: error))
            throw ExitCode.failure
        }
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        ReadableNumber.integer(Int64(value))
    }

    /// `text` padded with spaces to `width` terminal columns (right-aligned when `right`); emoji and other wide
    /// characters count two.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - TableRenderer.displayWidth(text)))
        return right ? padding + text : text + padding
    }
}
