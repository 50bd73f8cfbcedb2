#define _GNU_SOURCE
#include "gongshi_vips.h"
#include "vips_api.h"
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// libvips is opened with dlopen when the first photo must be read, not linked: it
// brings some 90 shared libraries (GLib, libheif, librsvg, poppler ...), and loading
// them at every start of gongshi cost 40–50 ms of CPU, when most builds decode no
// photo at all (their sizes come from the cache). Each function is looked up by name
// into a pointer (vips_api.h); the names below call through them.
#define GONGSHI_POINTER(type, name, parameters) static gongshi_##name##_function p_##name;
GONGSHI_VIPS_API(GONGSHI_POINTER)

#define vips_init (*p_vips_init)
#define vips_cache_set_max (*p_vips_cache_set_max)
#define vips_concurrency_set (*p_vips_concurrency_set)
#define vips_leak_set (*p_vips_leak_set)
#define vips_block_untrusted_set (*p_vips_block_untrusted_set)
#define vips_foreign_find_load_buffer (*p_vips_foreign_find_load_buffer)
#define vips_error_clear (*p_vips_error_clear)
#define vips_error_buffer_copy (*p_vips_error_buffer_copy)
#define vips_image_new_from_buffer (*p_vips_image_new_from_buffer)
#define vips_image_get_width (*p_vips_image_get_width)
#define vips_image_get_height (*p_vips_image_get_height)
#define vips_image_get_orientation_swap (*p_vips_image_get_orientation_swap)
#define vips_image_hasalpha (*p_vips_image_hasalpha)
#define vips_image_get_n_pages (*p_vips_image_get_n_pages)
#define vips_image_get_bands (*p_vips_image_get_bands)
#define vips_image_get_format (*p_vips_image_get_format)
#define vips_image_get_page_height (*p_vips_image_get_page_height)
#define vips_image_get_fields (*p_vips_image_get_fields)
#define vips_extract_band (*p_vips_extract_band)
#define vips_min (*p_vips_min)
#define vips_jpegsave_buffer (*p_vips_jpegsave_buffer)
#define vips_pngsave_buffer (*p_vips_pngsave_buffer)
#define vips_gifsave_buffer (*p_vips_gifsave_buffer)
#define vips_thumbnail_image (*p_vips_thumbnail_image)
#define vips_image_copy_memory (*p_vips_image_copy_memory)
#define vips_resize (*p_vips_resize)
#define g_object_ref (*p_g_object_ref)
#define g_object_unref (*p_g_object_unref)
#define g_free (*p_g_free)
#define g_strfreev (*p_g_strfreev)
#define g_log_set_handler (*p_g_log_set_handler)

#define VIPS_ACCESS_SEQUENTIAL GONGSHI_VIPS_ACCESS_SEQUENTIAL
#define VIPS_FAIL_ON_ERROR GONGSHI_VIPS_FAIL_ON_ERROR
#define VIPS_SIZE_DOWN GONGSHI_VIPS_SIZE_DOWN
#define VIPS_FORMAT_USHORT GONGSHI_VIPS_FORMAT_USHORT
#define VIPS_MAX_COORD GONGSHI_VIPS_MAX_COORD
#define TRUE 1
#define FALSE 0

