// swift-tools-version:6.0
import PackageDescription

// Kernel and storage micro-benchmarks, kept in their own package so that `swift build` / `swift test` at the
// root never build them (swift-nio keeps its benchmarks the same way). A small hand-written harness instead of
// package-benchmark: nothing to fetch, nothing extra to build. See Micro/README.md.
//
// `.package(path: "..")` takes its identity from the parent directory's name, which is `main` in the usual
// checkout (/work/main); a checkout under another name needs `package:` below changed to that name.
let package = Package(
    name: "aurum-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "aurum-micro",
            dependencies: [.product(name: "AurumEngine", package: "main")],
            path: "Micro",
            exclude: ["README.md"],
            swiftSettings: [
                // As the root does: specialise the generic kernels across the module boundary.
                .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
