// swift-tools-version:6.0
import PackageDescription

// Layers point inward: aurum → AurumCLI → AurumPipeline → AurumQuery (Gold and the report are plans over the engine) → AurumStorage → AurumKernels → AurumCore (AurumCharts: Core only).
// AurumDomain (the KPIs and measures, named in English and Portuguese) depends on nothing; the pipeline and the
// assistant both read it. AurumHTTP (one request through libcurl, loaded at first use) depends on nothing but its C
// shim; the pull and the assistant send through it. See docs/ARCHITECTURE.md.
let optimize: [SwiftSetting] = [
    // Kernels are generic and live in their own module: specialise them across module boundaries.
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "aurum",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "aurum", targets: ["aurum"]),
        .library(name: "AurumEngine", targets: ["AurumCore", "AurumKernels", "AurumStorage", "AurumAdsAPI", "AurumDomain", "AurumPipeline", "AurumQuery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // Line editing for `aurum repl`; only Sources/AurumCLI/Repl/LineEditor.swift imports it.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // SHA-256 of Bronze files and RS256 for BigQuery keys: OpenSSL's libcrypto, loaded at first use, not linked
        // (see crypto.c); only its headers (libssl-dev) are needed to build.
        .target(name: "CCrypto"),
        // Allocator tuning for the executable (see allocator.c).
        .target(name: "CAurumAllocator"),
        // Ctrl-C counted by a SIGINT handler, for cancelling REPL queries (see interrupt.c).
        .target(name: "CAurumInterrupt"),
        // A cache prefetch hint, which Swift has no intrinsic for (see aurum_prefetch.h).
        .target(name: "CAurumPrefetch"),
        // The processors this process may run on (sched_getaffinity), which Swift's Glibc module does not import.
        .target(name: "CAurumAffinity"),
        // HTTP through libcurl loaded at first use, not linked (see curl.c); only its header is needed to build.
        .target(name: "CAurumCurl"),
        // One HTTP request through CAurumCurl: what the pull and BigQuery transport and the chat client send with.
        .target(name: "AurumHTTP", dependencies: ["CAurumCurl"], swiftSettings: optimize),
        .target(name: "AurumCore", dependencies: ["CAurumPrefetch", "CAurumAffinity"], swiftSettings: optimize),
        .target(name: "AurumKernels", dependencies: ["AurumCore", "CAurumPrefetch"], swiftSettings: optimize),
        .target(name: "AurumStorage", dependencies: ["AurumCore", "CZstd", "CCrypto"], swiftSettings: optimize),
        .target(name: "AurumAdsAPI", dependencies: ["AurumCore"], swiftSettings: optimize),
        // The domain's one catalogue: KPI formulas, units, directions, EN/PT names (docs/ARCHITECTURE.md, "The domain").
        .target(name: "AurumDomain", swiftSettings: optimize),
        .target(
            name: "AurumPipeline",
            dependencies: ["AurumCore", "AurumKernels", "AurumStorage", "AurumAdsAPI", "AurumDomain", "AurumQuery", "CAurumPrefetch"],
            swiftSettings: optimize),
        .target(name: "AurumQuery", dependencies: ["AurumCore", "AurumKernels", "AurumStorage"], swiftSettings: optimize),
        // `aurum pull`: the Meta and Google Ads API clients; pages land in Bronze through the pipeline's ingest.
        .target(name: "AurumPull", dependencies: ["AurumCore", "AurumStorage", "AurumAdsAPI", "AurumPipeline", "AurumHTTP"], swiftSettings: optimize),
        // `aurum export --for bigquery` and `aurum push bigquery`: schemas, load scripts, load jobs over the REST API
        // (the pull module's HTTP transport and polite retries; RS256 for service-account keys through CCrypto).
        .target(
            name: "AurumBigQuery", dependencies: ["AurumCore", "AurumStorage", "AurumPipeline", "AurumPull", "CCrypto"],
            swiftSettings: optimize),
        .target(name: "AurumAssistant", dependencies: ["AurumCore", "AurumDomain", "AurumQuery", "AurumHTTP"], swiftSettings: optimize),
        // Charts of result batches: terminal (braille lines, eighth-block bars, sparklines) and SVG; knows batches only.
        .target(name: "AurumCharts", dependencies: ["AurumCore"], swiftSettings: optimize),
        // `aurum --version`: writes the version from `git describe` into AurumCLI before each build ("dev" without git).
        .plugin(name: "AurumVersion", capability: .buildTool()),
        .target(
            name: "AurumCLI",
            dependencies: [
                "AurumCore", "AurumStorage", "AurumDomain", "AurumPipeline", "AurumPull", "AurumBigQuery", "AurumQuery", "AurumAssistant", "AurumCharts",
                "CEditLine", "CAurumInterrupt",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimize, plugins: ["AurumVersion"]),
        .executableTarget(name: "aurum", dependencies: ["AurumCLI", "CAurumAllocator"], swiftSettings: optimize),
        .testTarget(name: "AurumCoreTests", dependencies: ["AurumCore", "CAurumAllocator"]),
        .testTarget(name: "AurumKernelsTests", dependencies: ["AurumKernels"]),
        .testTarget(name: "AurumHTTPTests", dependencies: ["AurumHTTP"]),
        .testTarget(name: "AurumStorageTests", dependencies: ["AurumStorage"]),
        // Golden/*.test are read from the source tree by GoldenTests (#filePath), not bundled.
        .testTarget(name: "AurumQueryTests", dependencies: ["AurumQuery", "AurumStorage"], exclude: ["Golden"]),
        .testTarget(
            name: "AurumAssistantTests", dependencies: ["AurumAssistant", "AurumQuery", "AurumStorage", "AurumPipeline", "AurumDomain"],
            // Started by the tests as a local chat-completions endpoint (see StubChatServer.swift).
            exclude: ["stub_chat_server.py"]),
        .testTarget(name: "AurumChartsTests", dependencies: ["AurumCharts", "AurumCore"], exclude: ["Golden"]),
        .testTarget(name: "AurumAdsAPITests", dependencies: ["AurumAdsAPI"]),
        .testTarget(name: "AurumDomainTests", dependencies: ["AurumDomain"]),
        .testTarget(name: "AurumPipelineTests", dependencies: ["AurumPipeline", "AurumStorage", "AurumDomain"]),
        .testTarget(name: "AurumPullTests", dependencies: ["AurumPull", "AurumCore", "AurumAdsAPI", "AurumPipeline", "AurumStorage"]),
        .testTarget(name: "AurumBigQueryTests", dependencies: ["AurumBigQuery", "AurumPipeline"]),
        .testTarget(name: "AurumCLITests", dependencies: ["AurumCLI", "AurumCore", "AurumQuery", "AurumAssistant", "AurumPipeline"]),
    ],
    swiftLanguageModes: [.v6]
)