static void quiet(const char *domain, int level, const char *message, void *data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static int started = -1;

static void start(void) {
    // The soname of libvips 8.x; libvips-dev's libvips.so is only a link for the compiler.
    void *library = dlopen("libvips.so.42", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
#define GONGSHI_LOOK_UP(type, name, parameters) if (!(p_##name = (gongshi_##name##_function)dlsym(library, #name))) return;
    GONGSHI_VIPS_API(GONGSHI_LOOK_UP)
    if (vips_init("gongshi") != 0) return;
    // Gongshi reports what is wrong with a photo itself, in the staff's words:
    // libvips's and libheif's own warnings would only be noise on the build's output.
    g_log_set_handler("VIPS", GONGSHI_G_LOG_LEVEL_WARNING | GONGSHI_G_LOG_LEVEL_MESSAGE | GONGSHI_G_LOG_LEVEL_INFO
                      | GONGSHI_G_LOG_LEVEL_DEBUG, quiet, NULL);
    g_log_set_handler("GLib-GObject", GONGSHI_G_LOG_LEVEL_WARNING, quiet, NULL);
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    vips_leak_set(FALSE);
    // SVG (scripts), ImageMagick, PDF, JPEG 2000 ...: libvips's own list of loaders not fit for untrusted files.
    vips_block_untrusted_set(TRUE);
    started = 0;
}

int gongshi_photo_start(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, start);
    return started;
}

static char library_file[PATH_MAX + 64] = "";

/// Where the loader would find libvips.so.42, resolved (libvips.so.42.16.1 for 8.14.1),
/// with the file's size and time: an update of the library changes it. Found by a few
/// stat calls, without loading anything.
static void find_library(void) {
    static const char *folders[] = {
        "/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib",
    };
    char path[PATH_MAX], resolved[PATH_MAX];
    struct stat info;
    for (size_t i = 0; i < sizeof folders / sizeof *folders; i++) {
        snprintf(path, sizeof path, "%s/libvips.so.42", folders[i]);
        if (realpath(path, resolved) && stat(resolved, &info) == 0) {
            snprintf(library_file, sizeof library_file, "%s %lld %lld.%09ld", resolved, (long long)info.st_size,
                     (long long)info.st_mtim.tv_sec, (long)info.st_mtim.tv_nsec);
            return;
        }
    }
    snprintf(library_file, sizeof library_file, "libvips.so.42 (not found)");
}

const char *gongshi_photo_library_version(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, find_library);
    return library_file;
}

static int looks_like_svg(const unsigned char *data, size_t length) {
    size_t n = length < 4096 ? length : 4096;
    for (size_t i = 0; i + 4 <= n; i++) {
        if (data[i] == '<' && (data[i + 1] == 's' || data[i + 1] == 'S') && (data[i + 2] == 'v' || data[i + 2] == 'V')
            && (data[i + 3] == 'g' || data[i + 3] == 'G')) return 1;
    }
    return 0;
}

/// The loader's name is its class ("VipsForeignLoadJpegBuffer") or its nickname ("jpegload_buffer").
static int format_of(const char *loader) {
    if (strcasestr(loader, "magick")) return GONGSHI_PHOTO_OTHER;
    if (strcasestr(loader, "jpeg")) return GONGSHI_PHOTO_JPEG;
    if (strcasestr(loader, "png")) return GONGSHI_PHOTO_PNG;
    if (strcasestr(loader, "webp")) return GONGSHI_PHOTO_WEBP;
    if (strcasestr(loader, "heif")) return GONGSHI_PHOTO_HEIF;
    if (strcasestr(loader, "gif")) return GONGSHI_PHOTO_GIF;
    if (strcasestr(loader, "svg")) return GONGSHI_PHOTO_SVG;
    return GONGSHI_PHOTO_OTHER;
}

/// More pixels than this (upright, all frames) are refused: a small file can
/// claim a huge image, and decoding it would take the build's memory.
static const double max_pixels = 200.0 * 1000 * 1000;

