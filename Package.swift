// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Casebook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "casebook", targets: ["casebook"]),
        .library(name: "CasebookKit", targets: ["CasebookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // libdeflate compresses the search's case texts; zlib inflates them again in the tests, as
        // an implementation of DEFLATE apart from the one that wrote them.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // accept4 and pipe2, which Swift's Glibc module does not show.
        .target(name: "CSystem"),
        .target(
            name: "CasebookKit",
            dependencies: [
                "CSystem",
                "CCmark",
                "CDeflate",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // tcmalloc's malloc in place of the C library's (on both cores a build makes and frees
            // millions of small strings and arrays): a tenth less time for every size of site.
            linkerSettings: [.linkedLibrary("tcmalloc_minimal", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "casebook-fuzz",
            dependencies: ["CasebookKit"]
        ),
        .testTarget(
            name: "CasebookKitTests",
            // swift-mustache renders the shipped templates beside Casebook's own engine, and Yams composes
            // front matter beside SimpleYAML, to prove they agree.
            dependencies: ["CasebookKit", "CZlib", .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]
        ),
    ]
)
