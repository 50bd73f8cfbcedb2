import CGongshiSys

/// The process's memory allocator.
public enum Allocator {
    /// Two malloc arenas, not glibc's eight per core: each thread's arena keeps what it freed, and
    /// a million-report build's threads held hundreds of megabytes that way (issue 13).
    public static func limitArenas() { _ = gongshi_limit_malloc_arenas(2) }
}
