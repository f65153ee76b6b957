#include "run/catalog.hpp"

#include <cmath>
#include <stdexcept>

#include "nn/batch_norm.hpp"
#include "nn/group_norm.hpp"
#include "optim/adadelta.hpp"
#include "optim/adagrad.hpp"
#include "optim/bfgs.hpp"
#include "optim/adamw.hpp"
#include "optim/conjugate_gradient.hpp"
#include "optim/coordinate_descent.hpp"
#include "optim/lbfgs.hpp"
#include "optim/learning_rate_schedule.hpp"
#include "optim/momentum.hpp"
#include "optim/nadam.hpp"
#include "optim/newton.hpp"
#include "optim/parameter_average.hpp"
#include "optim/rmsprop.hpp"
#include "optim/rmsprop_nesterov.hpp"
#include "problems/dataset.hpp"
#include "problems/formula.hpp"
#include "run/race.hpp"
#include "run/surface_spec.hpp"

namespace optlab {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long long kMaxSeed = 9007199254740991LL;  // 2⁵³ − 1: every integer a JSON number holds exactly
constexpr long long kMaxSteps = 10000000;
constexpr long long kMaxScheduleSteps = LearningRateSchedule::kMaxSteps;
constexpr long long kMaxSequenceLength = 1000;

Option number(std::string key, Json def, Range r = Range::any()) {
  Option o;
  o.key = std::move(key);
  o.type = OptionType::Number;
  o.def = std::move(def);
  o.range = r;
  return o;
}

Option integer(std::string key, Json def, long long lo, long long hi) {
  Option o;
  o.key = std::move(key);
  o.type = OptionType::Integer;
  o.def = std::move(def);
  o.range = Range::closed(static_cast<double>(lo), static_cast<double>(hi));
  return o;
}

Option boolean(std::string key, bool def) {
  Option o;
  o.key = std::move(key);
  o.type = OptionType::Boolean;
  o.def = def;
  return o;
}

Option choice(std::string key, Json def, std::vector<std::string> choices, std::string ref = "") {
  Option o;
  o.key = std::move(key);
  o.type = OptionType::Choice;
  o.def = std::move(def);
  o.choices = std::move(choices);
  o.ref = std::move(ref);
  return o;
}

Entry entry(std::string name, std::string meaning, std::string source, std::vector<Option> options = {}) {
  Entry e;
  e.name = std::move(name);
  e.meaning = std::move(meaning);
  e.source = std::move(source);
  e.options = std::move(options);
  return e;
}

// ---- staged training and curriculum (issue 13; run/stages_spec.hpp, docs/staged-training.md) ----

Option stages_option() {
  Option o;
  o.key = "stages";
  o.type = OptionType::ObjectArray;
  o.range = Range::closed(1, 16);  // number of stages
  o.meaning = "stages run one after another and carry their parameters (greedy layer-wise pretraining, FitNets); "
              "each object's fields: stage.options; absent: one plain run";
  return o.with("items", "stage").with("runs", Json::array({"network"}));
}

Option curriculum_option() {
  return boolean("curriculum", false)
      .dflt(nullptr)
      .means("curriculum learning: minibatches drawn from the easiest examples first, more of them as the "
             "pacing goes (Bengio et al. 2009); true, or an object (curriculum.options); absent: random order")
      .with("object", "curriculum")
      .with("runs", Json::array({"network"}));
}

std::vector<Option> stage_options(const std::vector<std::string>& optimizer_names) {
  Option train;
  train.key = "train";
  train.type = OptionType::StringArray;
  train.def = "all";
  train.meaning = "the parameter groups this stage trains, the others frozen: \"all\", or a list of \"layers[i]\" "
                  "(hidden layer i), \"output\" and \"regressor\" (hint stages)";
  train.with("also", Json::array({"all"})).with("pattern", "^(layers\\[(0|[1-9][0-9]{0,3})\\]|output|regressor)$");
  return {
      integer("steps", nullptr, 1, kMaxSteps).unit_("steps").means("parameter updates of this stage (required)")
          .with("required", true),
      choice("model", "network", {"network", "teacher"})
          .means("which network the stage trains: the spec's network (the student) or the top-level teacher"),
      integer("depth", nullptr, 0, 64).unit_("layers")
          .means("hidden layers of the network used, with an output layer of its own for each depth (greedy "
                 "layer-wise pretraining, §8.7.4); default: all of them"),
      train,
      choice("optimizer", nullptr, optimizer_names, "optimizers").with("object", true)
          .means("this stage's optimizer (a name or an object like the top-level optimizer; fresh state and "
                 "schedule each stage); default: the top-level optimizer"),
      boolean("hint", false).with("object", "hint")
          .means("FitNets stage 1 (Romero et al. 2015): layers up to the guided layer regress, through a learned "
                 "regressor, the teacher's hint layer with L = ½‖r(h_guided) − h_hint‖²"),
      boolean("distill", false).with("object", "distill")
          .means("knowledge distillation from the teacher's softened outputs (Hinton et al. 2015; FitNets stage 2): "
                 "L = (1−α)·H(y, p) + α·T²·KL(p_T^τ ‖ p^τ)"),
  };
}

std::vector<Option> hint_options() {
  return {
      integer("hint_layer", nullptr, 0, 63).unit_("layer")
          .means("the teacher's hidden layer to regress (default: the middle one, ⌊(L_teacher − 1)/2⌋)"),
      integer("guided_layer", nullptr, 0, 63).unit_("layer")
          .means("the network's hidden layer that learns it (default: the middle one, ⌊(L − 1)/2⌋)"),
  };
}

std::vector<Option> distill_options() {
  return {
      number("temperature", 4.0, Range{0.0, 100.0, true, false}).sym("T")
          .means("temperature of the softened softmax(z/T) of teacher and student"),
      number("alpha", 0.9, Range::closed(0.0, 1.0)).sym("α")
          .means("weight of the soft-target term (Hinton et al.'s weighted average; FitNets' λ = αT²/(1 − α))"),
  };
}

std::vector<Option> curriculum_options() {
  return {
      choice("score", "neighbors", {"neighbors", "margin", "random"})
          .means("difficulty: neighbors = fraction of the k nearest training examples of another class; margin = "
                 "distance to the nearest example of another class (far = easy); random = same pacing, random "
                 "order (the control)"),
      integer("neighbors", 10, 1, 100).sym("k").means("k of the neighbors score").when("score", {"neighbors"}),
      choice("pacing", "linear", {"linear", "root"})
          .means("available fraction p(t): linear p0 + (1 − p0)t/s; root √(p0² + (1 − p0²)t/s) (Platanios et al. 2019)"),
      number("start_fraction", 0.2, Range{0.0, 1.0, true, false}).sym("p₀")
          .means("fraction of the training set, easiest first, available at step 0"),
      integer("steps", 1000, 1, kMaxSteps).unit_("steps").sym("s")
          .means("step at which every example is available; from then on the usual shuffled epochs"),
  };
}

// ---- top level -------------------------------------------------------------------------------

std::vector<Option> spec_options() {
  return {
      integer("seed", 7, 0, kMaxSeed)
          .means("seed of every random choice of the run (data, initial weights, minibatch order)"),
      integer("batch_size", 16, 1, 100000)
          .unit_("examples").sym("m")
          .means("minibatch size m (at most the training-set size), or \"full\" for full-batch gradient descent")
          .with("also", Json::array({"full"})).with("runs", Json::array({"network"})),
      boolean("shuffle", true)
          .means("reshuffle the training set every epoch (false: minibatches in the generated, class-by-class order)")
          .with("runs", Json::array({"network"})),
      boolean("single_pass", false)
          .means("use each training example once: the run ends when the data is exhausted (§8.1.3)")
          .with("runs", Json::array({"network"})),
      integer("steps", nullptr, 1, kMaxSteps)
          .unit_("steps").means("number of parameter updates")
          .with("defaults", {{"network", 2000}, {"surface", 100}}),
      integer("log_every", nullptr, 1, kMaxSteps)
          .unit_("steps").means("steps between logged rows (the first and the last step are always logged)")
          .with("defaults", {{"network", 10}, {"surface", 1}}),
      stages_option(),
      curriculum_option(),
  };
}

// ---- races and changes (issue 12; run/race.hpp, docs/racing.md) ---------------------------------

std::vector<Option> racer_options() {
  Option label;
  label.key = "label";
  label.type = OptionType::String;
  label.meaning = "the racer's name in the legend and in each JSON line (default: what it sets differently from the base spec)";
  label.extra["max_length"] = kMaxLabelBytes;
  return {label};
}

std::vector<Option> change_options() {
  Option set;
  set.key = "set";
  set.type = OptionType::String;  // shown as "object" (below): its keys are listed in "paths"
  set.meaning = "the new values, by path: {\"optimizer.lr\": 0.05, \"batch_size\": 64}; the optimizer keeps its state";
  set.extra["required"] = true;
  set.extra["type"] = "object";
  set.extra["paths"] = Json::array({"optimizer.<option>", "batch_size"});
  set.extra["not"] = Json::array({"optimizer.name", "optimizer.average"});
  return {
      integer("step", nullptr, 0, kMaxSteps - 1)
          .unit_("steps").with("required", true)
          .means("the change applies after this many steps, before the next (θ_step was made with the old values); "
                 "below the run's steps"),
      integer("racer", nullptr, 0, kMaxRacers - 1)
          .means("the index of the racer it changes: required in a spec with racers, absent otherwise"),
      set,
  };
}

// ---- data and network ------------------------------------------------------------------------

// Options of the datasets that are given rather than generated (digits, inline).
std::vector<Option> given_data_options(std::vector<Option> first) {
  first.push_back(number("test_fraction", 0.2, Range::closed(0.0, 0.9)).means("fraction of the examples held out as the test set"));
  first.push_back(boolean("standardize", true)
                      .means("centre and scale every feature by the training split's mean and standard deviation"));
  return first;
}

// inline's examples: bounded so a spec (and a link) stays a few megabytes at most.
std::vector<Option> inline_data_options() {
  Option x;
  x.key = "x";
  x.type = OptionType::NumberMatrix;
  x.meaning = "the examples: an array of rows, each an array of the same number of finite features";
  x.with("required", true).with("max_numbers", kMaxInlineNumbers).with("max_features", kMaxInlineFeatures);
  Option y = number("y", nullptr, Range::closed(0, kMaxInlineClasses - 1));
  y.type = OptionType::NumberArray;
  y.meaning = "the class of each row of x: integers 0…k−1, every class present, at least 2 classes (or targets instead)";
  y.with("integer", true).with("length_from", "x");
  Option targets = number("targets", nullptr, Range::closed(-3.4e38, 3.4e38));
  targets.type = OptionType::NumberArray;
  targets.meaning = "regression instead of classes: one real target per row of x (standardized with the training split "
                    "when standardize is on), trained with mean_squared_error on one output";
  targets.with("length_from", "x").with("excludes", Json::array({"y"}));
  return {x, y, targets};
}

// Options of the sequence data sets (problems/sequence.hpp): `recall` has classes and noise.
std::vector<Option> sequence_options(bool recall) {
  std::vector<Option> v;
  if (recall) v.push_back(integer("classes", 3, 2, 10).means("number of symbols k (classes)"));
  v.push_back(integer("length", 20, recall ? 1 : 2, kMaxSequenceLength).unit_("steps").sym("L")
                  .means("steps per sequence: the distance over which the network must remember"));
  v.push_back(integer("samples", 1000, 4, 100000).unit_("examples").means("sequences generated, before the train/test split"));
  if (recall) v.push_back(number("noise", 0.0, Range::closed(0.0, 2.0)).means("standard deviation of noise added to every input value"));
  v.push_back(number("test_fraction", 0.2, Range::closed(0.0, 0.9)).means("fraction of the examples held out as the test set"));
  return v;
}

std::vector<Entry> datasets() {
  auto data_options = [](int classes_default, int classes_max) {
    return std::vector<Option>{
        integer("classes", classes_default, 2, classes_max).means("number of classes k"),
        integer("samples", 300, 4, 100000).unit_("examples").means("examples generated, before the train/test split"),
        number("noise", 0.1, Range::closed(0.0, 2.0)).means("standard deviation of the noise added to each point"),
        number("test_fraction", 0.2, Range::closed(0.0, 0.9)).means("fraction of the examples held out as the test set"),
    };
  };
  return {
      entry("spiral", "k interleaved spiral arms (CS231n's spiral); noise jitters the angle", "CS231n", data_options(3, 10)),
      entry("circles", "k concentric rings of equal width", "TensorFlow Playground", data_options(2, 10)),
      entry("xor", "uniform on [−1, 1]², label [x·y > 0] (2 classes only)", "TensorFlow Playground", data_options(2, 2)),
      entry("gaussians", "k isotropic blobs (σ = 0.2) evenly on a circle of radius 0.6", "", data_options(2, 10)),
      // ---- issue 14 (helper data): real and given data with any number of features (docs/datasets.md)
      entry("digits", "the 1,797 8×8 handwritten digits of UCI/scikit-learn: 64 pixel features 0…16, 10 classes",
            "UCI optical digits (scikit-learn load_digits)", given_data_options({})),
      entry("inline", "the spec's own examples: x (rows of features) and y (class labels 0…k−1) or targets (regression)", "",
            given_data_options(inline_data_options())),
      // ---- sequence tasks (rnn helper; problems/sequence.hpp) ----
      entry("recall", "recall the first of L one-hot symbols after L − 1 random distractors (k classes, k + 1 "
                      "features per step)", "§8.2.5; §10.7", sequence_options(true)),
      entry("adding", "the adding problem: sum the two marked values of L steps of (u ~ U(0,1), marker); regression "
                      "with mean_squared_error, solved when |error| < 0.04", "Hochreiter & Schmidhuber 1997",
            sequence_options(false)),
  };
}

std::vector<Entry> activations() {
  return {
      entry("linear", "f(x) = x", ""),
      entry("tanh", "f(x) = tanh x", "§6.3.3"),
      entry("sigmoid", "f(x) = 1/(1 + e⁻ˣ)", "§6.3.2"),
      entry("relu", "f(x) = max(0, x)", "§6.3.1"),
      entry("leaky_relu", "f(x) = max(0.01x, x) (PyTorch's negative_slope 0.01)", "§6.3.1"),
  };
}

std::vector<Entry> losses() {
  return {
      entry("softmax_cross_entropy", "−log softmax(z)_y over k outputs (torch.nn.CrossEntropyLoss)", "§6.2.2.3"),
      entry("binary_cross_entropy", "log(1 + eᶻ) − y z over one output (torch.nn.BCEWithLogitsLoss); 2 classes only",
            "§6.2.2.2"),
      entry("mean_squared_error", "mean of (o − t)² over the outputs, one-hot or ±1 targets (torch.nn.MSELoss)", "§6.2.1.1"),
  };
}

std::vector<Entry> initializers() {
  const Option stddev = number("stddev", 0.05, Range::positive()).sym("σ").means("standard deviation of the draw");
  const Option mean = number("mean", 0.0).sym("μ").means("mean of the draw");
  const Option gain = number("gain", 1.0, Range::positive()).means("multiplier of the matrix");
  return {
      entry("zeros", "all 0", "Keras"),
      entry("ones", "all 1", "Keras"),
      entry("constant", "all equal to value", "Keras", {number("value", 0.0).means("the value")}),
      entry("random_normal", "N(mean, stddev²)", "Keras", {mean, stddev}),
      entry("random_uniform", "U(minval, maxval)", "Keras",
            {number("minval", -0.05).means("lower end (must be below maxval)"),
             number("maxval", 0.05).means("upper end (must be above minval)")}),
      entry("truncated_normal", "N(mean, stddev²) with draws beyond 2·stddev redrawn", "Keras", {mean, stddev}),
      entry("variance_scaling", "variance scale/n with n = fan_in, fan_out or their mean", "Keras",
            {number("scale", 1.0, Range::positive()).means("target variance × n"),
             choice("mode", "fan_in", {"fan_in", "fan_out", "fan_avg"}).means("which fan n is"),
             choice("distribution", "truncated_normal", {"truncated_normal", "untruncated_normal", "uniform"})
                 .means("shape of the draw")}),
      entry("glorot_uniform", "U(±√(6/(fan_in + fan_out)))", "Glorot & Bengio 2010; eq. 8.23"),
      entry("glorot_normal", "truncated normal of variance 2/(fan_in + fan_out)", "Glorot & Bengio 2010"),
      entry("he_uniform", "U(±√(6/fan_in))", "He et al. 2015"),
      entry("he_normal", "truncated normal of variance 2/fan_in", "He et al. 2015"),
      entry("lecun_uniform", "U(±√(3/fan_in))", "LeCun et al. 1998"),
      entry("lecun_normal", "truncated normal of variance 1/fan_in", "LeCun et al. 1998"),
      entry("orthogonal", "a random orthogonal matrix (Haar), times gain", "Saxe et al. 2013; §8.4", {gain}),
      entry("identity", "gain·I (identities side by side when one side is a multiple of the other)", "Keras", {gain}),
      entry("default_uniform", "U(±1/√fan_in), the book's classic heuristic", "eq. 8.23"),
      entry("sparse", "each unit gets exactly k nonzero incoming weights N(0, stddev²)", "Martens 2010; §8.4",
            {integer("k", 15, 1, 4096).means("nonzero incoming weights per unit (at most the fan-in)"),
             number("stddev", 1.0, Range::positive()).sym("σ").means("standard deviation of the nonzero weights")}),
      entry("class_prior", "output bias for which the untrained network predicts the training set's class frequencies "
                           "(output_bias_init only)", "§8.4"),
  };
}

std::vector<Entry> norms() {
  // Defaults and ranges of the normalization layers' own options structs (nn/batch_norm.hpp, group_norm.hpp).
  const Option eps = number("eps", BatchNormOptions{}.eps, BatchNormOptions::kEps)
                         .sym("δ").means("added to the variance before the root");
  return {
      entry("none", "no normalization", ""),
      entry("batch_norm", "normalize each unit over the minibatch, then scale γ and shift β", "Ioffe & Szegedy 2015; §8.7.1",
            {number("momentum", BatchNormOptions{}.momentum, BatchNormOptions::kMomentum)
                 .means("weight of the newest batch in the running statistics"),
             eps}),
      entry("group_norm", "normalize each example over groups of units", "Wu & He 2018",
            {integer("groups", nullptr, 1, GroupNormOptions::kMaxGroups).means("number of groups (required; must divide the units)")
                 .with("required", true),
             eps}),
      entry("layer_norm", "normalize each example over all units of the layer (group_norm with one group)",
            "Ba et al. 2016", {eps}),
      entry("instance_norm", "normalize each unit of each example alone (group_norm with one unit per group)",
            "Ulyanov et al. 2016", {eps}),
  };
}

std::vector<Option> network_options(const std::vector<Entry>& inits, const std::vector<Entry>& acts,
                                    const std::vector<Entry>& loss_list) {
  std::vector<std::string> init_names = entry_names(inits);
  std::vector<std::string> hidden_inits = init_names;
  hidden_inits.pop_back();  // class_prior, the last one, is for output_bias_init only
  Option layers;
  layers.key = "layers";
  layers.type = OptionType::ObjectArray;
  layers.def = Json::array({{{"units", 16}, {"activation", "tanh"}}, {{"units", 16}, {"activation", "tanh"}}});
  layers.range = Range::closed(0, 64);  // number of hidden layers
  layers.meaning = "the hidden layers, input to output (each object's fields: network.layer.options)";
  return {
      layers,
      choice("loss", "softmax_cross_entropy", entry_names(loss_list), "losses")
          .means("the loss L minimized (the adding problem: mean_squared_error, its default there)"),
      choice("output_activation", "linear", entry_names(acts), "activations").means("activation of the output layer"),
      choice("output_init", "glorot_uniform", hidden_inits, "initializers").with("object", true)
          .means("initializer of the output layer's weights"),
      choice("output_bias_init", "zeros", init_names, "initializers").with("object", true)
          .means("initializer of the output layer's biases"),
  };
}

std::vector<Option> layer_options(const std::vector<Entry>& inits, const std::vector<Entry>& acts,
                                  const std::vector<Entry>& norm_list) {
  std::vector<std::string> hidden_inits = entry_names(inits);
  hidden_inits.pop_back();
  return {
      integer("units", 16, 1, 4096).unit_("units").means("width of the layer"),
      choice("activation", "tanh", entry_names(acts), "activations").means("the layer's activation"),
      choice("init", "glorot_uniform", hidden_inits, "initializers").with("object", true)
          .means("initializer of the weights (a name, or {\"name\", options})"),
      choice("bias_init", "zeros", hidden_inits, "initializers").with("object", true)
          .means("initializer of the biases"),
      choice("norm", "none", entry_names(norm_list), "norms").with("object", true)
          .means("normalization between the dense part and the activation"),
      // ---- recurrent layers (rnn helper; nn/recurrent_layer.hpp) ----
      choice("type", "dense", {"dense", "rnn", "lstm"})
          .means("dense; or, for the first layer on a sequence data set, rnn (Elman: h_t = φ(W h_{t−1} + U x_t + b), "
                 "torch.nn.RNN) or lstm (torch.nn.LSTM, gates i, f, g, o), whose output is the last hidden state h_L"),
      choice("recurrent_init", "orthogonal", hidden_inits, "initializers").with("object", true)
          .when("type", {"rnn", "lstm"})
          .means("initializer of the recurrent weights W (W_hh); orthogonal with gain ρ gives an Elman W spectral radius ρ"),
      number("forget_bias", 1.0, Range::closed(-100.0, 100.0)).sym("b_f").when("type", {"lstm"})
          .means("initial bias of the LSTM's forget gate (1 keeps the memory open at the start; §8.4, Gers et al. 2000)"),
  };
}

std::vector<Option> trace_options() {
  Option layers;
  layers.key = "layers";
  layers.type = OptionType::NumberArray;
  layers.def = false;
  layers.range = Range::closed(0, static_cast<double>(kMaxSteps));
  layers.meaning = "per-layer signal statistics at chosen steps: false, a list of steps, or {\"every\": k} "
                   "(at most 2000 traced steps)";
  layers.with("also", Json::array({false}))
      .with("integer", true)
      .with("object", {{"options", Json::array({{{"key", "every"}, {"type", "integer"}, {"default", 100}, {"min", 1},
                                                  {"max", kMaxSteps}, {"unit", "steps"}, {"symbol", ""},
                                                  {"meaning", "trace every k steps from step 0"}}})}})
      .with("runs", Json::array({"network"}));
  return {
      boolean("params", false).means("print θ on every logged row"),
      boolean("curvature", false)
          .means("Hessian readouts at logged steps: λmin, λmax, condition, negative eigenvalues, gᵀg, gᵀHg, "
                 "ill-conditioning −εgᵀg + ½ε²gᵀHg (eq. 8.10)")
          .with("object", {{"options", Json::array({{{"key", "lanczos_steps"}, {"type", "integer"}, {"default", 20},
                                                     {"min", 2}, {"max", 200}, {"unit", ""}, {"symbol", "k"},
                                                     {"meaning", "Krylov dimension when the Hessian is too large "
                                                                 "to decompose densely"}}})}}),
      layers,
      // trace.step_length and trace.effective_lr (run/step_readouts.hpp; helper `views`, issue 15)
      boolean("step_length", false)
          .means("‖θₖ − θₖ₋₁‖, the length of the last step, at logged steps (terminal velocity ε‖g‖/(1 − α), "
                 "§8.3.2 eq. 8.17)"),
      boolean("effective_lr", false)
          .means("per-parameter effective learning rates of adaptive methods (ε/(δ + √r), Algorithms 8.4–8.7): "
                 "min, 10%, median, 90%, max and a histogram in half decades from 10⁻⁸ to 10²"),
      boolean("symmetry", false)
          .means("weight-space symmetry readout on the summary: loss of the network with its hidden units "
                 "randomly permuted (and signs flipped where the activation is odd), and the canonical form (§8.2.2)")
          .with("runs", Json::array({"network"})),
      boolean("hidden_grad", false)
          .means("‖∂L/∂h_t‖ for t = 0 … L on every logged row (columns grad_h_0 … grad_h_L; a recurrent first layer "
                 "only), on a fixed probe of up to 256 training sequences (§8.2.5)")
          .with("runs", Json::array({"network"})),
  };
}

// ---- continuation (run/continuation.hpp; helper landscape) ------------------------------------

std::vector<Option> continuation_options() {
  return {
      number("sigma", 1.0, Range::closed(0.0, 1e6)).sym("σ₀")
          .means("width σ₀ of the Gaussian blur J_σ(θ) = E[J(θ + σε)] at the first stage (units of θ)"),
      integer("samples", 256, 1, 1000).sym("M")
          .means("directions ε₁…ε_M ~ N(0, I) drawn once from the seed (common random numbers)"),
      boolean("antithetic", true).means("use each direction as +ε and −ε (2M evaluations of J per Ĵ_σ)"),
      integer("stages", 5, 1, 1000).sym("S")
          .means("stages of equal length; the last has σ = 0 (1: keep σ₀ for the whole run)"),
      choice("schedule", "linear", {"linear", "geometric"})
          .means("σ_s = σ₀(1 − s/(S − 1)), or σ₀ rˢ before the last stage's σ = 0"),
      number("ratio", 0.5, Range::unit_open()).sym("r").means("factor per stage of the geometric schedule")
          .when("schedule", {"geometric"}),
  };
}

std::vector<Option> landscape_options() {
  // Open at the inner end: the lower end of a range must stay below its upper end.
  const Range low = Range{-1e3, 1e3, false, true}, high = Range{-1e3, 1e3, true, false};
  return {
      boolean("line", true).means("the loss along (1 − α)θ₀ + αθ₁ from the initial to the final parameters "
                                  "(Goodfellow, Vinyals & Saxe 2015)"),
      number("alpha_min", -0.5, low).sym("α").means("first α of the line (must be below alpha_max)"),
      number("alpha_max", 1.5, high).sym("α").means("last α of the line"),
      integer("line_points", 41, 2, 1001).means("α values, evenly spaced"),
      boolean("plane", true).means("the loss on θ₁ + aδ + bη, δ and η random directions (Li et al. 2018), with "
                                   "the trajectory projected onto it"),
      number("plane_min", -1.0, low).means("lowest a and b (units of the normalized directions)"),
      number("plane_max", 1.0, high).means("highest a and b (must be above plane_min)"),
      integer("plane_points", 21, 2, 201).means("grid points per side of the plane"),
      choice("normalization", "filter", {"filter", "layer", "none"})
          .means("scale each unit's (filter) or layer's direction to the norm of its weights; biases and "
                 "normalization parameters get 0 (none: raw N(0, 1))"),
  };
}

// ---- optimization ----------------------------------------------------------------------------

std::vector<Entry> schedules() {
  // Ranges of LearningRateSchedule's own checks (optim/learning_rate_schedule.hpp).
  const Option lr_final = number("lr_final", nullptr, LearningRateSchedule::kLrFinal)
                              .sym("ε_τ").means("final learning rate ε_τ (default lr/100)")
                              .with("default_factor", {{"of", "lr"}, {"factor", 0.01}});
  const Option tau = integer("tau", 1000, 1, kMaxScheduleSteps).unit_("steps").sym("τ").means("steps of the decay");
  return {
      entry("constant", "εₖ = ε₀", "Algorithm 8.1"),
      entry("linear", "εₖ = (1 − k/τ)ε₀ + (k/τ)ε_τ until k = τ, then ε_τ", "§8.3.1 (eq. 8.14)", {lr_final, tau}),
      entry("step", "εₖ = ε₀ γ^⌊k/step_size⌋", "torch.optim.lr_scheduler.StepLR",
            {integer("step_size", 1000, 1, kMaxScheduleSteps).unit_("steps").means("steps between decays"),
             number("gamma", 0.1, LearningRateSchedule::kGamma).sym("γ").means("factor per step_size steps")}),
      entry("exponential", "εₖ = ε₀ γᵏ", "torch.optim.lr_scheduler.ExponentialLR",
            {number("gamma", 0.999, LearningRateSchedule::kGamma).sym("γ").means("factor per step")}),
      entry("cosine", "εₖ = ε_τ + ½(ε₀ − ε_τ)(1 + cos(πk/τ)) until k = τ, then ε_τ",
            "torch.optim.lr_scheduler.CosineAnnealingLR", {lr_final, tau}),
  };
}

std::vector<Entry> averaging() {
  return {
      entry("none", "report the iterate itself", ""),
      entry("polyak", "report the running mean of all iterates", "Polyak & Juditsky 1992; §8.7.3"),
      entry("ema", "report an exponential moving average of the iterates", "§8.7.3 (eq. 8.39)",
            {number("ema_decay", AverageOptions{}.ema_decay, AverageOptions::kEmaDecay)
                 .sym("β").means("weight of the previous average")}),
  };
}

OptimizerEntry optimizer(std::string name, std::string kind, std::string meaning, std::string algorithm,
                         std::string source, std::string pytorch, double network_lr, std::vector<Option> options) {
  OptimizerEntry e;
  e.name = std::move(name);
  e.kind = std::move(kind);
  e.meaning = std::move(meaning);
  e.algorithm = std::move(algorithm);
  e.source = std::move(source);
  e.pytorch = std::move(pytorch);
  e.network_lr = network_lr;
  e.options = std::move(options);
  return e;
}

std::vector<OptimizerEntry> optimizers(const std::vector<Entry>& schedule_list, const std::vector<Entry>& average_list) {
  // Every default and range below is the one of the method's options struct (core/optim/*.hpp),
  // whose constructor checks it, so the catalog and a C++ user of the optimizer agree.
  const Option lr = number("lr", nullptr, LearningRateSchedule::kLr)
                        .sym("ε").means("learning rate ε: step size of each update (the schedule's ε₀)");
  const Option schedule = choice("schedule", "constant", entry_names(schedule_list), "schedules")
                              .means("how ε changes with the step k");
  const Option warmup = integer("warmup_steps", 0, 0, kMaxScheduleSteps)
                            .unit_("steps").means("linear warm-up from warmup_start_factor·ε to ε; the schedule starts after it");
  const Option warmup_factor = number("warmup_start_factor", LearningRateSchedule{}.warmup_start_factor,
                                      LearningRateSchedule::kWarmupStartFactor)
                                   .means("fraction of ε at step 0 of the warm-up (read when warmup_steps > 0)")
                                   .with("requires", {{"warmup_steps", {{"min", 1}}}});
  const Option weight_decay = number("weight_decay", GradientOptions{}.weight_decay, GradientOptions::kRange)
                                  .sym("λ").means("L2 penalty: g ← g + λθ");
  const Option clip_value = number("clip_value", GradientOptions{}.clip_value, GradientOptions::kRange)
                                .means("clip each gradient component to [−c, c] (0: off)");
  const Option clip_norm = number("clip_norm", GradientOptions{}.clip_norm, GradientOptions::kRange)
                               .means("rescale g to norm c when ‖g‖ > c (0: off; §10.11.1)");
  const Option average = choice("average", "none", entry_names(average_list), "averaging")
                             .means("average of the iterates reported beside θ");
  const Option momentum = number("momentum", MomentumOptions{}.momentum, MomentumOptions::kMomentum)
                              .sym("α").means("momentum α: decay of the velocity");
  const Option rho = number("rho", RmspropOptions{}.rho, RmspropOptions::kRho)
                         .sym("ρ").means("decay rate of the squared-gradient average");
  auto eps = [](double d) {
    return number("eps", d, AdamOptions::kEps).sym("δ").means("small constant for numerical stability");
  };
  const Option betas = [] {
    Option o = number("betas", Json::array({AdamOptions{}.beta1, AdamOptions{}.beta2}), AdamOptions::kBeta);
    o.type = OptionType::NumberArray;
    o.length = 2;
    o.symbol = "ρ₁, ρ₂";
    o.meaning = "decay rates [ρ₁, ρ₂] of the first and second moment estimates (or beta1/beta2, not both)";
    return o;
  }();
  const Option beta1 = number("beta1", AdamOptions{}.beta1, AdamOptions::kBeta).sym("ρ₁")
                           .means("alias of betas[0]").with("alias_of", {{"key", "betas"}, {"index", 0}});
  const Option beta2 = number("beta2", AdamOptions{}.beta2, AdamOptions::kBeta).sym("ρ₂")
                           .means("alias of betas[1]").with("alias_of", {{"key", "betas"}, {"index", 1}});

  // First-order options common to every method: lr, schedule, warm-up, method options, L2/clipping, averaging.
  auto first = [&](std::vector<Option> own, bool l2 = true) {
    std::vector<Option> v = {lr, schedule, warmup, warmup_factor};
    v.insert(v.end(), own.begin(), own.end());
    if (l2) v.push_back(weight_decay);
    v.push_back(clip_value);
    v.push_back(clip_norm);
    v.push_back(average);
    return v;
  };
  const Option lr_second = number("lr", 1.0, Range::positive()).sym("ε")
                               .means("step scale: Newton's step multiplier; for line searches the first trial step");
  const Option schedule_second = choice("schedule", "constant", {"constant"}, "schedules").means("only constant");
  const LineSearchOptions wolfe;
  const Option c1 = number("c1", wolfe.c1, LineSearchOptions::kC).sym("c₁")
                        .means("sufficient-decrease constant of the Wolfe conditions");
  auto c2 = [](double d) {
    return number("c2", d, LineSearchOptions::kC).sym("c₂").means("curvature constant of the strong Wolfe conditions (> c1)");
  };
  const Option max_ls = integer("max_line_search", wolfe.max_evaluations, LineSearchOptions::kMinEvaluations,
                                LineSearchOptions::kMaxEvaluations)
                            .means("most function evaluations per line search");
  const Option exact = choice("line_search", "auto", {"auto", "wolfe"})
                           .means("auto: the exact step on quadratics, else a strong-Wolfe search; wolfe: always search");
  auto second = [&](std::vector<Option> own) {
    std::vector<Option> v = {lr_second, schedule_second};
    v.insert(v.end(), own.begin(), own.end());
    v.push_back(average);
    return v;
  };

  const char* kFirst = "first_order";
  const char* kSecond = "second_order";
  return {
      optimizer("sgd", kFirst, "stochastic gradient descent: θ ← θ − εg", "Algorithm 8.1", "§8.3.1",
                "torch.optim.SGD(lr, weight_decay)", 0.1, first({})),
      optimizer("momentum", kFirst, "SGD with momentum: v ← αv − εg, θ ← θ + v", "Algorithm 8.2", "§8.3.2",
                "torch.optim.SGD(lr, momentum, dampening=0) (its v is ours divided by −ε)", 0.01, first({momentum})),
      optimizer("nesterov", kFirst, "Nesterov momentum: the gradient at the look-ahead θ + αv", "Algorithm 8.3",
                "§8.3.3; Sutskever et al. 2013", "torch.optim.SGD(lr, momentum, nesterov=True)", 0.01, first({momentum})),
      optimizer("adagrad", kFirst, "AdaGrad: per-parameter ε/(δ + √Σg²)", "Algorithm 8.4", "§8.5.1; Duchi et al. 2011",
                "torch.optim.Adagrad(lr, eps) (δ outside the root as here)", 0.01, first({eps(AdagradOptions{}.eps)})),
      optimizer("rmsprop", kFirst, "RMSProp: ε/√(δ + r) with r a moving average of g²", "Algorithm 8.5",
                "§8.5.2; Hinton 2012", "torch.optim.RMSprop(lr, alpha=ρ, eps) with eps_inside_sqrt: false", 0.001,
                first({rho, eps(RmspropOptions{}.eps),
                       boolean("eps_inside_sqrt", true).means("true: the book's √(δ + r); false: PyTorch's √r + δ")})),
      optimizer("rmsprop_nesterov", kFirst, "RMSProp with Nesterov momentum", "Algorithm 8.6", "§8.5.2",
                "(no PyTorch equivalent)", 0.001, first({rho, momentum, eps(RmspropNesterovOptions{}.eps)})),
      optimizer("adam", kFirst, "Adam: bias-corrected moment estimates ŝ/(√r̂ + δ)", "Algorithm 8.7",
                "§8.5.3; Kingma & Ba 2014", "torch.optim.Adam(lr, betas, eps, weight_decay)", 0.001,
                first({betas, beta1, beta2, eps(AdamOptions{}.eps)})),
      optimizer("adamw", kFirst, "Adam with decoupled weight decay θ ← θ − ελθ", "",
                "Loshchilov & Hutter 2019", "torch.optim.AdamW(lr, betas, eps, weight_decay)", 0.001,
                first({betas, beta1, beta2, eps(AdamOptions{}.eps),
                       number("weight_decay", AdamW<float>::kDefaultDecoupledWeightDecay,
                              AdamW<float>::kDecoupledWeightDecay).sym("λ")
                           .means("decoupled weight decay: θ shrinks by 1 − ελ each step (not added to g)")},
                      false)),
      optimizer("amsgrad", kFirst, "Adam with a non-decreasing second moment", "", "Reddi et al. 2018",
                "torch.optim.Adam(lr, betas, eps, weight_decay, amsgrad=True)", 0.001,
                first({betas, beta1, beta2, eps(AdamOptions{}.eps)})),
      optimizer("nadam", kFirst, "Adam with Nesterov momentum", "", "Dozat 2016",
                "torch.optim.NAdam(lr, betas, eps, weight_decay, momentum_decay) (PyTorch ≥ 2.0)", 0.002,
                first({betas, beta1, beta2, eps(NadamOptions{}.eps),
                       number("momentum_decay", NadamOptions{}.momentum_decay, NadamOptions::kMomentumDecay).sym("ψ").means("momentum schedule decay ψ")})),
      optimizer("adadelta", kFirst, "AdaDelta: step RMS over gradient RMS, no global rate needed", "",
                "Zeiler 2012", "torch.optim.Adadelta(lr, rho, eps)", 1.0, first({rho, eps(AdadeltaOptions{}.eps)})),
      optimizer("newton", kSecond, "Newton's method: θ ← θ − ε(H + αI)⁻¹g", "Algorithm 8.8", "§8.6.1",
                "(no PyTorch optimizer)", 1.0,
                second({number("damping", NewtonOptions{}.damping, NewtonOptions::kDamping)
                            .sym("α").means("Levenberg–Marquardt damping α"),
                        boolean("line_search", false).means("search along the Newton direction (strong Wolfe)"), c1,
                        c2(NewtonOptions{}.search.c2), max_ls})),
      optimizer("cg", kSecond, "nonlinear conjugate gradients with a line search", "Algorithm 8.9", "§8.6.2",
                "(no PyTorch optimizer)", 1.0,
                second({choice("beta", "pr_plus", {"fletcher_reeves", "polak_ribiere", "pr_plus"})
                            .sym("β").means("formula for β (eq. 8.30, 8.31; pr_plus: max(0, Polak–Ribière))"),
                        integer("restart", ConjugateGradientOptions{}.restart, 0, ConjugateGradientOptions::kMaxRestart)
                            .unit_("steps")
                            .means("reset β every k steps (0: only when not a descent direction)"),
                        exact, c1, c2(ConjugateGradientOptions{}.line_search.c2), max_ls})),
      optimizer("bfgs", kSecond, "BFGS: a quasi-Newton inverse-Hessian estimate", "", "§8.6.3",
                "(no PyTorch optimizer)", 1.0, second({exact, c1, c2(BfgsOptions{}.line_search.c2), max_ls})),
      optimizer("lbfgs", kSecond, "limited-memory BFGS", "", "§8.6.3",
                "torch.optim.LBFGS(history_size, line_search_fn=\"strong_wolfe\")", 1.0,
                second({integer("memory", LbfgsOptions{}.memory, LbfgsOptions::kMinMemory, LbfgsOptions::kMaxMemory)
                            .means("number of stored (s, y) pairs"),
                        c1, c2(LbfgsOptions{}.line_search.c2), max_ls})),
      optimizer("coordinate_descent", kSecond, "minimize along one coordinate at a time (line search)", "",
                "§8.7.2", "(no PyTorch optimizer)", 1.0,
                second({choice("order", "cyclic", {"cyclic", "random"}).means("order of the coordinates"),
                        integer("seed", CoordinateDescentOptions{}.seed, 0, kMaxSeed).means("seed of the random order"), c1,
                        c2(CoordinateDescentOptions{}.line_search.c2), max_ls})),
  };
}

// ---- readouts (rnn helper; run/repeated_multiplication.hpp) ---------------------------------

std::vector<Entry> readouts() {
  Option eigenvalues = number("eigenvalues", nullptr, Range::closed(-10.0, 10.0));
  eigenvalues.type = OptionType::NumberArray;
  eigenvalues.symbol = "λ";
  eigenvalues.meaning = "eigenvalues of a symmetric W = Q diag(λ) Qᵀ (instead of dim and spectral_radius; 1 to 64)";
  eigenvalues.with("max_length", 64).with("excludes", Json::array({"dim", "spectral_radius"}));
  return {
      entry("repeated_multiplication",
            "‖W^t v‖ for t = 0 … length, its eigen-components |c_i||λ_i|^t, and a chain of independent matrices "
            "of the same spectrum, ‖W_t ⋯ W_1 v‖",
            "§8.2.5, eq. 8.11–8.13; §10.7",
            {integer("length", 50, 1, 1000).unit_("steps").sym("t").means("number of multiplications"),
             integer("dim", 8, 1, 64).sym("n").means("size of W (with spectral_radius)"),
             number("spectral_radius", 1.0, Range::closed(0.0, 10.0)).sym("ρ")
                 .means("W = ρ·Q, Q a random orthogonal matrix: every |λ| = ρ"),
             eigenvalues}),
  };
}

// ---- test surfaces ---------------------------------------------------------------------------

SurfaceEntry surface(std::string name, std::string meaning, std::string source, std::vector<Option> options,
                     std::map<std::string, double> first_order_lr) {
  SurfaceEntry s;
  s.name = std::move(name);
  s.meaning = std::move(meaning);
  s.source = std::move(source);
  Option x0 = number("x0", nullptr);
  x0.type = OptionType::NumberArray;
  x0.meaning = "start point (default: the surface's own, see x0 of the surface)";
  x0.with("length_from", "dim");
  s.options = {x0};
  s.options.insert(s.options.end(), options.begin(), options.end());
  s.lr = std::move(first_order_lr);
  return s;
}

// A surface the user types (problems/formula.hpp). Its first-order rates cannot be measured: each
// is the smallest of the measured rates of the built-in surfaces with a minimum above (cautious —
// a student raises it, rather than starting from a rate that diverges).
SurfaceEntry formula_surface() {
  Option f;
  f.key = "f";
  f.type = OptionType::String;
  f.meaning = "f(x, y) in math.js syntax: + - * / ^ ( ), sin cos tan sec exp log sqrt abs sinh cosh tanh sech, "
              "pi, e; differentiated symbolically (needs the page or the Node runner)";
  f.with("required", true).with("max_length", static_cast<long long>(kMaxFormulaText));
  Option view = number("view", Json::array({-5.0, 5.0, -5.0, 5.0}));
  view.type = OptionType::NumberArray;
  view.length = 4;
  view.meaning = "the box the page shows, [xmin, xmax, ymin, ymax] (xmin < xmax, ymin < ymax)";
  SurfaceEntry s = surface("formula", "a function of x and y typed as a formula, with its exact gradient and Hessian",
                           "math.js derivative()", {f, view},
                           {{"sgd", 0.002}, {"momentum", 0.001}, {"nesterov", 0.001}, {"adagrad", 0.5},
                            {"rmsprop", 0.002}, {"rmsprop_nesterov", 0.0002}, {"adam", 0.1}, {"adamw", 0.1},
                            {"amsgrad", 0.05}, {"nadam", 0.02}, {"adadelta", 0.1}});
  s.user_function = true;
  return s;
}

// First-order learning rates per surface, measured from each surface's default start over a 1-2-5
// grid of rates (1e-4 … 2): on surfaces with a minimum, the rate with the lowest f after 2000 steps
// among those whose next larger grid rate is also finite for 2000 steps (a margin of 2–2.5×); on
// the saddles (unbounded below) the largest rate that stays finite with f > −10⁶ for 500 steps.
// tests/native/catalog_test.cpp checks each stays finite and decreases f over 300 steps.
std::vector<SurfaceEntry> surfaces() {
  Option eigenvalues = number("eigenvalues", nullptr);
  eigenvalues.type = OptionType::NumberArray;
  eigenvalues.range = Range::any();
  eigenvalues.symbol = "λ";
  eigenvalues.meaning = "the Hessian's eigenvalues (instead of condition and dim; 1 to 1000 of them)";
  eigenvalues.with("max_length", 1000).with("excludes", Json::array({"condition", "dim"}));
  return {
      surface("quadratic", "½ xᵀQ diag(λ)Qᵀx, λ spread geometrically from 1 to the condition number", "§4.3.1; §8.2.1",
              {number("condition", 10.0, Range::closed(1.0, 1e12)).sym("κ").means("condition number κ = λmax/λmin"),
               integer("dim", 2, 1, 1000).means("number of variables n"),
               number("angle", 30.0, Range::closed(-360.0, 360.0)).unit_("degrees")
                   .means("rotation of the eigenvectors (plane rotations by this angle)"),
               eigenvalues},
              {{"sgd", 0.1}, {"momentum", 0.1}, {"nesterov", 0.05}, {"adagrad", 1.0},
               {"rmsprop", 0.002}, {"rmsprop_nesterov", 0.0002}, {"adam", 1.0}, {"adamw", 1.0},
               {"amsgrad", 1.0}, {"nadam", 0.5}, {"adadelta", 0.5}}),
      surface("rosenbrock", "(a − x)² + b(y − x²)²: a curved narrow valley", "Rosenbrock 1960",
              {number("a", 1.0, Range::closed(-100.0, 100.0)).means("the minimizer is (a, a²)"),
               number("b", 100.0, Range{0.0, 1e6, true, false}).means("steepness of the valley walls")},
              {{"sgd", 0.002}, {"momentum", 0.001}, {"nesterov", 0.001}, {"adagrad", 1.0},
               {"rmsprop", 0.005}, {"rmsprop_nesterov", 0.0002}, {"adam", 0.1}, {"adamw", 0.1},
               {"amsgrad", 0.5}, {"nadam", 0.02}, {"adadelta", 0.2}}),
      surface("beale", "Σᵢ(cᵢ − x + xyⁱ)²: flat regions and sharp ridges; minimum (3, ½)", "Beale 1958", {},
              {{"sgd", 0.02}, {"momentum", 0.01}, {"nesterov", 0.005}, {"adagrad", 0.5},
               {"rmsprop", 0.002}, {"rmsprop_nesterov", 0.0002}, {"adam", 0.5}, {"adamw", 0.2},
               {"amsgrad", 1.0}, {"nadam", 0.1}, {"adadelta", 0.2}}),
      surface("booth", "(x + 2y − 7)² + (2x + y − 5)²: a quadratic bowl; minimum (1, 3)", "", {},
              {{"sgd", 0.05}, {"momentum", 0.1}, {"nesterov", 0.02}, {"adagrad", 1.0},
               {"rmsprop", 0.005}, {"rmsprop_nesterov", 0.0005}, {"adam", 1.0}, {"adamw", 1.0},
               {"amsgrad", 1.0}, {"nadam", 1.0}, {"adadelta", 1.0}}),
      surface("himmelblau", "(x² + y − 11)² + (x + y² − 7)²: four minima and four saddles", "Himmelblau 1972", {},
              {{"sgd", 0.01}, {"momentum", 0.01}, {"nesterov", 0.01}, {"adagrad", 1.0},
               {"rmsprop", 0.002}, {"rmsprop_nesterov", 0.0002}, {"adam", 0.5}, {"adamw", 1.0},
               {"amsgrad", 1.0}, {"nadam", 0.2}, {"adadelta", 0.2}}),
      surface("saddle", "x² − y²: a saddle point at 0, unbounded below", "§8.2.3", {},
              {{"sgd", 0.005}, {"momentum", 0.001}, {"nesterov", 0.001}, {"adagrad", 2.0},
               {"rmsprop", 1.0}, {"rmsprop_nesterov", 0.1}, {"adam", 1.0}, {"adamw", 2.0},
               {"amsgrad", 1.0}, {"nadam", 1.0}, {"adadelta", 1.0}}),
      surface("monkey_saddle", "x³ − 3xy²: a degenerate saddle (H = 0 at 0)", "§8.2.3", {},
              {{"sgd", 0.0005}, {"momentum", 2e-05}, {"nesterov", 2e-05}, {"adagrad", 1.0},
               {"rmsprop", 0.1}, {"rmsprop_nesterov", 0.01}, {"adam", 0.05}, {"adamw", 2.0},
               {"amsgrad", 0.05}, {"nadam", 0.05}, {"adadelta", 0.2}}),
      surface("cliff", "½y² + w(x − 3)² + ½h(1 − tanh(sx)): a wall that throws gradient descent far (Figure 8.3)",
              "§8.2.4", {number("height", 20.0, Range::closed(0.0, 1e6)).sym("h").means("height of the plateau"),
                         number("steepness", 50.0, Range{0.0, 1e4, true, false}).sym("s").means("steepness of the wall"),
                         number("bowl", 0.05, Range{0.0, 1e3, true, false}).sym("w").means("curvature of the bowl along x")},
              {{"sgd", 1.0}, {"momentum", 1.0}, {"nesterov", 0.5}, {"adagrad", 1.0},
               {"rmsprop", 0.005}, {"rmsprop_nesterov", 0.001}, {"adam", 1.0}, {"adamw", 0.2},
               {"amsgrad", 1.0}, {"nadam", 0.05}, {"adadelta", 1.0}}),
      surface("cd_counterexample", "(x₁ − x₂)² + α(x₁² + x₂²): coordinate descent crawls along the diagonal",
              "§8.7.2", {number("alpha", 0.01, Range::closed(0.0, 1e3)).sym("α").means("weight of the penalty"),
                         choice("variant", "book", {"book", "lecture"})
                             .means("book: α(x₁² + x₂²); lecture: the slide's α(x₁² − x₂²), a saddle")},
              {{"sgd", 0.2}, {"momentum", 0.2}, {"nesterov", 0.1}, {"adagrad", 1.0},
               {"rmsprop", 0.001}, {"rmsprop_nesterov", 0.0002}, {"adam", 1.0}, {"adamw", 1.0},
               {"amsgrad", 1.0}, {"nadam", 0.05}, {"adadelta", 0.5}}),
      // rastrigin: "lowest f after 2000 steps" would reward a rate that jumps into a lucky basin on a
      // surface of many minima; its rate is instead the largest grid rate whose 2000-step walk ends at
      // the local minimum of the start's basin (f within 0.01 of 17.909, the minimum near (3, −3)),
      // with the next larger grid rate ending there too (docs/continuation.md).
      surface("rastrigin", "A·n + Σ(xᵢ² − A cos 2πxᵢ): a grid of local minima around the global minimum 0 at 0",
              "Rastrigin 1974; §8.7.6", {integer("dim", 2, 1, 1000).means("number of variables n"),
                         number("A", 10.0, Range{0.0, 1e3, true, false}).sym("A").means("amplitude of the ripples")},
              {{"sgd", 0.002}, {"momentum", 0.002}, {"nesterov", 0.001}, {"adagrad", 0.2},
               {"rmsprop", 0.005}, {"rmsprop_nesterov", 0.005}, {"adam", 0.2}, {"adamw", 0.05},
               {"amsgrad", 0.2}, {"nadam", 0.01}, {"adadelta", 0.1}}),
      surface("sparse_coding", "½‖X − WH‖² + λΣ|H| over the dictionary W and codes H (dim atoms·(samples + features))",
              "§8.7.2", {integer("features", 4, 1, 64).sym("d").means("dimension of a sample"),
                         integer("atoms", 3, 1, 64).sym("k").means("dictionary size"),
                         integer("samples", 12, 1, 1000).sym("m").means("number of samples (atoms·(samples + features) ≤ 2000)"),
                         number("lambda", 0.1, Range::non_negative()).sym("λ").means("weight of the L1 penalty on H"),
                         number("noise", 0.01, Range::closed(0.0, 10.0)).means("noise of the generated X"),
                         number("density", 0.3, Range{0.0, 1.0, true, false}).means("fraction of nonzero true codes")},
              {{"sgd", 0.02}, {"momentum", 0.02}, {"nesterov", 0.01}, {"adagrad", 0.2},
               {"rmsprop", 0.005}, {"rmsprop_nesterov", 0.002}, {"adam", 0.05}, {"adamw", 0.05},
               {"amsgrad", 0.05}, {"nadam", 0.01}, {"adadelta", 0.1}}),
      formula_surface(),
  };
}

Catalog build_catalog() {
  Catalog c;
  c.spec = spec_options();
  c.datasets = datasets();
  c.activations = activations();
  c.losses = losses();
  c.initializers = initializers();
  c.norms = norms();
  c.schedules = schedules();
  c.averaging = averaging();
  c.optimizers = optimizers(c.schedules, c.averaging);
  c.surfaces = surfaces();
  c.network = network_options(c.initializers, c.activations, c.losses);
  c.layer = layer_options(c.initializers, c.activations, c.norms);
  c.trace = trace_options();
  c.continuation = continuation_options();
  c.landscape = landscape_options();
  c.racer = racer_options();
  c.change = change_options();
  c.stage = stage_options(entry_names(c.optimizers));
  c.hint = hint_options();
  c.distill = distill_options();
  c.curriculum = curriculum_options();
  c.readouts = readouts();
  // Second-order methods take their default step scale on every surface; first-order rates are
  // the measured tables of surfaces() (a missing one is a programming error).
  for (SurfaceEntry& s : c.surfaces) {
    for (const OptimizerEntry& o : c.optimizers) {
      if (o.kind == "second_order") s.lr[o.name] = o.option("lr").def.get<double>();
      if (!s.lr.count(o.name)) throw std::logic_error("catalog: surface " + s.name + " has no rate for " + o.name);
    }
  }
  return c;
}

template <typename E>
const E& find_entry(const std::vector<E>& list, const std::string& name, const char* what) {
  for (const E& e : list)
    if (e.name == name) return e;
  throw std::logic_error(std::string("catalog: no ") + what + " \"" + name + "\"");
}

const Option& find_option(const std::vector<Option>& list, const std::string& key, const char* where) {
  for (const Option& o : list)
    if (o.key == key) return o;
  throw std::logic_error(std::string("catalog: no option \"") + key + "\" in " + where);
}

// ---- JSON ------------------------------------------------------------------------------------

using OJson = nlohmann::ordered_json;

OJson to_json(const Option& o) {
  OJson j;
  j["key"] = o.key;
  j["type"] = option_type_name(o.type);
  if (!o.def.is_null()) j["default"] = o.def;
  const bool numeric = o.type == OptionType::Number || o.type == OptionType::Integer ||
                       o.type == OptionType::NumberArray || o.type == OptionType::ObjectArray;
  if (numeric && std::isfinite(o.range.lo)) {
    j["min"] = o.type == OptionType::Number || o.type == OptionType::NumberArray ? OJson(o.range.lo) : OJson(o.lo());
    if (o.range.lo_open) j["min_open"] = true;
  }
  if (numeric && std::isfinite(o.range.hi)) {
    j["max"] = o.type == OptionType::Number || o.type == OptionType::NumberArray ? OJson(o.range.hi) : OJson(o.hi());
    if (o.range.hi_open) j["max_open"] = true;
  }
  if (o.type == OptionType::Choice) j["choices"] = o.choices;
  if (!o.ref.empty()) j["ref"] = o.ref;
  if (o.length > 0) j["length"] = o.length;
  j["unit"] = o.unit;
  j["symbol"] = o.symbol;
  j["meaning"] = o.meaning;
  if (!o.when_key.empty()) j["when"] = {{o.when_key, o.when_values}};
  for (auto it = o.extra.begin(); it != o.extra.end(); ++it) j[it.key()] = it.value();
  return j;
}

OJson options_json(const std::vector<Option>& options) {
  OJson a = OJson::array();
  for (const Option& o : options) a.push_back(to_json(o));
  return a;
}

OJson entry_json(const Entry& e) {
  OJson j;
  j["name"] = e.name;
  j["meaning"] = e.meaning;
  j["source"] = e.source;
  j["options"] = options_json(e.options);
  return j;
}

template <typename E>
OJson entries_json(const std::vector<E>& list) {
  OJson a = OJson::array();
  for (const E& e : list) a.push_back(entry_json(e));
  return a;
}

OJson point_json(const VecD& v) {
  OJson a = OJson::array();
  for (Index i = 0; i < v.size(); ++i) a.push_back(v(i));
  return a;
}

OJson surface_json(const SurfaceEntry& e) {
  OJson j = entry_json(e);
  OJson lr;
  for (const OptimizerEntry& o : catalog().optimizers) lr[o.name] = e.lr.at(o.name);
  if (e.user_function) {  // no oracle: the user's f is unknown here; x0 and box are the defaults
    j["user_function"] = true;
    j["dim"] = 2;
    j["x0"] = OJson::array({0.0, 0.0});
    j["box"] = e.option("view").def;
    j["minimizers"] = OJson::array();
    j["saddles"] = OJson::array();
    j["f_min"] = nullptr;
    j["lr"] = lr;
    return j;
  }
  const std::unique_ptr<Surface> s = make_surface(e.name);
  j["dim"] = s->dim();
  j["x0"] = point_json(s->start());
  if (s->dim() == 2) j["box"] = s->view_box();
  OJson mins = OJson::array(), saddles = OJson::array();
  for (const VecD& m : s->minimizers()) mins.push_back(point_json(m));
  for (const VecD& m : s->saddle_points()) saddles.push_back(point_json(m));
  j["minimizers"] = mins;
  j["saddles"] = saddles;
  j["f_min"] = std::isfinite(s->minimum()) ? OJson(s->minimum()) : OJson(nullptr);  // null: unbounded below
  j["lr"] = lr;
  return j;
}

}  // namespace

