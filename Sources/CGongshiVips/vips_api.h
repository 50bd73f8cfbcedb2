#ifndef GONGSHI_VIPS_API_H
#define GONGSHI_VIPS_API_H

// The part of libvips's and GLib's API that gongshi_vips.c calls, declared here
// rather than taken from <vips/vips.h>: libvips is opened with dlopen when a photo
// must be read (see gongshi_vips.c), so Gongshi is not linked with it, and so does
// not see its headers (SwiftPM would link whatever gives them). CGongshiVipsABI
// compiles these declarations next to the real headers: a type or a constant that
// differs stops that build (Tests depend on it).

#include <stddef.h>

typedef struct _VipsImage VipsImage;
typedef void (*gongshi_log_function)(const char *domain, int level, const char *message, void *data);

// Enum values of libvips 8.x (VipsAccess, VipsFailOn, VipsSize, VipsBandFormat) and GLib.
#define GONGSHI_VIPS_ACCESS_SEQUENTIAL 1
#define GONGSHI_VIPS_FAIL_ON_ERROR 2
#define GONGSHI_VIPS_SIZE_DOWN 2
#define GONGSHI_VIPS_FORMAT_USHORT 2
#define GONGSHI_VIPS_MAX_COORD 10000000
#define GONGSHI_G_LOG_LEVEL_WARNING (1 << 4)
#define GONGSHI_G_LOG_LEVEL_MESSAGE (1 << 5)
#define GONGSHI_G_LOG_LEVEL_INFO (1 << 6)
#define GONGSHI_G_LOG_LEVEL_DEBUG (1 << 7)

// X(return type, name, parameters): each function, looked up by name.
#define GONGSHI_VIPS_API(X) \
    X(int, vips_init, (const char *argv0)) \
    X(void, vips_cache_set_max, (int max)) \
    X(void, vips_concurrency_set, (int concurrency)) \
    X(void, vips_leak_set, (int leak)) \
    X(void, vips_block_untrusted_set, (int state)) \
    X(const char *, vips_version_string, (void)) \
    X(const char *, vips_foreign_find_load_buffer, (const void *data, size_t size)) \
    X(void, vips_error_clear, (void)) \
    X(char *, vips_error_buffer_copy, (void)) \
    X(VipsImage *, vips_image_new_from_buffer, (const void *buf, size_t len, const char *option_string, ...)) \
    X(int, vips_image_get_width, (const VipsImage *image)) \
    X(int, vips_image_get_height, (const VipsImage *image)) \
    X(int, vips_image_get_orientation_swap, (VipsImage *image)) \
    X(int, vips_image_hasalpha, (VipsImage *image)) \
    X(int, vips_image_get_n_pages, (VipsImage *image)) \
    X(int, vips_image_get_bands, (const VipsImage *image)) \
    X(int, vips_image_get_format, (const VipsImage *image)) \
    X(int, vips_image_get_page_height, (VipsImage *image)) \
    X(char **, vips_image_get_fields, (VipsImage *image)) \
    X(int, vips_extract_band, (VipsImage *in, VipsImage **out, int band, ...)) \
    X(int, vips_min, (VipsImage *in, double *out, ...)) \
    X(int, vips_jpegsave_buffer, (VipsImage *in, void **buf, size_t *len, ...)) \
    X(int, vips_pngsave_buffer, (VipsImage *in, void **buf, size_t *len, ...)) \
    X(int, vips_gifsave_buffer, (VipsImage *in, void **buf, size_t *len, ...)) \
    X(int, vips_thumbnail_image, (VipsImage *in, VipsImage **out, int width, ...)) \
    X(VipsImage *, vips_image_copy_memory, (VipsImage *image)) \
    X(int, vips_resize, (VipsImage *in, VipsImage **out, double scale, ...)) \
    X(void *, g_object_ref, (void *object)) \
    X(void, g_object_unref, (void *object)) \
    X(void, g_free, (void *memory)) \
    X(void, g_strfreev, (char **strings)) \
    X(unsigned int, g_log_set_handler, (const char *domain, int levels, gongshi_log_function function, void *data))

#define GONGSHI_VIPS_TYPE(type, name, parameters) typedef type (*gongshi_##name##_function) parameters;
GONGSHI_VIPS_API(GONGSHI_VIPS_TYPE)
#undef GONGSHI_VIPS_TYPE

#endif
