import Glibc
import Dispatch
import GongshiContent
import GongshiFiles
import GongshiModel

/// Calls `changed` once things settle after files under the watched folders change.
/// inotify on Linux, with every subfolder watched (new ones as they appear);
/// where inotify is unavailable, a stat signature of the trees compared every half second.
final class Watcher: @unchecked Sendable {
    private let folders: [String]
    private let changed: @Sendable () -> Void
    private let queue = DispatchQueue(label: "gongshi.serve.watch")
    /// "inotify" or "polling", for the start-up message.
    private(set) var method = "polling"

    init(folders: [String], changed: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.changed = changed
    }

    func start() {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        if fd >= 0 {
            method = "inotify"
            queue.async { [self] in watchWithInotify(fd) }
            return
        }
        // inotify_init1 fails when the per-user instance limit is reached: poll instead.
        queue.async { [self] in pollForChanges() }
    }

    private func watchWithInotify(_ fd: Int32) {
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF)
        var watched: [Int32: String] = [:]
        func add(_ folder: String) {
            let wd = inotify_add_watch(fd, folder, mask)
            if wd >= 0 { watched[wd] = folder }
            for (name, type) in FileTree.entriesForWatch(in: folder) where Int32(type) == Int32(DT_DIR) && !name.hasPrefix(".") {
                add(folder + "/" + name)
            }
        }
        for folder in folders { add(folder) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            // Wait for the first event, then let a burst (an editor's save, a git checkout) settle.
            guard poll(&poller, 1, -1) > 0 else { continue }
            var sawChange = false
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
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[wd] {
                        add(parent + "/" + name)
                    }
                    if !name.hasPrefix("."), !name.hasSuffix("~") { sawChange = true }
                    offset = nameStart + length
                }
            } while poll(&poller, 1, 100) > 0
            if sawChange { changed() }
        }
    }

    private func pollForChanges() {
        var last = signature()
        while true {
            usleep(500_000)
            let now = signature()
            if now != last {
                last = now
                usleep(100_000)
                last = signature()
                changed()
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
