#ifndef GONGSHI_VIPS_H
#define GONGSHI_VIPS_H

#include <stddef.h>

// The few libvips calls Gongshi makes, behind a plain C API: libvips's own API
// is variadic (Swift cannot call it) and its headers pull in GLib.

/// What a file is, by its bytes (never by its name).
enum {
    GONGSHI_PHOTO_JPEG = 1,
    GONGSHI_PHOTO_PNG = 2,
    GONGSHI_PHOTO_WEBP = 3,
    /// HEIC, HEIF or AVIF (libheif).
    GONGSHI_PHOTO_HEIF = 4,
    GONGSHI_PHOTO_GIF = 5,
    /// An SVG drawing: never loaded (it can carry scripts).
    GONGSHI_PHOTO_SVG = 6,
    /// A format libvips knows but Gongshi does not take (TIFF, BMP, PDF ...).
    GONGSHI_PHOTO_OTHER = 7,
};

/// Results.
enum {
    GONGSHI_PHOTO_OK = 0,
    /// No loader recognises the bytes.
    GONGSHI_PHOTO_UNKNOWN = -1,
    /// Recognised, but not a format Gongshi takes (`format` says which).
    GONGSHI_PHOTO_REFUSED = -2,
    /// Recognised, but the file is damaged or cut short.
    GONGSHI_PHOTO_BROKEN = -3,
    /// Too many pixels to decode safely.
    GONGSHI_PHOTO_TOO_LARGE = -4,
    /// libvips could not be loaded (not installed).
    GONGSHI_PHOTO_UNAVAILABLE = -5,
};

typedef struct {
    int format;
    /// Upright: after the EXIF orientation is applied.
    int width;
    int height;
    int has_alpha;
    /// Frames of an animation; 1 for a still image.
    int pages;
} gongshi_photo_info;

/// One encoded size. `bytes` is allocated by libvips: free it with `gongshi_photo_free_output`.
typedef struct {
    void *bytes;
    size_t length;
    int width;
    int height;
} gongshi_photo_output;

/// What is written.
enum {
    /// JPEG, or PNG when the image has transparency, or GIF for a GIF.
    GONGSHI_OUTPUT_AUTO = 0,
    GONGSHI_OUTPUT_JPEG = 1,
    GONGSHI_OUTPUT_PNG = 2,
    GONGSHI_OUTPUT_GIF = 3,
};

/// Loads (dlopen, libvips.so.42) and starts libvips once: operation cache off, one
/// thread per image (the caller works on several images at once), loaders libvips
/// marks untrusted blocked. Returns 0, or -1 when libvips cannot be loaded or started.
/// The other functions call it themselves.
int gongshi_photo_start(void);

/// Which libvips would be loaded: its file, resolved ("/usr/lib/x86_64-linux-gnu/
/// libvips.so.42.16.1"), size and time; found without loading it. Part of the key of
/// cached photos: another libvips may encode the same photo into other bytes.
const char *gongshi_photo_library_version(void);

/// Reads the header: format, upright size, alpha, frames.
int gongshi_photo_probe(const void *data, size_t length, gongshi_photo_info *info);

/// Resizes to each width of `widths` (largest first; never enlarged), with every
/// piece of metadata removed (EXIF with its GPS position and camera serial,
/// XMP, IPTC, ICC profile, comments), colours converted to sRGB, the EXIF
/// orientation applied. `*output` is the format asked for (AUTO: chosen from
/// the image) and is set to the one written. On success every `outputs[i]` is set.
int gongshi_photo_encode(const void *data, size_t length, const int *widths, int count, int quality,
                         int *output, gongshi_photo_output *outputs);

/// The last error libvips reported on any thread (malloc'ed, may be empty).
char *gongshi_photo_error(void);

/// The names of the metadata fields libvips sees in an image, one per line
/// (malloc'ed), or NULL when it cannot be read. For tests.
char *gongshi_photo_fields(const void *data, size_t length);

/// Frees what `gongshi_photo_error` and `gongshi_photo_fields` return.
void gongshi_photo_free(void *pointer);

/// Frees an encoded size's bytes.
void gongshi_photo_free_output(void *pointer);

#endif
