import Glibc
import Dispatch
import GongshiContent
import GongshiFiles
import GongshiModel

/// Calls `changed` once things settle after files under the watched folders change, with what
/// changed: per watched folder, the paths relative to it (files, and folders that appeared, went or
/// changed), or nil when that cannot be said (polling; inotify's queue overflowed).
/// inotify on Linux, with every subfolder watched (new ones as they appear);
/// where inotify is unavailable, a stat signature of the trees compared every half second.
final class Watcher: @unchecked Sendable {
    typealias Changes = [Set<String>]?
    private let folders: [String]
    private let changed: @Sendable (Changes) -> Void
    private let queue = DispatchQueue(label: "gongshi.serve.watch")
    /// "inotify" or "polling", for the start-up message.
    private(set) var method = "polling"
    /// Written to by `stop`, so the watching thread wakes from its wait and ends.
    private var wake: (read: Int32, write: Int32) = (-1, -1)
    private let state = Lock()
    private var started = false, stopped = false
    private let running = DispatchGroup()

    init(folders: [String], changed: @escaping @Sendable (Changes) -> Void) {
        self.folders = folders
        self.changed = changed
    }

    func start() {
        let go: Bool = state.withLock {
            guard !started, !stopped else { return false }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return false }
            wake = (ends[0], ends[1])
            started = true
            running.enter()
            return true
        }
        guard go else { return }
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        if fd >= 0 {
            method = "inotify"
            queue.async { [self] in watchWithInotify(fd); close(fd); running.leave() }
            return
        }
        // inotify_init1 fails when the per-user instance limit is reached: poll instead.
        queue.async { [self] in pollForChanges(); running.leave() }
    }

    /// Ends the watching thread and waits for it; no `changed` call starts after this returns.
    func stop() {
        let wasStarted: Bool = state.withLock {
            guard !stopped else { return false }
            stopped = true
            return started
        }
        guard wasStarted else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        running.wait()
        close(wake.read)
        close(wake.write)
    }

    private var isStopped: Bool { state.withLock { stopped } }

    /// How long the folders must be quiet after a change before the build starts, in milliseconds.
    /// An editor's save (write, rename, a backup file) is one burst of a few milliseconds; 100 ms
    /// was most of what a one-report reload cost at 20,000 reports. A longer burst (a git checkout)
    /// may start a build midway, and the build after it (`SiteServer.rebuild`) sees the rest.
    static let settle: Int32 = 25

    /// Waits up to `milliseconds` (-1: for ever) for `fd` to be readable (-1: for nothing, a
    /// sleep), or until `stop`.
    private func wait(for fd: Int32, milliseconds: Int32) -> (ready: Bool, stopped: Bool) {
        // poll skips a negative descriptor.
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        let n = poll(&fds, 2, milliseconds)
        if isStopped { return (false, true) }
        return (n > 0 && fds[0].revents != 0, false)
    }

    private func watchWithInotify(_ fd: Int32) {
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF)
        // Each watch's folder: which watched folder it is under, and its path relative to that.
        var watched: [Int32: (root: Int, relative: String)] = [:]
        func join(_ relative: String, _ name: String) -> String { relative.isEmpty ? name : relative + "/" + name }
        func add(_ root: Int, _ relative: String) {
            let folder = relative.isEmpty ? folders[root] : folders[root] + "/" + relative
            let wd = inotify_add_watch(fd, folder, mask)
            if wd >= 0 { watched[wd] = (root, relative) }
            for (name, type) in FileTree.entriesForWatch(in: folder) where Int32(type) == Int32(DT_DIR) && !name.hasPrefix(".") {
                add(root, join(relative, name))
            }
        }
        for root in folders.indices { add(root, "") }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            // Wait for the first event, then let a burst (an editor's save, a git checkout) settle.
            let first = wait(for: fd, milliseconds: -1)
            if first.stopped { return }
            guard first.ready else { continue }
            var paths: [Set<String>]? = folders.map { _ in [] }
            repeat {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let (wd, eventMask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let name = length > 0
                        ? String(decoding: buffer[nameStart..<min(n, nameStart + length)].prefix { $0 != 0 }, as: UTF8.self) : ""
                    let folder = watched[wd]
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let folder {
                        add(folder.root, join(folder.relative, name))
                    }
                    if eventMask & UInt32(IN_Q_OVERFLOW) != 0 {
                        paths = nil  // events were lost: what changed is unknown
                    } else if !name.hasPrefix("."), !name.hasSuffix("~") {
                        if let folder { paths?[folder.root].insert(join(folder.relative, name)) } else { paths = nil }
                    }
                    offset = nameStart + length
                }
            } while wait(for: fd, milliseconds: Self.settle).ready
            if isStopped { return }
            if paths?.allSatisfy(\.isEmpty) != true { changed(paths) }
        }
    }

    private func pollForChanges() {
        var last = signature()
        while true {
            if wait(for: -1, milliseconds: 500).stopped { return }
            let now = signature()
            if now != last {
                last = now
                if wait(for: -1, milliseconds: 100).stopped { return }
                last = signature()
                changed(nil)
            }
        }
    }

    /// Paths and stamps of every file under the watched folders.
    private func signature() -> UInt64 {
        var hash = ContentHash()
        for folder in folders {
            var ignored = Diagnostics()
            for (path, stamp) in FileTree.stampedFiles(under: folder, diagnostics: &ignored) {
                hash.combine(path)
                hash.combine(UInt64(bitPattern: stamp.size))
                hash.combine(UInt64(bitPattern: stamp.modified))
                hash.combine(UInt64(bitPattern: stamp.changed))
            }
        }
        return hash.value
    }
}
