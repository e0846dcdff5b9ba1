/// Words users say for a column that the column is not called ("cost" for `spend`), for "did you mean".
///
/// Only a query that names an unknown column reads them, so they are built then: the pipeline's list folds
/// every catalogue phrase (1.4M instructions, a twentieth of a one-shot `SELECT 1`).
public struct ColumnSynonyms: Sendable, ExpressibleByDictionaryLiteral {
    private let words: @Sendable () -> [String: String]

    /// Synonyms computed by `words` when first needed (a `static let`, so once per process).
    public init(_ words: @escaping @Sendable @autoclosure () -> [String: String]) {
        self.words = words
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        let words = Dictionary(elements, uniquingKeysWith: { first, _ in first })
        self.words = { words }
    }

    /// The column `word` (lower-cased) stands for, if any.
    func column(for word: String) -> String? { words()[word] }
}
