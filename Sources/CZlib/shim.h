// Wrappers for zlib's init macros, which Swift cannot import.
#include <zlib.h>

/// Raw deflate (no zlib/gzip framing): the gzip header and trailer are written by Swift so
/// that no file name, timestamp or host OS leaks into the layer bytes.
static inline int czlib_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

/// Inflate that accepts gzip or zlib framing (auto-detected), for pulled layers.
static inline int czlib_inflate_init_auto(z_streamp stream) {
    return inflateInit2(stream, MAX_WBITS + 32);
}
