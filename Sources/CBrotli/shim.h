// The system Brotli (libbrotli-dev): one-shot encode for the local CloudFront data plane's
// `Content-Encoding: br`, decode for its tests.
#include <brotli/encode.h>
#include <brotli/decode.h>
