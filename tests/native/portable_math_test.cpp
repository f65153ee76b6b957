// Accuracy of the portable elementary functions (core/math/portable_math.*, and the float sigmoid
// kernel of core/nn/activation.cpp) against the system's
// libm: 10⁶ points per function across its domain, the error measured in ulps of the double result
// against glibc's long double function (64-bit significand, so an error of the reference is
// ~1/2000 ulp of a double), and special values (±0, ±∞, NaN, tiny and huge arguments, overflow
// and underflow thresholds) compared with glibc's double function.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "math/portable_math.hpp"
#include "math/rng.hpp"
#include "math/simd.hpp"
#include "nn/activation.hpp"
#include "test_support.hpp"

namespace pm = optlab::portable;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// |got − exact| in units of the spacing of doubles at the exact value (subnormal spacing below).
double ulp_error(double got, long double exact) {
  if (std::isnan(got) || std::isnan(exact)) return std::isnan(got) && std::isnan(exact) ? 0.0 : kInf;
  if (std::fabs(exact) > static_cast<long double>(DBL_MAX)) {  // beyond DBL_MAX: rounds to ±∞ or DBL_MAX
    const double rounded = static_cast<double>(exact);
    return got == rounded ? 0.0 : kInf;
  }
  if (std::isinf(exact) || std::isinf(got)) return static_cast<long double>(got) == exact ? 0.0 : kInf;
  int e;
  std::frexp(static_cast<double>(exact), &e);  // |exact| in [2^(e−1), 2^e)
  const double ulp = std::ldexp(1.0, std::max(e - 53, -1074));
  return static_cast<double>(std::fabs(static_cast<long double>(got) - exact) / ulp);
}

// A double with uniformly random bits among the finite ones of the given sign (log-uniform).
double random_finite(optlab::Rng& rng, bool negative) {
  for (;;) {
    std::uint64_t u = (static_cast<std::uint64_t>(rng.next_u32()) << 32) | rng.next_u32();
    u &= 0x7fffffffffffffffULL;
    if ((u >> 52) == 0x7ff) continue;
    if (negative) u |= 0x8000000000000000ULL;
    double x;
    std::memcpy(&x, &u, sizeof x);
    return x;
  }
}
double log_uniform(optlab::Rng& rng, double lo_exp2, double hi_exp2) {
  return std::exp2(rng.uniform(lo_exp2, hi_exp2));
}

struct Worst {
  double err = 0, at = 0, at_y = 0;
  void add(double e, double x, double y = 0) {
    if (e > err) err = e, at = x, at_y = y;
  }
};

// Max error of f against ref over n points drawn by sample(rng); points sample() returns NaN for
// are skipped.
template <class F, class R, class S>
Worst measure(F f, R ref, S sample, int n, std::uint64_t seed) {
  optlab::Rng rng(seed);
  Worst w;
  for (int i = 0; i < n; ++i) {
    const double x = sample(rng);
    w.add(ulp_error(f(x), ref(x)), x);
  }
  return w;
}

// Prints the measured maximum (the numbers quoted in portable_math.hpp) and checks the bound.
void report(const std::string& name, const Worst& w, double bound) {
  MESSAGE(name, ": max ", w.err, " ulp at x = ", w.at, (w.at_y != 0 ? ", y = " + std::to_string(w.at_y) : ""));
  CHECK(w.err <= bound);
}

// Results that are exact (0, ±∞, ±1, NaN) must match glibc's bits; others be within `ulps` of it.
void check_same(const std::string& label, double got, double want, double ulps) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "%s = %.17g, glibc %.17g", label.c_str(), got, want);
  INFO(buf);
  if (std::isnan(want)) {
    CHECK(std::isnan(got));
  } else if (std::isinf(want) || want == 0.0 || want == 1.0 || want == -1.0) {
    CHECK(got == want);
    CHECK(std::signbit(got) == std::signbit(want));
  } else {
    CHECK(ulp_error(got, want) <= ulps);
  }
}

template <class F, class G>
void check_special(const std::string& name, F f, G libm, double x, double ulps = 1.0) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%.17g)", x);
  check_same(name + buf, f(x), libm(x), ulps);
}

}  // namespace

