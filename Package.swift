// swift-tools-version:6.0
import PackageDescription

// The pipeline, one module per stage:
// GongshiContent (load + parse + validate) -> GongshiModel (typed model + compute)
// -> GongshiRender (templates, open data) -> GongshiSite (build, write, swap) -> gongshi (CLI).
// GongshiFiles is the file system for all of them (listing, reading, writing, renaming, locking).
//
// Linux only: Gongshi calls Glibc, renameat2, statx, flock, inotify and /proc/self/exe
// directly. SwiftPM cannot say "Linux only", so no platforms are listed; it does not
// build on macOS and does not pretend to.
let package = Package(
    name: "Gongshi",
    products: [
        .executable(name: "gongshi", targets: ["gongshi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // .xlsx sheets and .docx documents are zip files (links the system zlib: zlib1g-dev).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "CGongshiSys"),
        // Photos (issue 12): libvips from Debian, resized and stripped of metadata at build time.
        // CGongshiVips is a small C API over it (libvips's own is variadic); GongshiImages is the Swift side.
        // CVips finds libvips's headers and library (pkg-config vips).
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        // Opens libvips with dlopen when a photo must be read: linked, its ~90 libraries cost every start of
        // gongshi 40–50 ms. So it does not depend on CVips; CGongshiVipsABI (for the tests) checks its
        // declarations of libvips against the real headers, which CVips's pkg-config finds.
        .target(name: "CGongshiVips", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CGongshiVipsABI", dependencies: ["CVips"]),
        .target(name: "GongshiImages", dependencies: ["CGongshiVips"]),
        .target(name: "GongshiMarkdown", dependencies: ["CCmarkGFM"]),
        .target(name: "GongshiModel"),
        // Every system call on files: FileTree (list, stat, read, real paths) and FileSystem (write, rename, link, lock).
        .target(name: "GongshiFiles", dependencies: ["GongshiModel", "CGongshiSys"]),
        .target(name: "GongshiContent", dependencies: [
            "GongshiModel", "GongshiMarkdown", "GongshiFiles", .product(name: "Yams", package: "Yams"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "GongshiRender", dependencies: [
            "GongshiModel", "GongshiMarkdown",
        ]),
        .target(name: "GongshiSite", dependencies: [
            "GongshiModel", "GongshiContent", "GongshiRender", "GongshiFiles", "GongshiImages",
        ]),
        // serve: a small HTTP server on POSIX sockets, a watcher, live reload.
        .target(name: "GongshiServe", dependencies: ["GongshiSite", "GongshiContent", "GongshiRender", "GongshiModel", "GongshiFiles"]),
        .executableTarget(name: "gongshi", dependencies: [
            "GongshiSite", "GongshiServe", "GongshiContent", "GongshiRender", "GongshiModel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: [
            // Release builds link the Swift runtime and Foundation statically: 6 ms less to start
            // and direct calls to retain/release; an incremental 20k build went 229 → 209 ms.
            .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
        ], linkerSettings: [
            .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
        ]),
        .testTarget(name: "GongshiMarkdownTests", dependencies: ["GongshiMarkdown"]),
        .testTarget(name: "GongshiModelTests", dependencies: ["GongshiModel"]),
        .testTarget(name: "GongshiFilesTests", dependencies: ["GongshiFiles", "GongshiModel"]),
        .testTarget(name: "GongshiContentTests", dependencies: ["GongshiContent", "GongshiModel", "GongshiRender", .product(name: "Yams", package: "Yams")],
                    // Workbooks read from disk by XLSXTests (Fixtures/xlsx/README.md), not bundled.
                    exclude: ["Fixtures"]),
        .testTarget(name: "GongshiSiteTests", dependencies: ["GongshiSite", "GongshiContent", "GongshiRender", "GongshiModel", "GongshiImages",
                                                     "CGongshiVipsABI"],
                    // Photos with real EXIF GPS, read from disk by PhotoTests (Fixtures/photos/README.md).
                    exclude: ["Fixtures"]),
        // Runs the real binary: exit codes, the lock, killed builds, the fuzz run.
        .testTarget(name: "GongshiCLITests", dependencies: ["gongshi"], exclude: ["Fixtures"]),
        .testTarget(name: "GongshiServeTests", dependencies: ["GongshiServe", "GongshiSite", "GongshiModel", "GongshiFiles"]),
    ]
)
