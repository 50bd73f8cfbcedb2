#ifndef GONGSHI_VIPS_ABI_H
#define GONGSHI_VIPS_ABI_H

/// 1: CGongshiVips's own declarations of libvips (vips_api.h) agree with <vips/vips.h>
/// (checked when this target compiles), and the libvips the tests load is the one
/// whose headers these are. For tests.
int gongshi_vips_abi_checked(void);

/// The version of the libvips headers this was compiled against.
const char *gongshi_vips_abi_header_version(void);

#endif
