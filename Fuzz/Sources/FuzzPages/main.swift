import AurumAdsAPI
import FuzzSupport

/// The JSON page scanner and the Meta and Google row readers: any bytes either parse into a page (and rows) or
/// are a ``PageError``; never a crash, a hang or unbounded memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPages(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let parser = PageParser()
    _ = try? parser.parse(bytes)
    bytes.withUnsafeBytes { raw in
        for source in AdSource.allCases { _ = try? parser.parseRow(raw, source: source) }
    }
    return 0
}

FuzzDriver.main { data, size in fuzzPages(data, size) }