const char* option_type_name(OptionType t) {
  switch (t) {
    case OptionType::Number: return "number";
    case OptionType::Integer: return "integer";
    case OptionType::Boolean: return "boolean";
    case OptionType::String: return "string";
    case OptionType::Choice: return "choice";
    case OptionType::NumberArray: return "number_array";
    case OptionType::ObjectArray: return "object_array";
    case OptionType::NumberMatrix: return "number_matrix";
    case OptionType::StringArray: return "string_array";
  }
  return "?";
}

const Option& Entry::option(const std::string& key) const { return find_option(options, key, name.c_str()); }

bool Entry::has_option(const std::string& key) const {
  for (const Option& o : options)
    if (o.key == key) return true;
  return false;
}

const Entry& Catalog::dataset(const std::string& name) const { return find_entry(datasets, name, "dataset"); }
const SurfaceEntry& Catalog::surface(const std::string& name) const { return find_entry(surfaces, name, "surface"); }
const OptimizerEntry& Catalog::optimizer(const std::string& name) const { return find_entry(optimizers, name, "optimizer"); }
const Entry& Catalog::schedule(const std::string& name) const { return find_entry(schedules, name, "schedule"); }
const Entry& Catalog::average(const std::string& name) const { return find_entry(averaging, name, "averaging"); }
const Entry& Catalog::initializer(const std::string& name) const { return find_entry(initializers, name, "initializer"); }
const Entry& Catalog::norm(const std::string& name) const { return find_entry(norms, name, "norm"); }
const Entry& Catalog::readout(const std::string& name) const { return find_entry(readouts, name, "readout"); }
const Option& Catalog::spec_option(const std::string& key) const { return find_option(spec, key, "spec"); }
const Option& Catalog::network_option(const std::string& key) const { return find_option(network, key, "network"); }
const Option& Catalog::layer_option(const std::string& key) const { return find_option(layer, key, "network.layers[]"); }
const Option& Catalog::trace_option(const std::string& key) const { return find_option(trace, key, "trace"); }
const Option& Catalog::landscape_option(const std::string& key) const {
  return find_option(landscape, key, "landscape");
}
const Option& Catalog::continuation_option(const std::string& key) const {
  return find_option(continuation, key, "continuation");
}
const Option& Catalog::stage_option(const std::string& key) const { return find_option(stage, key, "stages[]"); }
const Option& Catalog::hint_option(const std::string& key) const { return find_option(hint, key, "stages[].hint"); }
const Option& Catalog::distill_option(const std::string& key) const { return find_option(distill, key, "stages[].distill"); }
const Option& Catalog::curriculum_option(const std::string& key) const { return find_option(curriculum, key, "curriculum"); }

