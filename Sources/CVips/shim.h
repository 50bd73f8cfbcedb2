// libvips (Debian: libvips-dev), used only by CGongshiVips: Swift never sees the
// GLib types, only the small C API in CGongshiVips/include/gongshi_vips.h.
#include <vips/vips.h>