int gongshi_photo_probe(const void *data, size_t length, gongshi_photo_info *info) {
    memset(info, 0, sizeof *info);
    if (gongshi_photo_start() != 0) return GONGSHI_PHOTO_UNAVAILABLE;
    const char *loader = length > 0 ? vips_foreign_find_load_buffer(data, length) : NULL;
    if (!loader) {
        vips_error_clear();
        if (looks_like_svg(data, length)) {
            info->format = GONGSHI_PHOTO_SVG;
            return GONGSHI_PHOTO_REFUSED;
        }
        return GONGSHI_PHOTO_UNKNOWN;
    }
    info->format = format_of(loader);
    if (info->format == GONGSHI_PHOTO_SVG || info->format == GONGSHI_PHOTO_OTHER) return GONGSHI_PHOTO_REFUSED;
    VipsImage *image = vips_image_new_from_buffer(data, length, "", NULL);
    if (!image) return GONGSHI_PHOTO_BROKEN;
    int width = vips_image_get_width(image), height = vips_image_get_height(image);
    int swap = vips_image_get_orientation_swap(image);
    info->width = swap ? height : width;
    info->height = swap ? width : height;
    info->has_alpha = vips_image_hasalpha(image) ? 1 : 0;
    info->pages = vips_image_get_n_pages(image);
    if (info->pages < 1) info->pages = 1;
    g_object_unref(image);
    if ((double)info->width * (double)info->height * (double)info->pages > max_pixels) return GONGSHI_PHOTO_TOO_LARGE;
    return GONGSHI_PHOTO_OK;
}

/// Whether every pixel of an image with alpha is fully opaque.
static int is_opaque(VipsImage *image) {
    VipsImage *alpha = NULL;
    double min = 0;
    int bands = vips_image_get_bands(image);
    if (vips_extract_band(image, &alpha, bands - 1, NULL) != 0) return 0;
    int ok = vips_min(alpha, &min, NULL) == 0;
    g_object_unref(alpha);
    double opaque = vips_image_get_format(image) == VIPS_FORMAT_USHORT ? 65535 : 255;
    return ok && min >= opaque;
}

static int save(VipsImage *image, int output, int quality, gongshi_photo_output *out) {
    void *bytes = NULL;
    size_t length = 0;
    int result = -1;
    // strip: EXIF (GPS position, camera serial, times), XMP, IPTC, ICC profile and comments all go.
    switch (output) {
    case GONGSHI_OUTPUT_JPEG:
        result = vips_jpegsave_buffer(image, &bytes, &length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                                      "interlace", TRUE, NULL);
        break;
    case GONGSHI_OUTPUT_PNG:
        result = vips_pngsave_buffer(image, &bytes, &length, "strip", TRUE, NULL);
        break;
    case GONGSHI_OUTPUT_GIF:
        result = vips_gifsave_buffer(image, &bytes, &length, "strip", TRUE, NULL);
        break;
    }
    if (result != 0) return -1;
    out->bytes = bytes;
    out->length = length;
    out->width = vips_image_get_width(image);
    out->height = vips_image_get_page_height(image);
    return 0;
}

