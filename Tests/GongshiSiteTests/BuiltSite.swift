import Foundation
import GongshiModel
@testable import GongshiSite

/// Paths and helpers for end-to-end tests that build real folders.
enum Repo {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()
    // Resolved, so a test that copies the content copies files, never a link to the real folder.
    static let content = URL(fileURLWithPath: root + "/content").resolvingSymlinksInPath().path
    static let templates = URL(fileURLWithPath: root + "/site-templates").resolvingSymlinksInPath().path
}

/// A new empty folder under the system's temporary folder, removed when `body` returns
/// (or throws): what a test builds there goes with it.
func withTemporaryFolder<T>(_ body: (String) throws -> T) rethrows -> T {
    let path = makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// A new empty folder that lives as long as the test process (a build several tests of a
/// suite share), removed when the process exits. A test's own folder: `withTemporaryFolder`.
func temporaryFolder() -> String {
    let path = makeTemporaryFolder()
    TemporaryFolders.removeAtExit(path)
    return path
}

private func makeTemporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "gongshi-site-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private enum TemporaryFolders {
    nonisolated(unsafe) static var paths: [String] = []
    static let lock = NSLock()
    static let registered: Void = { atexit { TemporaryFolders.removeAll() } }()

    static func removeAtExit(_ path: String) {
        _ = registered
        lock.lock(); paths.append(path); lock.unlock()
    }

    static func removeAll() {
        lock.lock(); let all = paths; paths = []; lock.unlock()
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}

func build(content: String = Repo.content, output: String, asOf: String? = nil) -> BuildReport {
    SiteBuilder.build(BuildOptions(content: content, templates: Repo.templates, output: output,
                                   asOf: asOf.flatMap { CalendarDate(iso: $0) }, today: CalendarDate(iso: "2026-11-23")!))
}

/// Every regular file under `root` with its bytes, by relative path.
func tree(_ root: String) -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)!
    while let path = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result[path] = FileManager.default.contents(atPath: root + "/" + path)
        }
    }
    return result
}

func text(_ root: String, _ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: root + "/" + path) ?? Data(), as: UTF8.self)
}

/// `href` and `src` values of an HTML page.
func links(in html: String) -> [String] {
    var result: [String] = []
    for attribute in ["href=\"", "src=\""] {
        var rest = html[...]
        while let start = rest.range(of: attribute) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            result.append(String(rest[..<end]))
            rest = rest[end...]
        }
    }
    return result
}

/// Internal links of every page that do not resolve to a file, as "page -> link".
func brokenLinks(in root: String) -> [String] {
    var broken: [String] = []
    for (path, data) in tree(root) where path.hasSuffix(".html") {
        let folder = (path as NSString).deletingLastPathComponent
        for link in links(in: String(decoding: data, as: UTF8.self)) {
            if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") || link.hasPrefix("tel:") || link.hasPrefix("#") { continue }
            var target = link
            if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
            guard let decoded = target.removingPercentEncoding, !decoded.isEmpty else { broken.append("\(path) -> \(link)"); continue }
            let resolved = URL(fileURLWithPath: root + "/" + folder + "/" + decoded).standardized.path
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) || isDirectory.boolValue || !resolved.hasPrefix(root) {
                broken.append("\(path) -> \(link)")
            }
        }
    }
    return broken.sorted()
}

func json(_ root: String, _ path: String) -> Any? {
    FileManager.default.contents(atPath: root + "/" + path).flatMap { try? JSONSerialization.jsonObject(with: $0) }
}
