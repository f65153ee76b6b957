#include "math/simd.hpp"

namespace optlab::simd {
namespace {
bool g_enabled = true;
}
bool enabled() { return g_enabled; }
void set_enabled(bool on) { g_enabled = on; }
const char* backend_name() {
#if defined(OPTLAB_SIMD_WASM)
  return "wasm-simd128";
#elif defined(OPTLAB_SIMD_SSE)
  return "sse2";
#else
  return "scalar";
#endif
}
}  // namespace optlab::simd
