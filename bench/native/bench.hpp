// A minimal benchmark registry shared by the native and the WebAssembly benchmark binaries
// (the same sources compiled twice). Each benchmark prints JSON lines through `report`; the driver
// bench/run.mjs collects them from both builds and writes docs/benchmarks.md.
//
//   OPTLAB_BENCH(adam_update) { ... report({{"bench", "adam_update"}, {"params_per_s", x}}); }
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace optlab::bench {

struct Entry {
  std::string name;
  std::function<void()> fn;
};
std::vector<Entry>& registry();
struct Register {
  Register(const char* name, std::function<void()> fn) { registry().push_back({name, std::move(fn)}); }
};

// Prints one JSON line, adding "build": "native" | "wasm".
void report(nlohmann::ordered_json j);

// Median seconds per call of fn over `repeats` timed batches after a warm-up; each batch calls fn
// enough times to last at least min_seconds.
double median_seconds_per_call(const std::function<void()>& fn, int repeats = 7, double min_seconds = 0.05);

}  // namespace optlab::bench

#define OPTLAB_BENCH(name)                                                            \
  static void optlab_bench_##name();                                                  \
  static ::optlab::bench::Register optlab_bench_reg_##name(#name, optlab_bench_##name); \
  static void optlab_bench_##name()
