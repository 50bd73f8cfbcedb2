import Glibc
import GongshiModel

/// Bytes put aside in a temporary file with no name and read back by place: what a build
/// would otherwise hold in memory from start to end (a million reports' bodies are more than
/// a gigabyte). The file has no name from the start, so nothing is left behind however the
/// process ends; what is read back was just written, so it comes from the page cache.
public final class SpillFile: @unchecked Sendable {
    public struct Place: Sendable {
        public let offset: Int
        public let count: Int
    }

    private let fd: Int32
    private let lock = Lock()
    private var end = 0

    /// A spill file in `folder` (made if missing); nil when it can't be made.
    public init?(folder: String) {
        try? FileSystem.makeDirectories(folder)
        var template = Array((folder + "/.gongshi-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes `bytes` at the end; nil when the disk refused them.
    public func append(_ bytes: UnsafeRawBufferPointer) -> Place? {
        let offset = lock.withLock { () -> Int in
            let offset = end
            end += bytes.count
            return offset
        }
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return Place(offset: offset, count: bytes.count)
    }

    /// The bytes written at `place`; nil when they can't be read.
    public func read(_ place: Place) -> [UInt8]? {
        guard place.count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: place.count)
        let ok = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < place.count {
                let n = pread(fd, buffer.baseAddress! + done, place.count - done, off_t(place.offset + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        return ok ? bytes : nil
    }
}
