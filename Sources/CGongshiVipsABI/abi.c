// CGongshiVips calls libvips through its own declarations (vips_api.h), loaded with
// dlopen. Here they are compiled next to the real headers, found by pkg-config
// through the system-library target CVips: a function whose type differs, or a
// constant whose value differs, stops the build.
#include "gongshi_vips_abi.h"
#include <string.h>
#include <vips/vips.h>
#include "../CGongshiVips/vips_api.h"

#define GONGSHI_SAME_TYPE(type, name, parameters) \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), gongshi_##name##_function), #name " differs from <vips/vips.h>");
GONGSHI_VIPS_API(GONGSHI_SAME_TYPE)

_Static_assert(GONGSHI_VIPS_ACCESS_SEQUENTIAL == VIPS_ACCESS_SEQUENTIAL, "VIPS_ACCESS_SEQUENTIAL");
_Static_assert(GONGSHI_VIPS_FAIL_ON_ERROR == VIPS_FAIL_ON_ERROR, "VIPS_FAIL_ON_ERROR");
_Static_assert(GONGSHI_VIPS_SIZE_DOWN == VIPS_SIZE_DOWN, "VIPS_SIZE_DOWN");
_Static_assert(GONGSHI_VIPS_FORMAT_USHORT == VIPS_FORMAT_USHORT, "VIPS_FORMAT_USHORT");
_Static_assert(GONGSHI_VIPS_MAX_COORD == VIPS_MAX_COORD, "VIPS_MAX_COORD");
_Static_assert(GONGSHI_G_LOG_LEVEL_WARNING == G_LOG_LEVEL_WARNING, "G_LOG_LEVEL_WARNING");
_Static_assert(GONGSHI_G_LOG_LEVEL_MESSAGE == G_LOG_LEVEL_MESSAGE, "G_LOG_LEVEL_MESSAGE");
_Static_assert(GONGSHI_G_LOG_LEVEL_INFO == G_LOG_LEVEL_INFO, "G_LOG_LEVEL_INFO");
_Static_assert(GONGSHI_G_LOG_LEVEL_DEBUG == G_LOG_LEVEL_DEBUG, "G_LOG_LEVEL_DEBUG");
_Static_assert(sizeof(gboolean) == sizeof(int), "gboolean");

int gongshi_vips_abi_checked(void) {
    // Linked here (the tests are): the library's own version against its headers'.
    return strcmp(vips_version_string(), VIPS_VERSION) == 0;
}

const char *gongshi_vips_abi_header_version(void) {
    return VIPS_VERSION;
}
