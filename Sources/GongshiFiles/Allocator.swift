import CGongshiSys

/// The process's memory allocator.
public enum Allocator {
    /// Four malloc arenas, not glibc's eight per core. With two, the loader's threads and the main
    /// thread waited on each other's arena locks (a 20,000-report load took twice as long); with
    /// glibc's default each thread's arena kept what it freed, which `releaseFreeMemory` now gives back.
    public static func limitArenas() { _ = gongshi_limit_malloc_arenas(4) }

    /// Returns the free memory every arena holds to the kernel: after the load (whose parsing
    /// freed more than the model it left) and now and then while pages are made.
    public static func releaseFreeMemory() { _ = gongshi_release_free_memory() }
}
