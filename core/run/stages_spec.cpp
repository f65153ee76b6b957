#include "run/stages_spec.hpp"

#include <cmath>
#include <regex>

#include "run/catalog.hpp"
#include "run/optimizer_factory.hpp"
#include "run/spec.hpp"

namespace optlab {

namespace {

std::string str(long long v) { return std::to_string(v); }

bool catalog_has_optimizer(const std::string& name) {
  for (const OptimizerEntry& e : catalog().optimizers)
    if (e.name == name) return true;
  return false;
}

// false | true | {options}: the object form's reader, or nothing when off. `on` is set.
const Json* switch_or_object(ObjectReader& r, const std::string& key, bool* on) {
  const Json* v = r.raw(key);
  *on = false;
  if (!v) {
    r.out()[key] = false;
    return nullptr;
  }
  if (v->is_boolean()) {
    *on = v->get<bool>();
    return nullptr;
  }
  if (!v->is_object()) r.fail(key, "must be true, false or an object, got " + describe_json(*v));
  *on = true;
  return v;
}

// "train": "all", or a list of "layers[i]", "output", "regressor".
void read_train(ObjectReader& r, StageSpec& st, int layers, const std::string& model) {
  const Json* v = r.raw("train");
  const std::string what = "\"all\" or a list of \"layers[i]\", \"output\" and \"regressor\"";
  if (!v || (v->is_string() && *v == "all")) {
    r.out()["train"] = "all";
    return;
  }
  if (!v->is_array() || v->empty()) r.fail("train", "must be " + what + ", got " + describe_json(*v));
  st.train_all = false;
  static const std::regex layer_re(R"(layers\[(0|[1-9][0-9]{0,3})\])");
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string f = "train[" + std::to_string(i) + "]";
    const Json& e = (*v)[i];
    std::smatch m;
    const std::string s = e.is_string() ? e.get<std::string>() : std::string();
    if (!e.is_string()) r.fail(f, "must be \"layers[i]\", \"output\" or \"regressor\", got " + describe_json(e));
    if (s == "output") {
      if (st.hint) r.fail(f, "a hint stage trains the layers up to the guided layer and the regressor, not the output");
      st.train_output = true;
    } else if (s == "regressor") {
      if (!st.hint) r.fail(f, "only a hint stage has a regressor");
      st.train_regressor = true;
    } else if (std::regex_match(s, m, layer_re)) {
      const int l = std::stoi(m[1].str());
      const int limit = st.hint ? st.guided_layer + 1 : layers;
      if (l >= limit)
        r.fail(f, s + " does not exist in this stage: " +
                      (st.hint ? "a hint stage trains layers[0] to layers[" + str(st.guided_layer) + "] (the guided layer)"
                               : "it uses " + str(layers) + " hidden layer" + (layers == 1 ? "" : "s") + " of the " + model +
                                     (layers ? " (layers[0] to layers[" + str(layers - 1) + "])" : "")));
      st.train_layers.push_back(l);
    } else {
      r.fail(f, "unknown parameter group " + describe_json(e) + "; expected \"layers[i]\", \"output\" or \"regressor\"");
    }
  }
}

StageSpec read_stage(ObjectReader& r, const ExperimentSpec& s, bool teacher_trained) {
  const Catalog& c = catalog();
  StageSpec st;
  if (!r.has("steps")) r.fail("steps", "is required (an integer in [1, " + str(c.stage_option("steps").hi()) + "])");
  st.steps = static_cast<long>(r.integer(c.stage_option("steps"), 1));
  st.teacher = r.choice(c.stage_option("model")) == "teacher";
  if (st.teacher && !s.has_teacher)
    r.fail("model", "\"teacher\" needs a top-level \"teacher\" network (e.g. {\"layers\": [{\"units\": 64}]})");
  const NetworkSpec& net = st.teacher ? s.teacher : s.network;
  const int layers = static_cast<int>(net.layers.size());

  // FitNets' two stages (Romero et al. 2015): the hint, then distillation from the teacher.
  const Json* hint = switch_or_object(r, "hint", &st.hint);
  const Json* distill = switch_or_object(r, "distill", &st.distill);
  if ((st.hint || st.distill) && st.teacher) r.fail(st.hint ? "hint" : "distill", "trains the network, not the teacher");
  if (st.hint && st.distill) r.fail("distill", "a stage is either a hint stage or a distillation stage, not both");
  if ((st.hint || st.distill) && !teacher_trained)
    r.fail(st.hint ? "hint" : "distill", "needs a teacher: an earlier stage with \"model\": \"teacher\"");
  if (st.hint) {
    Json scratch;
    const Json given = hint ? *hint : Json::object();
    ObjectReader h(given, r.field("hint"), hint ? &r.out()["hint"] : &scratch);
    const int tl = static_cast<int>(s.teacher.layers.size());
    if (tl == 0) h.fail("hint_layer", "the teacher has no hidden layer to give a hint");
    if (layers == 0) h.fail("guided_layer", "the network has no hidden layer to guide");
    st.hint_layer = static_cast<int>(h.integer(c.hint_option("hint_layer"), (tl - 1) / 2));
    st.guided_layer = static_cast<int>(h.integer(c.hint_option("guided_layer"), (layers - 1) / 2));
    if (st.hint_layer >= tl)
      h.fail("hint_layer", "out of range: the teacher has " + str(tl) + " hidden layer" + (tl == 1 ? "" : "s") +
                               " (0 to " + str(tl - 1) + "), got " + str(st.hint_layer));
    if (st.guided_layer >= layers)
      h.fail("guided_layer", "out of range: the network has " + str(layers) + " hidden layer" + (layers == 1 ? "" : "s") +
                                 " (0 to " + str(layers - 1) + "), got " + str(st.guided_layer));
    h.finish();
    if (!hint) r.out()["hint"] = scratch;
  }
  if (st.distill) {
    Json scratch;
    const Json given = distill ? *distill : Json::object();
    ObjectReader d(given, r.field("distill"), distill ? &r.out()["distill"] : &scratch);
    st.temperature = d.number(c.distill_option("temperature"));
    st.alpha = d.number(c.distill_option("alpha"));
    d.finish();
    if (!distill) r.out()["distill"] = scratch;
    if (s.network.loss != Loss::SoftmaxCrossEntropy)
      r.fail("distill", "needs network.loss softmax_cross_entropy (soft targets are class probabilities)");
  }

  st.depth = static_cast<int>(r.integer(c.stage_option("depth"), layers));
  // The teacher, a hint and a distillation stage use every hidden layer: their depth is that count
  // (the normalized spec writes it, and must read back).
  if ((st.teacher || st.hint || st.distill) && st.depth != layers)
    r.fail("depth", std::string("only a plain stage of the network uses fewer hidden layers (") +
                        (st.teacher ? "the teacher" : st.hint ? "a hint stage" : "a distillation stage") +
                        " uses all " + str(layers) + "), got " + str(st.depth));
  if (st.depth > layers)
    r.fail("depth", "the network has " + str(layers) + " hidden layer" + (layers == 1 ? "" : "s") + ", got " + str(st.depth));
  read_train(r, st, st.depth, st.teacher ? "teacher" : "network");

  // The stage's optimizer: the top-level one unless given (a name, or an object like "optimizer").
  const Json* o = r.raw("optimizer");
  if (!o) {
    st.optimizer = s.optimizer;
  } else {
    if (o->is_string() && !catalog_has_optimizer(o->get<std::string>()))
      r.fail("optimizer", "unknown optimizer " + describe_json(*o) + "; expected a name of optimizer.name or an object");
    const Json given = o->is_string() ? Json{{"name", *o}} : *o;
    Json out = Json::object();
    ObjectReader orr(given, r.field("optimizer"), &out);
    read_optimizer<float>(orr);
    st.optimizer = out;
  }
  r.out()["optimizer"] = st.optimizer;
  if (st.optimizer.value("average", std::string("none")) != "none")
    r.fail("optimizer.average", "iterate averaging is not available with stages (each stage starts from the last one's θ)");
  r.finish();
  return st;
}

void read_curriculum(ObjectReader& r, ExperimentSpec& s) {
  const Catalog& c = catalog();
  bool on = false;
  const Json* v = switch_or_object(r, "curriculum", &on);
  if (!r.has("curriculum")) r.out().erase("curriculum");  // absent: the normalized spec stays as it was
  if (!on) return;
  Json scratch;
  const Json given = v ? *v : Json::object();
  ObjectReader cr(given, r.field("curriculum"), v ? &r.out()["curriculum"] : &scratch);
  CurriculumSpec& cu = s.curriculum;
  cu.on = true;
  cu.score = cr.choice(c.curriculum_option("score"));
  cu.neighbors = static_cast<int>(cr.integer(c.curriculum_option("neighbors")));
  cu.pacing = cr.choice(c.curriculum_option("pacing"));
  cu.start_fraction = cr.number(c.curriculum_option("start_fraction"));
  cu.steps = static_cast<long>(cr.integer(c.curriculum_option("steps")));
  cr.finish();
  if (!v) r.out()["curriculum"] = scratch;
  const long n_train = s.dataset.samples - std::lround(s.dataset.test_fraction * s.dataset.samples);
  if (cu.score != "random" && n_train > kMaxCurriculumExamples)
    r.fail("curriculum.score", "compares every pair of training examples: at most " + str(kMaxCurriculumExamples) +
                                   " training examples (this data set has " + str(n_train) + "); use \"random\"");
  if (cu.score == "neighbors" && cu.neighbors >= n_train)
    cr.fail("neighbors", "must be below the number of training examples (" + str(n_train) + "), got " + str(cu.neighbors));
  if (s.single_pass) r.fail("curriculum", "cannot be combined with single_pass (a single pass has no easy-first order)");
}

}  // namespace

