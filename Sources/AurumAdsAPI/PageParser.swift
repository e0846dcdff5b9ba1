/// Turns the bytes of one Bronze file into its rows: recognition (data contract, rule 1), then each row's
/// checks (rule 3) and Meta conversions (rule 4). No dedup, storage or I/O.
///
/// ```swift
/// let page = try PageParser().parse(bytes)
/// for row in page.rows {
///     switch row.outcome {
///     case .valid(let record): …
///     case .quarantined(let reason, let detail): …
///     }
/// }
/// ```
///
/// Recognition, by the first non-blank byte (space, tab, CR, LF): `{` must be a JSON object with a `data` array
/// (a Meta page; other members such as `paging` are ignored); `[` is a Google stream, an array of batch objects
/// whose `results` arrays hold the rows (a batch without `results`, or with null, has no rows). Anything else is
/// not a data page. Decisions where the contract is silent:
/// - An empty or all-blank file, and one that starts with a UTF-8 byte-order mark, is not a data page.
/// - A Google batch with an `error` member (a stream cut short by an API error) makes the whole file not a
///   data page, so that a partial pull is reported rather than half-ingested.
/// - A repeated member name takes its last value, except the page's own `data` (Meta) and a batch's `results`
///   (Google): a page that repeats one of them is not a data page, since keeping either copy would drop rows.
/// - A Google stream element with a `data` member (a Meta page wrapped in `[ ]`) makes the file not a data
///   page, rather than a Google stream of zero rows.
///
/// - Complexity: O(n) in the file's length: one pass to build a tape (``JSONScanner``), one walk over it.
///   Allocations: the tape, the row array, and the strings of each ``SilverRecord``.
public struct PageParser: Sendable {
    /// The Meta action types that count as a conversion, most preferred first.
    public var conversionPreference: [String] { meta.preference }

    private let meta: MetaRowReader
    private let google = GoogleRowReader()

    /// A parser choosing Meta conversions by `conversionPreference` (most preferred first).
    public init(conversionPreference: [String] = ConversionPreference.default) {
        meta = MetaRowReader(conversionPreference: conversionPreference)
    }

    /// The page in `bytes`: its source and every row, valid or quarantined, in ingest order.
    ///
    /// - Throws: ``PageError/invalidJSON(offset:line:column:message:)`` when a `{…}` or `[…]` file is not valid
    ///   JSON, ``PageError/notADataPage(reason:)`` when it is not a Meta page or a Google stream,
    ///   ``PageError/fileTooLarge(byteCount:byteCountMax:)`` beyond 4 GiB.
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(PageError) -> ParsedPage {
        guard bytes.count <= JSONScanner.byteCountMax else {
            throw PageError.fileTooLarge(byteCount: bytes.count, byteCountMax: JSONScanner.byteCountMax)
        }
        var first = 0
        while first < bytes.count && ASCII.isBlank(bytes[first]) { first += 1 }
        guard first < bytes.count else {
            throw PageError.notADataPage(reason: bytes.isEmpty ? "the file is empty" : "the file holds only blanks")
        }
        let source: AdSource
        switch bytes[first] {
        case ASCII.openBrace: source = .meta
        case ASCII.openBracket: source = .google
        case let byte:
            let hint = byte == 0xEF ? " (a UTF-8 byte-order mark? save the page without one)" : ""
            throw PageError.notADataPage(
                reason: "first non-blank byte is \(JSONScanner.describe(byte: byte))\(hint), "
                    + "expected '{' (Meta page) or '[' (Google stream)")
        }
        let nodes = try JSONScanner.scan(bytes)
        // `withUnsafeBufferPointer` rethrows untyped errors: carry the typed one out in a Result.
        let page = nodes.withUnsafeBufferPointer { nodes -> Result<ParsedPage, PageError> in
            let view = JSONView(bytes: bytes, nodes: nodes)
            let root = 0
            return switch source {
            case .meta: Result { () throws(PageError) in try metaPage(view, root: root) }
            case .google: Result { () throws(PageError) in try googleStream(view, root: root) }
            }
        }
        return try page.get()
    }

    /// The page in `bytes` (see ``parse(_:)-(UnsafeRawBufferPointer)``).
    public func parse(_ bytes: [UInt8]) throws(PageError) -> ParsedPage {
        let page = bytes.withUnsafeBytes { buffer in Result { () throws(PageError) in try parse(buffer) } }
        return try page.get()
    }

