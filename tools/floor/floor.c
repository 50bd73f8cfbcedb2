/* The disk floor (issue 13, item 4): how long does the kernel need to create the
 * folders and files of a built site, with the same bytes, and nothing else?
 *
 *   cc -O2 -o floor tools/floor/floor.c
 *   floor SOURCE-TREE FRESH-FOLDER
 *
 * Reads every file of SOURCE-TREE into memory first (not timed), then times
 * creating the same folders and files with the same bytes under FRESH-FOLDER
 * (which must not exist; put it on the same disk as the build's output) using
 * only mkdir, open, write and close: no fsync, no reading, no rendering. Prints
 * one line:
 *
 *   floor: files F dirs D bytes B wall W user U sys S
 *
 * with W, U, S in seconds (wall from CLOCK_MONOTONIC, user and sys from
 * getrusage of this process). Symbolic links and other special files are
 * copied as nothing (a site's output has none); it fails loudly if it finds one.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct entry { char *path; char *data; size_t size; int is_dir; };
static struct entry *entries;
static size_t count, capacity, files, dirs, bytes;

static void die(const char *what, const char *path) {
  fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
  exit(1);
}

static void add(char *path, char *data, size_t size, int is_dir) {
  if (count == capacity) {
    capacity = capacity ? capacity * 2 : 4096;
    entries = realloc(entries, capacity * sizeof *entries);
    if (!entries) die("out of memory at", path);
  }
  entries[count++] = (struct entry){path, data, size, is_dir};
}

/* root: the source tree; rel: the path below it ("" for the root itself). */
static void load(const char *root, const char *rel) {
  char dir[8192];
  snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
  DIR *d = opendir(dir);
  if (!d) die("cannot open folder", dir);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char *child;
    if (asprintf(&child, "%s%s%s", rel, *rel ? "/" : "", e->d_name) < 0) die("out of memory at", dir);
    char full[8192];
    snprintf(full, sizeof full, "%s/%s", root, child);
    struct stat st;
    if (lstat(full, &st)) die("cannot stat", full);
    if (S_ISDIR(st.st_mode)) {
      add(child, NULL, 0, 1);
      dirs++;
      load(root, child);
    } else if (S_ISREG(st.st_mode)) {
      int fd = open(full, O_RDONLY);
      if (fd < 0) die("cannot open", full);
      char *data = malloc(st.st_size ? st.st_size : 1);
      if (!data) die("out of memory at", full);
      size_t got = 0;
      while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, data + got, st.st_size - got);
        if (n <= 0) die("cannot read", full);
        got += n;
      }
      close(fd);
      add(child, data, got, 0);
      files++;
      bytes += got;
    } else {
      errno = EINVAL;
      die("not a file or folder:", full);
    }
  }
  closedir(d);
}

static double seconds(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: floor SOURCE-TREE FRESH-FOLDER\n");
    return 2;
  }
  load(argv[1], "");

  struct rusage r0, r1;
  struct timespec w0, w1;
  getrusage(RUSAGE_SELF, &r0);
  clock_gettime(CLOCK_MONOTONIC, &w0);
  if (mkdir(argv[2], 0755)) die("cannot create", argv[2]);
  if (chdir(argv[2])) die("cannot enter", argv[2]);
  for (size_t i = 0; i < count; i++) {
    struct entry *e = &entries[i];
    if (e->is_dir) {
      if (mkdir(e->path, 0755)) die("cannot create folder", e->path);
      continue;
    }
    int fd = open(e->path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) die("cannot create", e->path);
    size_t put = 0;
    while (put < e->size) {
      ssize_t n = write(fd, e->data + put, e->size - put);
      if (n <= 0) die("cannot write", e->path);
      put += n;
    }
    if (close(fd)) die("cannot close", e->path);
  }
  clock_gettime(CLOCK_MONOTONIC, &w1);
  getrusage(RUSAGE_SELF, &r1);

  printf("floor: files %zu dirs %zu bytes %zu wall %.3f user %.3f sys %.3f\n", files, dirs, bytes,
         (w1.tv_sec - w0.tv_sec) + (w1.tv_nsec - w0.tv_nsec) / 1e9,
         seconds(r1.ru_utime) - seconds(r0.ru_utime), seconds(r1.ru_stime) - seconds(r0.ru_stime));
  return 0;
}
