import Foundation

enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()
    static let content = URL(fileURLWithPath: root + "/content").resolvingSymlinksInPath().path
    static let templates = URL(fileURLWithPath: root + "/site-templates").resolvingSymlinksInPath().path
}

/// The `gongshi` binary SwiftPM built beside this test bundle.
let gongshiBinary: String = {
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return me.deletingLastPathComponent().appendingPathComponent("gongshi").path
}()

struct Run {
    var status: Int32
    /// Set when the process ended by a signal (a crash), or was killed by `timeout`.
    var signal: Int32?
    var timedOut: Bool
    var stdout: String
    var stderr: String
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// Runs `gongshi` with `arguments`, killing it after `timeout` seconds. The language variables of
/// the test's own environment (`LANG`, `LC_*`, `GONGSHI_LANG`) are not passed on, so the default
/// language (Chinese) is what the tests see unless `environment` sets one.
func gongshi(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], timeout: Double = 60) -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: gongshiBinary)
    process.arguments = arguments
    var inherited = ProcessInfo.processInfo.environment.filter { name, _ in
        name != "LANG" && name != "GONGSHI_LANG" && !name.hasPrefix("LC_")
    }
    inherited.merge(environment) { _, given in given }
    process.environment = inherited
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try! process.run()
    // Drain both pipes while the process runs, so a chatty run cannot block on a full pipe.
    let outData = Locked(Data()), errData = Locked(Data())
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { outData.set(out.fileHandleForReading.readDataToEndOfFile()) }
    DispatchQueue.global().async(group: group) { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    var timedOut = false
    if done.wait(timeout: .now() + timeout) == .timedOut {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        done.wait()
    }
    group.wait()
    let bySignal = process.terminationReason == .uncaughtSignal
    return Run(status: bySignal ? -1 : process.terminationStatus, signal: bySignal ? process.terminationStatus : nil,
               timedOut: timedOut, stdout: String(decoding: outData.value, as: UTF8.self), stderr: String(decoding: errData.value, as: UTF8.self))
}

/// A scratch folder removed when the value goes away.
final class Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "gongshi-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A copy of the example site's content folder.
    func copyContent(to name: String = "content") -> String {
        let target = path + "/" + name
        try! FileManager.default.copyItem(atPath: Repo.content, toPath: target)
        return target
    }
}

/// Every regular file under `root` with its bytes, by relative path.
func tree(_ root: String) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return result }
    while let path = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            result[path] = FileManager.default.contents(atPath: root + "/" + path)
        }
    }
    return result
}

func write(_ text: String, to path: String) {
    try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

/// `path:line:column: error|warning: message`, the one shape every problem is printed in.
func isLocatedDiagnostic(_ line: String) -> Bool {
    line.range(of: #"^[^:\n]+:[0-9]+:[0-9]+: (error|warning): .+$"#, options: .regularExpression) != nil
}

/// The summary line printed after the problems.
func isSummary(_ line: String) -> Bool {
    line.range(of: #"^[0-9]+ errors?, [0-9]+ warnings?$"#, options: .regularExpression) != nil
        || line.range(of: #"^[0-9]+ 处错误，[0-9]+ 处警告$"#, options: .regularExpression) != nil
}

/// A value written from another thread.
final class Locked<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func set(_ value: T) { lock.withLock { stored = value } }
    func update(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}