void read_staged_training(ObjectReader& r, ExperimentSpec& s) {
  const Catalog& c = catalog();
  read_curriculum(r, s);
  const Json* v = r.raw("stages");
  if (!v) {
    if (s.has_teacher) r.fail("teacher", "is only used by stages (\"stages\": [{\"model\": \"teacher\", …}, …])");
    return;
  }
  const Option& opt = c.spec_option("stages");
  if (!v->is_array() || v->empty())
    r.fail("stages", "must be a non-empty array of stage objects ({\"steps\": …}), got " + describe_json(*v));
  if (v->size() > static_cast<std::size_t>(opt.hi())) r.fail("stages", "at most " + str(opt.hi()) + " stages");
  Json& out = r.out()["stages"];
  out = Json::array();
  long total = 0;
  bool teacher_trained = false;
  for (std::size_t k = 0; k < v->size(); ++k) {
    out.push_back(Json::object());
    ObjectReader sr((*v)[k], "stages[" + std::to_string(k) + "]", &out[k]);
    s.stages.push_back(read_stage(sr, s, teacher_trained));
    teacher_trained = teacher_trained || s.stages.back().teacher;
    total += s.stages.back().steps;
  }
  const Option& steps = c.spec_option("steps");
  if (total > steps.hi()) r.fail("stages", "take " + str(total) + " steps in all; at most " + str(steps.hi()));
  if (r.has("steps") && s.steps != total)
    r.fail("steps", "the stages take " + str(total) + " steps in all; leave steps out or set it to " + str(total));
  s.steps = total;
  r.out()["steps"] = total;
  // What a stage cannot carry over: a parameter vector whose size changes between stages, running
  // statistics kept outside θ, an average over iterates of different networks.
  if (s.trace.params) r.fail("trace.params", "not available with stages (the parameter vector changes between stages)");
  if (s.trace.curvature.on) r.fail("trace.curvature", "not available with stages");
  if (s.trace.layers.enabled) r.fail("trace.layers", "not available with stages");
  if (s.trace.step_length) r.fail("trace.step_length", "not available with stages");
  if (s.trace.effective_lr) r.fail("trace.effective_lr", "not available with stages");
  if (s.single_pass) r.fail("single_pass", "not available with stages");
  if (s.landscape.on) r.fail("landscape", "not available with stages (θ₀ and θ of the last stage are different networks)");
  if (s.curriculum.on) r.fail("curriculum", "not available with stages");
  if (s.optimizer.value("average", std::string("none")) != "none")
    r.fail("optimizer.average", "iterate averaging is not available with stages");
  for (const auto* net : {&s.network, &s.teacher})
    for (std::size_t i = 0; i < net->layers.size(); ++i)
      if (net->layers[i].norm.name == "batch_norm")
        r.fail(std::string(net == &s.network ? "network" : "teacher") + ".layers[" + std::to_string(i) + "].norm",
               "batch_norm is not available with stages (its running statistics are not carried between stages)");
  if (s.has_teacher && !teacher_trained) r.fail("teacher", "no stage trains it: add a stage with \"model\": \"teacher\"");
  if (s.has_teacher && s.teacher.loss != s.network.loss)
    r.fail("teacher.loss", std::string("must be the network's loss (") + loss_name(s.network.loss) + ")");
}

}  // namespace optlab
