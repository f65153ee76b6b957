#include <algorithm>
#include <cstring>
#include <iostream>

#include "bench.hpp"

namespace optlab::bench {

std::vector<Entry>& registry() {
  static std::vector<Entry> r;
  return r;
}

void report(nlohmann::ordered_json j) {
#if defined(__EMSCRIPTEN__)
  j["build"] = "wasm";
#else
  j["build"] = "native";
#endif
  std::cout << j.dump() << std::endl;
}

double median_seconds_per_call(const std::function<void()>& fn, int repeats, double min_seconds) {
  using clock = std::chrono::steady_clock;
  // Warm-up, and find how many calls fill min_seconds.
  long calls = 1;
  for (;;) {
    auto t0 = clock::now();
    for (long i = 0; i < calls; ++i) fn();
    double s = std::chrono::duration<double>(clock::now() - t0).count();
    if (s >= min_seconds) break;
    calls *= 2;
  }
  std::vector<double> per_call;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = clock::now();
    for (long i = 0; i < calls; ++i) fn();
    per_call.push_back(std::chrono::duration<double>(clock::now() - t0).count() / static_cast<double>(calls));
  }
  std::sort(per_call.begin(), per_call.end());
  return per_call[per_call.size() / 2];
}

}  // namespace optlab::bench

// Usage: optlab_bench [substring ...] [-substring ...] — runs the benchmarks whose name contains
// any substring (all when none is given) and none of the "-" ones.
int main(int argc, char** argv) {
  for (const auto& e : optlab::bench::registry()) {
    bool any_include = false, selected = false, excluded = false;
    for (int i = 1; i < argc; ++i) {
      if (argv[i][0] == '-') {
        excluded = excluded || std::strstr(e.name.c_str(), argv[i] + 1) != nullptr;
      } else {
        any_include = true;
        selected = selected || std::strstr(e.name.c_str(), argv[i]) != nullptr;
      }
    }
    if ((selected || !any_include) && !excluded) e.fn();
  }
  return 0;
}
