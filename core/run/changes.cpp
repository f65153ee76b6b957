#include "run/changes.hpp"

#include <algorithm>
#include <numeric>

#include "run/catalog.hpp"
#include "run/optimizer_factory.hpp"
#include "run/spec.hpp"

namespace optlab {

namespace {

std::string path_field(const std::string& set_field, const std::string& path) {
  return set_field.empty() ? path : set_field + "." + path;
}

// The optimizer keys that only shape the learning-rate schedule ε_k (a second-order method may
// change these: its curvature state does not depend on them).
bool schedule_key(const std::string& key) {
  if (key == "lr" || key == "schedule" || key == "warmup_steps" || key == "warmup_start_factor") return true;
  for (const Entry& s : catalog().schedules)
    if (s.has_option(key)) return true;
  return false;
}

// The new optimizer object: ctx's with the set's "optimizer.<key>" values, checked by the reader
// of run/optimizer_factory.cpp (the options structs' constructors check each value).
Json changed_optimizer(const Json& set, const ChangeContext& ctx, const std::string& set_field) {
  Json opt = ctx.optimizer;
  const std::string name = opt.value("name", std::string());
  const OptimizerEntry& method = catalog().optimizer(name);
  // A new schedule: the old schedule's own options go (unless set again), as for a new method.
  if (set.contains("optimizer.schedule") && opt.contains("schedule") && set["optimizer.schedule"] != opt["schedule"] &&
      opt["schedule"].is_string())
    for (const Entry& s : catalog().schedules)
      if (s.name == opt["schedule"])
        for (const Option& o : s.options)
          if (!set.contains("optimizer." + o.key)) opt.erase(o.key);
  // Adam's betas may be set as one pair or one at a time.
  if ((set.contains("optimizer.beta1") || set.contains("optimizer.beta2")) && opt.contains("betas") && opt["betas"].is_array()) {
    opt["beta1"] = opt["betas"][0];
    opt["beta2"] = opt["betas"][1];
    opt.erase("betas");
  }
  if (set.contains("optimizer.betas")) {
    opt.erase("beta1");
    opt.erase("beta2");
  }
  for (auto it = set.begin(); it != set.end(); ++it) {
    if (it.key().rfind("optimizer.", 0) != 0) continue;
    const std::string key = it.key().substr(10);
    const std::string field = path_field(set_field, it.key());
    if (key == "name")
      throw SpecError(field, "the method cannot change mid-run (its state means nothing to another method); race "
                             "the other method instead (racers)");
    if (key == "average")
      throw SpecError(field, "averaging cannot be switched on or off mid-run (the trace's columns depend on it); "
                             "its ema_decay can change");
    if (key.empty() || key.find_first_of(".[") != std::string::npos)
      throw SpecError(field, "names no option: a change sets optimizer.<option>, e.g. optimizer.lr");
    if (method.kind == "second_order" && !schedule_key(key))
      throw SpecError(field, name + " keeps curvature state built with its options: only its lr and schedule can "
                                    "change mid-run");
    opt[key] = *it;
  }
  Json normalized;
  ObjectReader r(opt, "optimizer", &normalized);
  try {
    if (ctx.surface.empty())
      read_optimizer<float>(r);
    else
      read_optimizer<double>(r, ctx.surface);
  } catch (const SpecError& e) {
    const std::string& f = e.field();
    throw SpecError(path_field(set_field, f), std::string(e.what()).substr(f.size() + 2));
  }
  return normalized;
}

int changed_batch_size(const Json& v, const ChangeContext& ctx, const std::string& field) {
  if (ctx.n_train == 0) throw SpecError(field, "a walk over a test surface has no minibatches");
  if (ctx.single_pass)
    throw SpecError(field, "cannot change in a single_pass run (its number of steps follows from the batch size)");
  if (ctx.curriculum)
    throw SpecError(field, "cannot change with a curriculum (its paced minibatches have the spec's batch_size)");
  long b = 0;
  if (v == "full") {
    b = ctx.n_train;
  } else {
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > ctx.n_train)
      throw SpecError(field, "must be an integer in [1, " + std::to_string(ctx.n_train) +
                                 "] (at most the training set) or \"full\", got " + describe_json(v));
    b = static_cast<long>(v.get<long long>());
  }
  if (ctx.batch_norm && b < 2) throw SpecError(field, "batch_norm needs minibatches of at least 2 examples");
  return static_cast<int>(b);
}

}  // namespace

ChangeContext change_context(const ExperimentSpec& s) {
  ChangeContext c;
  c.optimizer = s.optimizer;
  c.single_pass = s.single_pass;
  c.stages = !s.stages.empty();
  c.curriculum = s.curriculum.on;
  if (!s.problem.is_null()) {
    c.surface = s.problem.value("name", std::string());
    return c;
  }
  c.batch_size = s.batch_size;
  c.n_train = s.dataset.samples - std::lround(s.dataset.test_fraction * s.dataset.samples);
  for (const LayerSpec& l : s.network.layers) c.batch_norm = c.batch_norm || l.norm.name == "batch_norm";
  return c;
}

