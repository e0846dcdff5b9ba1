/// The on-disk format versions this Aurum reads and writes, for `aurum --version` and for messages.
///
/// Each file kind has the version this build writes; its reader accepts that one and every older one
/// (docs/segment-format.md, versioning rules).
public enum StoreFormat {
    /// The number in the MANIFEST's first line.
    public static let manifest = Manifest.formatVersion
    /// The version at offset 8 of every segment file written.
    public static let segment = Int(SegmentFooter.formatVersion)
    /// The oldest segment version read.
    public static let oldestSegment = Int(SegmentFooter.oldestReadVersion)
    /// The version at offset 8 of every blob pack.
    public static let blobPack = Int(BlobPack.formatVersion)

    /// "manifest 1, segment 2 (reads 1-2), blob pack 1".
    public static var summary: String {
        "manifest \(manifest), segment \(segment) (reads \(oldestSegment)-\(segment)), blob pack \(blobPack)"
    }
}
