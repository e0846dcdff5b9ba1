/// The on-disk format versions this Aurum reads and writes, for `aurum --version` and for messages.
///
/// Each reader accepts exactly the version its writer writes (docs/segment-format.md, versioning rules), so one
/// number per file kind says both what this build reads and what it writes.
public enum StoreFormat {
    /// The number in the MANIFEST's first line.
    public static let manifest = Manifest.formatVersion
    /// The version at offset 8 of every segment file.
    public static let segment = Int(SegmentFooter.formatVersion)
    /// The version at offset 8 of every blob pack.
    public static let blobPack = Int(BlobPack.formatVersion)

    /// "manifest 1, segment 1, blob pack 1".
    public static var summary: String {
        "manifest \(manifest), segment \(segment), blob pack \(blobPack)"
    }
}
