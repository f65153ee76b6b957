// Cost of the line-search and second-order methods and of the curvature readouts:
//
//   second_order_steps  steps/s of newton, cg, bfgs, lbfgs and coordinate_descent walking the
//                       36-variable sparse-coding surface (a fresh 100-step SurfaceRun per call,
//                       construction included), with evaluations per step;
//   network_curvature   one logged row of trace.curvature on the default 2-16-16-3 network
//                       (371 parameters, Lanczos 20 steps on differenced-gradient products over the
//                       240 training examples), seconds per readout.
#include <string>

#include "bench.hpp"
#include "run/run.hpp"

OPTLAB_BENCH(second_order_steps) {
  for (const char* name : {"newton", "cg", "bfgs", "lbfgs", "coordinate_descent"}) {
    const std::string spec = std::string(R"({"problem": {"name": "sparse_coding"}, "optimizer": {"name": ")") + name +
                             R"(", "lr": 0.1}, "steps": 100, "log_every": 100})";
    long evaluations = 0, steps = 0;
    const double s = optlab::bench::median_seconds_per_call([&] {
      auto run = optlab::make_run(spec);
      while (!run->done()) run->advance(100);
      evaluations = optlab::Json::parse(run->summary_line())["evaluations"].get<long>();
      steps = run->step_count();
    });
    optlab::bench::report({{"bench", "second_order_steps"}, {"optimizer", name}, {"problem", "sparse_coding"},
                           {"steps", steps}, {"steps_per_s", static_cast<double>(steps) / s},
                           {"evaluations_per_step", static_cast<double>(evaluations) / static_cast<double>(steps)}});
  }
}

OPTLAB_BENCH(network_curvature) {
  // Two runs of 10 steps that differ only in trace.curvature (two logged rows each): the difference
  // is the price of two readouts.
  auto time_run = [](bool curvature) {
    const std::string spec = std::string(R"({"steps": 10, "log_every": 10, "trace": {"curvature": )") +
                             (curvature ? "true" : "false") + "}}";
    return optlab::bench::median_seconds_per_call([&] {
      auto run = optlab::make_run(spec);
      while (!run->done()) run->advance(100);
    }, 5, 0.1);
  };
  const double with = time_run(true), without = time_run(false);
  optlab::bench::report({{"bench", "network_curvature"}, {"parameters", 371}, {"lanczos_steps", 20},
                         {"seconds_per_readout", (with - without) / 2.0}});
}
