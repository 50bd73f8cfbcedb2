import GongshiFiles
import GongshiModel
import GongshiRender

/// Keeps the search index's report texts (`SearchTextMemo`) between builds: one file per report
/// group in the cache folder (`search-texts/<group>`), so a build that remakes one group reads one
/// file of about a megabyte, not all of them. A file written by another program, damaged or cut
/// short is not used (its checksum, its program stamp); a report that moved to another group is
/// only rendered again.
enum SearchTextStore {
    static let folder = "search-texts"
    static let format = "gongshi-search-texts 1"

    /// The memo for a build: nothing stored is read when `incremental` is off (`--full`). Each group's
    /// texts are written as soon as the group is made (they are the texts of the sources they are
    /// keyed by, whether or not the build goes on to succeed), so no build holds them all.
    static func memo(cacheFolder: String, program: UInt64, incremental: Bool) -> SearchTextMemo {
        let root = cacheFolder + "/" + folder
        let keep: @Sendable (Int, SearchTextMemo.Texts) -> Void = { group, texts in
            try? FileSystem.makeDirectories(root)
            try? FileSystem.replaceAtomically(root + "/" + String(group), encode(texts, program: program))
        }
        guard incremental else { return SearchTextMemo(keep: keep) }
        return SearchTextMemo(stored: { group in
            FileTree.read(root + "/" + String(group)).flatMap { decode($0, program: program) } ?? [:]
        }, keep: keep)
    }

    /// Writes the groups this build made that are not written yet and removes the files of groups the site no longer has.
    static func save(_ memo: SearchTextMemo, groups: Int, cacheFolder: String, program: UInt64) {
        let made = memo.madeGroups
        let root = cacheFolder + "/" + folder
        if !made.isEmpty { try? FileSystem.makeDirectories(root) }
        for (group, texts) in made {
            try? FileSystem.replaceAtomically(root + "/" + String(group), encode(texts, program: program))
        }
        for entry in FileTree.entriesForWatch(in: root) where Int(entry.name).map({ $0 >= groups }) ?? true {
            _ = FileSystem.removeFile(root + "/" + entry.name)
        }
    }

    static func encode(_ texts: SearchTextMemo.Texts, program: UInt64) -> [UInt8] {
        var body = ByteWriter()
        body.uint(UInt64(texts.count))
        for key in texts.keys.sorted() {
            body.uint(key)
            body.blob(texts[key]!)
        }
        var file = ByteWriter()
        file.string(format)
        file.uint(program)
        file.uint(ContentHash.of(body.bytes))
        file.raw(body.bytes[...])
        return file.bytes
    }

    static func decode(_ bytes: [UInt8], program: UInt64) -> SearchTextMemo.Texts? {
        var reader = ByteReader(bytes)
        guard reader.string() == format, reader.uint() == program else { return nil }
        let checksum = reader.uint()
        guard !reader.failed, ContentHash.of(Array(bytes[reader.offset...])) == checksum else { return nil }
        var texts: SearchTextMemo.Texts = [:]
        let count = Int(clamping: reader.uint())
        texts.reserveCapacity(min(count, 100_000))
        for _ in 0..<min(count, 10_000_000) {
            let key = reader.uint()
            let text = reader.blob()
            guard !reader.failed else { return nil }
            texts[key] = text
        }
        return reader.isAtEnd ? texts : nil
    }
}
