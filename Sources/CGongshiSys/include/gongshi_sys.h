#ifndef GONGSHI_SYS_H
#define GONGSHI_SYS_H

/// Atomically exchanges two paths on the same file system (Linux renameat2
/// RENAME_EXCHANGE). Returns 0 on success, else -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel cannot exchange).
int gongshi_exchange_paths(const char *a, const char *b);

/// A folder's inode and birth time (statx), which survive renames: together they
/// tell the two output trees apart and notice a tree deleted and made anew.
int gongshi_tree_identity(const char *path, unsigned long long *inode, long long *birth_seconds, long long *birth_nanoseconds);

/// One folder's entries with their stamps, for the content walk: names starting
/// with "." or ending with "~" are skipped, the rest sorted by bytes. Each entry is
/// packed as: kind (1 byte: 0 file, 1 folder, 2 symbolic link, 3 other, 4 not
/// stat-able), name length (2 bytes), the name, then size, modification and change
/// times (nanoseconds) and inode (8 bytes each; zero unless a file). Returns the
/// number of entries and a malloc'ed buffer in *out (free it), or -1 with errno.
long gongshi_scan_folder(const char *path, unsigned char **out, unsigned long *length);

/// Limits glibc malloc to `count` arenas (mallopt M_ARENA_MAX); returns mallopt's result.
int gongshi_limit_malloc_arenas(int count);
/// Gives the kernel back the free memory of every malloc arena (malloc_trim(0)); returns whether any was.
int gongshi_release_free_memory(void);

#endif
