import AurumCore
import ArgumentParser

/// `--formula-guard quote|none` on `aurum query` and `aurum ask`: whether `--format csv` prefixes text that a
/// spreadsheet would run as a formula with `'`.
///
/// Off by default here: these results go to pipes, scripts and other tools, which want the text exactly as
/// stored. `aurum export` (files that BI tools and spreadsheets open) has the same option, on by default; the
/// REPL's `.formulaguard` sets it for `.mode csv`.
struct ResultFormulaGuard: ParsableArguments {
    @Option(name: .customLong("formula-guard"), help: ArgumentHelp(
        "With --format csv: quote prefixes text starting with = + - @ TAB CR or ' with one ' (for spreadsheets); none (the default) writes text as stored."))
    var value: CSVWriter.FormulaGuard = .none
}
