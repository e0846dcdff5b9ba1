import ArgumentParser

/// An option value that is one of a fixed set of words: a `String`-backed `CaseIterable` enum.
///
/// ArgumentParser's own `allValueStrings` for such an enum maps its cases through the key path
/// `\.rawValue.defaultValueDescription`, which the Swift runtime instantiates from its pattern on every call, and
/// ArgumentParser asks for it each time it builds a command's arguments (several times in every process, whatever
/// the command): about 1.7M of the 58M instructions of a one-shot `aurum query` (docs/performance.md, "The
/// installed binary"). The same words, through a closure, so help, errors and completions read the same. Public
/// because some of these enums are public types of other modules (ChartRequest, SQLDialect).
public protocol ChoiceArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceArgument {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}
