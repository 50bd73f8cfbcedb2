#define _GNU_SOURCE
#include "gongshi_sys.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <malloc.h>
// Linux only (see Package.swift); the #ifs below are for older kernel and glibc headers.
#include <sys/syscall.h>
#include <linux/fs.h>

int gongshi_exchange_paths(const char *a, const char *b) {
#ifdef SYS_renameat2
    // Called through syscall(2): older glibc headers do not declare renameat2.
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#include <sys/stat.h>

int gongshi_tree_identity(const char *path, unsigned long long *inode, long long *birth_seconds, long long *birth_nanoseconds) {
#ifdef STATX_BTIME
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

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

struct gongshi_name { char *name; size_t length; unsigned char type; };

static int gongshi_compare_names(const void *a, const void *b) {
    return strcmp(((const struct gongshi_name *)a)->name, ((const struct gongshi_name *)b)->name);
}

static void gongshi_put64(unsigned char *p, long long value) { memcpy(p, &value, 8); }

long gongshi_scan_folder(const char *path, unsigned char **out, unsigned long *length) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    DIR *dir = fdopendir(fd);
    if (!dir) { close(fd); return -1; }
    size_t count = 0, capacity = 64, bytes = 0;
    struct gongshi_name *names = malloc(capacity * sizeof *names);
    struct dirent *entry;
    while (names && (entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        size_t n = strlen(name);
        if (n == 0 || name[0] == '.' || name[n - 1] == '~' || n > 65535) continue;
        if (count == capacity) {
            capacity *= 2;
            struct gongshi_name *grown = realloc(names, capacity * sizeof *names);
            if (!grown) { break; }
            names = grown;
        }
        names[count].name = strdup(name);
        names[count].length = n;
        names[count].type = entry->d_type;
        bytes += 3 + n + 32;
        count++;
    }
    if (!names) { closedir(dir); errno = ENOMEM; return -1; }
    qsort(names, count, sizeof *names, gongshi_compare_names);
    unsigned char *buffer = malloc(bytes ? bytes : 1), *p = buffer;
    for (size_t i = 0; i < count && buffer; i++) {
        unsigned char kind = 3;
        long long size = 0, modified = 0, changed = 0, inode = 0;
        if (names[i].type == DT_DIR) {
            kind = 1;
        } else if (names[i].type == DT_REG || names[i].type == DT_LNK || names[i].type == DT_UNKNOWN) {
            struct stat info;
            if (fstatat(dirfd(dir), names[i].name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
                kind = 4;
            } else if (S_ISREG(info.st_mode)) {
                kind = 0;
                size = info.st_size;
                modified = (long long)info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec;
                changed = (long long)info.st_ctim.tv_sec * 1000000000LL + info.st_ctim.tv_nsec;
                inode = (long long)info.st_ino;
            } else if (S_ISDIR(info.st_mode)) {
                kind = 1;
            } else if (S_ISLNK(info.st_mode)) {
                kind = 2;
            }
        }
        *p++ = kind;
        *p++ = (unsigned char)(names[i].length & 0xFF);
        *p++ = (unsigned char)(names[i].length >> 8);
        memcpy(p, names[i].name, names[i].length);
        p += names[i].length;
        gongshi_put64(p, size); gongshi_put64(p + 8, modified); gongshi_put64(p + 16, changed); gongshi_put64(p + 24, inode);
        p += 32;
    }
    for (size_t i = 0; i < count; i++) free(names[i].name);
    free(names);
    closedir(dir);
    if (!buffer) { errno = ENOMEM; return -1; }
    *out = buffer;
    *length = (unsigned long)(p - buffer);
    return (long)count;
}

int gongshi_limit_malloc_arenas(int count) {
    return mallopt(M_ARENA_MAX, count);
}

int gongshi_release_free_memory(void) {
    return malloc_trim(0);
}
