import Glibc
import GongshiModel

/// The files under a folder with their stamps, in the walk's order (`FileTree.stampedFiles`),
/// kept by `serve` between builds (issue 13): told which paths changed, it stats only those
/// instead of walking every folder again (at a million reports the walk is seconds).
public struct FileListing: Sendable {
    public let root: String
    public private(set) var files: [(path: String, stamp: FileStamp)]
    /// Where each path is in `files`; made on the first update.
    private var positions: [String: Int]? = nil

    /// Walks `root`. The listing is nil when the walk met a symbolic link: a link's stamp is its
    /// target's, and a change to the target is reported under the target's path, not the link's.
    public static func walk(_ root: String, diagnostics: inout Diagnostics) -> (files: [(path: String, stamp: FileStamp)], listing: FileListing?) {
        var sawLink = false
        let files = FileTree.stampedFiles(under: root, diagnostics: &diagnostics, sawLink: &sawLink)
        return (files, sawLink ? nil : FileListing(root: root, files: files))
    }

    init(root: String, files: [(path: String, stamp: FileStamp)]) {
        self.root = root
        self.files = files
    }

    /// Brings the listing up to date after the files at `changed` (relative to the root) changed,
    /// each stat'ed anew. False when one of them is not simply a listed file changed in place (a
    /// file or folder that appeared, went or was moved, a link): the listing is then unusable and
    /// the caller walks again, since a walk decides where a new file goes and what a folder held.
    public mutating func update(_ changed: Set<String>) -> Bool {
        if positions == nil {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(files.count)
            for (position, file) in files.enumerated() { positions[file.path] = position }
            self.positions = positions
        }
        for path in changed {
            var info = stat()
            let exists = lstat(root + "/" + path, &info) == 0
            if let position = positions![path] {
                guard exists, info.st_mode & S_IFMT == S_IFREG else { return false }
                files[position].stamp = FileStamp(info)
            } else if exists || files.contains(where: { $0.path.hasBytePrefix(path + "/") }) {
                return false  // new, or a folder (that went, or whose files may have changed with it)
            }
            // Otherwise a file that came and went between two builds (an editor's temporary file).
        }
        return true
    }

    /// A listed file's stamp (after `update`, which indexes the paths).
    public func stamp(of path: String) -> FileStamp? {
        positions?[path].map { files[$0].stamp }
    }
}