ChangeSpec read_change(const Json& set, long step, ChangeContext& ctx, const std::string& set_field) {
  if (!set.is_object() || set.empty())
    throw SpecError(set_field.empty() ? "set" : set_field,
                    "must be an object of new values by path, e.g. {\"optimizer.lr\": 0.05}, got " + describe_json(set));
  if (ctx.stages)
    throw SpecError(set_field.empty() ? "set" : set_field,
                    "a staged run takes no changes: each stage sets its own optimizer and restarts its schedule "
                    "(give the stage the optimizer it needs)");
  ChangeSpec c;
  c.step = step;
  c.set = set;
  bool optimizer = false;
  for (auto it = set.begin(); it != set.end(); ++it) {
    const std::string field = path_field(set_field, it.key());
    if (it.key() == "batch_size")
      c.batch_size = changed_batch_size(*it, ctx, field);
    else if (it.key().rfind("optimizer.", 0) == 0)
      optimizer = true;
    else
      throw SpecError(field, "cannot change mid-run: a change sets optimizer.<option> or batch_size (what changes the "
                             "model or the data restarts the run)");
  }
  if (optimizer) c.optimizer = changed_optimizer(set, ctx, set_field);
  if (optimizer) ctx.optimizer = c.optimizer;
  if (c.batch_size) ctx.batch_size = c.batch_size;
  return c;
}

void read_changes(ObjectReader& r, ExperimentSpec& s) {
  const Json* list = r.raw("changes");
  if (!list) return;
  if (!list->is_array()) r.fail("changes", "must be a list of {\"step\", \"set\"} objects, got " + describe_json(*list));
  std::vector<long> steps(list->size());
  for (std::size_t k = 0; k < list->size(); ++k) {
    const Json& c = (*list)[k];
    const std::string field = "changes[" + std::to_string(k) + "]";
    if (!c.is_object()) throw SpecError(field, "must be an object {\"step\", \"set\"}, got " + describe_json(c));
    if (c.contains("racer"))
      throw SpecError(field + ".racer", "names a racer, but this spec has no racers (a racer's own spec lists its "
                                        "changes without \"racer\")");
    for (auto it = c.begin(); it != c.end(); ++it)
      if (it.key() != "step" && it.key() != "set")
        throw SpecError(field + "." + it.key(), "unknown key; allowed here: step, set");
    if (!c.contains("step")) throw SpecError(field + ".step", "is required (the change applies after this many steps)");
    if (!c.contains("set")) throw SpecError(field + ".set", "is required (the new values by path)");
    const Json& st = c["step"];
    if (!st.is_number_integer() || st.get<long long>() < 0 || st.get<long long>() >= s.steps)
      throw SpecError(field + ".step", "must be an integer in [0, " + std::to_string(s.steps - 1) +
                                           "] (below the run's steps), got " + describe_json(st));
    steps[k] = static_cast<long>(st.get<long long>());
  }
  // Step order; changes of one step in list order.
  std::vector<std::size_t> order(list->size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return steps[a] < steps[b]; });
  ChangeContext ctx = change_context(s);
  for (std::size_t k : order)
    s.changes.push_back(read_change((*list)[k]["set"], steps[k], ctx, "changes[" + std::to_string(k) + "].set"));
}

std::vector<ChangeSpec> with_live_change(const std::vector<ChangeSpec>& changes, std::size_t applied, ChangeContext ctx,
                                         const Json& set, long step) {
  std::vector<ChangeSpec> out(changes.begin(), changes.begin() + static_cast<std::ptrdiff_t>(applied));
  for (const ChangeSpec& c : out) {
    if (!c.optimizer.is_null()) ctx.optimizer = c.optimizer;
    if (c.batch_size) ctx.batch_size = c.batch_size;
  }
  out.push_back(read_change(set, step, ctx, ""));
  for (std::size_t i = applied; i < changes.size(); ++i) {
    const std::string field = "changes (the change at step " + std::to_string(changes[i].step) + ")";
    out.push_back(read_change(changes[i].set, changes[i].step, ctx, field));
  }
  return out;
}

template <typename T>
void PreparedChanges<T>::prepare(const std::vector<ChangeSpec>& changes, std::size_t first, const std::string& surface) {
  list_.clear();
  next_ = first;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const ChangeSpec& c = changes[i];
    Prepared p;
    p.step = c.step;
    p.batch_size = c.batch_size;
    if (i >= first && !c.optimizer.is_null()) {
      Json opt = c.optimizer, scratch;
      ObjectReader r(opt, "optimizer", &scratch);
      OptimizerSetup<T> setup = read_optimizer<T>(r, surface);
      p.optimizer = std::move(setup.optimizer);
      p.schedule = std::move(setup.schedule);
      p.average = std::move(setup.average);
    }
    list_.push_back(std::move(p));
  }
}

template <typename T>
int PreparedChanges<T>::apply_next(Optimizer<T>& opt, LearningRateSchedule& schedule, ParameterAverage<T>& average) {
  Prepared& p = list_[next_++];
  if (p.optimizer) {
    // A second-order method takes only a new schedule (read_change allows nothing else for it).
    opt.take_options(*p.optimizer);
    schedule = std::move(p.schedule);  // moved, not copied: no allocation
    if (average.enabled()) average.set_ema_decay(p.average.ema_decay);
  }
  return p.batch_size;
}

template <typename T>
void record_live_change(ExperimentSpec& spec, PreparedChanges<T>& prepared, Json& normalized, const Json& set, long step) {
  if (step >= spec.steps) throw SpecError("step", "the run has finished: a change applies before a next step");
  std::vector<ChangeSpec> changes = with_live_change(spec.changes, prepared.applied(), change_context(spec), set, step);
  PreparedChanges<T> next;
  next.prepare(changes, prepared.applied(), spec.problem.is_null() ? "" : spec.problem.value("name", std::string()));
  spec.changes = std::move(changes);
  prepared = std::move(next);
  if (!normalized.contains("changes")) normalized["changes"] = Json::array();
  normalized["changes"].push_back(Json{{"step", step}, {"set", set}});
}

template class PreparedChanges<float>;
template class PreparedChanges<double>;
template void record_live_change(ExperimentSpec&, PreparedChanges<float>&, Json&, const Json&, long);
template void record_live_change(ExperimentSpec&, PreparedChanges<double>&, Json&, const Json&, long);

}  // namespace optlab
