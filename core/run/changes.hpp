// Changes of hyperparameters in the middle of a run (docs/racing.md, "Changes").
//
//   "changes": [{"step": 1000, "set": {"optimizer.lr": 0.05, "batch_size": 64}}, …]
//
// A change with step s applies after s steps are done, before step s + 1: θ_s was made with the
// old values, and the row logged at step s still shows them (its lr column is the old ε_s). The
// optimizer keeps its state (velocity, moment estimates, step count), as a PyTorch optimizer does
// when a param_group's values are assigned; the schedule is the new options' schedule evaluated
// at the run's absolute step. Paths: "optimizer.<option>" for any option the run's method reads
// except "name" and "average" (second-order methods: only lr and the schedule's options), and
// "batch_size" (network runs without single_pass). Changes apply in step order, changes of one
// step in list order, so a change recorded live (Run::apply_change) and the same change in the
// spec give bit-identical runs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optim/learning_rate_schedule.hpp"
#include "optim/optimizer.hpp"
#include "optim/parameter_average.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

struct ExperimentSpec;

struct ChangeSpec {
  long step = 0;
  Json set;            // as given: {"optimizer.lr": 0.05}
  Json optimizer;      // the run's normalized optimizer object after this change (null: no optimizer key set)
  int batch_size = 0;  // the minibatch size from this change on (0: unchanged)
};

// What a change applies to: the run's state before it.
struct ChangeContext {
  Json optimizer;        // normalized "optimizer" object
  std::string surface;   // the test surface's name ("" for a network run)
  int batch_size = 0;    // network runs
  long n_train = 0;      // training examples (0 for surfaces)
  bool single_pass = false;
  bool batch_norm = false;  // a layer normalizes over the minibatch (needs ≥ 2 examples)
  bool stages = false;      // staged training: each stage sets its own optimizer (run/stages_spec.hpp)
  bool curriculum = false;  // a curriculum draws minibatches of the spec's batch_size (run/curriculum.hpp)
};

ChangeContext change_context(const ExperimentSpec& s);

// Checks `set` against ctx and returns the change with the state after it; ctx becomes that state.
// Errors name set_field + "." + the path ("changes[3].set.optimizer.lr"), or the path alone when
// set_field is "" (a live change).
ChangeSpec read_change(const Json& set, long step, ChangeContext& ctx, const std::string& set_field);

// Reads a spec's "changes" (after its optimizer, batch size and steps) into s.changes, in the order
// they apply. Errors name changes[k] (k: the place in the spec's list).
void read_changes(ObjectReader& r, ExperimentSpec& s);

// A run's changes, each optimizer built (and its options validated) when the run is built, so that
// applying a change between two steps allocates nothing.
template <typename T>
class PreparedChanges {
 public:
  // Prepares changes[first…] (builds their optimizers); the changes before `first` count as applied.
  void prepare(const std::vector<ChangeSpec>& changes, std::size_t first, const std::string& surface);
  // Whether a change is due before the step after `step` steps.
  bool due(long step) const { return next_ < list_.size() && list_[next_].step <= step; }
  // Applies the next change to the run's optimizer, schedule and average (state kept); returns the
  // new batch size, or 0 when it does not change. Never allocates.
  int apply_next(Optimizer<T>& opt, LearningRateSchedule& schedule, ParameterAverage<T>& average);
  // How many of the run's changes have been applied.
  std::size_t applied() const { return next_; }

 private:
  struct Prepared {
    long step = 0;
    std::unique_ptr<Optimizer<T>> optimizer;  // null: the optimizer's options do not change
    LearningRateSchedule schedule;
    AverageOptions average;
    int batch_size = 0;
  };
  std::vector<Prepared> list_;
  std::size_t next_ = 0;
};

// The changes of a run after a live change `set` at step `step`: the applied ones, the live one,
// then the pending ones re-read on top of it (a later change keeps the live values it does not
// set). `applied` changes of `changes` are done. Errors name the live change's paths.
std::vector<ChangeSpec> with_live_change(const std::vector<ChangeSpec>& changes, std::size_t applied, ChangeContext ctx,
                                         const Json& set, long step);

// Run::apply_change's bookkeeping, shared by NetworkRun and SurfaceRun: checks the live change
// `set` at `step` (after the changes `prepared` has applied), puts it into spec.changes and
// prepared (due now: the run's next apply pass applies it), and records {"step", "set"} in the
// run's normalized spec. Throws SpecError naming the path; then nothing has changed.
template <typename T>
void record_live_change(ExperimentSpec& spec, PreparedChanges<T>& prepared, Json& normalized, const Json& set, long step);

}  // namespace optlab
