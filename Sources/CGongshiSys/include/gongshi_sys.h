#ifndef GONGSHI_SYS_H
#define GONGSHI_SYS_H

/// Atomically exchanges two paths on the same file system (Linux renameat2
/// RENAME_EXCHANGE). Returns 0 on success, else -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel cannot exchange).
int gongshi_exchange_paths(const char *a, const char *b);

#endif
