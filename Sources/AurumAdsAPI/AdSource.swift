/// The ads API a Bronze page came from, recognised by the page's content (data contract, rule 1).
///
/// The raw values are the `source` column of Bronze, Silver and quarantine: never change them.
public enum AdSource: String, Sendable, Hashable, CaseIterable {
    /// Meta (Facebook) Marketing API Insights: a JSON object with a `data` array of rows.
    case meta
    /// Google Ads API `GoogleAdsService.SearchStream`: a JSON array of batches, each with `results`.
    case google
}
