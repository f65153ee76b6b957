// What fits: specs that would exhaust memory or run for hours are refused while validating, with a
// message naming the field to change (run/spec_limits.hpp); ordinary specs pass.
#include <string>

#include "run/run.hpp"
#include "run/spec_limits.hpp"
#include "spec_failure.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {
std::string wide_layers(int count, int units) {
  std::string s = "[";
  for (int i = 0; i < count; ++i) s += std::string(i ? ", " : "") + "{\"units\": " + std::to_string(units) + "}";
  return s + "]";
}
}  // namespace

TEST_CASE("a network with more parameters than fit is refused naming network.layers") {
  // Ten layers of 4096 units: 151 million parameters (std::bad_alloc in wasm before).
  const testing::SpecFailure f = testing::spec_failure("{\"network\": {\"layers\": " + wide_layers(10, 4096) + "}}");
  CHECK(f.field == "network.layers");
  CHECK(f.what.find("parameter count = 151,056,387") != std::string::npos);  // 2·4096+4096 + 9·(4096²+4096) + 4096·3+3
  CHECK(f.what.find("at most 2,000,000") != std::string::npos);
  // Just under the limit is accepted: 2 → 1000 → 1000 → 3 has 1,006,003 parameters.
  CHECK(testing::spec_failure("{\"network\": {\"layers\": " + wide_layers(2, 1000) + "}, \"steps\": 1}").field.empty());
}

TEST_CASE("a trace longer than fits is refused naming log_every or trace.params") {
  testing::SpecFailure f = testing::spec_failure(R"({"steps": 10000000, "log_every": 1, "trace": {"params": true}})");
  CHECK(f.field == "log_every");
  CHECK(f.what.find("10,000,002 × 9") != std::string::npos);
  CHECK(f.what.find("raise log_every") != std::string::npos);
  // Rows that fit, but θ at each of them (371 parameters × 1,000,002 rows) does not.
  f = testing::spec_failure(R"({"steps": 1000000, "log_every": 1, "trace": {"params": true}})");
  CHECK(f.field == "trace.params");
  // A long run logging sparsely is fine.
  CHECK(testing::spec_failure(R"({"steps": 10000000, "log_every": 1000})").field.empty());
  // Surfaces have their own columns: 6 per row.
  CHECK(testing::spec_failure(R"({"problem": {"name": "booth"}, "steps": 1600000, "log_every": 1})").field.empty());
  CHECK(testing::spec_failure(R"({"problem": {"name": "booth"}, "steps": 1600000, "log_every": 1, "trace": {"curvature": true}})").field ==
        "log_every");
}

TEST_CASE("curvature work beyond the limit is refused naming trace.curvature") {
  // Curvature readouts of the default network at every step of a 4,000-step run: 9e10 multiply-adds.
  testing::SpecFailure f = testing::spec_failure(R"({"steps": 4000, "log_every": 1, "trace": {"curvature": true}})");
  CHECK(f.field == "trace.curvature");
  CHECK(f.what.find("curvature readouts' work") != std::string::npos);
  CHECK(testing::spec_failure(R"({"steps": 4000, "log_every": 10, "trace": {"curvature": true}})").field.empty());
  // The whole training set at once for curvature readouts: 80,000 rows × 2,003 widths.
  f = testing::spec_failure("{\"dataset\": {\"samples\": 100000}, \"network\": {\"layers\": " + wide_layers(2, 1000) +
                 "}, \"steps\": 1, \"trace\": {\"curvature\": true}}");
  CHECK(f.field == "trace.curvature");
  CHECK(f.what.find("activations") != std::string::npos);
}

TEST_CASE("a 1000-dimensional quadratic builds and takes a step with O(n) evaluations") {
  // Building the surface was O(n⁴) (over 10 minutes); f and ∇f are checked against the Hessian.
  auto run = make_run(R"({"problem": {"name": "quadratic", "dim": 1000, "condition": 100}, "steps": 1})");
  run->advance(1);
  CHECK(run->step_count() == 1);
  CHECK(run->diverged().empty());
}
