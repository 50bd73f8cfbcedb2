#ifndef GONGSHI_SYS_H
#define GONGSHI_SYS_H

/// Atomically exchanges two paths on the same file system (Linux renameat2
/// RENAME_EXCHANGE). Returns 0 on success, else -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel cannot exchange).
int gongshi_exchange_paths(const char *a, const char *b);

/// A folder's inode and birth time (statx), which survive renames: together they
/// tell the two output trees apart and notice a tree deleted and made anew.
int gongshi_tree_identity(const char *path, unsigned long long *inode, long long *birth_seconds, long long *birth_nanoseconds);

#endif