TEST_CASE("portable exp, expm1, log and log1p are within 1 ulp over 10^6 points each") {
  const int n = 1000000;
  auto wide_exp = [](optlab::Rng& r) { return r.uniform() < 0.6 ? r.uniform(-745.13, 709.78) : (r.uniform() < 0.5 ? 1 : -1) * log_uniform(r, -60, 3); };
  const Worst e = measure(pm::exp, [](double x) { return expl(x); }, wide_exp, n, 1);
  report("exp", e, 1.0);

  auto wide_expm1 = [](optlab::Rng& r) { return r.uniform() < 0.6 ? r.uniform(-40, 709.78) : (r.uniform() < 0.5 ? 1 : -1) * log_uniform(r, -60, 3); };
  const Worst em = measure(pm::expm1, [](double x) { return expm1l(x); }, wide_expm1, n, 2);
  report("expm1", em, 1.0);

  auto positive = [](optlab::Rng& r) { return r.uniform() < 0.5 ? random_finite(r, false) : r.uniform(0.5, 2.0); };
  const Worst l = measure(pm::log, [](double x) { return logl(x); }, positive, n, 3);
  report("log", l, 1.0);

  auto above_minus_one = [](optlab::Rng& r) {
    const double u = r.uniform();
    if (u < 0.4) return r.uniform(-1.0, 1.0);
    if (u < 0.7) return (r.uniform() < 0.5 ? 1 : -1) * log_uniform(r, -60, -1);
    return random_finite(r, false);
  };
  const Worst lp = measure(pm::log1p, [](double x) { return log1pl(x); }, above_minus_one, n, 4);
  report("log1p", lp, 1.0);
}

TEST_CASE("portable sin and cos are within 1 ulp over 10^6 points each, huge arguments included") {
  const int n = 1000000;
  // Moderate arguments against glibc's long double; huge ones (where the reduction is the hard
  // part) against glibc's double functions, which reduce exactly too.
  auto moderate = [](optlab::Rng& r) {
    const double u = r.uniform();
    if (u < 0.5) return r.uniform(-10.0, 10.0);
    return (r.uniform() < 0.5 ? 1 : -1) * log_uniform(r, -40, 16);
  };
  for (int which = 0; which < 2; ++which) {
    auto f = which == 0 ? pm::sin : pm::cos;
    auto ref = [which](double x) -> long double { return which == 0 ? sinl(x) : cosl(x); };
    const Worst m = measure(f, ref, moderate, n / 2, 5 + which);
    const Worst h = measure(
        f, [which](double x) -> long double { return which == 0 ? std::sin(x) : std::cos(x); },
        [](optlab::Rng& r) { return r.uniform() < 0.5 ? random_finite(r, r.uniform() < 0.5) : log_uniform(r, 16, 80); },
        n / 2, 7 + which);
    const std::string name = which == 0 ? "sin" : "cos";
    report(name + " (|x| < 2^16, vs long double)", m, 1.0);
    report(name + " (any finite double, vs glibc's double)", h, 1.0);
  }
}

TEST_CASE("portable tanh is within 2.5 ulp and cosh within 2 ulp over 10^6 points each") {
  const int n = 1000000;
  auto args = [](optlab::Rng& r) {
    const double u = r.uniform();
    if (u < 0.5) return r.uniform(-25.0, 25.0);
    if (u < 0.8) return (r.uniform() < 0.5 ? 1 : -1) * log_uniform(r, -60, 0);
    return r.uniform(-711.0, 711.0);
  };
  const Worst t = measure(pm::tanh, [](double x) { return tanhl(x); }, args, n, 9);
  report("tanh", t, 2.5);
  const Worst c = measure(pm::cosh, [](double x) { return coshl(x); }, args, n, 10);
  report("cosh", c, 2.0);
}

TEST_CASE("portable pow is within 1 ulp over 10^6 points, however large y·ln x is") {
  optlab::Rng rng(11);
  Worst w;
  for (int i = 0; i < 1000000; ++i) {
    double x, y;
    const double u = rng.uniform();
    if (u < 0.3) {  // the lab's uses: β^t, γ^k, κ^{i/(n−1)}
      x = rng.uniform(0.0, 1.0);
      y = std::floor(rng.uniform(0, 1e6));
    } else if (u < 0.6) {
      x = rng.uniform(0.0, 4.0);
      y = rng.uniform(-50.0, 50.0);
    } else {  // anything that neither overflows nor underflows by far
      x = random_finite(rng, false);
      const double lx = std::log(x);
      y = rng.uniform(-740.0, 709.0) / (lx == 0 ? 1.0 : lx);
    }
    if (rng.uniform() < 0.1) {  // negative base, integer exponent
      x = -x;
      y = std::floor(y);
    }
    const long double exact = powl(static_cast<long double>(x), static_cast<long double>(y));
    if (std::fabs(exact) < DBL_MIN) continue;  // powl's own subnormal rounding is not the reference
    w.add(ulp_error(pm::pow(x, y), exact), x, y);
  }
  report("pow", w, 1.0);
}