/// Opens the file for resizing to `width`: every loader told to fail on damaged or cut-short
/// data (vips_thumbnail_buffer does not pass that on to the JPEG loader in libvips 8.14, and
/// a half-sent photo came out grey at the bottom), and a JPEG decoded at 1/2, 1/4 or 1/8 of
/// its size when that is still at least `width` wide (shrink-on-load, as vips_thumbnail does).
static VipsImage *open_for(const void *data, size_t length, const gongshi_photo_info *info, int width, int animated) {
    if (info->format == GONGSHI_PHOTO_JPEG) {
        int shrink = 1;
        while (shrink < 8 && info->width / (shrink * 2) >= width) shrink *= 2;
        return vips_image_new_from_buffer(data, length, "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
                                          "shrink", shrink, NULL);
    }
    if (animated) {
        return vips_image_new_from_buffer(data, length, "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
                                          "n", -1, NULL);
    }
    return vips_image_new_from_buffer(data, length, "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

/// Upright (EXIF orientation applied), colour-managed to sRGB, no wider than `width`, never enlarged.
static VipsImage *resized(const void *data, size_t length, const gongshi_photo_info *info, int width, int animated) {
    VipsImage *source = open_for(data, length, info, width, animated);
    if (!source) return NULL;
    VipsImage *out = NULL;
    int result = vips_thumbnail_image(source, &out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                                      "export_profile", "srgb", NULL);
    g_object_unref(source);
    return result == 0 ? out : NULL;
}

int gongshi_photo_encode(const void *data, size_t length, const int *widths, int count, int quality,
                         int *output, gongshi_photo_output *outputs) {
    gongshi_photo_info info;
    int probed = gongshi_photo_probe(data, length, &info);
    if (probed != GONGSHI_PHOTO_OK) return probed;
    memset(outputs, 0, sizeof *outputs * (size_t)count);
    int animated = info.format == GONGSHI_PHOTO_GIF && info.pages > 1;
    VipsImage *largest = NULL;
    int done = 0;
    for (int i = 0; i < count; i++) {
        VipsImage *image = NULL;
        if (i == 0 || animated) {
            VipsImage *thumbnail = resized(data, length, &info, widths[i], animated);
            if (!thumbnail) break;
            if (animated) {
                image = thumbnail;
            } else {
                // Computed once, in memory (a damaged file fails here): the smaller sizes are made from it.
                largest = vips_image_copy_memory(thumbnail);
                g_object_unref(thumbnail);
                if (!largest) break;
                g_object_ref(largest);
                image = largest;
            }
        } else {
            double scale = (double)widths[i] / vips_image_get_width(largest);
            if (scale >= 1) {
                g_object_ref(largest);
                image = largest;
            } else if (vips_resize(largest, &image, scale, NULL) != 0) {
                break;
            }
        }
        if (i == 0 && *output == GONGSHI_OUTPUT_AUTO) {
            if (info.format == GONGSHI_PHOTO_GIF) *output = GONGSHI_OUTPUT_GIF;
            else if (vips_image_hasalpha(image) && !is_opaque(image)) *output = GONGSHI_OUTPUT_PNG;
            else *output = GONGSHI_OUTPUT_JPEG;
        }
        if (*output == GONGSHI_OUTPUT_JPEG && vips_image_hasalpha(image)) {
            // Opaque (checked above): the alpha band carries nothing.
            VipsImage *solid = NULL;
            int ok = vips_extract_band(image, &solid, 0, "n", vips_image_get_bands(image) - 1, NULL) == 0;
            g_object_unref(image);
            if (!ok) break;
            image = solid;
        }
        int saved = save(image, *output, quality, &outputs[i]);
        g_object_unref(image);
        if (saved != 0) break;
        done++;
    }
    if (largest) g_object_unref(largest);
    if (done == count) return GONGSHI_PHOTO_OK;
    for (int i = 0; i < done; i++) g_free(outputs[i].bytes);
    memset(outputs, 0, sizeof *outputs * (size_t)count);
    return GONGSHI_PHOTO_BROKEN;
}

char *gongshi_photo_error(void) {
    if (gongshi_photo_start() != 0) return strdup("");
    char *copy = vips_error_buffer_copy();
    char *result = strdup(copy ? copy : "");
    g_free(copy);
    return result;
}

char *gongshi_photo_fields(const void *data, size_t length) {
    if (gongshi_photo_start() != 0) return NULL;
    VipsImage *image = vips_image_new_from_buffer(data, length, "", NULL);
    if (!image) {
        vips_error_clear();
        return NULL;
    }
    char **fields = vips_image_get_fields(image);
    size_t length_needed = 1;
    for (int i = 0; fields[i]; i++) length_needed += strlen(fields[i]) + 1;
    char *result = malloc(length_needed), *end = result;
    for (int i = 0; fields[i]; i++) {
        size_t n = strlen(fields[i]);
        memcpy(end, fields[i], n);
        end[n] = '\n';
        end += n + 1;
    }
    *end = 0;
    g_strfreev(fields);
    g_object_unref(image);
    return result;
}

void gongshi_photo_free(void *pointer) {
    free(pointer);
}

void gongshi_photo_free_output(void *pointer) {
    if (pointer && gongshi_photo_start() == 0) g_free(pointer);
}