const Catalog& catalog() {
  static const Catalog c = build_catalog();
  return c;
}

double kind_default(const Option& o, const std::string& kind) {
  if (!o.extra.contains("defaults") || !o.extra["defaults"].contains(kind))
    throw std::logic_error("catalog: option \"" + o.key + "\" has no default for " + kind + " runs");
  return o.extra["defaults"][kind].get<double>();
}

std::string catalog_json() {
  const Catalog& c = catalog();
  OJson j;
  j["version"] = 1;
  j["default_names"] = {{"dataset", c.default_dataset}, {"optimizer", c.default_optimizer}};
  j["spec"] = {{"options", options_json(c.spec)}};
  j["datasets"] = entries_json(c.datasets);
  OJson surfaces = OJson::array();
  for (const SurfaceEntry& s : c.surfaces) surfaces.push_back(surface_json(s));
  j["surfaces"] = surfaces;
  OJson optimizers = OJson::array();
  for (const OptimizerEntry& o : c.optimizers) {
    OJson e = entry_json(o);
    e["kind"] = o.kind;
    e["algorithm"] = o.algorithm;
    e["pytorch"] = o.pytorch;
    e["lr"] = {{"network", o.network_lr}};
    optimizers.push_back(e);
  }
  j["optimizers"] = optimizers;
  j["schedules"] = entries_json(c.schedules);
  j["averaging"] = entries_json(c.averaging);
  j["initializers"] = entries_json(c.initializers);
  j["norms"] = entries_json(c.norms);
  j["activations"] = entries_json(c.activations);
  j["losses"] = entries_json(c.losses);
  j["network"] = {{"options", options_json(c.network)}, {"layer", {{"options", options_json(c.layer)}}}};
  j["trace"] = {{"options", options_json(c.trace)}};
  j["continuation"] = {{"runs", OJson::array({"surface"})}, {"options", options_json(c.continuation)}};
  j["landscape"] = {{"runs", OJson::array({"network"})}, {"options", options_json(c.landscape)}};
  j["race"] = {{"max_racers", kMaxRacers}, {"racer", {{"options", options_json(c.racer)}}},
               {"change", {{"options", options_json(c.change)}}}};
  j["stage"] = {{"options", options_json(c.stage)}};
  j["hint"] = {{"options", options_json(c.hint)}};
  j["distill"] = {{"options", options_json(c.distill)}};
  j["curriculum"] = {{"options", options_json(c.curriculum)}};
  j["teacher"] = {{"meaning", "the FitNets teacher: a network object with the options of network, trained by "
                               "stages with \"model\": \"teacher\""}, {"options_of", "network"}};
  j["readouts"] = entries_json(c.readouts);
  return j.dump();
}

}  // namespace optlab