TEST_CASE("portable functions: special values as C99 Annex F and glibc give them") {
  const double specials[] = {0.0, -0.0, kInf, -kInf, kNaN, DBL_MIN, -DBL_MIN, 4.9406564584124654e-324,
                             -4.9406564584124654e-324, DBL_MAX, -DBL_MAX, 1e-300, 1e300, -1e300, 1.0, -1.0,
                             0.5, 2.0, 709.782712893384, 709.7827128933841, -745.1332191019411,
                             -745.1332191019412, -745.14, 710.4758600739439, 710.475860073944, 22.0, -22.0,
                             40.0, -40.0, 1e-20, -1e-20, 3.141592653589793, 1.5707963267948966,
                             1647099.3291652855, 1647099.3291652857, 6381956970095103.0 * 1048576.0};
  for (double x : specials) {
    check_special("exp", pm::exp, [](double v) { return std::exp(v); }, x);
    check_special("expm1", pm::expm1, [](double v) { return std::expm1(v); }, x);
    check_special("log", pm::log, [](double v) { return std::log(v); }, x);
    check_special("log1p", pm::log1p, [](double v) { return std::log1p(v); }, x);
    check_special("sin", pm::sin, [](double v) { return std::sin(v); }, x);
    check_special("cos", pm::cos, [](double v) { return std::cos(v); }, x);
    check_special("tanh", pm::tanh, [](double v) { return std::tanh(v); }, x, 2.5);
    check_special("cosh", pm::cosh, [](double v) { return std::cosh(v); }, x, 2.0);
  }
  // The double closest to a multiple of π/2 (6381956970095103·2^797, remainder ≈ 2^−61, Kahan &
  // McDonald): exactly cos x = −sin(x − (4m+1)π/2) = −4.6871659242546277e−19 to the nearest double
  // (1600-bit arithmetic in scripts/generate_portable_math_constants.py). glibc 2.36's cos is
  // 8 ulp off here; the Payne–Hanek reduction gets it right.
  CHECK(pm::cos(5.319372648326541e+255) == -4.6871659242546277e-19);
  CHECK(pm::sin(5.319372648326541e+255) == 1.0);
  CHECK(pm::log1p(-1.0) == -kInf);
  CHECK(std::isnan(pm::log1p(-1.5)));
  CHECK(std::isnan(pm::log(-1e-300)));
  const double ys[] = {0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 0.5, -0.5, kInf, -kInf, kNaN, 1e300, -1e300,
                       9007199254740993.0, 1075.0, -1075.0};
  for (double x : specials) {
    for (double y : ys) {
      char buf[80];
      std::snprintf(buf, sizeof buf, "pow(%.17g, %.17g)", x, y);
      check_same(buf, pm::pow(x, y), std::pow(x, y), 1.0);
    }
  }
}

TEST_CASE("the sigmoid kernel is within 2.5 float ulps of 1/(1 + e^-x) over 10^6 points; packed and scalar paths agree") {
  const int n = 1000000;
  optlab::Rng rng(12);
  std::vector<float> x(n), packed(n), scalar(n);
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    x[i] = static_cast<float>(u < 0.8 ? rng.uniform(-20.0, 20.0) : rng.uniform(-110.0, 110.0));
  }
  x[0] = 0.f, x[1] = -0.f, x[2] = kInf, x[3] = -kInf, x[4] = 88.f, x[5] = -88.f, x[6] = -103.9f, x[7] = -104.5f;
  optlab::activation_forward(optlab::Activation::Sigmoid, x.data(), packed.data(), n);
  optlab::simd::set_enabled(false);
  optlab::activation_forward(optlab::Activation::Sigmoid, x.data(), scalar.data(), n);
  optlab::simd::set_enabled(true);
  Worst w;
  int differ = 0;
  for (int i = 0; i < n; ++i) {
    const float one = optlab::sigmoid_float(x[i]);
    differ += std::memcmp(&packed[i], &scalar[i], sizeof(float)) != 0;
    differ += std::memcmp(&packed[i], &one, sizeof(float)) != 0;
    const long double exact = 1.0L / (1.0L + expl(-static_cast<long double>(x[i])));
    int e;
    std::frexp(static_cast<double>(exact), &e);
    const double ulp = std::ldexp(1.0, std::max(e - 24, -149));  // float spacing at the exact value
    w.add(static_cast<double>(std::fabs(static_cast<long double>(packed[i]) - exact) / ulp), x[i]);
  }
  CHECK(differ == 0);
  report("sigmoid (float ulps)", w, 2.5);
  CHECK(optlab::sigmoid_float(kInf) == 1.f);
  CHECK(optlab::sigmoid_float(-kInf) == 0.f);
  CHECK(optlab::sigmoid_float(0.f) == 0.5f);
  CHECK(std::isnan(optlab::sigmoid_float(std::numeric_limits<float>::quiet_NaN())));
}