    /// The outcome of one row's JSON text from a page of `source`, as ``parse(_:)-(UnsafeRawBufferPointer)``
    /// would give it: for rebuilding Silver from Bronze's `raw` rows.
    ///
    /// - Throws: ``PageError/invalidJSON(offset:line:column:message:)`` when `bytes` is not one JSON value.
    public func parseRow(_ bytes: UnsafeRawBufferPointer, source: AdSource) throws(PageError) -> RowOutcome {
        let nodes = try JSONScanner.scan(bytes)
        return nodes.withUnsafeBufferPointer { nodes in
            let view = JSONView(bytes: bytes, nodes: nodes)
            return switch source {
            case .meta: meta.read(view, row: 0)
            case .google: google.read(view, row: 0)
            }
        }
    }

    private func metaPage(_ view: JSONView, root: Int) throws(PageError) -> ParsedPage {
        guard let data = view.member(root, "data"), view.kind(data) != .null else {
            throw PageError.notADataPage(
                reason: view.member(root, "error") != nil
                    ? "a JSON object with an 'error' member and no 'data' array (a saved API error body)"
                    : "a JSON object without a 'data' array (an API error body?)")
        }
        guard view.kind(data) == .array else {
            throw PageError.notADataPage(reason: "'data' is \(view.kind(data).phrase), not an array")
        }
        let dataCount = view.memberCount(root, "data")
        guard dataCount == 1 else {
            throw PageError.notADataPage(reason: "the page has \(dataCount) 'data' members; a Meta page has one (which rows count would be a guess)")
        }
        var rows: [PageRow] = []
        rows.reserveCapacity(view.count(data))
        var element = data + 1
        for index in 0..<view.count(data) {
            rows.append(
                PageRow(
                    source: .meta, rawRange: view.range(element), position: String(index + 1),
                    outcome: meta.read(view, row: element)))
            element = view.next(element)
        }
        return ParsedPage(source: .meta, rows: rows)
    }

    private func googleStream(_ view: JSONView, root: Int) throws(PageError) -> ParsedPage {
        var rows: [PageRow] = []
        rows.reserveCapacity(Self.resultCount(view, root: root))
        var batch = root + 1
        for batchIndex in 0..<view.count(root) {
            defer { batch = view.next(batch) }
            let element = "Google stream element \(batchIndex + 1)"
            guard view.kind(batch) == .object else {
                throw PageError.notADataPage(reason: "\(element) is \(view.kind(batch).phrase), not an object")
            }
            if view.member(batch, "error") != nil {
                throw PageError.notADataPage(
                    reason: "\(element) is an API error (an 'error' member): the stream was cut short")
            }
            let resultsCount = view.memberCount(batch, "results")
            if resultsCount > 1 {
                throw PageError.notADataPage(
                    reason: "\(element) has \(resultsCount) 'results' members; a batch has one (which rows count would be a guess)")
            }
            if resultsCount == 0, view.member(batch, "data") != nil {
                throw PageError.notADataPage(
                    reason: "\(element) has a 'data' member and no 'results': a Meta page wrapped in an array? Save the page itself, without the enclosing [ ]")
            }
            guard let results = view.member(batch, "results"), view.kind(results) != .null else { continue }
            guard view.kind(results) == .array else {
                throw PageError.notADataPage(
                    reason: "\(element) has 'results' that is \(view.kind(results).phrase), not an array")
            }
            var result = results + 1
            for resultIndex in 0..<view.count(results) {
                rows.append(
                    PageRow(
                        source: .google, rawRange: view.range(result), position: "\(batchIndex + 1).\(resultIndex + 1)",
                        outcome: google.read(view, row: result)))
                result = view.next(result)
            }
        }
        return ParsedPage(source: .google, rows: rows)
    }

    /// The results of every batch of a stream that has them (what the rows array will hold, unless the stream
    /// is refused): room for them is made once. Reserving batch by batch instead grew the array to the exact
    /// size each time, copying every row so far once per batch — quadratic in the batches of a stream.
    private static func resultCount(_ view: JSONView, root: Int) -> Int {
        var total = 0
        var batch = root + 1
        for _ in 0..<view.count(root) {
            if view.kind(batch) == .object, let results = view.member(batch, "results"), view.kind(results) == .array {
                total += view.count(results)
            }
            batch = view.next(batch)
        }
        return total
    }
}
