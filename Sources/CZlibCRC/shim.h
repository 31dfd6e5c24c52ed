// zlib's crc32 (Debian `zlib1g-dev`), for the checksum of a worksheet part as it is inflated: on
// Linux ZIPFoundation computes it a byte at a time in Swift, a third of the inflating thread's time.
#ifndef XINFANG_CZLIBCRC_SHIM_H
#define XINFANG_CZLIBCRC_SHIM_H
#include <zlib.h>
#endif
