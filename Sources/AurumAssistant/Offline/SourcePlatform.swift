/// An ads platform as the data calls it in the `source` column.
enum SourcePlatform: String, CaseIterable, Sendable {
    case meta, google
}
