#define _GNU_SOURCE
#include "gongshi_sys.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <linux/fs.h>
#endif

int gongshi_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    // Called through syscall(2): older glibc headers do not declare renameat2.
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#include <sys/stat.h>

int gongshi_tree_identity(const char *path, unsigned long long *inode, long long *birth_seconds, long long *birth_nanoseconds) {
#if defined(__linux__) && defined(STATX_BTIME)
    struct statx info;
    if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_INO | STATX_BTIME, &info) == 0) {
        *inode = info.stx_ino;
        if (info.stx_mask & STATX_BTIME) {
            *birth_seconds = info.stx_btime.tv_sec;
            *birth_nanoseconds = info.stx_btime.tv_nsec;
        } else {
            *birth_seconds = 0;
            *birth_nanoseconds = 0;
        }
        return 0;
    }
#endif
    struct stat plain;
    if (lstat(path, &plain) != 0) return -1;
    *inode = plain.st_ino;
    *birth_seconds = 0;
    *birth_nanoseconds = 0;
    return 0;
}
