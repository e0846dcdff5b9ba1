import AurumAdsAPI
import AurumCore
import AurumStorage

/// Pages parsed before the ingest that stores them (`aurum pull` parses each page while the next one is fetched),
/// handed to ``Pipeline/ingest(paths:directory:conversionPreference:progress:recordingPathsFrom:parsed:)`` so the
/// ingest does not parse the same bytes again.
///
/// A parse is filed under the SHA-256 of the very bytes it read, so it can only ever stand for those bytes: the
/// ingest still reads and hashes every file (Bronze keeps what is on disk), and takes a parse only for a file whose
/// bytes hash the same. It takes none of them when they were made with another conversion preference than the
/// one the ingest resolves (a store rebuilt with a new preference in between): those files are parsed afresh. A
/// page that is not a data page is kept as its ``PageError``, and the ingest rejects its file with that reason,
/// as it would have on its own.
///
/// Memory is bounded: a page that would take the bytes parsed past ``budgetBytes`` is not parsed (its file is
/// parsed by the ingest, on every core, as any file is).
public struct ParsedPages: Sendable {
    /// The default budget: the bytes of the pages whose parses are kept (their rows take some more).
    public static let budgetBytesDefault = 256 << 20

    /// The parser every page is parsed with (the conversion preference it was built with goes with the parses).
    let parser: PageParser
    /// Parses kept, by the SHA-256 (lower-case hex) of their bytes.
    private var outcomes: [String: Result<ParsedPage, PageError>] = [:]
    /// Bytes of the pages parsed so far.
    private(set) var bytesParsed = 0
    /// The most bytes of pages parsed (and kept).
    public let budgetBytes: Int

    /// Pages parsed with `conversionPreference` (the Meta purchase action types, most preferred first).
    public init(conversionPreference: [String] = ConversionPreference.default, budgetBytes: Int = budgetBytesDefault) {
        parser = PageParser(conversionPreference: conversionPreference)
        self.budgetBytes = budgetBytes
    }

    /// Pages parsed as an ingest into the store at `directory` (with no `--conversion-preference`) will parse
    /// them: with the store's preference, or the default one for a store not made yet.
    public static func forStore(directory: String, budgetBytes: Int = budgetBytesDefault) throws -> ParsedPages {
        guard FileIO.exists(directory + "/MANIFEST") else { return ParsedPages(budgetBytes: budgetBytes) }
        let store: Store
        do {
            store = try Store(directory: directory, mode: .read)
        } catch let error as StorageError {
            throw PipelineError.storage(error)
        }
        let stored = store.manifest.properties[Pipeline.Property.conversionPreference].map { $0.split(separator: ",").map(String.init) }
        return ParsedPages(conversionPreference: stored ?? ConversionPreference.default, budgetBytes: budgetBytes)
    }

    /// The conversion preference the pages are parsed with.
    public var conversionPreference: [String] { parser.conversionPreference }

    /// Pages parsed (and kept) so far.
    public var count: Int { outcomes.count }

    /// Parses `bytes` as the ingest would and keeps the outcome for it: the page, or why it is not a data page.
    /// Nil when the budget is spent (the page is not parsed; the ingest will parse its file).
    public mutating func parse(_ bytes: [UInt8]) -> Result<ParsedPage, PageError>? {
        guard bytesParsed + bytes.count <= budgetBytes else { return nil }
        let outcome = Result { () throws(PageError) in try parser.parse(bytes) }
        outcomes[bytes.withUnsafeBytes { SHA256.hex($0) }] = outcome
        bytesParsed += bytes.count
        return outcome
    }

    /// The parse of the bytes whose SHA-256 is `sha256`, if those bytes were parsed.
    func outcome(sha256: String) -> Result<ParsedPage, PageError>? { outcomes[sha256] }
}
