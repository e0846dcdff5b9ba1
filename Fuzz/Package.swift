// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer harnesses, kept in their own package so that `swift build` / `swift test` at the root never build
// them (as Benchmarks/). `make fuzz` builds them with `-sanitize=fuzzer,address` and runs each for
// FUZZ_SECONDS; see README.md here. Built without the sanitizer (plain `swift build --package-path Fuzz`), each
// harness replays the files named on its command line instead, which is how a crash is reproduced.
//
// `.package(path: "..")` takes its identity from the parent directory's name (`main` in the usual checkout):
// read it from this file's path, so any checkout's name works.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "aurum-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver weak, so the harnesses link without libFuzzer too.
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
        .executableTarget(name: "FuzzPages", dependencies: ["FuzzSupport", .product(name: "AurumEngine", package: root)]),
        .executableTarget(name: "FuzzQuery", dependencies: ["FuzzSupport", .product(name: "AurumEngine", package: root)]),
        .executableTarget(name: "FuzzStorage", dependencies: ["FuzzSupport", .product(name: "AurumEngine", package: root)]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "AurumEngine", package: root)]),
    ],
    swiftLanguageModes: [.v6]
)
